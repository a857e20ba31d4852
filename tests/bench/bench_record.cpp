// bench_record: how fast the queue engine records send outcomes — the database must never
// be what limits sending. Batches of 100 outcomes (97% sent, 3% failed), each batch one
// transaction with counters and completion, on a campaign whose rows are all in processing.
// Side by side in the same run: the bare reference, a prepared UPDATE … WHERE id = ? in
// 100-row transactions plus one counter update per transaction, on the same schema.
//
//   bench_record --db PATH|URL [--rows N] [--batch B]
#include "BenchUtil.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/Transaction.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::bench;

namespace {
QString prepareCampaign(Database &db, const QString &name, qint64 rows)
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
    db.run(u"UPDATE send_queue SET status = 'processing', claimed_by = 'bench', claimed_at = updated_at, "
           "attempts = 1, claim_count = 1 WHERE campaign_id = ?"_s,
           {c.id});
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

double engineRun(Database &db, const QString &campaignId, const QList<qint64> &ids, int batchSize)
{
    QueueEngine engine(db, Clock::system());
    Stopwatch sw;
    ClaimedMessage claim; // as claim() hands them out: the rows are held by 'bench', claim 1
    claim.campaignId = campaignId;
    claim.claimedBy = u"bench"_s;
    claim.claim = 1;
    for (qsizetype start = 0; start < ids.size(); start += batchSize) {
        QList<Outcome> outcomes;
        for (qsizetype i = start; i < std::min(ids.size(), start + batchSize); ++i) {
            claim.id = ids[i];
            if (i % 33 == 0) {
                outcomes << Outcome::failed(claim, u"131026"_s, u"Message undeliverable"_s, 131026,
                                            u"AbCdEf012345"_s);
            } else {
                outcomes << Outcome::sent(claim, u"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI%1"_s.arg(ids[i]));
            }
        }
        engine.record(outcomes);
    }
    return sw.wallSeconds();
}

double bareRun(Database &db, const QString &campaignId, const QList<qint64> &ids, int batchSize)
{
    Stopwatch sw;
    QSqlQuery update = db.prepare(u"UPDATE send_queue SET status = 'sent', wamid = ? WHERE id = ?"_s);
    QSqlQuery counter = db.prepare(u"UPDATE campaigns SET total_sent = total_sent + ? WHERE id = ?"_s);
    for (qsizetype start = 0; start < ids.size(); start += batchSize) {
        Transaction tx(db);
        const qsizetype end = std::min(ids.size(), start + batchSize);
        for (qsizetype i = start; i < end; ++i) {
            Database::exec(update, {u"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI%1"_s.arg(ids[i]), ids[i]});
        }
        Database::exec(counter, {qint64(end - start), campaignId});
        tx.commit();
    }
    return sw.wallSeconds();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {u"db"_s, u"Database: SQLite path or postgresql:// URL (must be empty or disposable)."_s, u"url"_s});
    parser.addOption({u"rows"_s, u"Messages to record per run (default 200000)."_s, u"n"_s, u"200000"_s});
    parser.addOption({u"batch"_s, u"Outcomes per transaction (default 100)."_s, u"n"_s, u"100"_s});
    parser.process(app);
    DatabaseConfig cfg;
    QString error;
    if (!DatabaseConfig::parse(parser.value(u"db"_s), &cfg, &error)) {
        qCritical("%s", qPrintable(error));
        return 2;
    }
    const qint64 rows = parser.value(u"rows"_s).toLongLong();
    const int batch = parser.value(u"batch"_s).toInt();
    try {
        Database db(cfg, u"bench"_s);
        Migrator(db).migrate();
        const QString suffix = QString::number(QDateTime::currentMSecsSinceEpoch());
        const QString engineCampaign = prepareCampaign(db, u"bench-engine-"_s + suffix, rows);
        const QString bareCampaign = prepareCampaign(db, u"bench-bare-"_s + suffix, rows);
        const QList<qint64> engineIds = rowIds(db, engineCampaign);
        const QList<qint64> bareIds = rowIds(db, bareCampaign);
        const double bare = bareRun(db, bareCampaign, bareIds, batch);
        const double engine = engineRun(db, engineCampaign, engineIds, batch);
        const double engineRate = double(rows) / engine;
        const double bareRate = double(rows) / bare;
        out() << "bench_record backend=" << (db.isPostgres() ? "postgresql" : "sqlite") << " rows=" << rows
              << " batch=" << batch << " engine_msgs_per_s=" << qRound64(engineRate)
              << " bare_update_rows_per_s=" << qRound64(bareRate)
              << " engine_vs_bare=" << QString::number(engineRate / bareRate, 'f', 2)
              << " peak_rss_mib=" << QString::number(peakRssMiB(), 'f', 1) << Qt::endl;
    } catch (const DbError &e) {
        qCritical("bench_record: %s", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
