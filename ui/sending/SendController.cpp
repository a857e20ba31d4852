#include "sending/SendController.h"

#include "data/DataService.h"
#include "data/NumberHealthRunner.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "dialogs/Prompt.h"
#include "queue/CampaignStore.h"
#include "queue/Schedule.h"
#include "sender/SendPlanner.h"
#include "sending/Credentials.h"
#include "settings/SettingKeys.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
// A takeover that failed (no token, template not ready) is not tried again for this long.
constexpr qint64 kRetryTakeoverMs = 60'000;
// The health check before a start waits this long at most.
constexpr std::chrono::milliseconds kHealthTimeout{5000};

const Clock &clockOf(const AppContext &c)
{
    return c.clock ? *c.clock : Clock::system();
}
} // namespace

SendController::SendController(DataService &data, const AppContext &context, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_context(context)
    , m_window(window)
    , m_sender(SenderKind::Console)
    , m_session(context.database.key(), m_sender.senderId(), clockOf(context).now())
{
    connect(&m_sender, &Sender::progress, this, [this](const SendProgress &p) {
        m_progress.insert(p.campaignId, p);
        reportHolding(p);
        Q_EMIT progressed(p);
    });
    connect(&m_sender, &Sender::finished, this, [this](const SendResult &r) {
        m_progress.remove(r.campaignId);
        m_holdNoticeFor.remove(r.campaignId);
        Q_EMIT ended(r);
        if (r.end == SendResult::End::Refused) {
            m_refusedAt.insert(r.campaignId, QDateTime::currentMSecsSinceEpoch());
        }
        if (m_closed && !m_sender.isRunning()) {
            std::exchange(m_closed, {})();
        }
    });
}

SendController::~SendController() = default;

double SendController::totalRate() const
{
    double rate = 0;
    for (const SendProgress &p : m_progress) {
        rate += p.rate;
    }
    return rate;
}

int SendController::inFlight() const
{
    int n = 0;
    for (const SendProgress &p : m_progress) {
        n += p.inFlight;
    }
    return n;
}

void SendController::endStarting(const QString &campaignId)
{
    if (m_starting.remove(campaignId)) {
        Q_EMIT startingEnded(campaignId);
    }
}

void SendController::start(const QString &campaignId)
{
    m_refusedAt.remove(campaignId);
    plan(campaignId, false, {});
}

void SendController::plan(const QString &campaignId, bool takeover, const QString &previousSender,
                          const QString &startNotice)
{
    if (m_closing || m_sender.isSending(campaignId) || m_starting.contains(campaignId)) {
        return;
    }
    m_starting.insert(campaignId);
    m_context.credentials->accessToken(
        [this, campaignId, takeover, previousSender, startNotice](const QString &token, const QString &why) {
            if (token.isEmpty() && !m_context.apiOverride) {
                endStarting(campaignId);
                m_refusedAt.insert(campaignId, QDateTime::currentMSecsSinceEpoch());
                Q_EMIT problem(tr("Cannot send"), why);
                return;
            }
            if (takeover || !startNotice.isEmpty()) {
                // A takeover or a scheduled start shows no warnings (see launch()): no check.
                planWith(campaignId, token, takeover, previousSender, startNotice);
                return;
            }
            checkHealth(campaignId, token,
                        [=, this] { planWith(campaignId, token, takeover, previousSender, startNotice); });
        });
}

void SendController::checkHealth(const QString &campaignId, const QString &token, std::function<void()> then)
{
    // What Meta says about the campaign's number now, for the warnings before the start, as
    // `herald-cli run` asks: a few seconds at most, and a failure is a warning, never a refusal.
    auto *runner = new NumberHealthRunner(m_context.database, clockOf(m_context), this);
    connect(runner, &NumberHealthRunner::finished, this, [this, runner, then](const NumberHealthRun &) {
        runner->deleteLater();
        Q_EMIT healthChecked();
        if (!m_closing) {
            then();
        }
    });
    NumberHealthRunner::Request request;
    request.apiOverride = m_context.apiOverride;
    request.accessToken = token;
    request.campaignId = campaignId;
    request.timeout = kHealthTimeout;
    runner->start(request);
}

void SendController::planWith(const QString &campaignId, const QString &token, bool takeover,
                              const QString &previousSender, const QString &startNotice)
{
    const std::optional<ApiSettings> override = m_context.apiOverride;
    const AppContext ctx = m_context;
    struct Planned
    {
        SendPlan plan;
        QString name;
    };
    m_data.submit<Planned>(
        this,
        [campaignId, token, override, ctx](Database &db) {
            const Clock &clock = clockOf(ctx);
            const Campaign campaign = CampaignStore(db, clock).byId(campaignId);
            ApiSettings api = override ? *override : SettingKeys::apiSettings(AppSettings(db));
            if (!override) {
                api.setAccessToken(token);
            }
            Planned p{SendPlanner(db, clock).plan(campaign, api), campaign.name};
            p.plan.config.heartbeatInterval = ctx.heartbeatInterval;
            p.plan.config.senderStaleness = ctx.senderStaleness;
            return p;
        },
        [this, campaignId, takeover, previousSender, startNotice](const DataResult<Planned> &r) {
            if (!r.ok()) {
                endStarting(campaignId);
                Q_EMIT problem(tr("Cannot send"), r.error);
                return;
            }
            if (!r.value->plan.ok()) {
                endStarting(campaignId);
                m_refusedAt.insert(campaignId, QDateTime::currentMSecsSinceEpoch());
                Q_EMIT problem(tr("Campaign \"%1\" cannot start").arg(r.value->name),
                               r.value->plan.refusals.join(u"\n"_s));
                return;
            }
            launch(r.value->plan.config, r.value->plan.warnings, r.value->name, takeover, previousSender,
                   startNotice);
        });
}

void SendController::launch(const SenderConfig &config, const QStringList &warnings, const QString &name,
                            bool takeover, const QString &previousSender, const QString &startNotice)
{
    auto go = [this, config, name, takeover, previousSender, startNotice] {
        endStarting(config.campaignId);
        if (m_closing || !m_sender.start(config)) {
            return;
        }
        Q_EMIT sending(config.campaignId);
        if (!startNotice.isEmpty()) {
            Q_EMIT notice(startNotice);
        } else if (takeover) {
            Q_EMIT notice(
                previousSender.isEmpty()
                    ? tr("Continuing campaign \"%1\": it was running with nobody sending it.").arg(name)
                    : tr("Continuing campaign \"%1\": %2 stopped sending it.").arg(name, previousSender));
        }
    };
    if (warnings.isEmpty() || takeover || !startNotice.isEmpty()) {
        // A takeover continues what somebody already decided to send, a scheduled start what
        // somebody decided to send at this time; their warnings were seen.
        go();
        return;
    }
    Prompt::confirm(m_window, tr("Start campaign \"%1\"?").arg(name), warnings.join(u"\n\n"_s), tr("Start"),
                    [this, go, id = config.campaignId](bool yes) {
                        if (yes) {
                            go();
                        } else {
                            endStarting(id);
                        }
                    });
}

void SendController::pause(const QString &campaignId)
{
    if (m_sender.isSending(campaignId)) {
        m_sender.pauseCampaign(campaignId, tr("paused by the user"));
        return;
    }
    transition(campaignId, CampaignStatus::Paused, tr("paused by the user"));
}

void SendController::cancel(const QString &campaignId)
{
    if (m_sender.isSending(campaignId)) {
        m_sender.cancelCampaign(campaignId, tr("cancelled by the user"));
        return;
    }
    transition(campaignId, CampaignStatus::Cancelled, tr("cancelled by the user"));
}

void SendController::transition(const QString &campaignId, CampaignStatus to, const QString &reason)
{
    const AppContext ctx = m_context;
    m_data.run(
        this,
        [campaignId, to, reason, ctx](Database &db) {
            CampaignStore(db, clockOf(ctx)).transition(campaignId, to, reason);
        },
        [this](const DataResult<Done> &r) {
            if (!r.ok()) {
                Q_EMIT problem(tr("The campaign could not be changed"), r.error);
            }
            Q_EMIT actionDone();
        });
}

void SendController::closeAll(std::function<void()> done)
{
    m_closing = true;
    done = [this, done = std::move(done)] {
        m_session.endCleanly(clockOf(m_context).now());
        done();
    };
    if (!m_sender.isRunning()) {
        done();
        return;
    }
    m_closed = std::move(done);
    m_sender.detach(tr("Herald was closed; the campaign continues when a sender picks it up."));
}

void SendController::review(const CampaignsSnapshot &snapshot)
{
    if (!m_context.takeOverOrphans || m_closing) {
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const CampaignRow &row : snapshot.rows) {
        if (row.due && !m_starting.contains(row.id)) {
            startDue(row.id);
            continue;
        }
        if (row.status != CampaignStatus::Running || m_sender.isSending(row.id) ||
            m_starting.contains(row.id)) {
            continue;
        }
        if (row.sender && row.sender->live) {
            continue; // somebody sends it
        }
        if (now - m_refusedAt.value(row.id, -kRetryTakeoverMs) < kRetryTakeoverMs) {
            continue;
        }
        const QString previous = row.sender ? row.sender->describe(snapshot.takenAt) : QString();
        plan(row.id, true, previous);
    }
}

void SendController::startDue(const QString &campaignId)
{
    m_starting.insert(campaignId);
    const AppContext ctx = m_context;
    m_data.submit<std::optional<ScheduledStart>>(
        this, [campaignId, ctx](Database &db) { return Schedule(db, clockOf(ctx)).startIfDue(campaignId); },
        [this, campaignId](const DataResult<std::optional<ScheduledStart>> &r) {
            endStarting(campaignId);
            if (!r.ok()) {
                Q_EMIT problem(tr("A scheduled campaign could not start"), r.error);
                return;
            }
            if (!*r.value) {
                return; // another Herald started it first, or it was unscheduled meanwhile
            }
            const ScheduledStart &s = **r.value;
            Q_EMIT actionDone();
            plan(campaignId, false, {},
                 s.late() ? s.notice : tr("Campaign \"%1\" started as scheduled.").arg(s.name));
        });
}

void SendController::reportHolding(const SendProgress &p)
{
    if (p.waitingForWindow <= 0 || m_holdNoticeFor.value(p.campaignId) == p.windowOpensAt) {
        return;
    }
    m_holdNoticeFor.insert(p.campaignId, p.windowOpensAt);
    const QString opens = QLocale().toString(p.windowOpensAt.toLocalTime(), QLocale::ShortFormat);
    const int waiting = int(p.waitingForWindow);
    Q_EMIT notice(
        tr("Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1.", nullptr, waiting)
            .arg(opens));
}

} // namespace herald::ui
