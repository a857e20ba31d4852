// bench_estimate [--db URL] [--rows N]
//
// A campaign of N rows (default 1,000,000) spread over DE 40 %, US 20 %, CA 10 %, GB 10 %,
// GG 5 % (a +44 region of its own), BR 10 %, IN 5 %, generated in SQL. Times, each on a warm
// database: the estimate (count by country and price) with regions stored in the rows, the
// same with the rows' regions emptied (rows queued before schema 4: read from the numbers),
// and then, with every row sent over the last ten days, the frequency cap's read of the
// numbers sent in the last 7 days. Without --db a temporary SQLite file is used.
#include "BenchUtil.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/Migrator.h"
#include "import/FrequencyCap.h"
#include "pricing/CostEstimator.h"
#include "pricing/RateCardStore.h"
#include "queue/CampaignStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::bench;

namespace {

void fill(Database &db, const QString &campaignId, qint64 rows)
{
    const QString now = db.timeValue(Clock::system().now()).toString();
    if (db.isPostgres()) {
        db.run(u"INSERT INTO send_queue (campaign_id, phone, params, status, updated_at, region) "
               "SELECT CAST(? AS uuid), p, '{}', 'ready', now(), r FROM ("
               " SELECT CASE WHEN i % 20 < 8 THEN '+49151' || lpad(i::text, 8, '0') "
               "  WHEN i % 20 < 12 THEN '+1650' || (2000000 + i)::text "
               "  WHEN i % 20 < 14 THEN '+1416' || (2000000 + i)::text "
               "  WHEN i % 20 < 16 THEN '+447400' || lpad(i::text, 6, '0') "
               "  WHEN i % 20 < 17 THEN '+447781' || lpad(i::text, 6, '0') "
               "  WHEN i % 20 < 19 THEN '+55119' || lpad(i::text, 8, '0') "
               "  ELSE '+9198' || lpad(i::text, 8, '0') END AS p, "
               " CASE WHEN i % 20 < 8 THEN 'DE' WHEN i % 20 < 12 THEN 'US' WHEN i % 20 < 14 THEN 'CA' "
               "  WHEN i % 20 < 16 THEN 'GB' WHEN i % 20 < 17 THEN 'GG' WHEN i % 20 < 19 THEN 'BR' ELSE 'IN' "
               "END AS r "
               " FROM generate_series(0, ? - 1) AS i) AS g"_s,
               {campaignId, rows});
    } else {
        db.run(u"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1) "
               "INSERT INTO send_queue (campaign_id, phone, params, status, updated_at, region) "
               "SELECT ?, CASE WHEN i % 20 < 8 THEN '+49151' || printf('%08d', i) "
               "  WHEN i % 20 < 12 THEN '+1650' || (2000000 + i) "
               "  WHEN i % 20 < 14 THEN '+1416' || (2000000 + i) "
               "  WHEN i % 20 < 16 THEN '+447400' || printf('%06d', i) "
               "  WHEN i % 20 < 17 THEN '+447781' || printf('%06d', i) "
               "  WHEN i % 20 < 19 THEN '+55119' || printf('%08d', i) "
               "  ELSE '+9198' || printf('%08d', i) END, '{}', 'ready', ?, "
               " CASE WHEN i % 20 < 8 THEN 'DE' WHEN i % 20 < 12 THEN 'US' WHEN i % 20 < 14 THEN 'CA' "
               "  WHEN i % 20 < 16 THEN 'GB' WHEN i % 20 < 17 THEN 'GG' WHEN i % 20 < 19 THEN 'BR' ELSE 'IN' "
               "END "
               "FROM n"_s,
               {rows, campaignId, now});
    }
}

void timeEstimate(Database &db, const QString &campaignId, const QString &label, bool remaining)
{
    CostEstimator estimator(db, Clock::system());
    CostEstimator::Options o;
    o.category = u"MARKETING"_s;
    o.remainingOnly = remaining;
    estimator.estimate(campaignId, o); // warm the cache
    Stopwatch sw;
    const CostEstimate e = estimator.estimate(campaignId, o);
    out() << label << u"_seconds="_s << QString::number(sw.wallSeconds(), 'f', 3) << u" cpu="_s
          << QString::number(sw.cpuSecondsUsed(), 'f', 3) << u" recipients="_s << e.recipients
          << u" countries="_s << e.countries.size() << u" total="_s << e.totalText() << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(u"db"_s, u"Database URL or SQLite path."_s, u"url"_s);
    const QCommandLineOption rowsOption(u"rows"_s, u"Rows (default 1000000)."_s, u"n"_s, u"1000000"_s);
    parser.addOptions({dbOption, rowsOption});
    parser.process(app);
    QTemporaryDir dir;
    const QString url = parser.isSet(dbOption) ? parser.value(dbOption) : dir.filePath(u"bench.db"_s);
    const qint64 rows = parser.value(rowsOption).toLongLong();

    DatabaseConfig config;
    QString why;
    if (!DatabaseConfig::parse(url, &config, &why)) {
        out() << why << Qt::endl;
        return 2;
    }
    Database db(config);
    Migrator(db).migrate();
    const Clock &clock = Clock::system();
    const QString name = u"Estimate bench %1"_s.arg(clock.now().toMSecsSinceEpoch());
    const QString campaignId = CampaignStore(db, clock).create({name, u"t"_s, u"en"_s, {}, {}}).id;
    {
        Stopwatch sw;
        fill(db, campaignId, rows);
        out() << u"fill_seconds="_s << QString::number(sw.wallSeconds(), 'f', 1) << u" rows="_s << rows
              << Qt::endl;
    }
    RateCardStore(db, clock).ensureExample();
    if (db.isPostgres()) {
        db.execDirect(u"ANALYZE send_queue"_s);
    } else {
        db.execDirect(u"ANALYZE"_s);
    }
    timeEstimate(db, campaignId, u"estimate_stored_regions"_s, false);
    timeEstimate(db, campaignId, u"estimate_stored_regions_remaining"_s, true);

    db.run(u"UPDATE send_queue SET region = '' WHERE "_s +
               (db.isPostgres() ? u"campaign_id = CAST(? AS uuid)"_s : u"campaign_id = ?"_s),
           {campaignId});
    timeEstimate(db, campaignId, u"estimate_regions_from_numbers"_s, false);

    // Every row sent over the last ten days, as the sender records it; then the cap's read.
    const QDateTime now = clock.now();
    if (db.isPostgres()) {
        db.run(u"UPDATE send_queue SET status = 'sent', sent_at = CAST(? AS timestamptz) - (id % 10) * "
               u"interval '1 day' "
               "WHERE campaign_id = CAST(? AS uuid)"_s,
               {db.timeValue(now), campaignId});
        db.execDirect(u"ANALYZE send_queue"_s);
    } else {
        db.run(u"UPDATE send_queue SET status = 'sent', sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || "
               u"(id % 10) || ' days') "
               "WHERE campaign_id = ?"_s,
               {now.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s), campaignId});
        db.execDirect(u"ANALYZE"_s);
    }
    FrequencyCap cap(db);
    const QDateTime since = FrequencyCap::windowStart(clock, 7);
    cap.recentlyMessaged(since, {}); // warm
    for (const QString &except : {QString(), u"00000000-0000-0000-0000-000000000000"_s}) {
        Stopwatch sw;
        const QSet<quint64> recent = cap.recentlyMessaged(since, except);
        out() << (except.isEmpty() ? u"cap_read_seconds="_s : u"cap_read_except_campaign_seconds="_s)
              << QString::number(sw.wallSeconds(), 'f', 3) << u" numbers="_s << recent.size()
              << u" peak_rss_mib="_s << QString::number(peakRssMiB(), 'f', 1) << Qt::endl;
    }
    return 0;
}
