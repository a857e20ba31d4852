// bench_repair: repairing the counters of a 1,000,000-row campaign, side by side with the
// seed's own recount statement on the same data:
//   UPDATE campaigns c SET total_sent = (SELECT COUNT(*) … status = 'sent'),
//                          total_failed = (SELECT COUNT(*) … status = 'failed')
// Counters are zeroed before every run so that both do real work; the median of the runs
// is reported with the ratio.
//
//   bench_repair --db PATH|URL [--rows N] [--runs R]
#include "BenchUtil.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"
#include "queue/Repair.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::bench;

namespace {
void load(Database &db, const QString &campaignId, qint64 rows)
{
    // 90% sent, 1% failed, 9% still ready: a campaign part-way through.
    const QString status =
        u"CASE WHEN i % 100 = 0 THEN 'failed' WHEN i % 10 = 0 THEN 'ready' ELSE 'sent' END"_s;
    Transaction tx(db);
    if (db.isPostgres()) {
        db.run(u"INSERT INTO send_queue (campaign_id, phone, status, attempts, updated_at, sent_at) "
               "SELECT CAST(? AS uuid), '+49' || (150000000000 + i), "_s +
                   status + u", 1, now(), now() FROM generate_series(1, ?) AS g(i)"_s,
               {campaignId, rows});
    } else {
        db.run(u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
               "INSERT INTO send_queue (campaign_id, phone, status, attempts, updated_at, sent_at) "
               "SELECT ?, '+49' || (150000000000 + i), "_s +
                   status + u", 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL FROM n"_s,
               {rows, campaignId});
    }
    tx.commit();
    if (db.isPostgres()) {
        db.execDirect(u"VACUUM ANALYZE send_queue"_s);
        db.execDirect(u"VACUUM ANALYZE campaigns"_s);
    } else {
        db.execDirect(u"ANALYZE"_s);
    }
}

void zero(Database &db)
{
    db.run(u"UPDATE campaigns SET total_contacts = 0, total_sent = 0, total_failed = 0"_s);
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {u"db"_s, u"Database: SQLite path or postgresql:// URL (must be empty or disposable)."_s, u"url"_s});
    parser.addOption({u"rows"_s, u"Rows in the campaign (default 1000000)."_s, u"n"_s, u"1000000"_s});
    parser.addOption({u"runs"_s, u"Runs of each method (default 5)."_s, u"n"_s, u"5"_s});
    parser.process(app);
    DatabaseConfig cfg;
    QString error;
    if (!DatabaseConfig::parse(parser.value(u"db"_s), &cfg, &error)) {
        qCritical("%s", qPrintable(error));
        return 2;
    }
    const qint64 rows = parser.value(u"rows"_s).toLongLong();
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());
    try {
        Database db(cfg, u"bench"_s);
        Migrator(db).migrate();
        const Clock &clock = Clock::system();
        CampaignStore store(db, clock);
        const Campaign c = store.create({u"bench-repair-%1"_s.arg(QDateTime::currentMSecsSinceEpoch()),
                                         u"order_update"_s,
                                         u"en_US"_s,
                                         {},
                                         {}});
        Stopwatch loadTime;
        load(db, c.id, rows);
        const double loaded = loadTime.wallSeconds();

        QList<double> herald;
        QList<double> seed;
        Repair repair(db, clock);
        for (int r = 0; r < runs; ++r) {
            zero(db);
            Stopwatch a;
            const auto items = repair.apply();
            herald << a.wallSeconds();
            if (items.isEmpty() || store.byId(c.id).totalSent != rows - rows / 10) {
                qCritical("bench_repair: repair produced wrong counters");
                return 1;
            }
            zero(db);
            Stopwatch b;
            db.run(
                u"UPDATE campaigns AS c SET "
                "total_sent = (SELECT COUNT(*) FROM send_queue WHERE campaign_id = c.id AND status = "
                "'sent'), "
                "total_failed = (SELECT COUNT(*) FROM send_queue WHERE campaign_id = c.id AND status = 'failed')"_s);
            seed << b.wallSeconds();
        }
        const double h = median(herald);
        const double s = median(seed);
        out() << "bench_repair backend=" << (db.isPostgres() ? "postgresql" : "sqlite") << " rows=" << rows
              << " runs=" << runs << " load_s=" << QString::number(loaded, 'f', 2)
              << " herald_repair_ms=" << QString::number(h * 1000, 'f', 1)
              << " seed_statement_ms=" << QString::number(s * 1000, 'f', 1)
              << " herald_vs_seed_time=" << QString::number(h / s, 'f', 2) << Qt::endl;
    } catch (const DbError &e) {
        qCritical("bench_repair: %s", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
