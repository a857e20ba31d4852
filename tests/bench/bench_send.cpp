// bench_send: Herald's sender against the Cloud API simulator running in another process
// (simulator_runner), side by side with a bare Qt client that keeps the same number of
// POSTs in flight and parses the replies, with no database — the most a Qt HTTP client gets
// on this machine. run-send-benchmark.sh runs both and wrk, at 0 ms and 200 ms of latency.
//
//   bench_send --api-base URL --mode herald|bare [--messages N] [--concurrency C]
//              [--rate R] [--db PATH] [--campaign-size M]
//
// herald: a campaign of M recipients (default N) is sent until N outcomes are recorded, then
// paused; reports messages/s, CPU µs per message and peak memory of this process.
#include "BenchUtil.h"
#include "cloudapi/ApiResponse.h"
#include "cloudapi/MessageBuilder.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "sender/Sender.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::bench;

namespace {
const QString kPhoneNumberId = u"106540352242922"_s;
const QString kToken = u"herald-demo-token"_s;

TemplateMessage sampleMessage(qint64 i)
{
    TemplateMessage m;
    m.to = u"4915%1"_s.arg(100000000 + i);
    m.name = u"order_update"_s;
    m.languageCode = u"en_US"_s;
    m.body = {TemplateParameter::textValue(u"Alex"_s), TemplateParameter::textValue(u"A%1"_s.arg(i))};
    return m;
}

int runBare(const QUrl &url, qint64 messages, int concurrency)
{
    QList<QNetworkAccessManager *> managers;
    for (int i = 0; i < (concurrency + 5) / 6; ++i) {
        managers << new QNetworkAccessManager(qApp);
    }
    qint64 started = 0;
    qint64 done = 0;
    qint64 ok = 0;
    Stopwatch sw;
    std::function<void()> launch;
    launch = [&] {
        if (started >= messages) {
            return;
        }
        const qint64 i = started++;
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + kToken.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = managers.at(int(i % managers.size()))
                                   ->post(request, MessageBuilder::build(sampleMessage(i)).json);
        QObject::connect(reply, &QNetworkReply::finished, qApp, [&, reply] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (ApiResponse::parse(status, reply->readAll()).isSuccess()) {
                ++ok;
            }
            reply->deleteLater();
            if (++done == messages) {
                qApp->quit();
            } else {
                launch();
            }
        });
    };
    for (int i = 0; i < concurrency; ++i) {
        launch();
    }
    qApp->exec();
    const double wall = sw.wallSeconds();
    out() << "bench_send mode=bare messages=" << messages << " concurrency=" << concurrency
          << " accepted=" << ok << " msgs_per_s=" << qRound64(double(messages) / wall)
          << " cpu_us_per_msg=" << QString::number(sw.cpuSecondsUsed() * 1e6 / double(messages), 'f', 0)
          << " cores=" << QString::number(sw.cpuSecondsUsed() / wall, 'f', 2)
          << " peak_rss_mib=" << QString::number(peakRssMiB(), 'f', 1) << Qt::endl;
    return ok == messages ? 0 : 1;
}

int runHerald(const QUrl &base, const QString &dbPath, qint64 messages, qint64 campaignSize, int concurrency,
              double rate)
{
    DatabaseConfig cfg;
    QString error;
    if (!DatabaseConfig::parse(dbPath, &cfg, &error)) {
        qCritical("%s", qPrintable(error));
        return 2;
    }
    QString campaignId;
    {
        Database db(cfg, u"bench-setup"_s);
        Migrator(db).migrate();
        CampaignStore store(db, Clock::system());
        const Campaign c = store.create({u"bench-send-%1"_s.arg(QDateTime::currentMSecsSinceEpoch()),
                                         u"order_update"_s,
                                         u"en_US"_s,
                                         kPhoneNumberId,
                                         {}});
        QueueEngine engine(db, Clock::system());
        QList<Recipient> batch;
        for (qint64 i = 0; i < campaignSize; ++i) {
            batch << Recipient{u"+4915%1"_s.arg(100000000 + i), {}, QJsonObject{{u"body.1"_s, u"Alex"_s}}, 0};
            if (batch.size() == 50'000 || i + 1 == campaignSize) {
                engine.enqueue(c.id, batch);
                batch.clear();
            }
        }
        campaignId = c.id;
    }
    SenderConfig sc;
    sc.database = cfg;
    sc.campaignId = campaignId;
    sc.api.setBaseUrl(base.toString());
    sc.api.setPhoneNumberId(kPhoneNumberId);
    sc.api.setAccessToken(kToken);
    sc.templateName = u"order_update"_s;
    sc.templateLanguage = u"en_US"_s;
    sc.templateSlots.bodyVariables = {u"1"_s, u"2"_s};
    sc.defaultParameters = QJsonObject{{u"body.2"_s, u"A12345"_s}};
    sc.rate = rate;
    sc.beyondMetaLimits = rate > 1000;
    sc.concurrency = concurrency;

    Sender sender;
    SendResult result;
    qint64 recorded = 0;
    bool pausing = false;
    QObject::connect(&sender, &Sender::progress, qApp, [&](const SendProgress &p) {
        recorded = p.sent + p.failed;
        if (!pausing && recorded >= messages && campaignSize > messages) {
            pausing = true;
            sender.pause(u"benchmark done"_s);
        }
    });
    QObject::connect(&sender, &Sender::finished, qApp, [&](const SendResult &r) {
        result = r;
        qApp->quit();
    });
    Stopwatch sw;
    sender.start(sc);
    qApp->exec();
    const double wall = sw.wallSeconds();
    const qint64 done = result.sent + result.failed;
    out() << "bench_send mode=herald messages=" << done << " campaign=" << campaignSize
          << " concurrency=" << concurrency << " rate_cap=" << rate
          << " end=" << SendResult::endName(result.end) << " sent=" << result.sent
          << " msgs_per_s=" << qRound64(double(done) / wall) << " cpu_us_per_msg="
          << QString::number(sw.cpuSecondsUsed() * 1e6 / double(std::max<qint64>(1, done)), 'f', 0)
          << " cores=" << QString::number(sw.cpuSecondsUsed() / wall, 'f', 2)
          << " peak_rss_mib=" << QString::number(peakRssMiB(), 'f', 1) << Qt::endl;
    return result.end == SendResult::End::Completed || result.end == SendResult::End::Paused ? 0 : 1;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"api-base"_s, u"The simulator's base URL (simulator_runner prints it)."_s, u"url"_s});
    parser.addOption({u"mode"_s, u"herald or bare."_s, u"mode"_s, u"herald"_s});
    parser.addOption({u"messages"_s, u"Messages to send (default 100000)."_s, u"n"_s, u"100000"_s});
    parser.addOption({u"campaign-size"_s, u"Recipients in the campaign (default: --messages)."_s, u"n"_s});
    parser.addOption({u"concurrency"_s, u"Requests in flight (default 300)."_s, u"n"_s, u"300"_s});
    parser.addOption({u"rate"_s, u"Herald's rate ceiling, messages/s (default 1000)."_s, u"r"_s, u"1000"_s});
    parser.addOption({u"db"_s, u"SQLite file for the herald mode (must not exist)."_s, u"path"_s});
    parser.process(app);
    const QUrl base(parser.value(u"api-base"_s));
    const qint64 messages = parser.value(u"messages"_s).toLongLong();
    const int concurrency = parser.value(u"concurrency"_s).toInt();
    if (!base.isValid() || messages <= 0 || concurrency <= 0) {
        qCritical("bench_send: --api-base, --messages and --concurrency are required and positive");
        return 2;
    }
    try {
        if (parser.value(u"mode"_s) == "bare"_L1) {
            return runBare(QUrl(base.toString() + u"/v23.0/"_s + kPhoneNumberId + u"/messages"_s), messages,
                           concurrency);
        }
        const qint64 size =
            parser.isSet(u"campaign-size"_s) ? parser.value(u"campaign-size"_s).toLongLong() : messages;
        return runHerald(base, parser.value(u"db"_s), messages, size, concurrency,
                         parser.value(u"rate"_s).toDouble());
    } catch (const DbError &e) {
        qCritical("bench_send: %s", qPrintable(e.message()));
        return 1;
    }
}
