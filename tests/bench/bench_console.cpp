// bench_console: the console's responsiveness (docs/BENCHMARKS.md, "Console").
//   bench_console --prepare --db FILE --api-base URL [--big N] [--campaigns N]
//       a database like a team's after a while: N campaigns (one of them with the big one's rows)
//   bench_console --launch --db FILE
//       from main() to the first painted campaign table; prints launch_ms and
//       first_paint_epoch_ns (a script subtracts the process's own start)
//   bench_console --lag --db FILE --api-base URL [--seconds S]
//       the big campaign open in Recipients and sending at the ceiling (api.rate_ceiling, 1,000
//       after --prepare) to the simulator at URL; a 5 ms timer on the GUI thread measures how late
//       it fires (p50/p99/p99.9 lag), and the process's peak memory.
#include "AppContext.h"
#include "BenchUtil.h"
#include "data/CampaignFeed.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "models/CampaignTableModel.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "sending/Credentials.h"
#include "sending/SendController.h"
#include "settings/SettingKeys.h"
#include "simulator/DemoCampaign.h"
#include "templates/TemplateSync.h"
#include "views/CampaignActions.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {
constexpr auto kToken = "herald-demo-token";
const QString kBig = u"Big campaign"_s;

ApiSettings apiFor(const QString &base)
{
    ApiSettings api;
    api.setBaseUrl(base);
    api.setApiVersion(u"v23.0"_s);
    api.setPhoneNumberId(u"106540352242922"_s);
    api.setWabaId(u"102290129340398"_s);
    api.setAccessToken(QString::fromLatin1(kToken));
    return api;
}

int prepare(const DatabaseConfig &config, const QString &base, int big, int campaigns)
{
    Database db(config, u"prepare"_s);
    Migrator(db).migrate();
    TemplateSync sync(db, apiFor(base), Clock::system());
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&sync, &TemplateSync::finished, &loop, [&](const TemplateSyncResult &r) {
        ok = r.ok;
        loop.quit();
    });
    sync.start();
    loop.exec();
    if (!ok) {
        std::fprintf(stderr, "template sync failed\n");
        return 1;
    }
    AppSettings(db).set(SettingKeys::RateCeiling, u"1000"_s);
    CampaignStore store(db, Clock::system());
    QueueEngine engine(db, Clock::system());
    for (int i = 0; i < campaigns; ++i) {
        const bool isBig = i == campaigns - 1;
        const Campaign c = store.create({isBig ? kBig : u"Campaign %1"_s.arg(i + 1, 2, 10, QChar(u'0')),
                                         DemoCampaign::templateName(),
                                         DemoCampaign::templateLanguage(),
                                         {},
                                         DemoCampaign::settings()});
        const int rows = isBig ? big : 1000;
        for (int start = 0; start < rows; start += 50'000) {
            QList<Recipient> chunk;
            for (int n = start; n < std::min(rows, start + 50'000); ++n) {
                chunk << Recipient{u"+4915%1"_s.arg(100000000 + i * 2'000'000 + n), u"Contact %1"_s.arg(n),
                                   QJsonObject{{u"body.1"_s, u"Ann"_s}, {u"body.2"_s, u"A%1"_s.arg(n)}},
                                   n + 2};
            }
            engine.enqueue(c.id, chunk);
        }
        if (!isBig) {
            store.transition(c.id, CampaignStatus::Running);
            QList<Outcome> outcomes;
            for (const ClaimedMessage &m : engine.claim(c.id, u"prepare"_s, 1000)) {
                outcomes << (m.id % 37 == 0 ? Outcome::failed(m, u"131026"_s, {}, 131026)
                                            : Outcome::sent(m, u"wamid.%1"_s.arg(m.id)));
            }
            engine.record(outcomes);
            engine.claim(c.id, u"prepare"_s, 1); // completes it
        }
    }
    std::printf("prepared campaigns=%d big_rows=%d\n", campaigns, big);
    return 0;
}

// Fires when the campaign table first paints with rows.
class FirstPaint : public QObject
{
public:
    FirstPaint(QTableView *table, std::function<void()> done)
        : m_table(table)
        , m_done(std::move(done))
    {
        table->viewport()->installEventFilter(this);
    }
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && m_table->model()->rowCount() > 0 && m_done) {
            QTimer::singleShot(0, m_table, std::exchange(m_done, {}));
        }
        return false;
    }

private:
    QTableView *m_table;
    std::function<void()> m_done;
};

double percentile(QList<double> v, double p)
{
    if (v.isEmpty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"HeraldBench"_s);
    QCommandLineParser p;
    const QCommandLineOption prepareOpt(u"prepare"_s), launchOpt(u"launch"_s), lagOpt(u"lag"_s);
    const QCommandLineOption dbOpt(u"db"_s, u"database"_s, u"file"_s);
    const QCommandLineOption baseOpt(u"api-base"_s, u"simulator base URL"_s, u"url"_s);
    const QCommandLineOption bigOpt(u"big"_s, u"rows of the big campaign"_s, u"n"_s, u"1000000"_s);
    const QCommandLineOption campaignsOpt(u"campaigns"_s, u"campaigns"_s, u"n"_s, u"50"_s);
    const QCommandLineOption secondsOpt(u"seconds"_s, u"how long to send"_s, u"s"_s, u"30"_s);
    p.addOptions({prepareOpt, launchOpt, lagOpt, dbOpt, baseOpt, bigOpt, campaignsOpt, secondsOpt});
    p.process(app);
    DatabaseConfig config;
    QString error;
    if (!DatabaseConfig::parse(p.value(dbOpt), &config, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    if (p.isSet(prepareOpt)) {
        return prepare(config, p.value(baseOpt), p.value(bigOpt).toInt(), p.value(campaignsOpt).toInt());
    }

    ui::Credentials credentials;
    credentials.setSessionToken(QString::fromLatin1(kToken));
    ui::AppContext context;
    context.database = config;
    context.credentials = &credentials;
    context.takeOverOrphans = false;
    if (p.isSet(baseOpt)) {
        context.apiOverride = apiFor(p.value(baseOpt));
    }
    Database::forbidThread(QThread::currentThread());
    ui::MainWindow window(context);
    window.resize(1440, 900);

    if (p.isSet(launchOpt)) {
        FirstPaint probe(window.campaignsPage().table(), [&] {
            std::printf("launch_ms=%lld first_paint_epoch_ns=%lld campaigns=%d\n", sinceMain.elapsed(),
                        QDateTime::currentMSecsSinceEpoch() * 1'000'000LL, window.campaigns().rowCount());
            window.closeWithoutAsking();
            QTimer::singleShot(0, &app, &QApplication::quit);
        });
        window.show();
        return QApplication::exec();
    }

    // --lag: the big campaign in Recipients, sending, and a 5 ms probe.
    window.show();
    QString bigId;
    QList<double> lags;
    QElapsedTimer probeClock;
    qint64 lastTick = -1;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const qint64 now = probeClock.nsecsElapsed();
        if (lastTick >= 0) {
            lags << std::max(0.0, double(now - lastTick) / 1e6 - 5.0);
        }
        lastTick = now;
    });
    const int seconds = p.value(secondsOpt).toInt();
    qint64 sentAtStart = -1;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
        if (bigId.isEmpty()) {
            for (int r = 0; r < window.campaigns().rowCount(); ++r) {
                if (window.campaigns().rowAt(r).name == kBig) {
                    bigId = window.campaigns().rowAt(r).id;
                    window.campaignsPage().selectCampaign(bigId);
                    window.campaignsPage().detail()->tabs()->setCurrentIndex(2); // Recipients
                    window.actions().start->trigger();
                    probeClock.start();
                    probe.start(5);
                }
            }
            return;
        }
        const ui::CampaignRow *row = window.campaigns().campaign(bigId);
        if (sentAtStart < 0 && window.sender().isSending(bigId)) {
            sentAtStart = row->sent;
        }
        if (probeClock.isValid() && probeClock.elapsed() > qint64(seconds) * 1000) {
            poll.stop();
            probe.stop();
            const double rate = window.sender().totalRate();
            std::printf("lag_samples=%lld lag_p50_ms=%.2f lag_p99_ms=%.2f lag_p999_ms=%.2f lag_max_ms=%.2f "
                        "sent=%lld sender_rate=%.0f peak_rss_mib=%.1f\n",
                        qint64(lags.size()), percentile(lags, 0.5), percentile(lags, 0.99),
                        percentile(lags, 0.999), percentile(lags, 1.0),
                        row->sent - std::max<qint64>(0, sentAtStart), rate, bench::peakRssMiB());
            window.closeWithoutAsking();
            QTimer::singleShot(5000, &app, &QApplication::quit);
        }
    });
    poll.start(100);
    QObject::connect(&window, &QObject::destroyed, &app, &QApplication::quit);
    return QApplication::exec();
}
