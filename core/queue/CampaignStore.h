#pragma once

#include "queue/Campaign.h"

#include <QList>

#include <optional>

namespace herald {

class Clock;
class Database;

// Campaigns: creation, lookup and every status change, each checked by the state machine.
class CampaignStore
{
public:
    explicit CampaignStore(Database &db, const Clock &clock);

    // The longest campaign name, in characters (code points): room for any real name, and short
    // enough for a table cell, a window title and a file name made from it.
    static constexpr qsizetype kMaxNameLength = 200;
    // Why `name` (already trimmed) cannot name a campaign, for the user; empty when it can.
    // Refused: empty, longer than kMaxNameLength, control characters (NUL, which PostgreSQL text
    // cannot hold, line breaks and tabs, which break every listing), unpaired surrogates (not
    // Unicode: they cannot be stored as UTF-8), and U+FFFD, which is what text that was not
    // valid UTF-8 (a command-line argument, a pasted byte string) turned into on the way in.
    static QString nameProblem(const QString &name);

    // Creates a draft. Throws DbError when the name is taken or has a nameProblem(). `numbers`:
    // a pool of the account's numbers (NumberPool) instead of spec.phoneNumberId, stored in the
    // same transaction, so there is never a campaign without the pool it was created with.
    Campaign create(const NewCampaign &spec, const QStringList &numbers = {});

    std::optional<Campaign> findByName(const QString &name) const;
    std::optional<Campaign> findById(const QString &id) const;
    // Throws DbError "no campaign named …" when absent.
    Campaign byName(const QString &name) const;
    Campaign byId(const QString &id) const;
    // Holds the campaign's row until the transaction ends, so that transactions adding rows to
    // one campaign follow one another (PostgreSQL; on SQLite the write lock already does). An
    // import's added ids are then its own (AddedRows).
    void lockForAdding(const QString &id);
    QList<Campaign> list() const;
    // What a worker looks at every few seconds: running and scheduled campaigns, oldest first.
    QList<Campaign> runningOrScheduled() const;

    // Moves a campaign to a new status, with the reason shown to the user for paused and
    // stopped. Throws DbError naming both states when the state machine refuses, or when
    // starting/reopening a campaign with nothing queued.
    Campaign transition(const QString &id, CampaignStatus to, const QString &reason = {});
    // The same, for a caller that already holds a Transaction on this database.
    void transitionInTransaction(const QString &id, CampaignStatus to, const QString &reason = {});

    void updateSettings(const QString &id, const QJsonObject &settings);

    // Deletes a draft with everything queued for it: what leaving the new-campaign wizard after
    // its import does. False (nothing deleted) when the campaign is gone or no longer a draft.
    bool removeDraft(const QString &id);

    // A draft's name and rate ceiling (messages per second; unset: the phone number's own).
    // Throws DbError with the user's message when the name is empty or taken, the rate is not
    // above 0, or the campaign is no longer a draft.
    Campaign updateDraft(const QString &id, const QString &name, std::optional<double> rate);
    // "Change mapping": the draft `newId` (imported again) takes the place of the draft
    // `oldId`: the old one and its rows are deleted, the new one gets its name (and its rate
    // ceiling when it has none of its own), in one transaction. Throws DbError when either is
    // gone or no longer a draft.
    Campaign replaceDraft(const QString &oldId, const QString &newId);

private:
    QList<Campaign> select(const QString &where, const QVariantList &values) const;

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
