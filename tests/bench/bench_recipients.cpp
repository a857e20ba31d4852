// bench_recipients: the Recipients tab of a 1,000,000-row campaign (docs/BENCHMARKS.md,
// "Recipients of a million-row campaign"). Offscreen, with the real view, model and data
// thread:
//   open_ms  from RecipientsView::showCampaign() to the end of the first paint that shows real
//            rows (not placeholders);
//   end_ms   from scrollToBottom() (what End does) to the end of the paint that shows the last row;
//   middle_ms, once the sparse index is built: from moving the scroll bar to the middle to the
//            paint of real rows there;
// and, on a connection of its own, the data thread's queries: the count, the first and the
// last page, a page in the middle before and after the sparse index, and the index itself.
// Medians of --runs runs, each with a new view and model (a warm connection, as in the console).
//
//   bench_recipients [--db PATH|URL] [--rows N] [--runs R] [--grab DIR]
// Without --db the campaign is built in a temporary SQLite file; with --db an earlier build of
// the same size is reused. --grab DIR saves the Failures and Recipients tabs as PNGs.
#include "BenchUtil.h"
#include "data/DataService.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/DbError.h"
#include "db/Migrator.h"
#include "db/Transaction.h"
#include "models/FailuresModel.h"
#include "models/RecipientsModel.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"
#include "queue/RecipientQuery.h"
#include "views/CampaignDetail.h"
#include "views/FailuresView.h"
#include "views/RecipientsView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::bench;

namespace {

const QString kName = u"Recipients benchmark"_s;

// Rows as a campaign has them part-way: most sent with a wamid and a time, 2.5 % failed for
// six reasons (most of them undeliverable numbers), the rest waiting. Made by the database in
// one statement and one transaction, between two imports into a small other campaign.
void fill(Database &db, const QString &campaignId, const QString &otherId, qint64 rows)
{
    const bool pg = db.isPostgres();
    const QString series =
        pg ? u"generate_series(1, ?) AS g(i)"_s
           : u"(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
             "SELECT i FROM n)"_s;
    const QString digits = pg ? u"lpad(((i::bigint * 7919) % 100000000)::text, 8, '0')"_s
                              : u"printf('%08d', (i * 7919) % 100000000)"_s;
    const QString wamid = pg ? u"upper(md5(i::text))"_s : u"upper(hex(randomblob(12)))"_s;
    const QString at =
        pg ? u"timestamptz '2026-05-04 09:00:00Z' + (i / 250) * interval '1 second'"_s
           : u"strftime('%Y-%m-%dT%H:%M:%fZ', '2026-05-04 09:00:00', '+' || (i / 250) || ' seconds')"_s;
    // Among the failed rows (every 40th): 60 % undeliverable, 16 % held back by Meta, the rest
    // Herald's own reasons and an opt-out.
    const QString k = u"((i / 40) % 50)"_s;
    const QString reason =
        u"CASE WHEN %1 < 30 THEN '131026' WHEN %1 < 38 THEN '131049' WHEN %1 < 43 THEN 'no response' "
        "WHEN %1 < 46 THEN 'interrupted' WHEN %1 < 48 THEN 'retries exhausted' "
        "WHEN %1 < 49 THEN 'opted out' ELSE '131050' END"_s.arg(k);
    const QString code =
        u"CASE WHEN %1 < 30 THEN 131026 WHEN %1 < 38 THEN 131049 WHEN %1 >= 46 AND %1 < 48 THEN 131000 "
        "WHEN %1 >= 49 THEN 131050 END"_s.arg(k);
    const QString details =
        u"CASE WHEN %1 < 30 THEN 'Message undeliverable.' "
        "WHEN %1 < 38 THEN 'This message was not delivered to maintain healthy ecosystem engagement.' "
        "WHEN %1 < 43 THEN 'Operation canceled after 30 s without an answer' "
        "WHEN %1 < 46 THEN 'The sender ended with the message in flight.' "
        "WHEN %1 < 48 THEN '131000: Something went wrong' "
        "WHEN %1 < 49 THEN 'On the opt-out list since after the campaign was queued' "
        "ELSE 'This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.' END"_s
            .arg(k);
    const QString failed = u"(i % 40 = 0)"_s;
    const QString pendingFrom = QString::number(rows - rows / 12);
    const QString sql =
        u"INSERT INTO send_queue (campaign_id, phone, contact_name, params, status, attempts, wamid, "
        "error_code, error_reason, error_details, sent_at, failed_at, updated_at) "
        "SELECT %10, '+491' || (5 + i % 3) || %1, "
        "CASE i % 8 WHEN 0 THEN 'Anna' WHEN 1 THEN 'Jonas' WHEN 2 THEN 'Lea' WHEN 3 THEN 'Mehmet' "
        "WHEN 4 THEN 'Sofia' WHEN 5 THEN 'Lukas' WHEN 6 THEN 'Mia' ELSE 'Noah' END || ' ' || "
        "CASE i % 7 WHEN 0 THEN 'Schmidt' WHEN 1 THEN 'Yilmaz' WHEN 2 THEN 'Weber' WHEN 3 THEN 'Nowak' "
        "WHEN 4 THEN 'Fischer' WHEN 5 THEN 'Rossi' ELSE 'Becker' END, "
        "'{\"body.1\":\"A12345\"}', "
        "CASE WHEN %2 THEN 'failed' WHEN i > %3 THEN 'ready' ELSE 'sent' END, "
        "CASE WHEN i > %3 AND NOT %2 THEN 0 ELSE 1 END, "
        "CASE WHEN %2 OR i > %3 THEN NULL ELSE 'wamid.HBgNNDkxNTEyMzQ1Njc4FQIAERgS' || %4 END, "
        "CASE WHEN %2 THEN %8 END, CASE WHEN %2 THEN %5 END, CASE WHEN %2 THEN %9 END, "
        "CASE WHEN %2 OR i > %3 THEN NULL ELSE %6 END, "
        "CASE WHEN %2 THEN %6 END, %6 FROM %7"_s.arg(digits, failed, pendingFrom, wamid, reason, at, series,
                                                     code, details, pg ? u"CAST(? AS uuid)"_s : u"?"_s);
    const auto other = [&](int first) {
        QueueEngine(db, Clock::system()).enqueue(otherId, [&] {
            QList<Recipient> list;
            for (int i = 0; i < 2000; ++i) {
                list << Recipient{u"+4917%1"_s.arg(100000000 + first + i), {}, {}, 0};
            }
            return list;
        }());
    };
    other(0);
    {
        Transaction tx(db);
        db.run(sql, {campaignId, rows});
        tx.commit();
    }
    other(2000);
    const Clock &clock = Clock::system();
    Counters::set(db, campaignId, Counters::recount(db, campaignId), clock);
    Counters::set(db, otherId, Counters::recount(db, otherId), clock);
    if (pg) {
        db.execDirect(u"VACUUM ANALYZE send_queue"_s);
    }
    // SQLite: no ANALYZE — Herald never runs it, so the plans measured are the ones users get.
}

ui::CampaignRow rowOf(const Campaign &c)
{
    ui::CampaignRow r;
    r.id = c.id;
    r.name = c.name;
    r.templateName = c.templateName;
    r.templateLanguage = c.templateLanguage;
    r.status = c.status;
    r.total = c.totalContacts;
    r.sent = c.totalSent;
    r.failed = c.totalFailed;
    r.pending = c.pending;
    r.startTime = QDateTime(QDate(2026, 5, 4), QTime(9, 0), Qt::UTC);
    return r;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

QString ms(double v)
{
    return QString::number(v, 'f', 1);
}

QString all(const QList<double> &v)
{
    QStringList s;
    for (double x : v) {
        s << ms(x);
    }
    return s.join(u'/');
}

// Notes the end of the first paint of `widget` after which `ready()` holds: the paint event is
// seen before it is painted, and a zero timer fires once the event loop is back, after it.
class PaintProbe : public QObject
{
public:
    PaintProbe(QWidget *widget, std::function<bool()> ready)
        : m_ready(std::move(ready))
    {
        widget->installEventFilter(this);
    }
    void start()
    {
        m_done = false;
        m_clock.start();
    }
    bool done() const { return m_done; }
    double elapsedMs() const { return m_ms; }

protected:
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && m_clock.isValid() && !m_done && !m_armed && m_ready()) {
            m_armed = true;
            QTimer::singleShot(0, this, [this] {
                m_ms = double(m_clock.nsecsElapsed()) / 1e6;
                m_done = true;
                m_armed = false;
            });
        }
        return false;
    }

private:
    std::function<bool()> m_ready;
    QElapsedTimer m_clock;
    bool m_done = false;
    bool m_armed = false;
    double m_ms = 0;
};

bool spin(const std::function<bool()> &done, int timeoutMs = 30'000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

bool visibleRowsLoaded(const ui::RecipientsView &view, bool lastRowShown)
{
    const QTableView *t = view.table();
    const int first = t->rowAt(0);
    int last = t->rowAt(t->viewport()->height() - 1);
    const int rows = view.model().rowCount();
    last = last < 0 ? rows - 1 : last;
    if (rows == 0 || first < 0 || (lastRowShown && last != rows - 1)) {
        return false;
    }
    return view.model().isLoaded(first) && view.model().isLoaded(last);
}

struct QueryTimes
{
    QList<double> count, first, last, middleCold, index, middleIndexed;
};

void timeQueries(Database &db, const QString &campaignId, QueryTimes &t)
{
    RecipientQuery q(RecipientFilter{campaignId, RecipientFilter::Status::Any, {}, {}});
    Stopwatch a;
    const qint64 n = q.count(db);
    t.count << a.wallSeconds() * 1000;
    Stopwatch b;
    q.page(db, 0, ui::RecipientsModel::kPageSize);
    t.first << b.wallSeconds() * 1000;
    Stopwatch c;
    q.page(db, n - ui::RecipientsModel::kPageSize, ui::RecipientsModel::kPageSize);
    t.last << c.wallSeconds() * 1000;
    Stopwatch d;
    q.page(db, n / 2, ui::RecipientsModel::kPageSize);
    t.middleCold << d.wallSeconds() * 1000;
    Stopwatch e;
    while (!q.buildIndex(db, ui::RecipientsModel::kIndexStepsPerCall)) {
    }
    t.index << e.wallSeconds() * 1000;
    Stopwatch f;
    q.page(db, n / 2 + 4321, ui::RecipientsModel::kPageSize);
    t.middleIndexed << f.wallSeconds() * 1000;
}

void grab(ui::DataService &data, const ui::CampaignRow &row, const QString &dir)
{
    ui::CampaignDetail detail(data);
    detail.resize(1280, 640);
    detail.show();
    auto *failures = detail.findChild<ui::FailuresView *>(u"failuresTab"_s);
    auto *recipients = detail.findChild<ui::RecipientsView *>(u"recipientsTab"_s);
    detail.tabs()->setCurrentWidget(failures);
    detail.showCampaign(row, false);
    spin([&] { return failures->model().rowCount() > 0; });
    spin([] { return false; }, 200);
    detail.grab().save(dir + u"/failures.png"_s);
    failures->selectReason(u"131049"_s);
    spin([] { return false; }, 100);
    detail.grab().save(dir + u"/failures-selected.png"_s);
    detail.tabs()->setCurrentWidget(recipients);
    spin([&] { return visibleRowsLoaded(*recipients, false); });
    spin([] { return false; }, 200);
    detail.grab().save(dir + u"/recipients-reason.png"_s);
    failures->table()->clearSelection();
    recipients->setStatusFilter(RecipientFilter::Status::Any);
    spin([&] {
        return recipients->model().filter().reason.isEmpty() && visibleRowsLoaded(*recipients, false);
    });
    spin([] { return false; }, 200);
    detail.grab().save(dir + u"/recipients.png"_s);
    recipients->table()->scrollToBottom();
    spin([&] { return visibleRowsLoaded(*recipients, true); });
    spin([] { return false; }, 200);
    detail.grab().save(dir + u"/recipients-end.png"_s);
    recipients->table()->verticalScrollBar()->setValue(recipients->table()->verticalScrollBar()->maximum() /
                                                       2);
    spin([] { return false; }, 30); // a paint with the placeholders, before the page arrives
    detail.grab().save(dir + u"/recipients-placeholders.png"_s);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {u"db"_s, u"SQLite path or postgresql:// URL; reused when it holds the campaign."_s, u"url"_s});
    parser.addOption({u"rows"_s, u"Rows in the campaign (default 1000000)."_s, u"n"_s, u"1000000"_s});
    parser.addOption({u"runs"_s, u"Runs (default 5)."_s, u"n"_s, u"5"_s});
    parser.addOption({u"grab"_s, u"Save screenshots of the Failures and Recipients tabs here."_s, u"dir"_s});
    parser.process(app);
    const qint64 rows = parser.value(u"rows"_s).toLongLong();
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());
    QTemporaryDir tmp;
    const QString url = parser.isSet(u"db"_s) ? parser.value(u"db"_s) : tmp.path() + u"/recipients.db"_s;
    DatabaseConfig cfg;
    QString error;
    if (!DatabaseConfig::parse(url, &cfg, &error)) {
        qCritical("bench_recipients: %s", qPrintable(error));
        return 2;
    }
    try {
        Campaign campaign;
        QueryTimes queries;
        {
            Database db(cfg, u"bench"_s);
            Migrator(db).migrate();
            CampaignStore store(db, Clock::system());
            const QString name = kName + u" "_s + QString::number(rows);
            std::optional<Campaign> found = store.findByName(name);
            double built = 0;
            if (!found || found->totalContacts != rows) {
                if (found) {
                    db.run(u"DELETE FROM campaigns WHERE id = ?"_s, {found->id});
                }
                const Campaign c = store.create({name, u"order_update"_s, u"en_US"_s, {}, {}});
                const QString otherName =
                    u"%1 (other) %2"_s.arg(kName).arg(QDateTime::currentMSecsSinceEpoch());
                const Campaign other = store.create({otherName, u"order_update"_s, u"en_US"_s, {}, {}});
                Stopwatch build;
                fill(db, c.id, other.id, rows);
                if (db.isPostgres()) {
                    // As a database that has been in use is: vacuumed and analyzed, rather than
                    // measured while autovacuum works through a million new rows beside it.
                    db.execDirect(u"VACUUM ANALYZE send_queue"_s);
                }
                built = build.wallSeconds();
                found = store.byId(c.id);
            }
            campaign = *found;
            out() << "bench_recipients backend=" << (db.isPostgres() ? "postgresql" : "sqlite")
                  << " rows=" << campaign.totalContacts << " sent=" << campaign.totalSent
                  << " failed=" << campaign.totalFailed << " pending=" << campaign.pending
                  << " build_s=" << QString::number(built, 'f', 1) << Qt::endl;
            for (int r = 0; r < runs; ++r) {
                timeQueries(db, campaign.id, queries);
            }
        }

        ui::DataService data(cfg);
        {
            // The console's connection is open before anyone opens a campaign.
            bool open = false;
            data.run(
                &app, [](Database &) {}, [&](const ui::DataResult<ui::Done> &) { open = true; });
            spin([&] { return open; });
        }
        const ui::CampaignRow row = rowOf(campaign);
        QList<double> openMs, endMs, middleMs;
        for (int r = 0; r < runs; ++r) {
            ui::RecipientsView view(data);
            view.resize(1280, 640);
            view.show();
            spin([] { return false; }, 50); // shown and painted empty
            PaintProbe opened(view.table()->viewport(), [&] { return visibleRowsLoaded(view, false); });
            opened.start();
            view.showCampaign(row);
            if (!spin([&] { return opened.done(); })) {
                qCritical("bench_recipients: the first rows never arrived");
                return 1;
            }
            openMs << opened.elapsedMs();
            if (view.model().rowCount() != campaign.totalContacts) {
                qCritical("bench_recipients: %d rows shown for %lld", view.model().rowCount(),
                          campaign.totalContacts);
                return 1;
            }

            PaintProbe ended(view.table()->viewport(), [&] { return visibleRowsLoaded(view, true); });
            ended.start();
            view.table()->scrollToBottom();
            if (!spin([&] { return ended.done(); })) {
                qCritical("bench_recipients: the last rows never arrived");
                return 1;
            }
            endMs << ended.elapsedMs();

            spin([&] { return view.model().indexComplete(); }, 60'000);
            PaintProbe middle(view.table()->viewport(), [&] { return visibleRowsLoaded(view, false); });
            QScrollBar *bar = view.table()->verticalScrollBar();
            middle.start();
            bar->setValue(bar->maximum() / 2 + 777 * r);
            if (!spin([&] { return middle.done(); })) {
                qCritical("bench_recipients: the middle rows never arrived");
                return 1;
            }
            middleMs << middle.elapsedMs();
        }
        out() << "open_first_paint_ms=" << ms(median(openMs)) << " (" << all(openMs) << ")"
              << " end_paint_ms=" << ms(median(endMs)) << " (" << all(endMs) << ")"
              << " middle_paint_indexed_ms=" << ms(median(middleMs)) << " (" << all(middleMs) << ")"
              << Qt::endl;
        out() << "query_count_ms=" << ms(median(queries.count))
              << " first_page_ms=" << ms(median(queries.first))
              << " last_page_ms=" << ms(median(queries.last))
              << " middle_page_unindexed_ms=" << ms(median(queries.middleCold))
              << " sparse_index_ms=" << ms(median(queries.index))
              << " middle_page_indexed_ms=" << ms(median(queries.middleIndexed))
              << " peak_rss_mib=" << QString::number(peakRssMiB(), 'f', 0) << Qt::endl;
        if (parser.isSet(u"grab"_s)) {
            QDir().mkpath(parser.value(u"grab"_s));
            grab(data, row, parser.value(u"grab"_s));
        }
    } catch (const DbError &e) {
        qCritical("bench_recipients: %s", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
