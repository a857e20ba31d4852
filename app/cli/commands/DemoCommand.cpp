#include "commands/DemoCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "SendSession.h"
#include "WebhookReceiver.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "db/SchemaDoctor.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "simulator/CloudApiSimulator.h"
#include "simulator/DemoCampaign.h"
#include "simulator/StatusCallbacks.h"
#include "templates/CampaignReadiness.h"
#include "templates/TemplateSync.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QSqlQuery>
#include <QTextStream>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace herald::cli {

DemoCommand::DemoCommand()
    : m_contacts(u"contacts"_s, tr("Recipients in the sample campaign (default 2000)."), tr("n"), u"2000"_s)
    , m_rate(u"rate"_s, tr("Messages per second at most (default 200; Meta allows 80 to 1,000)."), tr("r"),
             u"200"_s)
    , m_latency(u"latency"_s, tr("The simulator's median answer time in ms (default 150)."), tr("ms"),
                u"150"_s)
{}

QString DemoCommand::name() const
{
    return u"demo"_s;
}

QString DemoCommand::summary() const
{
    return tr("Sends a sample campaign to the built-in Cloud API simulator, with live progress.");
}

void DemoCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_contacts);
    parser.addOption(m_rate);
    parser.addOption(m_latency);
}

ExitCode DemoCommand::run(CliContext &context)
{
    bool ok = false;
    const int contacts = context.args().value(m_contacts).toInt(&ok);
    if (!ok || contacts < 1 || contacts > 1'000'000) {
        throw CliError(ExitCode::Usage, tr("--contacts must be a number from 1 to 1,000,000"));
    }
    const double rate = context.args().value(m_rate).toDouble(&ok);
    if (!ok || rate < 1 || rate > 1000) {
        throw CliError(ExitCode::Usage, tr("--rate must be from 1 to 1,000 messages per second"));
    }
    const int latency = context.args().value(m_latency).toInt(&ok);
    if (!ok || latency < 0 || latency > 10'000) {
        throw CliError(ExitCode::Usage, tr("--latency must be from 0 to 10,000 ms"));
    }

    Database &db = context.db();
    Migrator(db).migrate();
    const SchemaReport report = SchemaDoctor(db).check();
    if (!report.ok()) {
        throw CliError(ExitCode::Schema, report.lines().join(u'\n'));
    }

    // Delivery tracking as with Meta: the simulator posts delivered, read and late failures to a
    // webhook receiver started here on loopback, with a secret made for this run only.
    WebhookReceiver::Options hooks;
    hooks.appSecret = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    hooks.verifyToken = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    hooks.commit.retryInterval = std::chrono::milliseconds(500);
    WebhookReceiver receiver(context.config(), hooks);
    QString problem;
    if (receiver.start(QHostAddress::LocalHost, 0, &problem) != WebhookReceiver::StartResult::Started) {
        throw CliError(ExitCode::Refused,
                       tr("the built-in webhook receiver could not start: %1").arg(problem));
    }

    SimulatorConfig sim;
    sim.latencyMs = latency;
    sim.latencyP99Ms = latency * 3;
    sim.throughputPerSecond = 1000;
    sim.statusWebhookUrl = receiver.url();
    sim.webhookAppSecret = hooks.appSecret;
    sim.lateFailureShare = 0.02;
    CloudApiSimulator simulator(sim);
    QString error;
    if (!simulator.start(0, &error)) {
        throw CliError(ExitCode::Refused, tr("the built-in simulator could not start: %1").arg(error));
    }

    ApiSettings api;
    api.setBaseUrl(simulator.baseUrl().toString());
    api.setApiVersion(sim.apiVersion);
    api.setPhoneNumberId(sim.phoneNumberId);
    api.setWabaId(sim.wabaId);
    api.setAccessToken(sim.accessToken);

    // The same path as with Meta: sync the templates, check the campaign, then send.
    TemplateSync sync(db, api, context.clock());
    TemplateSyncResult synced;
    {
        QEventLoop loop;
        QObject::connect(&sync, &TemplateSync::finished, &loop, [&](const TemplateSyncResult &r) {
            synced = r;
            loop.quit();
        });
        sync.start();
        loop.exec();
    }
    if (!synced.ok) {
        throw CliError(ExitCode::SenderStopped,
                       tr("template sync with the simulator failed: %1").arg(synced.error));
    }

    const QString name = tr("Demo %1").arg(QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    CampaignStore store(db, context.clock());
    const Campaign campaign =
        store.create({name, DemoCampaign::templateName(), DemoCampaign::templateLanguage(), sim.phoneNumberId,
                      DemoCampaign::settings()});
    const EnqueueResult queued =
        QueueEngine(db, context.clock()).enqueue(campaign.id, DemoCampaign::recipients(contacts));
    const ReadinessReport readiness = CampaignReadiness(db, context.clock()).check(store.byId(campaign.id));
    if (!readiness.ok()) {
        throw CliError(ExitCode::Refused, readiness.refusals.join(u'\n'));
    }
    if (!context.json()) {
        context.out()
            << tr("Synced %1 templates from the simulator. Created campaign \"%2\" (order_update, en_US) "
                  "with %3 recipients; the simulator answers in ~%4 ms.")
                   .arg(synced.seen)
                   .arg(name, Format::number(queued.inserted))
                   .arg(latency)
            << '\n';
    }

    SenderConfig cfg;
    cfg.database = context.config();
    cfg.campaignId = campaign.id;
    cfg.api = api;
    cfg.templateName = campaign.templateName;
    cfg.templateLanguage = campaign.templateLanguage;
    cfg.templateSlots = readiness.templateSlots;
    cfg.defaultParameters = readiness.defaults;
    cfg.rate = rate;

    SendSession session(context.out(), context.err(), context.json());
    const ExitCode code = session.run(cfg, name);
    if (!context.json()) {
        QSqlQuery q =
            db.run(u"SELECT COALESCE(error_reason, '?'), count(*) FROM send_queue WHERE campaign_id = ? "
                   "AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC"_s,
                   {campaign.id});
        while (q.next()) {
            context.out() << tr("  failed with reason %1: %2")
                                 .arg(q.value(0).toString(), Format::number(q.value(1).toLongLong()))
                          << '\n';
        }
        context.out() << tr("The simulator accepted %1 messages and received %2 send requests.")
                             .arg(Format::number(simulator.log().totals().accepted),
                                  Format::number(simulator.log().totals().sendRequests))
                      << '\n';
        context.out() << tr("Waiting for the delivery reports (status webhooks)…") << '\n';
        context.out().flush();
    }
    // Read reports come a few seconds after the last send; a bounded wait, then what arrived.
    QDeadlineTimer patience(std::chrono::seconds(sim.readAfterMs / 1000 + 15));
    while (simulator.statusCallbacks().pending() > 0 && !patience.hasExpired()) {
        QEventLoop idle;
        QTimer::singleShot(100, &idle, &QEventLoop::quit);
        idle.exec();
    }
    receiver.drain();
    QEventLoop drained;
    QObject::connect(&receiver, &WebhookReceiver::drained, &drained, &QEventLoop::quit);
    QTimer::singleShot(std::chrono::seconds(10), &drained, &QEventLoop::quit);
    drained.exec();
    if (!context.json()) {
        const Campaign done = store.byId(campaign.id);
        const auto share = [&](qint64 n) {
            return Format::percent(n, done.totalSent);
        };
        context.out() << tr("Delivered %1 (%2), read %3 (%4), failed after sending %5: reported by the "
                            "simulator's status webhooks to the built-in receiver.")
                             .arg(Format::number(done.totalDelivered), share(done.totalDelivered),
                                  Format::number(done.totalRead), share(done.totalRead),
                                  Format::number(done.totalFailedAfterSend))
                      << '\n';
    }
    simulator.stop();
    return code;
}

} // namespace herald::cli
