// herald-cli webhooks serve/status, and the delivery counters in status, export and resend,
// through the real herald-cli as a child process on both backends.
#include "CliTestUtil.h"
#include "HttpTestClient.h"
#include "TestDatabase.h"
#include "WebhookTestUtil.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"
#include "webhook/DeliveryWriter.h"
#include "webhook/WebhookPayload.h"
#include "webhook/WebhookSignature.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

const QByteArray kSecret = "cli-app-secret";
const QByteArray kToken = "cli-verify-token";
constexpr qint64 kBase = 1'750'000'000;

// A running campaign whose first `count` rows are sent with wamids "wamid.C.<i>"; one more row
// stays queued, so the campaign keeps running.
Campaign sentCampaign(Database &db, const QString &name, int count)
{
    const Clock &clock = Clock::system();
    CampaignStore store(db, clock);
    const Campaign c = store.create({name, u"order_update"_s, u"en_US"_s, {}, {}});
    QList<Recipient> list;
    for (int i = 0; i <= count; ++i) {
        list << Recipient{u"+4917%1"_s.arg(300000000 + i), {}, {}, 0};
    }
    QueueEngine engine(db, clock);
    engine.enqueue(c.id, list);
    store.transition(c.id, CampaignStatus::Running);
    QList<Outcome> outcomes;
    const QList<ClaimedMessage> claims = engine.claim(c.id, u"w1"_s, count);
    for (int i = 0; i < claims.size(); ++i) {
        outcomes << Outcome::sent(claims[i], u"wamid.C.%1"_s.arg(i));
    }
    engine.record(outcomes);
    return store.byId(c.id);
}

QByteArray body(const QList<QJsonObject> &statuses)
{
    QJsonArray a;
    for (const QJsonObject &o : statuses) {
        a.append(o);
    }
    return statusBody(a);
}

} // namespace

class TestCliWebhooks : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    QProcessEnvironment childEnv(bool withSecrets) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"HERALD_DB", "HERALD_ACCESS_TOKEN", "HERALD_APP_SECRET", "HERALD_WEBHOOK_VERIFY_TOKEN",
              "DBUS_SESSION_BUS_ADDRESS", "LANGUAGE", "LC_ALL", "LC_MESSAGES"}) {
            env.remove(QString::fromLatin1(name));
        }
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"XDG_DATA_HOME"_s, m_home.path() + u"/data"_s);
        // No session bus: the keychain is out of reach, so only the environment counts.
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + m_home.filePath(u"no-bus"_s));
        if (withSecrets) {
            env.insert(u"HERALD_APP_SECRET"_s, QString::fromLatin1(kSecret));
            env.insert(u"HERALD_WEBHOOK_VERIFY_TOKEN"_s, QString::fromLatin1(kToken));
        }
        return env;
    }

    CliRun cli(TestDatabase &tdb, const QStringList &args)
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, tdb.url()} + args);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void serveWithoutSecretsSaysWhatIsMissing()
    {
        HERALD_TEST_DB(tdb);
        QProcess p;
        p.setProcessEnvironment(childEnv(false));
        p.start(QString::fromUtf8(HERALD_CLI_PATH), {u"--db"_s, tdb->url(), u"webhooks"_s, u"serve"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"HERALD_APP_SECRET"_s), qPrintable(err));

        const CliRun bad = cli(*tdb, {u"webhooks"_s, u"serve"_s, u"--listen"_s, u"localhost:http"_s});
        QCOMPARE(bad.exitCode, 2);
        const CliRun half = cli(*tdb, {u"webhooks"_s, u"serve"_s, u"--tls-cert"_s, u"x.pem"_s});
        QCOMPARE(half.exitCode, 2);
        QVERIFY2(half.err.contains(u"--tls-key"_s), qPrintable(half.describe()));
    }

    // The real receiver: handshake, a signed POST stored before its 200, a refused one, then
    // SIGTERM while a request is half sent — it is finished, answered and the program exits 0.
    void serveStoresCallbacksAndDrainsOnSigterm()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Campaign c = sentCampaign(db, u"Tracked"_s, 3);

        QProcess p;
        p.setProcessEnvironment(childEnv(true));
        p.start(QString::fromUtf8(HERALD_CLI_PATH),
                {u"--db"_s, tdb->url(), u"webhooks"_s, u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s});
        QString out;
        QDeadlineTimer deadline(30000);
        static const QRegularExpression urlPattern(u"http://127\\.0\\.0\\.1:(\\d+)/webhook"_s);
        QRegularExpressionMatch m;
        while (!(m = urlPattern.match(out)).hasMatch() && !deadline.hasExpired() &&
               p.state() != QProcess::NotRunning) {
            p.waitForReadyRead(200);
            out += QString::fromUtf8(p.readAllStandardOutput());
        }
        QVERIFY2(m.hasMatch(), qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
        const quint16 port = quint16(m.captured(1).toUInt());

        HttpTestClient client(port);
        HttpReply reply = client.exchange("GET /webhook?hub.mode=subscribe&hub.verify_token=" + kToken +
                                          "&hub.challenge=42 HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, QByteArray("42"));

        const QByteArray first = body({statusObject(u"wamid.C.0"_s, DeliveryStatus::Read, kBase),
                                       statusObject(u"wamid.C.1"_s, DeliveryStatus::Delivered, kBase)});
        reply = client.exchange(postRequest(first, WebhookSignature::sign(first, "not-the-secret")));
        QCOMPARE(reply.status, 403);
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).totalDelivered, 0);
        reply = client.exchange(postRequest(first, WebhookSignature::sign(first, kSecret)));
        QCOMPARE(reply.status, 200);
        Campaign now = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(now.totalDelivered, 2);
        QCOMPARE(now.totalRead, 1);

        // Half a request, then SIGTERM, then the rest.
        const QByteArray second = body({statusObject(u"wamid.C.2"_s, DeliveryStatus::Failed, kBase + 5)});
        const QByteArray whole = postRequest(second, WebhookSignature::sign(second, kSecret));
        HttpTestClient late(port);
        late.send(whole.left(whole.size() - 30));
        QTest::qWait(200);
        p.terminate();
        QTest::qWait(300);
        QCOMPARE(p.state(), QProcess::Running);
        late.send(whole.right(30));
        reply = late.await();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("connection"), QByteArray("close"));
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        out += QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(u"3 status callbacks stored"_s), qPrintable(out));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"answered 403"_s), qPrintable(err));
        now = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(now.totalFailedAfterSend, 1);

        // webhooks status: the business number, its counts and the running campaign.
        CliRun r = cli(*tdb, {u"webhooks"_s, u"status"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject s = r.json();
        QVERIFY(!s.value(u"last_callback_at"_s).isNull());
        const QJsonObject source = s.value(u"sources"_s).toArray().first().toObject();
        QCOMPARE(source.value(u"phone_number_id"_s).toString(), u"1065"_s);
        QCOMPARE(source.value(u"statuses"_s).toInteger(), 3);
        QCOMPARE(s.value(u"parked_waiting"_s).toInteger(), 0);
        const QJsonObject running = s.value(u"running_campaigns"_s).toArray().first().toObject();
        QCOMPARE(running.value(u"name"_s).toString(), u"Tracked"_s);
        QCOMPARE(running.value(u"total_delivered"_s).toInteger(), 2);
        QCOMPARE(running.value(u"total_read"_s).toInteger(), 1);
        r = cli(*tdb, {u"webhooks"_s, u"status"_s});
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"Last callback"_s) && r.out.contains(u"1065"_s),
                 qPrintable(r.describe()));

        // status --json and export carry the delivery facts.
        r = cli(*tdb, {u"status"_s, u"--json"_s});
        const QJsonObject st = r.json().value(u"campaigns"_s).toArray().first().toObject();
        QCOMPARE(st.value(u"total_delivered"_s).toInteger(), 2);
        QCOMPARE(st.value(u"total_read"_s).toInteger(), 1);
        QCOMPARE(st.value(u"total_failed_after_send"_s).toInteger(), 1);
        const QString file = m_home.filePath(u"tracked.csv"_s);
        r = cli(*tdb, {u"export"_s, u"--campaign"_s, u"Tracked"_s, u"--out"_s, file, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"total_failed_after_send"_s).toInteger(), 1);
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QVERIFY2(text.contains(u"delivered_at,read_at,late_failed_at,late_error_code,late_error_reason"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u",131049,"_s), qPrintable(text));

        // resend --reason 131049 takes the late failure back; the counters follow.
        r = cli(*tdb, {u"resend"_s, u"--campaign"_s, u"Tracked"_s, u"--reason"_s, u"131049"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"queued"_s).toInteger(), 1);
        now = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(now.totalSent, 2);
        QCOMPARE(now.totalFailedAfterSend, 0);
        QCOMPARE(now.pending, 2);
        const CounterValues recount = Counters::recount(db, c.id);
        QCOMPARE(recount.sent, now.totalSent);
        QCOMPARE(recount.failedAfterSend, now.totalFailedAfterSend);
        QCOMPARE(recount.delivered, now.totalDelivered);
        QCOMPARE(recount.read, now.totalRead);
    }
};

QTEST_GUILESS_MAIN(TestCliWebhooks)
#include "test_cli_webhooks.moc"
