#include "data/CampaignMonitor.h"

#include "db/Clock.h"
#include "db/Database.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald::ui {

bool CampaignRow::sameFigures(const CampaignRow &o) const
{
    const bool sameSender = sender.has_value() == o.sender.has_value() &&
                            (!sender || (sender->id == o.sender->id && sender->live == o.sender->live));
    return id == o.id && name == o.name && status == o.status && statusReason == o.statusReason &&
           total == o.total && sent == o.sent && failed == o.failed && delivered == o.delivered &&
           read == o.read && failedAfterSend == o.failedAfterSend && deliveryTracked == o.deliveryTracked &&
           lastCallbackAt == o.lastCallbackAt && callbacksQuiet == o.callbacksQuiet &&
           qFuzzyCompare(1 + rate, 1 + o.rate) && etaSeconds == o.etaSeconds && startTime == o.startTime &&
           endTime == o.endTime && scheduledAt == o.scheduledAt && due == o.due && sameSender;
}

CampaignMonitor::CampaignMonitor(const Clock &clock)
    : m_clock(clock)
{
    m_time.start();
}

CampaignsSnapshot CampaignMonitor::poll(Database &db)
{
    QElapsedTimer took;
    took.start();
    CampaignsSnapshot snap;
    snap.takenAt = m_clock.now();
    const qint64 nowMs = m_time.elapsed();
    // Two light queries: who sends, and what each holds.
    const SenderPresence presence(db, m_clock);
    const QList<SenderInfo> senders = presence.senders();
    const QList<SenderPresence::Hold> holds = presence.holds();
    const QHash<QString, SenderInfo> holders = SenderPresence::firstHolders(senders, holds);
    QHash<QString, QStringList> held; // campaign ids by sender, named below
    for (const SenderPresence::Hold &h : holds) {
        held[h.senderId] << h.campaignId;
    }
    for (const SenderInfo &s : senders) {
        snap.senders << SenderRow{s, held.value(s.id)};
    }
    // The business numbers a webhook receiver reports callbacks for: a handful of rows.
    QHash<QString, QDateTime> callbacks;
    QSqlQuery sources = db.run(u"SELECT phone_number_id, last_callback_at FROM webhook_sources"_s);
    while (sources.next()) {
        callbacks.insert(sources.value(0).toString(), Database::readTime(sources.value(1)));
    }
    QSqlQuery q = db.run(u"SELECT id, name, template_name, template_language, phone_number_id, status, "
                         "status_reason, total_contacts, total_sent, total_failed, settings, created_at, "
                         "start_time, end_time, updated_at, scheduled_at, total_delivered, total_read, "
                         "total_failed_after_send FROM campaigns ORDER BY created_at DESC, name"_s);
    QSet<QString> seen;
    while (q.next()) {
        CampaignRow r;
        r.id = q.value(0).toString();
        r.name = q.value(1).toString();
        r.templateName = q.value(2).toString();
        r.templateLanguage = q.value(3).toString();
        r.phoneNumberId = q.value(4).toString();
        r.status = CampaignStatusMachine::fromString(q.value(5).toString()).value_or(CampaignStatus::Draft);
        r.statusReason = q.value(6).toString();
        r.total = q.value(7).toLongLong();
        r.sent = q.value(8).toLongLong();
        r.failed = q.value(9).toLongLong();
        r.pending = std::max<qint64>(0, r.total - r.sent - r.failed);
        r.settings = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
        r.createdAt = Database::readTime(q.value(11));
        r.startTime = Database::readTime(q.value(12));
        r.endTime = Database::readTime(q.value(13));
        r.updatedAt = Database::readTime(q.value(14));
        r.scheduledAt = Database::readTime(q.value(15));
        // Decided here, on the data thread, so that the snapshot changes when a campaign falls due.
        r.due =
            r.status == CampaignStatus::Scheduled && r.scheduledAt.isValid() && r.scheduledAt <= snap.takenAt;
        if (const auto it = holders.constFind(r.id); it != holders.cend()) {
            r.sender = *it;
        }
        r.delivered = q.value(16).toLongLong();
        r.read = q.value(17).toLongLong();
        r.failedAfterSend = q.value(18).toLongLong();
        if (const auto it = callbacks.constFind(r.phoneNumberId); it != callbacks.cend()) {
            r.deliveryTracked = true;
            r.lastCallbackAt = *it;
            const QDateTime since = r.startTime.isValid() && r.startTime > *it ? r.startTime : *it;
            r.callbacksQuiet = r.status == CampaignStatus::Running && r.sent > 0 && since.isValid() &&
                               since.msecsTo(snap.takenAt) >= CampaignRow::CallbacksQuietAfterMs;
        }
        rateOf(r, nowMs);
        seen.insert(r.id);
        snap.rows << r;
    }
    QHash<QString, QString> names;
    for (const CampaignRow &r : std::as_const(snap.rows)) {
        names.insert(r.id, r.name);
    }
    for (SenderRow &s : snap.senders) {
        for (QString &campaign : s.campaigns) {
            campaign = names.value(campaign, campaign);
        }
    }
    for (auto it = m_samples.begin(); it != m_samples.end();) {
        it = seen.contains(it.key()) ? std::next(it) : m_samples.erase(it);
    }
    snap.pollMs = took.elapsed();
    return snap;
}

void CampaignMonitor::rateOf(CampaignRow &row, qint64 nowMs)
{
    std::deque<Sample> &samples = m_samples[row.id];
    const qint64 done = row.sent + row.failed;
    // A resend lowers the figure: start counting afresh.
    if (!samples.empty() && done < samples.back().done) {
        samples.clear();
    }
    samples.push_back({nowMs, done});
    while (samples.size() > 2 && nowMs - samples.front().atMs > RateWindowMs) {
        samples.pop_front();
    }
    const qint64 dt = nowMs - samples.front().atMs;
    const bool active = row.status == CampaignStatus::Running;
    row.rate = active && dt >= 500 ? double(done - samples.front().done) * 1000.0 / double(dt) : 0.0;
    row.etaSeconds = active && row.rate > 0.05 ? qint64(double(row.pending) / row.rate) : -1;
}

} // namespace herald::ui
