// The simulator's status webhooks (StatusCallbacks.h) against a small receiver of the test's own on
// a real loopback socket, which checks every signature and reads every body with Herald's parser:
// delays, shares of read and late failures, batching, the echoed callback data, duplicates and
// reordering, retries after refusals, and a wrong secret that no POST gets past.
#include "SimTestClient.h"
#include "simulator/StatusCallbacks.h"
#include "webhook/WebhookPayload.h"
#include "webhook/WebhookSignature.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

const QByteArray kSecret = "status-callback-secret";

// One callback as the receiver got it.
struct Received
{
    StatusUpdate update;
    qint64 arrivedMs = 0; // since the receiver started
};

// HTTP/1.1 on QTcpServer, keep-alive, Content-Length bodies only: enough for Qt's client.
class CallbackReceiver : public QObject
{
public:
    int refuseNext = 0; // answer this many POSTs 503
    QList<Received> statuses;
    int posts = 0;
    int badSignatures = 0;
    int largestPost = 0;

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        m_clock.start();
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QString url() const { return u"http://127.0.0.1:%1/webhook"_s.arg(m_server.serverPort()); }

private:
    void read(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            qsizetype length = 0;
            QByteArray signature;
            for (const QByteArray &line : lines) {
                const qsizetype colon = line.indexOf(':');
                const QByteArray name = line.left(colon).trimmed().toLower();
                if (name == "content-length") {
                    length = line.mid(colon + 1).trimmed().toLongLong();
                } else if (name == "x-hub-signature-256") {
                    signature = line.mid(colon + 1).trimmed();
                }
            }
            if (buffer.size() < end + 4 + length) {
                return;
            }
            const QByteArray body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            s->write(answer(body, signature));
        }
    }

    QByteArray answer(const QByteArray &body, const QByteArray &signature)
    {
        ++posts;
        if (WebhookSignature::verify(body, signature, kSecret) != WebhookSignature::Result::Valid) {
            ++badSignatures;
            return "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
        }
        if (refuseNext > 0) {
            --refuseNext;
            return "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
        }
        const WebhookPayload payload = WebhookPayload::parse(body);
        if (!payload.ok()) {
            qWarning("unreadable callback: %s", qPrintable(payload.refusal));
            return "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
        }
        largestPost = std::max(largestPost, int(payload.statuses.size()));
        for (const StatusUpdate &u : payload.statuses) {
            statuses.append({u, m_clock.elapsed()});
        }
        return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    }

    QTcpServer m_server;
    QElapsedTimer m_clock;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// Sends `n` template messages with their callback data; the wamids the simulator gave them.
QStringList sendMessages(CloudApiSimulator &sim, int n, int first = 0)
{
    SimTestClient client;
    std::vector<QNetworkReply *> replies;
    for (int i = first; i < first + n; ++i) {
        QJsonObject m = templateMessage(u"49151%1"_s.arg(i, 6, 10, QLatin1Char('0')));
        m.insert(u"biz_opaque_callback_data"_s, u"h1:test:%1:1"_s.arg(i));
        replies.push_back(
            client.post(sim.messagesUrl(), QJsonDocument(m).toJson(), sim.config().accessToken));
    }
    QStringList wamids;
    for (const HttpResult &r : SimTestClient::collect(replies)) {
        wamids << r.wamid();
    }
    return wamids;
}

SimulatorConfig callbackConfig(const CallbackReceiver &receiver)
{
    SimulatorConfig c;
    c.statusWebhookUrl = receiver.url();
    c.webhookAppSecret = kSecret;
    c.deliveredAfterMs = 300;
    c.readAfterMs = 600;
    c.readShare = 0.5;
    c.webhookRetryMs = 20;
    c.seed = 7;
    return c;
}

bool settle(const CloudApiSimulator &sim, int ms = 20000)
{
    return QTest::qWaitFor([&] { return sim.statusCallbacks().pending() == 0; }, ms);
}

} // namespace

class TestStatusCallbacks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAcceptedSendIsReportedSentThenDeliveredOrFailedAndSomeRead()
    {
        CallbackReceiver receiver;
        QVERIFY(receiver.listen());
        SimulatorConfig c = callbackConfig(receiver);
        c.lateFailureShare = 0.25;
        c.webhookBatch = 7;
        CloudApiSimulator sim(c);
        QVERIFY(sim.start());
        const QStringList wamids = sendMessages(sim, 60);
        QCOMPARE(wamids.size(), 60);
        QVERIFY(!wamids.contains(QString()));
        QVERIFY(settle(sim));

        const StatusInbox::Counts counts = sim.statusCallbacks().counts();
        QCOMPARE(receiver.badSignatures, 0);
        QCOMPARE(counts.dropped, 0);
        QCOMPARE(counts.refused, 0);
        QCOMPARE(qint64(receiver.statuses.size()), counts.posted);
        QCOMPARE(counts.posted, counts.scheduled);
        QCOMPARE(counts.delivered + counts.failed, 60);
        QVERIFY2(counts.failed > 0 && counts.failed < 40, qPrintable(QString::number(counts.failed)));
        QVERIFY2(counts.read > 0 && counts.read < counts.delivered, qPrintable(QString::number(counts.read)));
        QVERIFY(receiver.largestPost <= 7);

        QHash<QString, QStringList> byWamid;
        for (const Received &r : std::as_const(receiver.statuses)) {
            byWamid[r.update.wamid] << deliveryStatusName(r.update.status);
            const int i = wamids.indexOf(r.update.wamid);
            QVERIFY2(i >= 0, "a callback for a message that was never sent");
            QCOMPARE(r.update.bizOpaqueCallbackData, u"h1:test:%1:1"_s.arg(i)); // echoed as sent
            QCOMPARE(r.update.phoneNumberId, c.phoneNumberId);
            QCOMPARE(r.update.wabaId, c.wabaId);
            if (r.update.status == DeliveryStatus::Failed) {
                QVERIFY(r.update.errors.size() == 1);
                const int code = r.update.errors.front().code.value_or(0);
                QVERIFY2(code == 131049 || code == 131047, qPrintable(QString::number(code)));
            }
        }
        qint64 read = 0;
        for (const QString &w : wamids) {
            QStringList got = byWamid.value(w);
            got.sort();
            QVERIFY2(got.count(u"sent"_s) == 1, qPrintable(got.join(u',')));
            QVERIFY2(got.count(u"delivered"_s) + got.count(u"failed"_s) == 1, qPrintable(got.join(u',')));
            QVERIFY2(!(got.contains(u"read"_s) && got.contains(u"failed"_s)), qPrintable(got.join(u',')));
            read += got.count(u"read"_s);
        }
        QCOMPARE(read, counts.read);
    }

    void deliveryAndReadComeAfterTheirDelays()
    {
        CallbackReceiver receiver;
        QVERIFY(receiver.listen());
        SimulatorConfig c = callbackConfig(receiver);
        c.deliveredAfterMs = 600;
        c.readAfterMs = 1200;
        c.readShare = 1.0;
        CloudApiSimulator sim(c);
        QVERIFY(sim.start());
        QElapsedTimer sent;
        sent.start();
        QCOMPARE(sendMessages(sim, 10).size(), 10);
        const qint64 sendTook = sent.elapsed();
        QVERIFY(QTest::qWaitFor([&] { return !receiver.statuses.isEmpty(); }, 5000));
        const qint64 firstAt = sent.elapsed();
        QVERIFY(settle(sim));
        const qint64 lastAt = sent.elapsed();
        // The first callbacks ("sent") come at once; delivered at 600 ms, read at 1,200 ms, at the
        // earliest: the last cannot have come before 1.2 s after the first send was accepted.
        QVERIFY2(firstAt < 600 + sendTook, qPrintable(QString::number(firstAt)));
        QVERIFY2(lastAt >= 1200, qPrintable(QString::number(lastAt)));
        const StatusInbox::Counts counts = sim.statusCallbacks().counts();
        QCOMPARE(counts.read, 10);
        QCOMPARE(counts.posted, 30);
    }

    void duplicatesAndReorderingAreSentAsConfigured()
    {
        CallbackReceiver receiver;
        QVERIFY(receiver.listen());
        SimulatorConfig c = callbackConfig(receiver);
        c.deliveredAfterMs = 100;
        c.readAfterMs = 200;
        c.readShare = 1.0;
        c.duplicateShare = 0.5;
        c.reorderMs = 800;
        CloudApiSimulator sim(c);
        QVERIFY(sim.start());
        QCOMPARE(sendMessages(sim, 40).size(), 40);
        QVERIFY(settle(sim));
        const StatusInbox::Counts counts = sim.statusCallbacks().counts();
        QVERIFY2(counts.scheduled > 120 + 20,
                 qPrintable(QString::number(counts.scheduled))); // 3 each, half twice
        QCOMPARE(qint64(receiver.statuses.size()), counts.scheduled);
        // Some message's read (or delivered) arrived before its sent.
        int overtaken = 0;
        QSet<QString> seen;
        for (const Received &r : std::as_const(receiver.statuses)) {
            if (r.update.status == DeliveryStatus::Sent) {
                seen.insert(r.update.wamid);
            } else if (!seen.contains(r.update.wamid)) {
                ++overtaken;
            }
        }
        QVERIFY2(overtaken > 0, "no callback overtook its message's sent");
    }

    void refusedPostsAreSentAgainUntilAccepted()
    {
        CallbackReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.refuseNext = 5;
        CloudApiSimulator sim(callbackConfig(receiver));
        QVERIFY(sim.start());
        QCOMPARE(sendMessages(sim, 20).size(), 20);
        QVERIFY(settle(sim));
        const StatusInbox::Counts counts = sim.statusCallbacks().counts();
        QCOMPARE(counts.refused, 5);
        QCOMPARE(counts.dropped, 0);
        QCOMPARE(counts.posted, counts.scheduled);
        QCOMPARE(qint64(receiver.statuses.size()), counts.scheduled);
    }

    void aWrongSecretIsRefusedEveryTimeAndGivenUpAfterTheLastTry()
    {
        CallbackReceiver receiver;
        QVERIFY(receiver.listen());
        SimulatorConfig c = callbackConfig(receiver);
        c.webhookWrongSecret = true;
        c.webhookBatch = 100;
        c.readShare = 0.0;
        CloudApiSimulator sim(c);
        QVERIFY(sim.start());
        QCOMPARE(sendMessages(sim, 5).size(), 5);
        QVERIFY(settle(sim, 30000));
        const StatusInbox::Counts counts = sim.statusCallbacks().counts();
        QVERIFY(receiver.statuses.isEmpty());
        QCOMPARE(receiver.badSignatures, receiver.posts);
        QVERIFY(receiver.posts >= 8); // every POST tried 8 times
        QCOMPARE(counts.posted, 0);
        QCOMPARE(counts.dropped, counts.scheduled);

        // With the right secret again, the next messages' callbacks get through.
        c.webhookWrongSecret = false;
        QVERIFY(sim.setConfig(c));
        QCOMPARE(sendMessages(sim, 5, 100).size(), 5);
        QVERIFY(settle(sim));
        QCOMPARE(receiver.statuses.size(), 10);
    }

    void theConfigurationIsChecked()
    {
        SimulatorConfig c;
        QString why;
        c.statusWebhookUrl = u"ftp://example.org/hook"_s;
        c.webhookAppSecret = kSecret;
        QVERIFY(!c.validate(&why));
        QVERIFY(why.contains(u"http"_s));
        c.statusWebhookUrl = u"http://127.0.0.1:9/webhook"_s;
        c.webhookAppSecret.clear();
        QVERIFY(!c.validate(&why));
        QVERIFY(why.contains(u"secret"_s));
        c.webhookAppSecret = kSecret;
        c.readShare = 1.5;
        QVERIFY(!c.validate(&why));
        c.readShare = 0.5;
        c.webhookBatch = 0;
        QVERIFY(!c.validate(&why));
        c.webhookBatch = 10;
        QVERIFY2(c.validate(&why), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestStatusCallbacks)
#include "test_statuscallbacks.moc"
