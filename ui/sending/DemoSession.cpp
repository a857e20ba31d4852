#include "sending/DemoSession.h"

#include "WebhookReceiver.h"
#include "data/DataService.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "sending/SendController.h"
#include "simulator/CloudApiSimulator.h"
#include "simulator/DemoCampaign.h"
#include "templates/TemplateSync.h"

#include <QDateTime>
#include <QEventLoop>
#include <QPointer>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
ApiSettings simulatorApi(const CloudApiSimulator &sim)
{
    ApiSettings api;
    api.setBaseUrl(sim.baseUrl().toString());
    api.setApiVersion(sim.config().apiVersion);
    api.setPhoneNumberId(sim.config().phoneNumberId);
    api.setWabaId(sim.config().wabaId);
    api.setAccessToken(sim.config().accessToken);
    return api;
}
} // namespace

DemoSession::DemoSession(DataService &data, SendController &sender, QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_sender(sender)
{}

DemoSession::~DemoSession()
{
    if (m_hooksThread) {
        m_hooksThread->quit(); // the receiver is deleted on its thread as it ends
        m_hooksThread->wait();
        delete m_hooksThread;
    }
}

void DemoSession::start(int contacts, double rate)
{
    if (m_simulator || m_starting) {
        return;
    }
    m_starting = true;
    m_contacts = contacts;
    m_rate = rate;
    startReceiver();
}

void DemoSession::startReceiver()
{
    WebhookReceiver::Options options;
    m_secret = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    options.appSecret = m_secret;
    options.verifyToken = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    options.commit.retryInterval = std::chrono::seconds(1);
    m_hooksThread = new QThread;
    m_hooksThread->setObjectName(u"herald-demo-webhooks"_s);
    m_receiver = new WebhookReceiver(m_data.config(), options);
    m_receiver->moveToThread(m_hooksThread);
    connect(m_hooksThread, &QThread::finished, m_receiver, &QObject::deleteLater);
    m_hooksThread->start();
    // start() waits for the receiver's connection to open: on the receiver's thread, not this one.
    WebhookReceiver *receiver = m_receiver;
    QPointer<DemoSession> self(this);
    QMetaObject::invokeMethod(receiver, [receiver, self] {
        QString problem;
        const bool started =
            receiver->start(QHostAddress::LocalHost, 0, &problem) == WebhookReceiver::StartResult::Started;
        const QString url = started ? receiver->url() : QString();
        // This session waits for the thread in its destructor, so it outlives this call.
        QMetaObject::invokeMethod(self.data(), [self, url, problem] {
            if (self) {
                self->startSimulator(url, problem);
            }
        });
    });
}

void DemoSession::startSimulator(const QString &webhookUrl, const QString &problem)
{
    m_starting = false;
    SimulatorConfig config;
    config.latencyMs = 120;
    config.latencyP99Ms = 400;
    config.throughputPerSecond = 1000;
    if (!webhookUrl.isEmpty()) {
        config.statusWebhookUrl = webhookUrl;
        config.webhookAppSecret = m_secret;
        config.lateFailureShare = 0.02;
    } else {
        // The demo still sends; only delivered and read stay empty.
        qWarning("the demo's webhook receiver did not start: %s", qPrintable(problem));
    }
    m_simulator = std::make_unique<CloudApiSimulator>(config);
    QString error;
    if (!m_simulator->start(0, &error)) {
        m_simulator.reset();
        Q_EMIT failed(tr("The built-in simulator could not start: %1").arg(error));
        return;
    }
    m_sender.setApiOverride(simulatorApi(*m_simulator));
    syncTemplates();
}

void DemoSession::syncTemplates()
{
    // TemplateSync waits on the network and writes the database: a thread and a connection of
    // its own, so neither the window nor the data thread waits for it.
    const DatabaseConfig database = m_data.config();
    const ApiSettings api = simulatorApi(*m_simulator);
    QPointer<DemoSession> self(this);
    QThread *thread = QThread::create([database, api, self] {
        QString why;
        try {
            Database db(database, u"demo-sync"_s);
            TemplateSync sync(db, api, Clock::system());
            QEventLoop loop;
            QObject::connect(&sync, &TemplateSync::finished, &loop, [&](const TemplateSyncResult &r) {
                why = r.ok ? QString() : r.error;
                loop.quit();
            });
            sync.start();
            loop.exec();
        } catch (const DbError &e) {
            why = e.message();
        }
        if (DemoSession *s = self) {
            QMetaObject::invokeMethod(s, [self, why] {
                if (!self) {
                    return;
                }
                if (!why.isEmpty()) {
                    Q_EMIT self->failed(tr("The simulator's templates could not be synced: %1").arg(why));
                    return;
                }
                self->createCampaign();
            });
        }
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void DemoSession::createCampaign()
{
    const int contacts = m_contacts;
    const double rate = m_rate;
    const QString phoneNumberId = m_simulator->config().phoneNumberId;
    const QString name = tr("Demo %1").arg(QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    m_data.submit<QString>(
        this,
        [contacts, rate, phoneNumberId, name](Database &db) {
            QJsonObject settings = DemoCampaign::settings();
            settings.insert(u"rate"_s, rate); // slow enough to watch it move
            CampaignStore store(db, Clock::system());
            const Campaign c = store.create({name, DemoCampaign::templateName(),
                                             DemoCampaign::templateLanguage(), phoneNumberId, settings});
            QueueEngine(db, Clock::system()).enqueue(c.id, DemoCampaign::recipients(contacts));
            return c.id;
        },
        [this](const DataResult<QString> &r) {
            if (!r.ok()) {
                Q_EMIT failed(r.error);
                return;
            }
            Q_EMIT campaignCreated(*r.value);
            m_sender.start(*r.value);
        });
}

} // namespace herald::ui
