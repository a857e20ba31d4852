#include "privacy/Erasure.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "optout/OptOutStore.h"
#include "queue/Counters.h"

#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace herald {

Erasure::Erasure(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString Erasure::erasedFieldsSql()
{
    // The row id makes the placeholder unique within the campaign (UNIQUE (campaign_id, phone)).
    return u"phone = '"_s + PhonePrefix +
           u"' || id, contact_name = NULL, params = '{}', error_details = NULL, wamid = NULL, "
           "fbtrace_id = NULL, late_error_details = NULL, updated_at = ?"_s;
}

ErasureResult Erasure::erasePhone(const QString &e164, bool addOptOut)
{
    ErasureResult result;
    result.phone = e164;
    if (e164.isEmpty() || e164.startsWith(PhonePrefix)) {
        throw DbError(DbError::Kind::Refused, tr("No phone number to erase."));
    }
    Transaction tx(m_db);
    const QDateTime nowTime = m_clock.now();
    const QVariant now = m_db.timeValue(nowTime);

    // Campaign by campaign, so that every look-up uses the (campaign_id, phone) index instead
    // of reading the whole queue.
    QList<QPair<QString, QString>> campaigns;
    {
        QSqlQuery q = m_db.run(u"SELECT id, name FROM campaigns ORDER BY id"_s); // Counters::lock's order
        while (q.next()) {
            campaigns.append({q.value(0).toString(), q.value(1).toString()});
        }
    }
    QSqlQuery rowStatus =
        m_db.prepare(u"SELECT status FROM send_queue WHERE campaign_id = ? AND phone = ?"_s);
    QSqlQuery withdraw = m_db.prepare(
        u"UPDATE send_queue SET status = 'failed', error_code = NULL, error_reason = ?, error_details = "
        u"NULL, "
        "next_attempt_at = NULL, claimed_by = NULL, claimed_at = NULL, failed_at = ?, updated_at = ? "
        "WHERE campaign_id = ? AND phone = ? AND status = 'ready'"_s);
    QSqlQuery erase = m_db.prepare(u"UPDATE send_queue SET "_s + erasedFieldsSql() +
                                   u" WHERE campaign_id = ? AND phone = ?"_s);
    for (const auto &[id, name] : std::as_const(campaigns)) {
        Database::exec(rowStatus, {id, e164});
        if (!rowStatus.next()) {
            continue;
        }
        rowStatus.finish();
        // The campaign before its row (Counters::lock), then the row's state under that lock:
        // no claim can take it in between.
        Counters::lock(m_db, {id});
        Database::exec(rowStatus, {id, e164});
        const QString status = rowStatus.next() ? rowStatus.value(0).toString() : QString();
        rowStatus.finish();
        if (status == "processing"_L1) {
            throw DbError(DbError::Kind::Refused,
                          tr("A message to %1 is being sent right now (campaign \"%2\"); nothing was erased. "
                             "Try again once it is answered, or after herald-cli repair if no sender is "
                             "running.")
                              .arg(e164, name));
        }
        Database::exec(withdraw, {Reason, now, now, id, e164});
        const qint64 withdrawn = withdraw.numRowsAffected();
        if (withdrawn > 0) {
            Counters::apply(m_db, id, 0, 0, withdrawn, m_clock);
            result.withdrawn += withdrawn;
        }
        Database::exec(erase, {now, id, e164});
        const qint64 n = erase.numRowsAffected();
        result.rows += n;
        result.campaigns += n > 0 ? 1 : 0;
    }

    // Callbacks kept because they matched no row yet name the person by their WhatsApp id (the
    // number's digits) in the column and in the payload Meta sent.
    QSqlQuery events =
        m_db.run(u"UPDATE webhook_events SET recipient = NULL, payload = NULL WHERE recipient = ?"_s,
                 {e164.startsWith(u'+') ? e164.mid(1) : e164});
    result.webhookEvents = events.numRowsAffected();

    OptOutStore optOuts(m_db, m_clock);
    if (addOptOut) {
        result.optOutAdded =
            optOuts.add(e164, OptOutStore::Source::Manual, tr("Personal data erased on request"));
    }
    result.onOptOutList = optOuts.contains(e164);
    tx.commit();
    return result;
}

qint64 Erasure::eraseCampaignRows(Database &db, const QString &campaignId, const QDateTime &now)
{
    // NOT LIKE on the (campaign_id, phone) index entries: rows erased before are skipped
    // without being read.
    QSqlQuery q = db.run(u"UPDATE send_queue SET "_s + erasedFieldsSql() +
                             u" WHERE campaign_id = ? AND phone NOT LIKE '"_s + PhonePrefix + u"%'"_s,
                         {db.timeValue(now), campaignId});
    return q.numRowsAffected();
}

} // namespace herald
