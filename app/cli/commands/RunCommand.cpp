#include "commands/RunCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "SendSession.h"
#include "SignalWatcher.h"
#include "cloudapi/NumberHealth.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/Schedule.h"
#include "sender/SendPlanner.h"
#include "settings/NumberHealthStore.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace herald::cli {

RunCommand::RunCommand()
    : m_campaign(u"campaign"_s, tr("The campaign to send (required)."), tr("name"))
    , m_rate(u"rate"_s,
             tr("Messages per second at most, to lower the phone number's ceiling for this run (the "
                "setting api.rate_ceiling: 80 by default, Meta's standard, up to 1,000 for upgraded "
                "numbers). The sender slows down by itself when Meta says so."),
             tr("r"))
    , m_concurrency(u"concurrency"_s,
                    tr("Requests in flight at most (default: enough for the rate at 250 ms)."), tr("n"))
    , m_retryNoResponse(
          u"retry-no-response"_s,
          tr("Retry messages whose request got no answer. Off by default: Meta may have accepted "
             "them, so they fail \"no response\" and wait for an explicit resend. Also set by the "
             "campaign setting retry_no_response."))
{}

QString RunCommand::name() const
{
    return u"run"_s;
}

QString RunCommand::summary() const
{
    return tr("Sends a campaign through the Cloud API until it completes, pauses or stops.");
}

void RunCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_campaign);
    parser.addOption(m_rate);
    parser.addOption(m_concurrency);
    parser.addOption(m_retryNoResponse);
    m_api.addTo(parser);
}

ExitCode RunCommand::run(CliContext &context)
{
    const Campaign campaign = context.campaignNamed(context.requiredValue(m_campaign));
    bool ok = false;
    double rate = 0;
    if (context.args().isSet(m_rate)) {
        rate = context.args().value(m_rate).toDouble(&ok);
        if (!ok || rate <= 0 || rate > 1000) {
            throw CliError(ExitCode::Usage,
                           tr("--rate must be more than 0 and at most 1,000 messages per second"));
        }
    }
    int concurrency = 0;
    if (context.args().isSet(m_concurrency)) {
        concurrency = context.args().value(m_concurrency).toInt(&ok);
        if (!ok || concurrency < 1 || concurrency > 2000) {
            throw CliError(ExitCode::Usage, tr("--concurrency must be from 1 to 2,000"));
        }
    }
    ApiSettings api = m_api.resolve(context, true);
    Campaign toSend = campaign;
    if (campaign.status == CampaignStatus::Scheduled) {
        // What would refuse the start refuses it now, not hours later.
        const SendPlan early = SendPlanner(context.db(), context.clock()).plan(campaign, api, rate);
        if (!early.ok()) {
            throw CliError(
                ExitCode::Refused,
                tr("campaign \"%1\" cannot start:\n  %2").arg(campaign.name, early.refusals.join(u"\n  "_s)));
        }
        toSend = startWhenDue(context, campaign);
    }
    if (context.args().isSet(u"phone-number-id"_s)) {
        // The command line names the number for this run, even over the campaign's own.
        Campaign overridden = toSend;
        overridden.phoneNumberId.clear();
        return send(context, overridden, api, rate, concurrency);
    }
    return send(context, toSend, api, rate, concurrency);
}

Campaign RunCommand::startWhenDue(CliContext &context, const Campaign &campaign)
{
    Schedule schedule(context.db(), context.clock());
    CampaignStore store(context.db(), context.clock());
    SignalWatcher signals;
    bool interrupted = false;
    bool announced = false;
    for (;;) {
        const Campaign c = store.byId(campaign.id);
        if (c.status == CampaignStatus::Running) {
            return c; // started by another Herald meanwhile; the sender decides who sends
        }
        if (c.status != CampaignStatus::Scheduled) {
            throw CliError(ExitCode::Refused, tr("campaign \"%1\" is no longer scheduled (it is %2 now)")
                                                  .arg(c.name, CampaignStatusMachine::toString(c.status)));
        }
        const QDateTime now = context.clock().now();
        if (c.scheduledAt <= now) {
            if (const auto started = schedule.startIfDue(c.id)) {
                if (started->late() && !context.json()) {
                    context.out() << started->notice << u'\n';
                    context.out().flush();
                }
                return store.byId(c.id);
            }
            continue;
        }
        if (!announced && !context.json()) {
            context.out() << tr("Campaign \"%1\" is scheduled for %2 UTC (%3 local time, in %4); waiting to "
                                "start it then. Ctrl+C leaves it scheduled.")
                                 .arg(c.name, c.scheduledAt.toUTC().toString(u"yyyy-MM-dd HH:mm"_s),
                                      c.scheduledAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s),
                                      Schedule::describeDuration(now.secsTo(c.scheduledAt)))
                          << u'\n';
            context.out().flush();
            announced = true;
        }
        // Looks again every few seconds: someone may unschedule, move or start it meanwhile.
        QEventLoop loop;
        QTimer::singleShot(int(std::clamp<qint64>(now.msecsTo(c.scheduledAt), 10, 5000)), &loop,
                           &QEventLoop::quit);
        QObject::connect(&signals, &SignalWatcher::interrupted, &loop, [&] {
            interrupted = true;
            loop.quit();
        });
        loop.exec();
        if (interrupted) {
            throw CliError(ExitCode::Paused,
                           tr("campaign \"%1\" stays scheduled for %2 UTC (interrupted while waiting)")
                               .arg(c.name, c.scheduledAt.toUTC().toString(u"yyyy-MM-dd HH:mm"_s)));
        }
    }
}

void RunCommand::refreshHealth(CliContext &context, ApiSettings api, const QString &phoneNumberId)
{
    // What Meta says about the number now, for SendPlanner's warnings (quality, status, the
    // messaging limit). A few seconds at most: a slow answer is a warning, never a delay.
    if (phoneNumberId.isEmpty()) {
        return;
    }
    api.setRequestTimeout(std::min(api.requestTimeout(), std::chrono::milliseconds(5000)));
    NumberHealthStore(context.db(), context.clock())
        .save(NumberHealthCheck::checkAndWait(api, {phoneNumberId}));
}

ExitCode RunCommand::send(CliContext &context, const Campaign &campaign, const ApiSettings &api, double rate,
                          int concurrency)
{
    refreshHealth(context, api, SendPlanner::phoneNumberOf(campaign, api));
    SendPlan plan = SendPlanner(context.db(), context.clock()).plan(campaign, api, rate);
    for (const QString &warning : std::as_const(plan.warnings)) {
        context.err() << tr("warning: %1").arg(warning) << '\n';
    }
    if (!plan.ok()) {
        throw CliError(
            ExitCode::Refused,
            tr("campaign \"%1\" cannot start:\n  %2").arg(campaign.name, plan.refusals.join(u"\n  "_s)));
    }
    if (concurrency > 0) {
        plan.config.concurrency = concurrency;
    }
    if (context.args().isSet(m_retryNoResponse)) {
        plan.config.retryNoResponse = true;
    }
    SendSession session(context.out(), context.err(), context.json());
    return session.run(plan.config, campaign.name);
}

} // namespace herald::cli
