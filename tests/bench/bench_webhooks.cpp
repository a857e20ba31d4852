// bench_webhooks: callbacks ingested per second through the real receiver (WebhookReceiver on
// loopback: HTTP parsed, signature checked, payload parsed, committed by DeliveryWriter before
// each 200), with batches as Meta sends them — each message brings a delivered and a read
// callback, `--batch` statuses per POST, `--clients` keep-alive connections at once. Side by
// side in the same run: the bare reference, a prepared INSERT of the same statuses into a plain
// table, one transaction per POST's worth of rows.
//
//   bench_webhooks --db PATH|URL [--messages N] [--batch K] [--clients C]
#include "BenchUtil.h"
#include "WebhookReceiver.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "webhook/WebhookSignature.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTimer>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::bench;

namespace {

const QByteArray kSecret = "bench-app-secret";

QString wamid(qint64 i)
{
    return u"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI%1"_s.arg(i);
}

// A running campaign of `rows` messages, all sent with wamid(i).
QString sentCampaign(Database &db, const QString &name, qint64 rows)
{
    const Clock &clock = Clock::system();
    CampaignStore store(db, clock);
    const Campaign c = store.create({name, u"order_update"_s, u"en_US"_s, {}, {}});
    QueueEngine engine(db, clock);
    QList<Recipient> batch;
    for (qint64 i = 0; i < rows; ++i) {
        batch << Recipient{u"+4915%1"_s.arg(100000000 + i), {}, QJsonObject{{u"body.1"_s, u"Alex"_s}}, 0};
        if (batch.size() == 10000 || i + 1 == rows) {
            engine.enqueue(c.id, batch);
            batch.clear();
        }
    }
    store.transition(c.id, CampaignStatus::Running);
    for (;;) {
        const QList<ClaimedMessage> claims = engine.claim(c.id, u"bench"_s, 5000);
        if (claims.isEmpty()) {
            break;
        }
        QList<Outcome> outcomes;
        for (const ClaimedMessage &m : claims) {
            outcomes << Outcome::sent(m, wamid(m.id));
        }
        engine.record(outcomes);
    }
    return c.id;
}

QList<qint64> rowIds(Database &db, const QString &campaignId)
{
    QList<qint64> ids;
    QSqlQuery q = db.run(u"SELECT id FROM send_queue WHERE campaign_id = ? ORDER BY id"_s, {campaignId});
    while (q.next()) {
        ids << q.value(0).toLongLong();
    }
    return ids;
}

struct Status
{
    QString wamid;
    const char *status;
    qint64 time;
};

// Every message's delivered and read, in batches of `batch`, as signed HTTP requests.
QList<QList<Status>> batches(const QList<qint64> &ids, int batch)
{
    QList<Status> all;
    for (const qint64 id : ids) {
        all.append({wamid(id), "delivered", 1'750'000'000});
    }
    for (const qint64 id : ids) {
        all.append({wamid(id), "read", 1'750'000'060});
    }
    QList<QList<Status>> out;
    for (qsizetype i = 0; i < all.size(); i += batch) {
        out << all.mid(i, batch);
    }
    return out;
}

QByteArray request(const QList<Status> &statuses)
{
    QJsonArray list;
    for (const Status &s : statuses) {
        list.append(QJsonObject{{u"id"_s, s.wamid},
                                {u"status"_s, QString::fromLatin1(s.status)},
                                {u"timestamp"_s, QString::number(s.time)},
                                {u"recipient_id"_s, u"4915100000000"_s},
                                {u"pricing"_s, QJsonObject{{u"billable"_s, true},
                                                           {u"pricing_model"_s, u"PMP"_s},
                                                           {u"category"_s, u"marketing"_s}}}});
    }
    const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                            {u"metadata"_s, QJsonObject{{u"display_phone_number"_s, u"15550001111"_s},
                                                        {u"phone_number_id"_s, u"1065"_s}}},
                            {u"statuses"_s, list}};
    const QJsonObject change{{u"field"_s, u"messages"_s}, {u"value"_s, value}};
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"object"_s, u"whatsapp_business_account"_s},
                                  {u"entry"_s, QJsonArray{QJsonObject{{u"id"_s, u"1022"_s},
                                                                      {u"changes"_s, QJsonArray{change}}}}}})
            .toJson(QJsonDocument::Compact);
    return "POST /webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) +
           "\r\nX-Hub-Signature-256: " + WebhookSignature::sign(body, kSecret) + "\r\n\r\n" + body;
}

// One keep-alive client on its own thread: sends its requests one after the other, each
// after the previous answer. Returns how many were not answered 200.
int client(quint16 port, const QList<QByteArray> &requests)
{
    QTcpSocket s;
    s.connectToHost(u"127.0.0.1"_s, port);
    if (!s.waitForConnected(10000)) {
        return int(requests.size());
    }
    int bad = 0;
    QByteArray buffer;
    for (const QByteArray &r : requests) {
        s.write(r);
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const qsizetype cl = buffer.indexOf("Content-Length: ");
                const qsizetype length =
                    cl >= 0 ? buffer.mid(cl + 16, buffer.indexOf('\r', cl) - cl - 16).toLongLong() : 0;
                if (buffer.size() >= end + 4 + length) {
                    bad += buffer.startsWith("HTTP/1.1 200") ? 0 : 1;
                    buffer.remove(0, end + 4 + length);
                    break;
                }
            }
            if (!s.waitForReadyRead(60000)) {
                return bad + 1;
            }
            buffer += s.readAll();
        }
    }
    return bad;
}

double bareRun(Database &db, const QList<QList<Status>> &work)
{
    // DDL cannot be a prepared statement on PostgreSQL: executed directly.
    auto direct = [&db](const QString &sql) {
        QSqlQuery q(QSqlDatabase::database(db.connectionName()));
        if (!q.exec(sql)) {
            throw DbError(DbError::Kind::Other, q.lastError().text());
        }
    };
    direct(u"CREATE TABLE IF NOT EXISTS bench_webhook_raw (wamid text, status text, ts bigint)"_s);
    Stopwatch sw;
    QSqlQuery insert = db.prepare(u"INSERT INTO bench_webhook_raw (wamid, status, ts) VALUES (?, ?, ?)"_s);
    for (const QList<Status> &batch : work) {
        Transaction tx(db);
        for (const Status &s : batch) {
            Database::exec(insert, {s.wamid, QString::fromLatin1(s.status), s.time});
        }
        tx.commit();
    }
    const double seconds = sw.wallSeconds();
    direct(u"DROP TABLE bench_webhook_raw"_s);
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {u"db"_s, u"Database: SQLite path or postgresql:// URL (must be empty or disposable)."_s, u"url"_s});
    parser.addOption({u"messages"_s, u"Messages (two callbacks each; default 20000)."_s, u"n"_s, u"20000"_s});
    parser.addOption({u"batch"_s, u"Statuses per POST (default 10)."_s, u"n"_s, u"10"_s});
    parser.addOption({u"clients"_s, u"Connections posting at once (default 16)."_s, u"n"_s, u"16"_s});
    parser.process(app);
    DatabaseConfig cfg;
    QString error;
    if (!DatabaseConfig::parse(parser.value(u"db"_s), &cfg, &error)) {
        qCritical("%s", qPrintable(error));
        return 2;
    }
    const qint64 messages = parser.value(u"messages"_s).toLongLong();
    const int batch = std::max(1, parser.value(u"batch"_s).toInt());
    const int clients = std::max(1, parser.value(u"clients"_s).toInt());
    try {
        Database db(cfg, u"bench"_s);
        Migrator(db).migrate();
        const QString campaign = sentCampaign(
            db, u"bench-webhooks-"_s + QString::number(QDateTime::currentMSecsSinceEpoch()), messages);
        const QList<QList<Status>> work = batches(rowIds(db, campaign), batch);
        QList<QList<QByteArray>> perClient(clients);
        for (qsizetype i = 0; i < work.size(); ++i) {
            perClient[i % clients] << request(work[i]);
        }
        const qint64 statuses = messages * 2;

        WebhookReceiver::Options options;
        options.appSecret = kSecret;
        options.verifyToken = "bench";
        WebhookReceiver receiver(cfg, options);
        if (receiver.start(QHostAddress::LocalHost, 0, &error) != WebhookReceiver::StartResult::Started) {
            qCritical("bench_webhooks: %s", qPrintable(error));
            return 1;
        }
        std::atomic<int> bad = 0;
        std::atomic<int> finished = 0;
        Stopwatch sw;
        std::vector<std::thread> threads;
        for (int c = 0; c < clients; ++c) {
            threads.emplace_back([&, c] {
                bad += client(receiver.port(), perClient[c]);
                ++finished;
            });
        }
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (finished == clients) {
                loop.quit();
            }
        });
        poll.start(2);
        loop.exec();
        const double receiverSeconds = sw.wallSeconds();
        const double receiverCpu = sw.cpuSecondsUsed();
        for (std::thread &t : threads) {
            t.join();
        }
        const qint64 delivered =
            db.scalar(u"SELECT total_read FROM campaigns WHERE id = ?"_s, {campaign}).toLongLong();
        const double bare = bareRun(db, work);
        const double rate = double(statuses) / receiverSeconds;
        const double bareRate = double(statuses) / bare;
        out() << "bench_webhooks backend=" << (db.isPostgres() ? "postgresql" : "sqlite")
              << " messages=" << messages << " statuses=" << statuses << " batch=" << batch
              << " clients=" << clients << " refused=" << bad.load() << " read_counted=" << delivered
              << " receiver_statuses_per_s=" << qRound64(rate)
              << " bare_insert_rows_per_s=" << qRound64(bareRate)
              << " receiver_vs_bare=" << QString::number(rate / bareRate, 'f', 2)
              << " process_cpu_s=" << QString::number(receiverCpu, 'f', 1)
              << " peak_rss_mib=" << QString::number(peakRssMiB(), 'f', 1) << Qt::endl;
        return bad == 0 && delivered == messages ? 0 : 1;
    } catch (const DbError &e) {
        qCritical("bench_webhooks: %s", qPrintable(e.message()));
        return 1;
    }
}
