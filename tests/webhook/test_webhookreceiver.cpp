// The webhook receiver over real loopback sockets, on SQLite and PostgreSQL: the handshake,
// signatures (only valid ones store anything), refusals (size, framing, content type, time),
// connection limits, keep-alive, and concurrent posts each committed before its 200.
#include "HttpTestClient.h"
#include "QueueTestUtil.h"
#include "WebhookReceiver.h"
#include "WebhookTestUtil.h"
#include "webhook/WebhookSignature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

const QByteArray kSecret = "app-secret-for-tests";
const QByteArray kToken = "verify-token-for-tests";
constexpr qint64 kBase = 1'750'000'000;

// A running campaign of `count` rows, all sent with wamids "wamid.<prefix>.<i>".
Campaign sentCampaign(Database &db, const QString &name, int count, const QString &prefix)
{
    const Clock &clock = Clock::system();
    Campaign c = makeCampaign(db, clock, name, count);
    CampaignStore(db, clock).transition(c.id, CampaignStatus::Running);
    const QList<ClaimedMessage> claims = QueueEngine(db, clock).claim(c.id, u"w1"_s, count);
    QList<Outcome> outcomes;
    for (int i = 0; i < claims.size(); ++i) {
        outcomes << Outcome::sent(claims[i], u"wamid.%1.%2"_s.arg(prefix).arg(i));
    }
    QueueEngine(db, clock).record(outcomes);
    return c;
}

QByteArray deliveredBody(const QString &prefix, int first, int count)
{
    QJsonArray statuses;
    for (int i = first; i < first + count; ++i) {
        statuses.append(
            statusObject(u"wamid.%1.%2"_s.arg(prefix).arg(i), DeliveryStatus::Delivered, kBase + i));
    }
    return statusBody(statuses);
}

qint64 deliveredRows(Database &db)
{
    return db.scalar(u"SELECT count(*) FROM send_queue WHERE delivered_at IS NOT NULL"_s).toLongLong();
}

qint64 sourceRows(Database &db)
{
    return db.scalar(u"SELECT count(*) FROM webhook_sources"_s).toLongLong();
}

} // namespace

class TestWebhookReceiver : public QObject
{
    Q_OBJECT

    std::unique_ptr<WebhookReceiver> start(TestDatabase &tdb, WebhookReceiver::Options o = {})
    {
        o.appSecret = kSecret;
        o.verifyToken = kToken;
        auto r = std::make_unique<WebhookReceiver>(tdb.config(), o);
        QString problem;
        const auto result = r->start(QHostAddress::LocalHost, 0, &problem);
        if (result != WebhookReceiver::StartResult::Started) {
            qWarning("receiver did not start: %s", qPrintable(problem));
            return nullptr;
        }
        return r;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void handshakeAnswersTheChallengeOnlyForTheRightToken()
    {
        HERALD_TEST_DB(tdb);
        auto r = start(*tdb);
        QVERIFY(r);
        HttpTestClient client(r->port());
        HttpReply reply = client.exchange(
            "GET "
            "/webhook?hub.mode=subscribe&hub.verify_token=verify-token-for-tests&hub.challenge=1158201444 "
            "HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, QByteArray("1158201444"));
        // Same connection (keep-alive), wrong token, wrong mode, no challenge, wrong path.
        for (const QByteArray &target :
             {QByteArray(
                  "/webhook?hub.mode=subscribe&hub.verify_token=verify-token-for-testX&hub.challenge=1"),
              QByteArray(
                  "/webhook?hub.mode=subscribe&hub.verify_token=verify-token-for-test&hub.challenge=1"),
              QByteArray(
                  "/webhook?hub.mode=unsubscribe&hub.verify_token=verify-token-for-tests&hub.challenge=1"),
              QByteArray("/webhook?hub.mode=subscribe&hub.verify_token=verify-token-for-tests"),
              QByteArray("/webhook")}) {
            reply = client.exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY2(reply.status == 403, target.constData());
            QVERIFY(reply.body != "1");
        }
        reply = client.exchange("GET /other?hub.mode=subscribe&hub.verify_token=verify-token-for-tests&"
                                "hub.challenge=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(reply.status, 404);
        reply = client.exchange("PUT /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(reply.status, 405);
        QCOMPARE(reply.header("allow"), QByteArray("GET, POST"));
    }

    void onlyAValidSignatureStoresAnything()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Campaign c = sentCampaign(db, u"Sig"_s, 3, u"S"_s);
        auto r = start(*tdb);
        QVERIFY(r);
        const QByteArray body = deliveredBody(u"S"_s, 0, 3);
        const QByteArray good = WebhookSignature::sign(body, kSecret);
        QByteArray altered = body;
        altered[altered.indexOf("wamid.S.1") + 8] = '2'; // one byte: wamid.S.1 becomes wamid.S.2

        struct Case
        {
            const char *what;
            QByteArray body;
            QByteArray signature;
            int status;
        };
        const QList<Case> cases{
            {"missing", body, {}, 401},
            {"invalid", body, "sha256=" + QByteArray(64, '0'), 403},
            {"malformed", body, "sha1=abc", 403},
            {"altered body", altered, good, 403},
            {"wrong secret", body, WebhookSignature::sign(body, "another-secret"), 403},
            {"signature of another body", body, WebhookSignature::sign(altered, kSecret), 403},
        };
        for (const Case &k : cases) {
            HttpTestClient client(r->port());
            const HttpReply reply = client.exchange(postRequest(k.body, k.signature));
            QVERIFY2(reply.status == k.status, k.what);
            QVERIFY2(deliveredRows(db) == 0 && sourceRows(db) == 0, k.what);
        }
        HttpTestClient client(r->port());
        const HttpReply reply = client.exchange(postRequest(body, good));
        QCOMPARE(reply.status, 200);
        // Committed before the 200: visible to another connection at once.
        QCOMPARE(deliveredRows(db), 3);
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).totalDelivered, 3);
        QString why;
        QVERIFY2(countersMatch(db, Clock::system(), c.id, &why), qPrintable(why));
    }

    void badRequestsAreRefusedAndStoreNothing()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        sentCampaign(db, u"Bad"_s, 2, u"B"_s);
        WebhookReceiver::Options o;
        o.limits.maxBodyBytes = 64 * 1024;
        o.requestTimeout = std::chrono::milliseconds(1500);
        auto r = start(*tdb, o);
        QVERIFY(r);
        const QByteArray body = deliveredBody(u"B"_s, 0, 2);
        const QByteArray sig = WebhookSignature::sign(body, kSecret);

        { // Oversized by its Content-Length: refused before the body is sent, connection closed.
            HttpTestClient client(r->port());
            const HttpReply reply = client.exchange(
                "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                "104857600\r\nX-Hub-Signature-256: " +
                sig + "\r\n\r\n");
            QCOMPARE(reply.status, 413);
            QVERIFY(reply.closed);
        }
        { // Oversized chunked body.
            HttpTestClient client(r->port());
            client.send("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\nX-Hub-Signature-256: " +
                        sig + "\r\n\r\n");
            const QByteArray chunk(16 * 1024, 'x');
            for (int i = 0; i < 6 && client.connected(); ++i) {
                client.send("4000\r\n" + chunk + "\r\n");
                QTest::qWait(5);
            }
            QCOMPARE(client.await().status, 413);
        }
        { // Signed, but not JSON.
            const QByteArray junk = "{\"object\": \"whatsapp_business_account\", \"entry\": [";
            HttpTestClient client(r->port());
            QCOMPARE(client.exchange(postRequest(junk, WebhookSignature::sign(junk, kSecret))).status, 400);
        }
        { // Signed, wrong content type.
            HttpTestClient client(r->port());
            QCOMPARE(client.exchange(postRequest(body, sig, "text/plain")).status, 415);
        }
        { // Truncated: the client gives up half way; nothing is stored.
            HttpTestClient client(r->port());
            const QByteArray whole = postRequest(body, sig);
            client.send(whole.left(whole.size() - body.size() / 2));
            QTest::qWait(100);
            client.close();
            QTest::qWait(100);
        }
        { // Truncated and left hanging: 408 after the request timeout.
            HttpTestClient client(r->port());
            const QByteArray whole = postRequest(body, sig);
            client.send(whole.left(whole.size() - 10));
            const HttpReply reply = client.await(8000);
            QCOMPARE(reply.status, 408);
        }
        { // Framing: no CR LF, a broken request line, both lengths, a bad length, huge headers.
            for (const QByteArray &raw :
                 {QByteArray("POST /webhook HTTP/1.1\nHost: x\n\n"), QByteArray("POST\r\n\r\n"),
                  QByteArray(
                      "POST /webhook HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
                  QByteArray("POST /webhook HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
                  QByteArray("POST /webhook HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")}) {
                HttpTestClient client(r->port());
                const HttpReply reply = client.exchange(raw);
                QVERIFY2(reply.status == 400, raw.constData());
                QVERIFY(reply.closed);
            }
            HttpTestClient client(r->port());
            QCOMPARE(client.exchange("GET /webhook HTTP/1.1\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n")
                         .status,
                     431);
            HttpTestClient v2(r->port());
            QCOMPARE(v2.exchange("GET /webhook HTTP/2.0\r\n\r\n").status, 505);
        }
        QCOMPARE(deliveredRows(db), 0);
        QCOMPARE(sourceRows(db), 0);

        // A valid chunked body with 100-continue is accepted.
        HttpTestClient client(r->port());
        QByteArray chunked =
            "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=utf-8\r\n"
            "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\nX-Hub-Signature-256: " +
            sig + "\r\n\r\n";
        const qsizetype half = body.size() / 2;
        chunked += QByteArray::number(half, 16) + "\r\n" + body.left(half) + "\r\n";
        chunked +=
            QByteArray::number(body.size() - half, 16) + ";ext=1\r\n" + body.mid(half) + "\r\n0\r\n\r\n";
        QCOMPARE(client.exchange(chunked).status, 200);
        QCOMPARE(deliveredRows(db), 2);
    }

    void keepAliveAndPipelinedRequestsAreAnsweredInOrder()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        sentCampaign(db, u"Keep"_s, 4, u"K"_s);
        auto r = start(*tdb);
        QVERIFY(r);
        const QByteArray a = deliveredBody(u"K"_s, 0, 2);
        const QByteArray b = deliveredBody(u"K"_s, 2, 2);
        HttpTestClient client(r->port());
        client.send(postRequest(a, WebhookSignature::sign(a, kSecret)) +
                    postRequest(b, WebhookSignature::sign(b, kSecret)));
        const HttpReply first = client.await();
        QCOMPARE(first.status, 200);
        QVERIFY(!first.closed);
        QVERIFY(deliveredRows(db) >= 2);
        QCOMPARE(client.await().status, 200);
        QCOMPARE(deliveredRows(db), 4);
    }

    void repliesTemplateEventsAndUnknownKindsAreKept()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        const Campaign c = sentCampaign(db, u"Replies"_s, 2, u"O"_s);
        const QVariant now = db.timeValue(QDateTime::currentDateTimeUtc());
        db.run(u"INSERT INTO templates (name, language, status, category, updated_at) "
               "VALUES ('order_update', 'en_US', 'APPROVED', 'UTILITY', ?)"_s,
               {now});
        auto r = start(*tdb);
        QVERIFY(r);
        HttpTestClient client(r->port());
        const auto post = [&](const QByteArray &body) {
            return client.exchange(postRequest(body, WebhookSignature::sign(body, kSecret))).status;
        };
        const auto scalar = [&](const QString &sql, const QVariantList &values = {}) {
            return db.scalar(sql, values);
        };

        // STOP as text, and Meta's opt-out button (its payload): both senders opt out.
        QCOMPARE(post(readWebhookData(u"inbound_messages.json"_s)), 200);
        QCOMPARE(scalar(u"SELECT count(*) FROM opt_outs WHERE source = 'api' AND phone IN "
                        "('+16505551234', '+4915123456789')"_s)
                     .toLongLong(),
                 2);
        // A reply that only mentions the word, and one in another case with spaces around: only
        // the second is an opt-out. Neither reply's text is stored.
        const auto reply = [](const QString &from, const QString &text) {
            const QJsonObject m{{u"from"_s, from},
                                {u"id"_s, QString(u"wamid.in."_s + from)},
                                {u"timestamp"_s, u"1750264000"_s},
                                {u"type"_s, u"text"_s},
                                {u"text"_s, QJsonObject{{u"body"_s, text}}}};
            const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                                    {u"metadata"_s, QJsonObject{{u"phone_number_id"_s, u"1065"_s}}},
                                    {u"messages"_s, QJsonArray{m}}};
            const QJsonObject change{{u"field"_s, u"messages"_s}, {u"value"_s, value}};
            return QJsonDocument(
                       QJsonObject{{u"object"_s, u"whatsapp_business_account"_s},
                                   {u"entry"_s, QJsonArray{QJsonObject{{u"id"_s, u"1022"_s},
                                                                       {u"changes"_s, QJsonArray{change}}}}}})
                .toJson(QJsonDocument::Compact);
        };
        QCOMPARE(post(reply(u"4917000000001"_s, u"Please do not stop, I like these"_s)), 200);
        QCOMPARE(post(reply(u"4917000000002"_s, u"  bAjA "_s)), 200);
        QCOMPARE(scalar(u"SELECT count(*) FROM opt_outs WHERE phone = '+4917000000001'"_s).toLongLong(), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM opt_outs WHERE phone = '+4917000000002'"_s).toLongLong(), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM webhook_events WHERE kind = 'message'"_s).toLongLong(), 0);

        // The template is paused and now marketing, its old category kept; both events kept raw.
        QCOMPARE(post(readWebhookData(u"template_events.json"_s)), 200);
        QSqlQuery t = db.run(u"SELECT status, category, previous_category FROM templates "
                             "WHERE name = 'order_update' AND language = 'en_US'"_s);
        QVERIFY(t.next());
        QCOMPARE(t.value(0).toString(), u"PAUSED"_s);
        QCOMPARE(t.value(1).toString(), u"MARKETING"_s);
        QCOMPARE(t.value(2).toString(), u"UTILITY"_s);
        t.finish();
        QCOMPARE(
            scalar(u"SELECT count(*) FROM webhook_events WHERE kind IN ('message_template_status_update', "
                   "'template_category_update') AND resolved_at IS NOT NULL"_s)
                .toLongLong(),
            2);

        // An unknown field and unreadable statuses are kept raw with why, and never wait for
        // anything; the readable status that matches nothing is parked.
        QCOMPARE(post(readWebhookData(u"unknown_kinds.json"_s)), 200);
        QCOMPARE(scalar(u"SELECT count(*) FROM webhook_events WHERE kind = 'account_update' "
                        "AND resolved_at IS NOT NULL"_s)
                     .toLongLong(),
                 1);
        QVERIFY(
            scalar(u"SELECT count(*) FROM webhook_events WHERE kind = 'status' AND resolved_at IS NOT NULL"_s)
                .toLongLong() >= 4);
        QCOMPARE(scalar(u"SELECT count(*) FROM webhook_events WHERE resolved_at IS NULL"_s).toLongLong(), 1);

        // A customer's message that cannot be read (no sender) is noted, without its words.
        QCOMPARE(post(reply(QString(), u"my private words"_s)), 200);
        QCOMPARE(scalar(u"SELECT count(*) FROM webhook_events WHERE kind = 'message'"_s).toLongLong(), 1);
        QVERIFY(!scalar(u"SELECT CAST(payload AS text) FROM webhook_events WHERE kind = 'message'"_s)
                     .toString()
                     .contains(u"private"_s));

        // A late 131050 (the person stopped marketing messages) opts the recipient out.
        const QString phone = scalar(u"SELECT phone FROM send_queue WHERE wamid = 'wamid.O.1'"_s).toString();
        QCOMPARE(post(statusBody({statusObject(u"wamid.O.1"_s, DeliveryStatus::Failed, kBase, {}, 131050)})),
                 200);
        QCOMPARE(scalar(u"SELECT source FROM opt_outs WHERE phone = ?"_s, {phone}).toString(), u"api"_s);
        QCOMPARE(CampaignStore(db, Clock::system()).byId(c.id).totalFailedAfterSend, 1);
    }

    void connectionsBeyondTheCapAreRefused()
    {
        HERALD_TEST_DB(tdb);
        WebhookReceiver::Options o;
        o.maxConnections = 2;
        auto r = start(*tdb, o);
        QVERIFY(r);
        HttpTestClient a(r->port());
        HttpTestClient b(r->port());
        QTest::qWait(50);
        HttpTestClient c(r->port());
        const HttpReply refused = c.await();
        QCOMPARE(refused.status, 503);
        QVERIFY(refused.closed);
        // The first two still work.
        QCOMPARE(a.exchange("GET /webhook HTTP/1.1\r\n\r\n").status, 403);
        QCOMPARE(b.exchange("GET /webhook HTTP/1.1\r\n\r\n").status, 403);
    }

    // Many clients at once: every 200 comes after its rows are committed (checked the moment
    // each answer arrives), concurrent requests share group commits, counters stay exact.
    void concurrentPostsAreAllCommittedBeforeTheir200()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        constexpr int kClients = 40;
        constexpr int kPerRequest = 5;
        const Campaign c = sentCampaign(db, u"Many"_s, kClients * kPerRequest, u"M"_s);
        WebhookReceiver::Options o;
        o.commit.window = std::chrono::milliseconds(5);
        auto r = start(*tdb, o);
        QVERIFY(r);
        std::vector<std::unique_ptr<HttpTestClient>> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<HttpTestClient>(r->port()));
        }
        for (int i = 0; i < kClients; ++i) {
            QJsonArray statuses;
            for (int k = 0; k < kPerRequest; ++k) {
                const int row = i * kPerRequest + k;
                statuses.append(statusObject(u"wamid.M.%1"_s.arg(row), DeliveryStatus::Read, kBase + row));
            }
            const QByteArray body = statusBody(statuses);
            clients[i]->send(postRequest(body, WebhookSignature::sign(body, kSecret)));
        }
        QList<bool> done(kClients, false);
        int answered = 0;
        QDeadlineTimer deadline(60000);
        while (answered < kClients && !deadline.hasExpired()) {
            for (int i = 0; i < kClients; ++i) {
                HttpReply reply;
                if (done[i] || !clients[i]->poll(&reply)) {
                    continue;
                }
                done[i] = true;
                ++answered;
                QCOMPARE(reply.status, 200);
                const qint64 read =
                    db.scalar(u"SELECT count(*) FROM send_queue WHERE read_at IS NOT NULL AND "
                              "delivered_at IS NOT NULL AND wamid IN (?, ?, ?, ?, ?)"_s,
                              {u"wamid.M.%1"_s.arg(i * kPerRequest), u"wamid.M.%1"_s.arg(i * kPerRequest + 1),
                               u"wamid.M.%1"_s.arg(i * kPerRequest + 2),
                               u"wamid.M.%1"_s.arg(i * kPerRequest + 3),
                               u"wamid.M.%1"_s.arg(i * kPerRequest + 4)})
                        .toLongLong();
                QCOMPARE(read, kPerRequest);
            }
            QTest::qWait(1);
        }
        QCOMPARE(answered, kClients);
        const Campaign after = CampaignStore(db, Clock::system()).byId(c.id);
        QCOMPARE(after.totalRead, kClients * kPerRequest);
        QCOMPARE(after.totalDelivered, kClients * kPerRequest);
        QString why;
        QVERIFY2(countersMatch(db, Clock::system(), c.id, &why), qPrintable(why));
        QCOMPARE(r->stats().statuses, kClients * kPerRequest);
        QCOMPARE(db.scalar(u"SELECT statuses FROM webhook_sources"_s).toLongLong(), kClients * kPerRequest);
    }

    // drain(): a request in flight is finished and answered (Connection: close), idle
    // connections are closed, no new connection is accepted, then drained() comes.
    void drainFinishesWhatIsInFlight()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        sentCampaign(db, u"Drain"_s, 2, u"D"_s);
        auto r = start(*tdb);
        QVERIFY(r);
        const quint16 port = r->port();
        HttpTestClient idle(port);
        HttpTestClient busy(port);
        const QByteArray body = deliveredBody(u"D"_s, 0, 2);
        const QByteArray whole = postRequest(body, WebhookSignature::sign(body, kSecret));
        busy.send(whole.left(whole.size() - 20));
        QTest::qWait(50);
        bool drained = false;
        connect(r.get(), &WebhookReceiver::drained, this, [&] { drained = true; });
        r->drain();
        QVERIFY(idle.await(3000).closed);
        QVERIFY(!drained);
        busy.send(whole.right(20));
        const HttpReply reply = busy.await();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("connection"), QByteArray("close"));
        QCOMPARE(deliveredRows(db), 2);
        QVERIFY(QTest::qWaitFor([&] { return drained; }, 5000));
        HttpTestClient late(port);
        QVERIFY(!late.connected());
    }
};

QTEST_GUILESS_MAIN(TestWebhookReceiver)
#include "test_webhookreceiver.moc"
