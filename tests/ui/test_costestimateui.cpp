// Rate cards and the cost estimate as a user meets them, on SQLite and PostgreSQL: a card
// imported in Settings is listed and used, a bad file says where and why and stores nothing,
// removing asks first; the campaign's Overview shows what CostEstimator makes, market by
// market, and a template Meta re-categorised since is re-estimated with a warning. The GUI
// thread runs no SQL throughout. Set HERALD_SCREENSHOT_DIR for pictures of both.
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "dialogs/SettingsDialog.h"
#include "pricing/CostEstimator.h"
#include "pricing/RateCardStore.h"
#include "settings/RateCardDialog.h"
#include "settings/RateCardPricesModel.h"
#include "settings/RateCardSection.h"
#include "settings/RateCardTableModel.h"
#include "templates/TemplateStore.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/CostCountryModel.h"
#include "views/CostEstimatePanel.h"
#include "views/StatusBanner.h"
#include "widgets/MoneyText.h"

#include <QAbstractItemModelTester>
#include <QDateEdit>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

// Meta's layout with EUR prices: Germany alone, North America, a group, the rest of the world.
const char kCard[] = "market,countries,currency,MARKETING,UTILITY,AUTHENTICATION\n"
                     "Germany,DE,EUR,0.1131,0.0456,0.0636\n"
                     "North America,US CA,EUR,0.0219,0.0034,0.0118\n"
                     "Rest of Western Europe,\"AT BE DK\",EUR,0.0509,0.0147,0.0147\n"
                     "Other,*,EUR,0.0500,0.0070,0.0070\n";
// Line 3 names the United Kingdom as people write it, not as ISO 3166 does.
const char kBadCard[] = "market,countries,currency,MARKETING,UTILITY\n"
                        "Germany,DE,EUR,0.1131,0.0456\n"
                        "United Kingdom,UK,EUR,0.0529,0.0220\n";

TemplateRecord promo(const QString &category)
{
    TemplateRecord t;
    t.name = u"spring_promo"_s;
    t.language = u"en_US"_s;
    t.status = u"APPROVED"_s;
    t.category = category;
    t.components = QJsonArray{QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, u"Spring is here"_s}}};
    return t;
}

// 7 in Germany, 3 in the US, 2 in Canada, 4 in Austria, 2 in Great Britain (the rest).
QList<Recipient> recipients()
{
    QStringList phones;
    for (int i = 0; i < 7; ++i) {
        phones << u"+491511234567%1"_s.arg(i);
    }
    phones << u"+16502530000"_s << u"+16502530001"_s << u"+12127365000"_s;
    phones << u"+14162161000"_s << u"+16135551234"_s;
    for (int i = 0; i < 4; ++i) {
        phones << u"+43664123456%1"_s.arg(i);
    }
    phones << u"+447400123456"_s << u"+447400123457"_s;
    QList<Recipient> list;
    for (const QString &p : phones) {
        Recipient r;
        r.phone = p;
        list << r;
    }
    return list;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const char *text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) < 0) {
        return {};
    }
    return path;
}

void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        return;
    }
    QFETCH_GLOBAL(QString, backend);
    QTest::qWait(100);
    w->grab().save(u"%1/%2-%3.png"_s.arg(dir, name, backend));
}

} // namespace

class TestCostEstimateUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<DataService> m_data;
    std::unique_ptr<CloudApiSimulator> m_sim;
    QTemporaryDir m_dir;
    quint64 m_violationsBefore = 0;

    bool setUp(QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        m_data = std::make_unique<DataService>(m_tdb->config());
        return true;
    }

    std::unique_ptr<SettingsDialog> openSettings(RateCardSection **section)
    {
        AppContext context;
        context.database = m_tdb->config();
        auto dialog = std::make_unique<SettingsDialog>(*m_data, context);
        dialog->open();
        *section = dialog->findChild<RateCardSection *>(u"rateCardSection"_s);
        if (*section) {
            dialog->tabs()->setCurrentWidget(*section);
        }
        return dialog;
    }

    qint64 storedCards()
    {
        TestDbAccess access;
        return m_tdb->db().scalar(u"SELECT count(*) FROM rate_cards"_s).toLongLong();
    }

    // Imports through the section as a user does: name, date, Import…, the file.
    static void importThroughSection(RateCardSection &s, const QString &path, const QString &name,
                                     const QDate &effective)
    {
        s.findChild<QLineEdit *>(u"rateCardName"_s)->setText(name);
        s.findChild<QDateEdit *>(u"rateCardEffective"_s)->setDate(effective);
        Prompt::setNextFileName(path);
        s.findChild<QPushButton *>(u"rateCardImport"_s)->click();
    }

    // A campaign on spring_promo with the recipients above, and the card imported.
    QString campaignWithCard(const QString &category, qint64 *cardId)
    {
        TestDbAccess access;
        Database &db = m_tdb->db();
        TemplateStore(db, Clock::system()).upsert(promo(category));
        const QString id = CampaignStore(db, Clock::system())
                               .create({u"Spring"_s, u"spring_promo"_s, u"en_US"_s, {}, {}})
                               .id;
        QueueEngine(db, Clock::system()).enqueue(id, recipients());
        const auto r = RateCardStore(db, Clock::system())
                           .importFile(writeFile(m_dir, u"meta_eur.csv"_s, kCard), u"Meta EUR"_s,
                                       QDate::currentDate().addDays(-30));
        *cardId = r.card ? r.card->id : 0;
        return id;
    }

    CostEstimate expectedEstimate(const QString &campaignId)
    {
        TestDbAccess access;
        return CostEstimator(m_tdb->db(), Clock::system()).estimate(campaignId);
    }

    // Totals per market as the panel's country table shows them.
    static QMap<QString, qint64> shownMarketTotals(const CostCountryModel &m)
    {
        QMap<QString, qint64> totals;
        for (int r = 0; r < m.rowCount(); ++r) {
            totals[m.index(r, CostCountryModel::Market).data(CostCountryModel::RawRole).toString()] +=
                m.index(r, CostCountryModel::Total).data(CostCountryModel::RawRole).toLongLong();
        }
        return totals;
    }

    // Selects a campaign and waits until its panel shows the answer of the data thread.
    static bool selectAndWait(MainWindow &w, CostEstimatePanel &panel, const QString &id)
    {
        w.campaignsPage().selectCampaign(id);
        return waitUntil([&] { return w.campaignsPage().detail()->campaignId() == id && !panel.isBusy(); },
                         10'000);
    }

    static QMap<QString, qint64> marketTotals(const CostEstimate &e)
    {
        QMap<QString, qint64> totals;
        for (const CostEstimate::Market &m : e.markets) {
            totals.insert(m.name, m.totalMicros);
        }
        return totals;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        Prompt::clearShown();
        m_violationsBefore = Database::forbiddenThreadUses();
    }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
        m_data.reset();
        TestDbAccess access;
        m_sim.reset();
        m_tdb.reset();
    }

    void anImportedCardIsListedAndBecomesTheCardInUse()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        RateCardSection *s = nullptr;
        auto dialog = openSettings(&s);
        QVERIFY(s);
        QAbstractItemModelTester tester(s->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(s->isLoaded(), patient(10'000));
        QCOMPARE(s->model()->rowCount(), 0);
        QCOMPARE(storedCards(), 0); // listing installs nothing

        const QDate effective = QDate::currentDate().addDays(-30);
        importThroughSection(*s, writeFile(m_dir, u"meta_eur.csv"_s, kCard), u"Meta EUR"_s, effective);
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->model()->rowCount() == 1, patient(10'000));
        QVERIFY2(!s->messageIsError(), qPrintable(s->message()));
        QVERIFY(s->message().contains(u"Meta EUR"_s));
        const RateCardRow row = s->model()->rowAt(0); // a copy: the next import resets the model
        QCOMPARE(row.card.name, u"Meta EUR"_s);
        QCOMPARE(row.card.effectiveDate, effective);
        QCOMPARE(row.card.currency, u"EUR"_s);
        QCOMPARE(row.markets, 4);
        QVERIFY(!row.card.isExample);
        QVERIFY(row.current);
        QCOMPARE(s->model()->currentRow(), 0);
        QCOMPARE(s->model()->index(0, RateCardTableModel::Markets).data(RateCardTableModel::RawRole).toInt(),
                 4);
        QCOMPARE(s->model()->index(0, RateCardTableModel::InUse).data(RateCardTableModel::RawRole).toBool(),
                 true);
        {
            TestDbAccess access;
            RateCardStore store(m_tdb->db(), Clock::system());
            QCOMPARE(store.list().size(), 1);
            QCOMPARE(store.current().id, row.card.id);
        }
        // A second, older card is listed too, but the newer one stays in use.
        importThroughSection(*s, writeFile(m_dir, u"older.csv"_s, kCard), QString(), effective.addDays(-60));
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->model()->rowCount() == 2, patient(10'000));
        const int older =
            s->model()->rowOf(s->model()->rowAt(0).card.id == row.card.id ? s->model()->rowAt(1).card.id
                                                                          : s->model()->rowAt(0).card.id);
        QCOMPARE(s->model()->rowAt(older).card.name, u"older"_s); // the file's name when none is given
        QVERIFY(!s->model()->rowAt(older).current);
        QCOMPARE(s->model()->rowAt(s->model()->currentRow()).card.id, row.card.id);

        // View: the markets and their prices, read-only.
        s->table()->selectRow(s->model()->rowOf(row.card.id));
        s->findChild<QPushButton *>(u"rateCardView"_s)->click();
        QVERIFY(s->openDialog());
        QTRY_VERIFY_WITH_TIMEOUT(s->openDialog()->isLoaded(), patient(10'000));
        RateCardPricesModel *prices = s->openDialog()->model();
        QAbstractItemModelTester pricesTester(prices, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(prices->rowCount(), 4);
        QCOMPARE(prices->categories(), (QStringList{u"AUTHENTICATION"_s, u"MARKETING"_s, u"UTILITY"_s}));
        const int marketing = RateCardPricesModel::FirstCategory + 1;
        QCOMPARE(prices->headerData(marketing, Qt::Horizontal).toString(), u"MARKETING"_s);
        QCOMPARE(prices->index(0, RateCardPricesModel::Market).data().toString(), u"Germany"_s);
        QCOMPARE(prices->index(0, marketing).data(RateCardPricesModel::RawRole).toLongLong(), 113100);
        QCOMPARE(prices->index(0, marketing).data().toString(), MoneyText::format(113100));
        QCOMPARE(prices->index(3, marketing).data().toString(), MoneyText::format(50000, 4)); // 0.0500
        QCOMPARE(prices->index(1, RateCardPricesModel::Countries).data().toString(), u"CA US"_s);
        QVERIFY(prices->index(3, RateCardPricesModel::Countries).data().toString() != u"*"_s);
        QCOMPARE(s->openDialog()->table()->editTriggers(), QAbstractItemView::NoEditTriggers);
        s->openDialog()->resize(760, 300);
        screenshot(s->openDialog(), u"ratecard-view"_s);
        s->openDialog()->close();
        dialog->resize(760, 560);
        screenshot(dialog.get(), u"settings-ratecards"_s);
    }

    void aBadFileSaysWhereAndWhyAndStoresNothing()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        RateCardSection *s = nullptr;
        auto dialog = openSettings(&s);
        QVERIFY(s);
        QTRY_VERIFY_WITH_TIMEOUT(s->isLoaded(), patient(10'000));
        QSignalSpy listed(s, &RateCardSection::listed);
        importThroughSection(*s, writeFile(m_dir, u"bad.csv"_s, kBadCard), u"Bad"_s, QDate::currentDate());
        QTRY_VERIFY_WITH_TIMEOUT(s->messageIsError(), patient(10'000));
        QVERIFY(!s->isBusy());
        QVERIFY2(s->message().contains(u"bad.csv, line 3"_s), qPrintable(s->message()));
        QVERIFY2(s->message().contains(u"\"UK\" is not an ISO 3166 country code"_s),
                 qPrintable(s->message()));
        QVERIFY(s->message().contains(u"Nothing was imported"_s));
        QCOMPARE(storedCards(), 0);
        QCOMPARE(s->model()->rowCount(), 0);
        QCOMPARE(listed.count(), 0); // nothing to list again
        dialog->resize(760, 560);
        screenshot(dialog.get(), u"settings-ratecards-bad"_s);
    }

    void removingACardAsksFirst()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        {
            TestDbAccess access;
            RateCardStore(m_tdb->db(), Clock::system()).ensureExample();
        }
        RateCardSection *s = nullptr;
        auto dialog = openSettings(&s);
        QVERIFY(s);
        QTRY_VERIFY_WITH_TIMEOUT(s->isLoaded() && s->model()->rowCount() == 1, patient(10'000));
        QVERIFY(s->model()->rowAt(0).card.isExample);
        QVERIFY(s->model()->rowAt(0).current); // no imported card: the example is used
        importThroughSection(*s, writeFile(m_dir, u"meta_eur.csv"_s, kCard), u"Meta EUR"_s,
                             QDate::currentDate().addDays(-1));
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->model()->rowCount() == 2, patient(10'000));
        const int imported = s->model()->currentRow();
        QVERIFY(imported >= 0);
        const qint64 importedId = s->model()->rowAt(imported).card.id;
        QVERIFY(!s->model()->rowAt(imported).card.isExample); // the import replaces the example in use

        auto *remove = s->findChild<QPushButton *>(u"rateCardRemove"_s);
        s->table()->selectRow(imported);
        QVERIFY(remove->isEnabled());
        Prompt::clearShown(); // the file dialog is recorded too
        Prompt::setNextAnswer(false);
        remove->click();
        QTest::qWait(300);
        QCOMPARE(storedCards(), 2); // declined: kept
        QCOMPARE(Prompt::shown().size(), 1);
        QVERIFY2(
            Prompt::shown().constFirst().startsWith(u"Remove rate card: Remove the rate card \"Meta EUR\""_s),
            qPrintable(Prompt::shown().constFirst()));
        QVERIFY(Prompt::shown().constFirst().contains(u"Estimates use it now"_s));

        Prompt::setNextAnswer(true);
        remove->click();
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->model()->rowCount() == 1, patient(10'000));
        QCOMPARE(storedCards(), 1);
        QCOMPARE(s->model()->rowOf(importedId), -1);
        QVERIFY(s->model()->rowAt(0).card.isExample);
        QVERIFY(s->model()->rowAt(0).current); // back to the example
        QVERIFY(s->message().contains(u"Removed \"Meta EUR\""_s));
    }

    void theCampaignShowsTheEstimateMarketByMarket()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        m_sim = std::make_unique<CloudApiSimulator>();
        QVERIFY(m_sim->start());
        qint64 cardId = 0;
        const QString id = campaignWithCard(u"MARKETING"_s, &cardId);
        QVERIFY(cardId > 0);
        const CostEstimate expected = expectedEstimate(id);
        QCOMPARE(expected.totalMicros, 7 * 113100 + 5 * 21900 + 4 * 50900 + 2 * 50000);

        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.resize(1100, 760);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, id); }, 10'000));
        auto *panel = w.findChild<CostEstimatePanel *>(u"costEstimatePanel"_s);
        QVERIFY(panel);
        QAbstractItemModelTester tester(panel->countries(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shown(panel, &CostEstimatePanel::estimateShown);
        w.campaignsPage().selectCampaign(id); // the window may have selected it already
        QTRY_VERIFY_WITH_TIMEOUT(panel->estimate() && panel->estimate()->campaignId == id, patient(10'000));
        const CostEstimate &e = *panel->estimate();
        QCOMPARE(e.totalMicros, expected.totalMicros);
        QCOMPARE(e.cardId, cardId);
        QCOMPARE(e.category, u"MARKETING"_s);
        QCOMPARE(panel->totalText(), MoneyText::format(expected.totalMicros, u"EUR"_s));
        QCOMPARE(shownMarketTotals(*panel->countries()), marketTotals(expected));
        QCOMPARE(panel->countries()->rowCount(), 5); // DE, AT, US, CA, GB
        QVERIFY(panel->detailText().contains(u"Meta EUR"_s));
        QVERIFY(panel->detailText().contains(
            QLocale().toString(expected.cardEffectiveDate, QLocale::ShortFormat)));
        QVERIFY(panel->detailText().contains(u"MARKETING"_s));
        QVERIFY(panel->noteText().isEmpty()); // not the example card, every country priced
        QVERIFY(panel->warningText().isEmpty());
        {
            TestDbAccess access;
            const auto stored = CostEstimator(m_tdb->db(), Clock::system()).stored(id);
            QVERIFY(stored);
            QCOMPARE(stored->totalMicros, expected.totalMicros);
        }

        // Snapshots of the same campaign do not check again; only a selection or Re-estimate.
        const int checks = panel->checks();
        QTest::qWait(800);
        QCOMPARE(panel->checks(), checks);
        panel->findChild<QToolButton *>(u"estimateCountriesToggle"_s)->click();
        QVERIFY(panel->countryTable()->isVisible());
        panel->findChild<QPushButton *>(u"estimateRefresh"_s)->click();
        QVERIFY(shown.wait(patient(10'000)));
        QCOMPARE(panel->checks(), checks + 1);
        QCOMPARE(panel->estimate()->totalMicros, expected.totalMicros);
        QVERIFY(!panel->estimate()->remainingOnly); // a draft: every recipient
        screenshot(panel, u"campaign-estimate-panel"_s);
        screenshot(w.findChild<QWidget *>(u"campaignDetail"_s), u"campaign-estimate"_s);
    }

    void aCategoryMetaChangedIsReestimatedWithAWarning()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        m_sim = std::make_unique<CloudApiSimulator>();
        QVERIFY(m_sim->start());
        qint64 cardId = 0;
        const QString id = campaignWithCard(u"UTILITY"_s, &cardId);
        QString other;
        {
            TestDbAccess access;
            other = readyCampaign(m_tdb->db(), u"Other"_s, 3).id;
            CostEstimator(m_tdb->db(), Clock::system()).estimateAndStore(id);
        }
        const qint64 before = expectedEstimate(id).totalMicros;
        QCOMPARE(before, 7 * 45600 + 5 * 3400 + 4 * 14700 + 2 * 7000);

        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.resize(1100, 760);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, id) && shownRow(w, other); }, 10'000));
        auto *panel = w.findChild<CostEstimatePanel *>(u"costEstimatePanel"_s);
        QVERIFY(panel);
        QVERIFY(selectAndWait(w, *panel, id));
        QVERIFY(panel->estimate() && panel->estimate()->campaignId == id);
        QCOMPARE(panel->estimate()->totalMicros, before);
        QVERIFY(panel->warningText().isEmpty());

        // Meta re-categorises the template, and a sync writes it as it does.
        {
            TestDbAccess access;
            TemplateStore(m_tdb->db(), Clock::system()).upsert(promo(u"MARKETING"_s));
        }
        const CostEstimate after = expectedEstimate(id);
        QCOMPARE(after.category, u"MARKETING"_s);
        QVERIFY(selectAndWait(w, *panel, other));
        QVERIFY(selectAndWait(w, *panel, id));
        QVERIFY(panel->estimate() && panel->estimate()->campaignId == id);
        QCOMPARE(panel->estimate()->category, u"MARKETING"_s);
        QCOMPARE(panel->estimate()->totalMicros, after.totalMicros);
        QCOMPARE(panel->totalText(), MoneyText::format(after.totalMicros, u"EUR"_s));
        const QString warning = panel->warningText();
        QVERIFY2(warning.contains(u"from UTILITY to MARKETING"_s), qPrintable(warning));
        QVERIFY2(warning.contains(MoneyText::format(before, u"EUR"_s) + u" → "_s +
                                  MoneyText::format(after.totalMicros, u"EUR"_s)),
                 qPrintable(warning));
        {
            TestDbAccess access;
            QCOMPARE(CostEstimator(m_tdb->db(), Clock::system()).stored(id)->category, u"MARKETING"_s);
        }
        screenshot(panel, u"campaign-estimate-warning"_s);

        // Selected again, the stored estimate matches the template: no warning any more.
        QVERIFY(selectAndWait(w, *panel, other));
        QVERIFY(selectAndWait(w, *panel, id));
        QVERIFY(panel->estimate() && panel->estimate()->campaignId == id);
        QVERIFY(panel->warningText().isEmpty());
    }

    void theExampleCardSaysItsPricesAreNotMetas()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        m_sim = std::make_unique<CloudApiSimulator>();
        QVERIFY(m_sim->start());
        QString id;
        {
            TestDbAccess access;
            TemplateStore(m_tdb->db(), Clock::system()).upsert(promo(u"MARKETING"_s));
            id = CampaignStore(m_tdb->db(), Clock::system())
                     .create({u"Spring"_s, u"spring_promo"_s, u"en_US"_s, {}, {}})
                     .id;
            QueueEngine(m_tdb->db(), Clock::system()).enqueue(id, recipients());
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.resize(1100, 760);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, id); }, 10'000));
        auto *panel = w.findChild<CostEstimatePanel *>(u"costEstimatePanel"_s);
        QVERIFY(panel);
        QVERIFY(selectAndWait(w, *panel, id));
        QVERIFY(panel->estimate());
        QVERIFY(panel->estimate()->cardIsExample);
        QCOMPARE(panel->estimate()->totalMicros, expectedEstimate(id).totalMicros);
        QVERIFY(panel->detailText().contains(RateCardStore::exampleName()));
        QVERIFY2(panel->noteText().contains(u"not Meta's"_s), qPrintable(panel->noteText()));
        screenshot(panel, u"campaign-estimate-example"_s);
    }

    void aPausedCampaignIsReestimatedForWhatItStillHasToSend()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        m_sim = std::make_unique<CloudApiSimulator>();
        QVERIFY(m_sim->start());
        qint64 cardId = 0;
        const QString id = campaignWithCard(u"MARKETING"_s, &cardId);
        {
            // The seven German numbers (queued first) are sent, then the campaign is paused.
            TestDbAccess access;
            CampaignStore campaigns(m_tdb->db(), Clock::system());
            campaigns.transition(id, CampaignStatus::Running);
            QueueEngine engine(m_tdb->db(), Clock::system());
            const QList<ClaimedMessage> claimed = engine.claim(id, u"test-sender"_s, 7);
            QCOMPARE(claimed.size(), 7);
            QList<Outcome> sent;
            for (const ClaimedMessage &m : claimed) {
                QVERIFY(m.phone.startsWith(u"+49"_s));
                sent << Outcome::sent(m, u"wamid.%1"_s.arg(m.id));
            }
            engine.record(sent);
            campaigns.transition(id, CampaignStatus::Paused, u"paused by the test"_s);
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.resize(1100, 760);
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, id); }, 10'000));
        auto *panel = w.findChild<CostEstimatePanel *>(u"costEstimatePanel"_s);
        QVERIFY(panel);
        QVERIFY(selectAndWait(w, *panel, id));
        QCOMPARE(panel->estimate()->recipients, 18); // the first estimate counts every recipient
        panel->findChild<QPushButton *>(u"estimateRefresh"_s)->click();
        QVERIFY(waitUntil([&] { return !panel->isBusy() && panel->estimate(); }, 10'000));
        QVERIFY(panel->estimate()->remainingOnly);
        QCOMPARE(panel->estimate()->recipients, 11);
        QCOMPARE(panel->estimate()->totalMicros, 5 * 21900 + 4 * 50900 + 2 * 50000);
        QVERIFY2(panel->detailText().contains(u"still to send"_s), qPrintable(panel->detailText()));
        {
            TestDbAccess access;
            const auto stored = CostEstimator(m_tdb->db(), Clock::system()).stored(id);
            QVERIFY(stored && stored->remainingOnly);
            QCOMPARE(stored->totalMicros, panel->estimate()->totalMicros);
        }
    }

    void aTemplateWithoutACategorySaysSoPlainly()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        m_sim = std::make_unique<CloudApiSimulator>();
        QVERIFY(m_sim->start());
        QString id;
        {
            TestDbAccess access;
            id = CampaignStore(m_tdb->db(), Clock::system())
                     .create({u"Unsynced"_s, u"not_synced"_s, u"en_US"_s, {}, {}})
                     .id;
            QueueEngine(m_tdb->db(), Clock::system()).enqueue(id, recipients());
        }
        FixedCredentials credentials(m_sim->config().accessToken);
        MainWindow w(contextFor(*m_tdb, *m_sim, &credentials));
        w.show();
        QVERIFY(waitUntil([&] { return shownRow(w, id); }, 10'000));
        auto *panel = w.findChild<CostEstimatePanel *>(u"costEstimatePanel"_s);
        QSignalSpy shown(panel, &CostEstimatePanel::estimateShown);
        w.campaignsPage().selectCampaign(id);
        QTRY_VERIFY_WITH_TIMEOUT(panel->detailText().startsWith(u"No estimate: "_s), patient(10'000));
        QVERIFY(!panel->estimate());
        QVERIFY2(panel->detailText().startsWith(u"No estimate: "_s), qPrintable(panel->detailText()));
        QVERIFY(panel->detailText().contains(u"sync the templates"_s));
        QVERIFY(panel->findChild<QPushButton *>(u"estimateRefresh"_s)->isEnabled());
    }
};

HERALD_UI_TEST_MAIN(TestCostEstimateUi)
#include "test_costestimateui.moc"
