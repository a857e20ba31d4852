// bench_wizard_import: the wizard's one import of a big file (docs/BENCHMARKS.md, "Wizard
// import"), through WizardImport in a real QApplication (offscreen) with the console's real
// DataService, compared by run-wizard-import-benchmark.sh with `herald-cli import` of the same
// file on the same backend.
//   bench_wizard_import --prepare --db DB [--admin-url URL]
//       an empty migrated database (SQLite: the file is replaced; PostgreSQL: the database of
//       DB is dropped and created again through the server database at URL) with one draft
//       campaign, "cli", for herald-cli to import into
//   bench_wizard_import --db DB --file CSV
//       imports CSV into a new draft through WizardImport (region DE, parameters body.1 =
//       first_name, body.2 = city, body.3 = order_id: what bench_import maps) while a 5 ms
//       timer on the GUI thread records how late it fires and, every 250 ms, a trivial job on
//       the console's data thread records how long its answer takes (what campaign polling
//       meets). Prints wall_s, the lag and poll percentiles and the peak memory.
#include "BenchUtil.h"
#include "data/DataService.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "queue/CampaignStore.h"
#include "wizard/WizardImport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {

double percentile(QList<double> v, double p)
{
    if (v.isEmpty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

int prepare(const DatabaseConfig &config, const QString &adminUrl)
{
    if (config.dialect() == Dialect::Sqlite) {
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s}) {
            QFile::remove(config.sqlitePath() + suffix);
        }
    } else {
        DatabaseConfig admin;
        QString error;
        if (!DatabaseConfig::parse(adminUrl, &admin, &error)) {
            std::fprintf(stderr, "--admin-url: %s\n", qPrintable(error));
            return 2;
        }
        Database server(admin, u"bench-admin"_s);
        // The name comes from the benchmark's own command line, never from a user.
        server.execDirect(u"DROP DATABASE IF EXISTS \"%1\""_s.arg(config.databaseName()));
        server.execDirect(u"CREATE DATABASE \"%1\""_s.arg(config.databaseName()));
    }
    Database db(config, u"bench"_s);
    Migrator(db).migrate();
    CampaignStore(db, Clock::system()).create({u"cli"_s, u"order_update"_s, u"en_US"_s, {}, {}});
    std::printf("prepared=%s\n", qPrintable(config.displayName()));
    return 0;
}

// What the wizard's pages decide for the benchmark file, as bench_import maps it.
ui::WizardState stateFor(const QString &path)
{
    ui::WizardState s;
    s.file.path = path;
    s.file.detection.encoding = TextEncoding::Utf8;
    s.file.detection.delimiter = u',';
    s.file.detection.hasHeader = true;
    s.file.header = {u"first_name"_s, u"last_name"_s, u"phone"_s, u"city"_s, u"order_id"_s};
    s.file.columnCount = 5;
    s.phoneColumn = 2;
    s.region = u"DE"_s;
    s.campaignName = u"wizard"_s;
    TemplateRecord t;
    t.name = u"order_update"_s;
    t.language = u"en_US"_s;
    t.status = u"APPROVED"_s;
    t.category = u"UTILITY"_s;
    s.templ = t;
    s.mapping.insert(u"body.1"_s, ui::VariableSource{0, {}});
    s.mapping.insert(u"body.2"_s, ui::VariableSource{3, {}});
    s.mapping.insert(u"body.3"_s, ui::VariableSource{4, {}});
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"HeraldBench"_s);
    QCommandLineParser p;
    const QCommandLineOption prepareOpt(u"prepare"_s);
    const QCommandLineOption dbOpt(u"db"_s, u"database"_s, u"spec"_s);
    const QCommandLineOption adminOpt(u"admin-url"_s, u"PostgreSQL server database for --prepare"_s,
                                      u"url"_s);
    const QCommandLineOption fileOpt(u"file"_s, u"contact file"_s, u"csv"_s);
    p.addOptions({prepareOpt, dbOpt, adminOpt, fileOpt});
    p.process(app);
    DatabaseConfig config;
    QString error;
    if (!DatabaseConfig::parse(p.value(dbOpt), &config, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    try {
        if (p.isSet(prepareOpt)) {
            return prepare(config, p.value(adminOpt));
        }
    } catch (const DbError &e) {
        std::fprintf(stderr, "%s\n", qPrintable(e.message()));
        return 1;
    }
    if (!QFile::exists(p.value(fileOpt))) {
        std::fprintf(stderr, "--file: no such file\n");
        return 2;
    }

    // The console's rule holds here too: the GUI thread runs no SQL.
    Database::forbidThread(QThread::currentThread());
    ui::DataService data(config);
    ui::WizardImport import(data, Clock::system());
    QTemporaryDir rejects;

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
    QList<double> polls;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
        QElapsedTimer asked;
        asked.start();
        data.submit<qint64>(
            &poll, [](Database &db) { return db.scalar(u"SELECT count(*) FROM campaigns"_s).toLongLong(); },
            [&polls, asked](const ui::DataResult<qint64> &) { polls << double(asked.nsecsElapsed()) / 1e6; });
    });
    qint64 progressReports = 0;
    QObject::connect(&import, &ui::WizardImport::progressed, &app, [&] { ++progressReports; });

    int exitCode = 1;
    const bench::Stopwatch watch;
    auto report = [&](const QString &outcome, qint64 rows, qint64 imported) {
        const double wall = watch.wallSeconds();
        probe.stop();
        poll.stop();
        std::printf("bench=wizard_import backend=%s outcome=%s rows=%lld imported=%lld wall_s=%.2f "
                    "progress_reports=%lld lag_samples=%lld lag_p50_ms=%.2f lag_p99_ms=%.2f lag_max_ms=%.2f "
                    "poll_samples=%lld poll_p50_ms=%.1f poll_max_ms=%.1f peak_rss_mib=%.1f\n",
                    config.dialect() == Dialect::Sqlite ? "sqlite" : "postgresql", qPrintable(outcome), rows,
                    imported, wall, progressReports, qint64(lags.size()), percentile(lags, 0.5),
                    percentile(lags, 0.99), percentile(lags, 1.0), qint64(polls.size()),
                    percentile(polls, 0.5), percentile(polls, 1.0), bench::peakRssMiB());
        QTimer::singleShot(0, &app, &QApplication::quit);
    };
    QObject::connect(&import, &ui::WizardImport::finished, &app, [&](const ui::WizardImportResult &r) {
        exitCode = r.summary.outcome == ImportSummary::Outcome::Imported ? 0 : 1;
        report(ImportSummary::outcomeName(r.summary.outcome), r.summary.rowsRead, r.summary.imported);
    });
    QObject::connect(&import, &ui::WizardImport::failed, &app, [&](const QString &why) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        report(u"failed"_s, 0, 0);
    });
    probeClock.start();
    probe.start(5);
    poll.start(250);
    import.start(stateFor(p.value(fileOpt)), rejects.path());
    QApplication::exec();
    return exitCode;
}
