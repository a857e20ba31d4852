#include "WorkerLoop.h"

#include "CliContext.h"
#include "CliError.h"
#include "SignalWatcher.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "queue/CampaignStore.h"
#include "queue/Schedule.h"
#include "sender/SendPlanner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace herald::cli {

namespace {
// How long a campaign this worker could not send is left alone before it is tried again: held by
// a console or a run, refused by the planner (a template not synced), or the database failing.
constexpr auto RefusedWait = 15s;
// How often a line per campaign being sent says how far it is.
constexpr auto ReportInterval = 30s;
// How long the worker waits for its sign-off to be written on the way out.
constexpr int SignOffWaitMs = 10'000;
} // namespace

WorkerLoop::WorkerLoop(CliContext &context, WorkerOptions options)
    : m_context(context)
    , m_options(std::move(options))
{
    m_clock.start();
    connect(&m_poll, &QTimer::timeout, this, &WorkerLoop::tick);
    connect(&m_report, &QTimer::timeout, this, &WorkerLoop::report);
    connect(&m_sender, &Sender::finished, this, &WorkerLoop::onFinished);
    connect(&m_sender, &Sender::progress, this, &WorkerLoop::onProgress);
}

ExitCode WorkerLoop::run()
{
    SignalWatcher signals;
    connect(&signals, &SignalWatcher::interrupted, this, &WorkerLoop::stop);

    // Announced before anything is sent, and heard while idle: the consoles list this worker.
    SenderConfig presence;
    presence.database = m_context.config();
    presence.senderLabel = m_options.label;
    bool announced = false;
    QString why;
    {
        QEventLoop wait;
        QMetaObject::Connection c =
            connect(&m_sender, &Sender::presenceChanged, &wait, [&](bool present, const QString &reason) {
                announced = present;
                why = reason;
                wait.quit();
            });
        m_sender.stayPresent(presence);
        wait.exec();
        disconnect(c);
    }
    if (!announced) {
        throw CliError(ExitCode::DatabaseUnavailable,
                       tr("the worker could not announce itself: %1").arg(why));
    }
    const QString scope =
        m_options.campaigns.isEmpty() ? tr("every campaign") : m_options.campaigns.join(u", "_s);
    emitEvent(
        u"started"_s,
        tr("worker \"%1\" (%2) started; it sends %3").arg(m_options.label.name, m_sender.senderId(), scope),
        {{u"name"_s, m_options.label.name},
         {u"sender_id"_s, m_sender.senderId()},
         {u"campaigns"_s, QJsonArray::fromStringList(m_options.campaigns)}});
    connect(&m_sender, &Sender::presenceChanged, this, [this](bool present, const QString &) {
        if (!present && m_stopping) {
            m_loop.quit();
        }
    });
    m_poll.start(m_options.poll);
    m_report.start(ReportInterval);
    QTimer::singleShot(0, this, &WorkerLoop::tick);
    m_loop.exec();
    emitEvent(u"stopped"_s, tr("worker \"%1\" stopped").arg(m_options.label.name));
    return ExitCode::Success;
}

bool WorkerLoop::inScope(const QString &name) const
{
    return m_options.campaigns.isEmpty() || m_options.campaigns.contains(name);
}

void WorkerLoop::backOff(const QString &campaignId, std::chrono::milliseconds wait)
{
    m_backOffUntilMs.insert(campaignId, m_clock.elapsed() + wait.count());
}

void WorkerLoop::tick()
{
    if (m_stopping) {
        return;
    }
    try {
        considerCampaigns();
        if (!m_dbTrouble.isEmpty()) {
            emitEvent(u"database_back"_s, tr("the database answers again"));
            m_dbTrouble.clear();
        }
    } catch (const DbError &e) {
        if (e.message() != m_dbTrouble) {
            emitEvent(u"database_error"_s, tr("the database failed; trying again: %1").arg(e.message()),
                      {{u"error"_s, e.message()}});
            m_dbTrouble = e.message();
        }
        try {
            if (!m_context.db().answers()) {
                m_context.db().reconnect();
            }
        } catch (const DbError &) {
            // Still away: tried again at the next look.
        }
    }
}

void WorkerLoop::considerCampaigns()
{
    Database &db = m_context.db();
    const Clock &clock = m_context.clock();
    const QList<Campaign> candidates = CampaignStore(db, clock).runningOrScheduled();
    for (const QString &wanted : std::as_const(m_options.campaigns)) {
        const bool found = std::any_of(candidates.cbegin(), candidates.cend(),
                                       [&](const Campaign &c) { return c.name == wanted; });
        if (found || m_namesLookedUp.contains(wanted)) {
            continue;
        }
        m_namesLookedUp.insert(wanted);
        if (!CampaignStore(db, clock).findByName(wanted)) {
            emitEvent(u"no_such_campaign"_s,
                      tr("no campaign is named \"%1\" yet; it is taken once it exists and runs").arg(wanted),
                      {{u"campaign"_s, wanted}});
        }
    }
    const qint64 now = m_clock.elapsed();
    for (const Campaign &found : candidates) {
        if (!inScope(found.name) || m_sender.isSending(found.id) ||
            m_backOffUntilMs.value(found.id, 0) > now) {
            continue;
        }
        m_names.insert(found.id, found.name);
        Campaign campaign = found;
        if (campaign.status == CampaignStatus::Scheduled) {
            if (!campaign.scheduledAt.isValid() || campaign.scheduledAt > clock.now()) {
                continue;
            }
            const std::optional<ScheduledStart> started = Schedule(db, clock).startIfDue(campaign.id);
            if (started) {
                emitEvent(u"scheduled_start"_s,
                          started->late()
                              ? started->notice
                              : tr("campaign \"%1\" was due and is now running").arg(campaign.name),
                          {{u"campaign"_s, campaign.name}, {u"late_seconds"_s, started->lateSeconds}});
            }
            campaign = CampaignStore(db, clock).byId(campaign.id);
            if (campaign.status != CampaignStatus::Running) {
                continue;
            }
        }
        SendPlan plan = SendPlanner(db, clock).plan(campaign, m_options.api);
        if (!plan.ok()) {
            const QString reason = plan.refusals.join(u"; "_s);
            if (m_lastRefusal.value(campaign.id) != reason) {
                emitEvent(u"cannot_send"_s,
                          tr("campaign \"%1\" cannot be sent: %2").arg(campaign.name, reason),
                          {{u"campaign"_s, campaign.name}, {u"reason"_s, reason}});
                m_lastRefusal.insert(campaign.id, reason);
            }
            backOff(campaign.id, RefusedWait);
            continue;
        }
        m_lastRefusal.remove(campaign.id);
        for (const QString &warning : std::as_const(plan.warnings)) {
            emitEvent(u"warning"_s, tr("campaign \"%1\": %2").arg(campaign.name, warning),
                      {{u"campaign"_s, campaign.name}, {u"warning"_s, warning}});
        }
        plan.config.senderLabel = m_options.label;
        plan.config.onlyIfRunning = true;
        if (m_sender.start(plan.config)) {
            m_progress.insert(campaign.id, SendProgress{});
            emitEvent(u"sending"_s,
                      tr("campaign \"%1\": sending, at most %2 messages/s")
                          .arg(campaign.name, QLocale().toString(plan.config.rate, 'g', 4)),
                      {{u"campaign"_s, campaign.name}, {u"ceiling"_s, plan.config.rate}});
        }
    }
}

void WorkerLoop::onProgress(const SendProgress &progress)
{
    if (m_progress.contains(progress.campaignId)) {
        m_progress.insert(progress.campaignId, progress);
    }
}

void WorkerLoop::report()
{
    for (auto it = m_progress.cbegin(); it != m_progress.cend(); ++it) {
        const SendProgress &p = it.value();
        const QString name = m_names.value(it.key());
        emitEvent(u"progress"_s,
                  tr("campaign \"%1\": %2 of %3 sent, %4 failed, %5 messages/s")
                      .arg(name, QLocale().toString(p.sent), QLocale().toString(p.total),
                           QLocale().toString(p.failed), QLocale().toString(p.rate, 'f', 1)),
                  {{u"campaign"_s, name},
                   {u"total"_s, p.total},
                   {u"sent"_s, p.sent},
                   {u"failed"_s, p.failed},
                   {u"rate"_s, p.rate}});
    }
}

void WorkerLoop::onFinished(const SendResult &result)
{
    m_progress.remove(result.campaignId);
    const QString name = m_names.value(result.campaignId);
    const QString end = SendResult::endName(result.end);
    emitEvent(u"ended"_s,
              tr("campaign \"%1\": %2 after %3 sent and %4 failed here%5")
                  .arg(name, end, QLocale().toString(result.sent), QLocale().toString(result.failed),
                       result.reason.isEmpty() ? QString() : u": "_s + result.reason),
              {{u"campaign"_s, name},
               {u"end"_s, end},
               {u"sent"_s, result.sent},
               {u"failed"_s, result.failed},
               {u"reason"_s, result.reason}});
    if (result.end == SendResult::End::Refused || result.end == SendResult::End::Detached) {
        // Held by a console or a run, or taken over meanwhile: looked at again later.
        backOff(result.campaignId, RefusedWait);
    }
    if (m_stopping && !m_sender.isRunning()) {
        signOff();
    }
}

void WorkerLoop::stop(int signals)
{
    if (signals > 1) {
        // A second signal: stop waiting. Rows still in flight are recovered as "interrupted" by
        // the next sender, as after a crash.
        emitEvent(u"stopping_now"_s, tr("stopping without waiting for the requests in flight"));
        m_loop.quit();
        return;
    }
    if (m_stopping) {
        return;
    }
    m_stopping = true;
    m_poll.stop();
    m_report.stop();
    emitEvent(u"stopping"_s, tr("stopping: recording the answers in flight and releasing held recipients; "
                                "every campaign keeps its status"));
    if (m_sender.isRunning()) {
        m_sender.detach(tr("The worker was stopped; the campaign stays running for the next sender."));
    } else {
        signOff();
    }
}

void WorkerLoop::signOff()
{
    m_sender.signOff();
    // Should the sign-off never be confirmed (a database gone for good), the worker still ends;
    // its presence then fades like a crashed one's.
    QTimer::singleShot(SignOffWaitMs, &m_loop, &QEventLoop::quit);
}

void WorkerLoop::emitEvent(const QString &event, const QString &text, QJsonObject fields)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_context.json()) {
        fields.insert(u"event"_s, event);
        fields.insert(u"time"_s, now.toString(Qt::ISODateWithMs));
        m_context.printJson(fields);
    } else {
        m_context.out() << now.toString(u"yyyy-MM-dd HH:mm:ss"_s) << u" UTC  "_s << text << u'\n';
    }
    m_context.out().flush();
}

} // namespace herald::cli
