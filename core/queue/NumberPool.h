#pragma once

#include "queue/QueueTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

class Clock;
class Database;

// One phone number of a campaign's pool.
struct PoolNumber
{
    QString id;
    int position = 0;
    bool active = true;
    QString outReason; // why it left the pool
    QDateTime outAt;

    QString outReasonLine() const { return outReason.section(u'\n', 0, 0); } // without Meta's details
};

// A pool number's share of the campaign, for `status --json` and the console.
struct PoolNumberProgress
{
    PoolNumber number;
    qint64 waiting = 0; // ready or in flight
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 sentLastMinute = 0; // sent in the minute before progress() was asked: its rate

    static constexpr int RateWindowSeconds = 60;
    double ratePerSecond() const { return double(sentLastMinute) / RateWindowSeconds; }
};

// A recorded move of recipients from a number out of the pool to the active ones.
struct Reassignment
{
    QString from;
    QStringList to;
    qint64 moved = 0;
    QDateTime at;
    QString by;
};

// A campaign sent from several phone numbers of the account (table campaign_numbers): the one
// place that assigns recipients to numbers, takes a number out, and moves recipients when the
// user says so. A recipient keeps its number (send_queue.phone_number_id) through retries and
// resends; a campaign without a pool sends every row from its one number, as before pools.
class NumberPool
{
    Q_DECLARE_TR_FUNCTIONS(NumberPool)

public:
    NumberPool(Database &db, const Clock &clock);

    // What is wrong with `ids` as a pool (at least two distinct phone number IDs); empty if fine.
    static QString idsProblem(const QStringList &ids);

    // Makes `ids` the campaign's pool and assigns its recipients; the campaign's own number
    // becomes the first. Only before it sends: refused (DbError) once it has sent or runs.
    void set(const QString &campaignId, const QStringList &ids);
    // The same inside the caller's transaction, with the campaign row already locked (a campaign
    // created with its pool: CampaignStore::create).
    void setWithin(const QString &campaignId, const QStringList &ids);
    // What a user chose before the campaign sends: one number (the campaign's own; no pool) or
    // several (a pool, as set()). Refused like set() once it has started.
    void choose(const QString &campaignId, const QStringList &ids);
    QList<PoolNumber> of(const QString &campaignId) const; // by position; empty: no pool
    // The numbers out of `pool`, each with why: "ID (reason); ID (reason)".
    static QString describeOut(const QList<PoolNumber> &pool);
    QStringList active(const QString &campaignId) const;

    // Gives each claimed row that has no number yet (contacts added after the pool was set) one
    // of `active` by the same rule, and stores it: it keeps that number from then on. In the
    // claim's transaction (QueueEngine::claim), so a row is never handed out without its number.
    void pin(const QStringList &active, QList<ClaimedMessage> &claimed);
    // Takes `id` out of the pool with the reason; false when it was out already or not in it.
    bool takeOut(const QString &campaignId, const QString &id, const QString &reason);
    // Moves the ready rows of the numbers out of the pool (only `from`'s when given) to the
    // active numbers, round robin, and records each move. Refused (DbError) when no number is
    // active. Rows in flight stay where they are.
    QList<Reassignment> reassign(const QString &campaignId, const QString &from, const QString &by);
    QList<Reassignment> reassignments(const QString &campaignId) const;

    QList<PoolNumberProgress> progress(const QString &campaignId) const;
    // Rows still to send: ready for numbers out of the pool (they wait for a reassignment), and
    // all the others (ready or in flight).
    struct Waiting
    {
        qint64 forOut = 0;
        qint64 others = 0;
    };
    // `outNumbers`: the numbers the caller no longer sends from (its own view: a take-out it
    // could not write yet counts too).
    Waiting waiting(const QString &campaignId, const QStringList &outNumbers) const;

private:
    void refuseIfStarted(const QString &campaignId); // in the caller's transaction; locks the campaign
    // Stores `ids` as the campaign's number (one) or pool (several) and clears its rows' numbers,
    // giving them one of the pool's again; in the caller's transaction.
    void assign(const QString &campaignId, const QStringList &ids);
    qint64 spread(const QString &campaignId, const QString &whereRows, const QVariantList &values,
                  const QStringList &to);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
