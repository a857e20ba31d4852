// The Daily summary page: messages sent and failed per UTC day, as a chart and a table, for all
// campaigns or one, over a chosen range; rebuilt from the messages on the data thread. Messages
// are recorded on chosen days with a ManualClock. On SQLite and PostgreSQL.
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "models/DailySummaryModel.h"
#include "pages/DailySummaryPage.h"
#include "widgets/ChartStyle.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QChartView>
#include <QComboBox>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
void sendNow(Database &db, const Clock &clock, const QString &id, int sent, int failed)
{
    QueueEngine engine(db, clock);
    const QList<ClaimedMessage> claimed = engine.claim(id, u"worker"_s, sent + failed);
    QList<Outcome> outcomes;
    for (int i = 0; i < claimed.size(); ++i) {
        outcomes << (i < sent ? Outcome::sent(claimed.at(i), u"wamid.%1"_s.arg(claimed.at(i).id))
                              : Outcome::failed(claimed.at(i), u"131026"_s, {}, 131026));
    }
    engine.record(outcomes);
}

QDateTime day(int month, int d, int hour = 12)
{
    return QDateTime(QDate(2026, month, d), QTime(hour, 0), Qt::UTC);
}

qreal sum(const QBarSet *set)
{
    qreal n = 0;
    for (int i = 0; i < set->count(); ++i) {
        n += set->at(i);
    }
    return n;
}
} // namespace

class TestDailySummaryPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<DataService> m_data;
    ManualClock m_clock;
    quint64 m_violationsBefore = 0;
    QString m_a;
    QString m_b;

    // Spring sale: 5 sent on 1 Feb; 30 + 2 failed on 8 Mar, 20 on 9 Mar, 10 + 1 failed on 10 Mar.
    // Winter promo: 15 + 3 failed on 9 Mar. Today is 10 Mar.
    bool setUp(QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        Database &db = m_tdb->db();
        m_clock.set(day(2, 1, 9));
        const Campaign a = makeCampaign(db, m_clock, u"Spring sale"_s, 100);
        CampaignStore(db, m_clock).transition(a.id, CampaignStatus::Running);
        sendNow(db, m_clock, a.id, 5, 0);
        m_clock.set(day(3, 8, 23));
        sendNow(db, m_clock, a.id, 30, 2);
        m_clock.set(day(3, 9, 1));
        sendNow(db, m_clock, a.id, 20, 0);
        CampaignStore store(db, m_clock);
        const Campaign b = store.create({u"Winter promo"_s, u"order_update"_s, u"en_US"_s, {}, {}});
        QueueEngine(db, m_clock).enqueue(b.id, makeRecipients(50, 1000));
        store.transition(b.id, CampaignStatus::Running);
        sendNow(db, m_clock, b.id, 15, 3);
        m_clock.set(day(3, 10, 8));
        sendNow(db, m_clock, a.id, 10, 1);
        m_a = a.id;
        m_b = b.id;
        m_data = std::make_unique<DataService>(m_tdb->config());
        return true;
    }

    AppContext context()
    {
        AppContext c;
        c.database = m_tdb->config();
        c.clock = &m_clock;
        return c;
    }

    static bool shown(DailySummaryPage &page, const std::function<void()> &action)
    {
        QSignalSpy spy(&page, &DailySummaryPage::shown);
        action();
        return spy.wait(patient(10'000));
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
        m_data.reset();
        TestDbAccess access;
        m_tdb.reset();
    }

    void theLast30DaysShowEveryDayAsABarAndTheDaysWithMessagesInTheTable()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        DailySummaryPage page(*m_data, context());
        page.resize(1000, 640);
        page.show();
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(shown(page, [&] { page.refresh(); }));

        const DailySummaryModel &model = page.model();
        QCOMPARE(model.rowCount(), 3); // 1 Feb is outside the last 30 days
        QCOMPARE(model.dayAt(0).day, QDate(2026, 3, 10));
        QCOMPARE(model.dayAt(0).sent, 10);
        QCOMPARE(model.dayAt(0).failed, 1);
        QCOMPARE(model.dayAt(1).day, QDate(2026, 3, 9));
        QCOMPARE(model.dayAt(1).sent, 35);
        QCOMPARE(model.dayAt(1).failed, 3);
        QCOMPARE(model.index(1, DailySummaryModel::Campaigns).data().toString(), u"2 campaigns"_s);
        QVERIFY(model.index(1, DailySummaryModel::Campaigns)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"Winter promo: 15 sent, 3 failed"_s));
        QCOMPARE(model.dayAt(2).day, QDate(2026, 3, 8));
        QCOMPARE(model.dayAt(2).sent, 30);
        QCOMPARE(model.index(2, DailySummaryModel::Sent).data(DailySummaryModel::RawRole).toLongLong(), 30);
        QCOMPARE(model.index(2, DailySummaryModel::FailureRate).data(DailySummaryModel::RawRole).toDouble(),
                 2.0 / 32.0);
        QCOMPARE(model.totalSent(), 75);
        QCOMPARE(model.totalFailed(), 6);
        QVERIFY2(page.totalsText().contains(u"75 sent, 6 failed"_s), qPrintable(page.totalsText()));

        // Delivered and read add up by day like the others.
        DailySummaryModel direct;
        QAbstractItemModelTester directTester(&direct,
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        direct.setRows({DailySummaryRow{QDate(2026, 3, 10), u"c1"_s, u"A"_s, 10, 1, 8, 5},
                        DailySummaryRow{QDate(2026, 3, 10), u"c2"_s, u"B"_s, 4, 0, 4, 1}},
                       {});
        QCOMPARE(direct.index(0, DailySummaryModel::Delivered).data(DailySummaryModel::RawRole).toLongLong(),
                 12);
        QCOMPARE(direct.index(0, DailySummaryModel::Read).data(DailySummaryModel::RawRole).toLongLong(), 6);
        QCOMPARE(direct.headerData(DailySummaryModel::Delivered, Qt::Horizontal).toString(), u"Delivered"_s);

        // One bar per day of the range, days without messages included, the newest last.
        QCOMPARE(page.barLabels().size(), 30);
        QCOMPARE(page.sentBars()->count(), 30);
        QCOMPARE(page.sentBars()->at(29), 10.0);
        QCOMPARE(page.failedBars()->at(29), 1.0);
        QCOMPARE(page.sentBars()->at(28), 35.0);
        QCOMPARE(page.sentBars()->at(27), 30.0);
        QCOMPARE(page.sentBars()->at(0), 0.0);
        QCOMPARE(sum(page.sentBars()), 75.0);

        QTest::qWait(50);
        const QImage image = page.chartView()->grab().toImage();
        int green = 0;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                green += image.pixelColor(x, y) == ChartStyle::sentColor() ? 1 : 0;
            }
        }
        QVERIFY2(green > 50, "no sent bars drawn");
        saveScreenshot(page, u"daily-30"_s);
    }

    void oneCampaignShowsOnlyItsDaysAndALongerRangeBarsByWeek()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        DailySummaryPage page(*m_data, context());
        page.resize(1000, 640);
        page.show();
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(shown(page, [&] { page.refresh(); }));
        auto *campaigns = page.findChild<QComboBox *>(u"dailyCampaign"_s);
        QCOMPARE(campaigns->count(), 3); // all, Spring sale, Winter promo
        page.selectCampaign(m_b);
        QCOMPARE(page.model().rowCount(), 1);
        QCOMPARE(page.model().dayAt(0).sent, 15);
        QCOMPARE(page.model().dayAt(0).failed, 3);
        QVERIFY(page.findChild<QTableView *>(u"dailyTable"_s)->isColumnHidden(DailySummaryModel::Campaigns));
        QCOMPARE(sum(page.sentBars()), 15.0);
        QCOMPARE(sum(page.failedBars()), 3.0);

        // 90 days: bars per week; 1 Feb comes in; the chosen campaign stays chosen.
        page.selectCampaign(m_a);
        QVERIFY(shown(page, [&] { page.setDays(90); }));
        QCOMPARE(campaigns->currentData().toString(), m_a);
        QCOMPARE(page.model().rowCount(), 4);
        QCOMPARE(page.model().totalSent(), 65);
        QVERIFY(page.barLabels().size() >= 13 && page.barLabels().size() <= 14);
        QCOMPARE(sum(page.sentBars()), 65.0);
        QCOMPARE(sum(page.failedBars()), 3.0);
        saveScreenshot(page, u"daily-90-campaign"_s);

        // All history from the first day with messages.
        QVERIFY(shown(page, [&] { page.setDays(0); }));
        QCOMPARE(page.model().totalSent(), 65);
        QCOMPARE(sum(page.sentBars()), 65.0);
    }

private:
    static void saveScreenshot(QWidget &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QTest::qWait(100); // charts lay out their axes and titles in a posted event
            w.grab().save(dir + u'/' + name + u".png"_s);
        }
    }
};

HERALD_UI_TEST_MAIN(TestDailySummaryPage)
#include "test_dailysummarypage.moc"
