#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace herald {

class Clock;
class Database;

// What erasing one person did.
struct ErasureResult
{
    QString phone;            // E.164, as erased
    qint64 rows = 0;          // queue rows whose personal fields were erased
    qint64 campaigns = 0;     // campaigns those rows belong to
    qint64 withdrawn = 0;     // of them, rows still waiting: now failed ("erased"), never sent
    qint64 webhookEvents = 0; // parked delivery callbacks whose recipient and payload were erased
    bool optOutAdded = false;
    bool onOptOutList = false; // after the erasure
};

// Removes one person's personal data from every campaign while keeping what the campaigns
// counted. A queue row is the only place Herald keeps a recipient's details: its phone,
// contact name and template parameters, and the answers that may quote them (error details,
// Meta's message and trace ids). The row itself stays, with its status, error code and reason,
// times and country, so that totals, sent, failed, the history charts and a recount from the
// rows are unchanged; only its phone becomes "erased:<row id>" (unique within the campaign, as
// the schema requires, and never a number anyone can be messaged at).
//
// Rows still waiting to be sent become failed with reason "erased": the person is never
// messaged afterwards, and the campaign's failed count grows by them (total and sent do not
// change, and the counters still equal a recount). A row being sent at that moment makes the
// erasure refuse, since the sender already holds the number; it succeeds once the message is
// answered.
//
// The opt-out list is left alone unless asked: an opt-out is the person's own wish not to be
// messaged, and erasing it would let the next import message them again.
class Erasure
{
    Q_DECLARE_TR_FUNCTIONS(Erasure)

public:
    // The failure reason of rows withdrawn by an erasure.
    static inline const QString Reason = QStringLiteral("erased");
    // Erased phones start with this; no valid number does.
    static inline const QString PhonePrefix = QStringLiteral("erased:");

    Erasure(Database &db, const Clock &clock);

    // In one transaction. `e164` must already be normalized (PhoneNormalizer). Throws DbError
    // (Refused) when a message to the number is in flight.
    ErasureResult erasePhone(const QString &e164, bool addOptOut);

    // Erases the personal fields of every row of the campaign not erased yet, in the caller's
    // transaction; the campaign must have nothing in flight. Returns the rows erased.
    static qint64 eraseCampaignRows(Database &db, const QString &campaignId, const QDateTime &now);

    // The SET list both use.
    static QString erasedFieldsSql();

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
