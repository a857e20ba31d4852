// The wizard's review page past the import: when to send (now, at a time, draft), quiet hours
// with the recipients' countries and who would wait, the cost estimate from a rate card, and
// the frequency cap across campaigns — driven through the real window by object name, on
// SQLite and PostgreSQL, with the GUI thread banned from SQL throughout.
#include "ConsoleFixture.h"
#include "db/AppSettings.h"
#include "pricing/CostEstimator.h"
#include "pricing/RateCardStore.h"
#include "queue/NumberPool.h"
#include "queue/QuietHours.h"
#include "queue/QuietHoursQueue.h"
#include "queue/Schedule.h"
#include "settings/PhoneNumberStore.h"
#include "settings/SettingKeys.h"
#include "templates/TemplateStore.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/CostCountryModel.h"
#include "views/CostEstimatePanel.h"
#include "widgets/CountryNames.h"
#include "widgets/MoneyText.h"
#include "wizard/ContactsPage.h"
#include "wizard/CostSection.h"
#include "wizard/FrequencyCapSection.h"
#include "wizard/MessagePage.h"
#include "wizard/NewCampaignWizard.h"
#include "wizard/QuietHoursSection.h"
#include "wizard/ReviewPage.h"
#include "wizard/SendFromSection.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimeEdit>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
// Two recipients in Germany (one zone) and two in the United States (several zones).
const QStringList kPhones{u"+4915123456701"_s, u"+4915123456702"_s, u"+12015550123"_s, u"+12015550187"_s};

template <typename T>
T *child(QWidget *w, const QString &name)
{
    T *found = w->findChild<T *>(name);
    if (!found) {
        qWarning("no child %s", qPrintable(name));
    }
    return found;
}

void chooseItem(QComboBox *combo, const QString &startsWith)
{
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemText(i).startsWith(startsWith)) {
            combo->setCurrentIndex(i);
            return;
        }
    }
    qWarning("no item %s", qPrintable(startsWith));
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

QString contactsFile(const QTemporaryDir &dir)
{
    QByteArray text = "name,phone,order\n";
    const char *names[] = {"Ana", "Ben", "Cy", "Dee"};
    for (int i = 0; i < kPhones.size(); ++i) {
        text += QByteArray(names[i]) + ',' + kPhones.at(i).toUtf8() + ",A" + QByteArray::number(i + 1) + '\n';
    }
    const QString path = dir.filePath(u"mixed.csv"_s);
    return writeFile(path, text) ? path : QString();
}

// The first number in a label: "3 (messaged by …)" → 3.
qint64 leadingCount(const QString &text)
{
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit()) {
            digits += c;
        } else if (!digits.isEmpty() && c != u',' && c != u'.') {
            break;
        }
    }
    return digits.isEmpty() ? -1 : digits.toLongLong();
}
} // namespace

class TestWizardReview : public QObject
{
    Q_OBJECT

    std::unique_ptr<ManualClock> m_clock;
    ConsoleFixture m_console;
    QTemporaryDir m_dir;
    quint64 m_violationsBefore = 0;

    // With `now`, the window runs on a clock that stands still there.
    bool setUp(QString *skip, const QDateTime &now = {})
    {
        QFETCH_GLOBAL(QString, backend);
        ConsoleOptions options;
        options.importRegion = u"DE"_s;
        if (now.isValid()) {
            m_clock = std::make_unique<ManualClock>(now);
            options.clock = m_clock.get();
        }
        if (!m_console.prepare(backend, skip, options)) {
            return false;
        }
        m_console.open();
        return true;
    }

    // Pages 1–3 with the mixed file and order_update, then the review page once its import,
    // its sections and the account check are done.
    NewCampaignWizard *reviewWizard()
    {
        const QString file = contactsFile(m_dir);
        m_console.window()->findChild<QAction *>(u"actionNewCampaign"_s)->trigger();
        auto *w = m_console.window()->findChild<NewCampaignWizard *>(u"newCampaignWizard"_s);
        if (!w || file.isEmpty()) {
            return nullptr;
        }
        w->setFile(file);
        if (!waitUntil([&] { return !w->contactsPage()->isReading() && w->contactsPage()->isComplete(); },
                       10'000)) {
            return nullptr;
        }
        w->next();
        if (!waitUntil([&] { return w->state().region == u"DE"_s; }, 10'000)) {
            return nullptr;
        }
        w->next();
        if (!waitUntil([&] { return w->messagePage()->templatesLoaded(); }, 10'000)) {
            return nullptr;
        }
        chooseItem(child<QComboBox>(w, u"templateCombo"_s), u"order_update (en_US)"_s);
        child<QLineEdit>(w, u"text_header.1"_s)->setText(u"https://example.com/a.jpg"_s);
        chooseItem(child<QComboBox>(w, u"map_body.1"_s), u"Column: name"_s);
        chooseItem(child<QComboBox>(w, u"map_body.2"_s), u"Column: order"_s);
        chooseItem(child<QComboBox>(w, u"map_button.0"_s), u"Column: order"_s);
        child<QLineEdit>(w, u"campaignName"_s)->setText(u"Review sections"_s);
        if (!w->messagePage()->isComplete()) {
            return nullptr;
        }
        w->next();
        return settled(w) ? w : nullptr;
    }

    bool settled(NewCampaignWizard *w)
    {
        ReviewPage *review = w->reviewPage();
        return waitUntil(
            [&] {
                return !review->importing() && !review->result().campaignId.isEmpty() &&
                       review->apiChecked() && !review->costSection()->busy() &&
                       !review->quietHoursSection()->countries().isEmpty();
            },
            30'000);
    }

    // Imports a small EUR rate card as the current one; the estimate it gives the wizard's four
    // recipients (two in DE, two in US) for order_update's category, computed without the console.
    CostEstimate fixtureCardEstimate()
    {
        const QString cardFile = m_dir.filePath(u"card.csv"_s);
        if (!writeFile(cardFile, "market,countries,currency,MARKETING,UTILITY,AUTHENTICATION\n"
                                 "Germany,DE,EUR,0.1131,0.0456,0.0636\n"
                                 "North America,US CA,EUR,0.0230,0.0039,0.0039\n"
                                 "Other,*,EUR,0.0600,0.0100,0.0100\n")) {
            return {};
        }
        TestDbAccess access;
        const RateCardCsv::Result r =
            RateCardStore(m_console.db(), Clock::system())
                .importFile(cardFile, u"Fixture card"_s, QDate::currentDate().addDays(-1));
        if (!r.card) {
            qWarning("%s", qPrintable(r.errorMessage));
            return {};
        }
        const QString category =
            TemplateStore(m_console.db(), Clock::system()).find(u"order_update"_s, u"en_US"_s)->category;
        return CostEstimator::price({{u"DE"_s, 2}, {u"US"_s, 2}}, *r.card, category);
    }

    qint64 count(const QString &sql)
    {
        TestDbAccess access;
        return m_console.db().scalar(sql).toLongLong();
    }

    Campaign campaign(const QString &id)
    {
        TestDbAccess access;
        return CampaignStore(m_console.db(), Clock::system()).byId(id);
    }

    // With HERALD_WIZARD_SHOTS set to a folder, the whole review page (quiet hours on) is saved
    // there to be looked at.
    void shot(NewCampaignWizard *w, const QString &name)
    {
        const QString folder = qEnvironmentVariable("HERALD_WIZARD_SHOTS");
        if (folder.isEmpty()) {
            return;
        }
        child<QCheckBox>(w, u"quietHoursEnabled"_s)->setChecked(true);
        waitUntil([&] { return w->reviewPage()->quietHoursSection()->waitingKnown(); }, 10'000);
        const QSize size = w->size();
        w->resize(920, 1480);
        QTest::qWait(100);
        w->grab().save(QDir(folder).filePath(name + u".png"_s));
        w->resize(size);
        child<QCheckBox>(w, u"quietHoursEnabled"_s)->setChecked(false);
    }

    // Finish, and wait until its one job has written everything and the wizard has closed.
    bool finish(NewCampaignWizard *w, const QString &id)
    {
        if (!w->button(QWizard::FinishButton)->isEnabled()) {
            qWarning("Finish is disabled");
            return false;
        }
        const QPointer<NewCampaignWizard> alive(w); // deleted on close
        QSignalSpy created(w, &NewCampaignWizard::campaignCreated);
        w->button(QWizard::FinishButton)->click();
        const bool done =
            waitUntil([&] { return created.count() == 1 && (!alive || !alive->isVisible()); }, 10'000);
        if (!done) {
            qWarning("not finished: %s", qPrintable(Prompt::shown().join(u'\n')));
            return false;
        }
        return created.at(0).at(0).toString() == id;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }
    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore);
        m_console.close();
        m_clock.reset();
        Prompt::clearShown();
    }

    void startingAtATimeSchedulesTheCampaignAtThatLocalTimeInUtc()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        ReviewPage *review = w->reviewPage();
        const QString id = review->result().campaignId;
        QVERIFY(review->isComplete()); // a draft by default
        QCOMPARE(review->when(), ScheduleSection::When::Draft);
        child<QAbstractButton>(w, u"startAt"_s)->click();
        const QDateTime local(QDate::currentDate().addDays(2), QTime(10, 30), Qt::LocalTime);
        child<QDateTimeEdit>(w, u"startTime"_s)->setDateTime(local);
        QVERIFY(review->isComplete());
        QVERIFY(finish(w, id));
        const Campaign kept = campaign(id);
        QCOMPARE(kept.status, CampaignStatus::Scheduled);
        QCOMPARE(kept.scheduledAt.toUTC(), local.toUTC());
        QCOMPARE(m_console.sim().log().totals().sendRequests, 0);
    }

    // With several numbers in Settings, the review asks which to send from: the default one
    // ticked, none refused, several stored as the campaign's pool in Finish's one job.
    void severalTickedNumbersBecomeTheCampaignsPool()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString kB = u"200000000000002"_s;
        const QString kC = u"300000000000003"_s;
        QString defaultId;
        {
            TestDbAccess access;
            PhoneNumberStore numbers(m_console.db(), Clock::system());
            QVERIFY(numbers.add(kB, 50, u"Support"_s));
            QVERIFY(numbers.add(kC, 80, u"Sales"_s));
        }
        defaultId = m_console.sim().config().phoneNumberId; // the console's connection
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        ReviewPage *review = w->reviewPage();
        const QString id = review->result().campaignId;
        SendFromSection *section = review->sendFromSection();
        QVERIFY(waitUntil([&] { return section->loaded(); }, 10'000));
        QVERIFY(section->isVisibleTo(w));
        auto *list = child<QListWidget>(w, u"sendFromNumbers"_s);
        QCOMPARE(list->count(), 3);
        QCOMPARE(section->ticked(), QStringList{defaultId});
        QVERIFY(section->choice().isEmpty()); // the default: nothing to store
        QVERIFY2(list->item(1)->text().contains(u"Support"_s) && list->item(1)->text().contains(u"50"_s),
                 qPrintable(list->item(1)->text()));

        list->item(1)->setCheckState(Qt::Checked);
        shot(w, u"review-send-from"_s);
        list->item(1)->setCheckState(Qt::Unchecked);
        list->item(0)->setCheckState(Qt::Unchecked);
        QVERIFY(!review->isComplete());
        QVERIFY(!w->button(QWizard::FinishButton)->isEnabled());
        QVERIFY(child<QLabel>(w, u"sendFromNote"_s)->text().contains(u"at least one"_s));
        list->item(1)->setCheckState(Qt::Checked);
        list->item(2)->setCheckState(Qt::Checked);
        QVERIFY(review->isComplete());
        QCOMPARE(section->choice(), (QStringList{kB, kC}));
        QVERIFY(finish(w, id));
        QCOMPARE(campaign(id).phoneNumberId, kB);
        TestDbAccess access;
        const QList<PoolNumber> pool = NumberPool(m_console.db(), Clock::system()).of(id);
        QCOMPARE(pool.size(), 2);
        QCOMPARE(pool.at(0).id, kB);
        QCOMPARE(pool.at(1).id, kC);
        // Every recipient has its number already.
        QCOMPARE(
            m_console.db()
                .scalar(
                    u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND phone_number_id IS NULL"_s,
                    {id})
                .toInt(),
            0);
    }

    void aTimeThatHasPassedIsRefusedAndTheDraftStays()
    {
        QString skip;
        const QDateTime now(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);
        if (!setUp(&skip, now)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        ReviewPage *review = w->reviewPage();
        const QString id = review->result().campaignId;
        child<QAbstractButton>(w, u"startAt"_s)->click();
        auto *time = child<QDateTimeEdit>(w, u"startTime"_s);
        auto *problem = child<QLabel>(w, u"scheduleProblem"_s);
        time->setDateTime(now.addSecs(-3600).toLocalTime());
        QVERIFY(problem->isVisibleTo(w));
        QVERIFY2(problem->text().contains(u"has passed"_s), qPrintable(problem->text()));
        QVERIFY(!review->isComplete());
        QVERIFY(!w->button(QWizard::FinishButton)->isEnabled());

        // Valid when chosen, passed by Finish: refused with the reason, the draft kept.
        time->setDateTime(now.addSecs(600).toLocalTime());
        QVERIFY(!problem->isVisibleTo(w));
        QVERIFY(review->isComplete());
        m_clock->set(now.addSecs(1200));
        w->button(QWizard::FinishButton)->click();
        QVERIFY(w->isVisible());
        QVERIFY(Prompt::shown().join(u'\n').contains(u"has passed"_s));
        QCOMPARE(review->result().campaignId, id);
        QCOMPARE(campaign(id).status, CampaignStatus::Draft);
        w->reject();
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 0; }, 10'000));
    }

    void quietHoursAndAZoneChosenForACountryAreStoredInTheSettings()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        ReviewPage *review = w->reviewPage();
        const QString id = review->result().campaignId;
        const QString countries = child<QLabel>(w, u"recipientCountries"_s)->text();
        QVERIFY2(countries.contains(u"(DE): 2"_s) && countries.contains(u"(US): 2"_s), qPrintable(countries));
        // Germany's two zones in Qt's data (Berlin, Büsingen) keep the same clock: no choice.
        QVERIFY(!w->findChild<QComboBox *>(u"zone_DE"_s));
        auto *us = child<QComboBox>(w, u"zone_US"_s);
        QVERIFY(us);
        QCOMPARE(us->currentData().toByteArray(), QuietHours::mainZone(u"US"_s).id());

        child<QCheckBox>(w, u"quietHoursEnabled"_s)->setChecked(true);
        QVERIFY(us->isVisibleTo(w));
        // A window across midnight is refused in QuietHours' own words, and blocks Finish.
        child<QTimeEdit>(w, u"quietFrom"_s)->setTime(QTime(21, 0));
        child<QTimeEdit>(w, u"quietUntil"_s)->setTime(QTime(8, 0));
        QuietHours bad;
        bad.enabled = true;
        bad.from = QTime(21, 0);
        bad.until = QTime(8, 0);
        QVERIFY(!bad.validate().isEmpty());
        QCOMPARE(child<QLabel>(w, u"quietProblems"_s)->text(), bad.validate().join(u'\n'));
        QVERIFY(!review->isComplete());

        child<QTimeEdit>(w, u"quietFrom"_s)->setTime(QTime(8, 0));
        child<QTimeEdit>(w, u"quietUntil"_s)->setTime(QTime(18, 30));
        child<QCheckBox>(w, u"quietWeekdays"_s)->setChecked(true);
        us->setCurrentIndex(us->findData(QByteArray("America/Los_Angeles")));
        QVERIFY(!child<QLabel>(w, u"quietProblems"_s)->isVisibleTo(w));
        QVERIFY(review->isComplete());
        QVERIFY(finish(w, id));

        const QuietHours stored = QuietHours::fromSettings(campaign(id).settings);
        QVERIFY(stored.enabled);
        QCOMPARE(stored.from, QTime(8, 0));
        QCOMPARE(stored.until, QTime(18, 30));
        QVERIFY(stored.weekdaysOnly);
        QCOMPARE(stored.zones.value(u"US"_s), u"America/Los_Angeles"_s);
        QCOMPARE(stored.zoneFor(u"US"_s).id(), QByteArray("America/Los_Angeles"));
        QCOMPARE(campaign(id).status, CampaignStatus::Draft);
    }

    void theWaitingCountFollowsTheClockAndTheChosenHours()
    {
        QString skip;
        // Tuesday 06:00 UTC: 07:00 in Berlin, 01:00 in New York — both before 09:00.
        const QDateTime now(QDate(2026, 12, 1), QTime(6, 0), Qt::UTC);
        if (!setUp(&skip, now)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        QuietHoursSection *section = w->reviewPage()->quietHoursSection();
        const QString id = w->reviewPage()->result().campaignId;
        auto *waiting = child<QLabel>(w, u"quietWaiting"_s);
        QVERIFY(!waiting->isVisibleTo(w));
        child<QCheckBox>(w, u"quietHoursEnabled"_s)->setChecked(true);
        QVERIFY(waitUntil([&] { return section->waitingKnown(); }, 10'000));
        QCOMPARE(section->waiting().waiting, 4);
        const QDateTime berlinNine(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
        QCOMPARE(section->waiting().nextOpening, berlinNine);
        QVERIFY2(waiting->text().startsWith(u"4 "_s), qPrintable(waiting->text()));
        QVERIFY2(waiting->text().contains(ScheduleSection::localText(berlinNine)),
                 qPrintable(waiting->text()));

        // 10:00 UTC: Berlin is open, New York (05:00) still waits; a later start in New York's
        // window is counted again once the hours change.
        m_clock->set(now.addSecs(4 * 3600));
        child<QTimeEdit>(w, u"quietFrom"_s)->setTime(QTime(8, 30));
        QVERIFY(waitUntil([&] { return section->waitingKnown(); }, 10'000));
        QCOMPARE(section->waiting().waiting, 2);
        QCOMPARE(section->waiting().nextRegion, u"US"_s);
        QCOMPARE(section->waiting().nextOpening, QDateTime(QDate(2026, 12, 1), QTime(13, 30), Qt::UTC));
        WindowWait fromDb;
        {
            TestDbAccess access;
            fromDb = QuietHoursQueue::wait(m_console.db(), id, section->quietHours(), m_clock->now());
        }
        QCOMPARE(fromDb.waiting, section->waiting().waiting);
        QVERIFY2(waiting->text().startsWith(u"2 "_s), qPrintable(waiting->text()));
        w->reject();
    }

    void theCostEstimateIsTheRateCardsPriceOfTheRecipientsByCountry()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const CostEstimate expected = fixtureCardEstimate();
        QVERIFY(expected.totalMicros > 0);

        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        ReviewPage *review = w->reviewPage();
        const QString id = review->result().campaignId;
        CostCountryModel *model = review->costSection()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString total = child<QLabel>(w, u"costTotal"_s)->text();
        QVERIFY2(total.startsWith(MoneyText::format(expected.totalMicros, u"EUR"_s) + u" "_s),
                 qPrintable(total));
        QVERIFY(child<QLabel>(w, u"costCard"_s)->text().contains(u"Fixture card"_s));
        QVERIFY(!child<QLabel>(w, u"costExampleNote"_s)->isVisibleTo(w));
        QCOMPARE(model->rowCount(), expected.countries.size());
        for (const CostEstimate::Country &c : expected.countries) {
            int row = -1;
            for (int r = 0; r < model->rowCount(); ++r) {
                if (model->index(r, CostCountryModel::Country).data(CostCountryModel::RawRole).toString() ==
                    c.region) {
                    row = r;
                }
            }
            QVERIFY2(row >= 0, qPrintable(c.region));
            auto raw = [&](int column) {
                return model->index(row, column).data(CostCountryModel::RawRole).toLongLong();
            };
            QCOMPARE(raw(CostCountryModel::Recipients), c.recipients);
            QCOMPARE(raw(CostCountryModel::Price), c.priceMicros);
            QCOMPARE(raw(CostCountryModel::Total), c.totalMicros);
            QCOMPARE(model->index(row, CostCountryModel::Country).data().toString(),
                     CountryNames::label(c.region));
            QCOMPARE(model->index(row, CostCountryModel::Market).data().toString(), c.market);
        }
        shot(w, u"page4-review-cost"_s);

        // Finish stores the estimate with the settings.
        QVERIFY(finish(w, id));
        std::optional<CostEstimate> stored;
        {
            TestDbAccess access;
            stored = CostEstimator(m_console.db(), Clock::system()).stored(id);
        }
        QVERIFY(stored);
        QCOMPARE(stored->totalMicros, expected.totalMicros);
        QCOMPARE(stored->cardName, u"Fixture card"_s);
    }

    void anEstimateFromTheExampleCardSaysSo()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        QVERIFY(w->reviewPage()->costSection()->estimate());
        QVERIFY(w->reviewPage()->costSection()->estimate()->cardIsExample);
        auto *note = child<QLabel>(w, u"costExampleNote"_s);
        QVERIFY(note->isVisibleTo(w));
        QVERIFY(note->text().contains(u"import your own in Settings"_s));
        QVERIFY(child<QLabel>(w, u"costCard"_s)->text().contains(RateCardStore::exampleName()));
        w->reject();
    }

    void aTemplateWithoutACategoryGetsNoEstimateAndSaysWhy()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        {
            TestDbAccess access;
            m_console.db().run(u"UPDATE templates SET category = NULL WHERE name = 'order_update'"_s);
        }
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        ReviewPage *review = w->reviewPage();
        const QString id = review->result().campaignId;
        QVERIFY(!review->costSection()->estimate());
        const QString why = child<QLabel>(w, u"costProblem"_s)->text();
        QVERIFY2(why.contains(u"No cost estimate"_s) && why.contains(u"category"_s), qPrintable(why));
        QCOMPARE(child<QLabel>(w, u"costTotal"_s)->text(), u"—"_s);
        QVERIFY(!child<QWidget>(w, u"costTable"_s)->isVisibleTo(w));
        // The campaign can still be created; it has no estimate rather than a wrong one.
        QVERIFY(review->isComplete());
        QVERIFY(finish(w, id));
        TestDbAccess access;
        QVERIFY(!CostEstimator(m_console.db(), Clock::system()).stored(id));
        QCOMPARE(CampaignStore(m_console.db(), Clock::system()).byId(id).status, CampaignStatus::Draft);
    }

    void aRecipientAnotherCampaignMessagedWithinTheCapIsSkippedAndCounted()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        constexpr int days = 7;
        QString earlier;
        {
            TestDbAccess access;
            Database &db = m_console.db();
            const QDateTime now = QDateTime::currentDateTimeUtc();
            earlier = CampaignStore(db, Clock::system()).create({u"Earlier"_s, u"t"_s, u"en"_s, {}, {}}).id;
            QList<Recipient> list;
            for (const QString &p : {kPhones.at(0), kPhones.at(2)}) {
                Recipient r;
                r.phone = p;
                list << r;
            }
            QueueEngine(db, Clock::system()).enqueue(earlier, list);
            const QString where = db.isPostgres() ? u"campaign_id = CAST(? AS uuid) AND phone = ?"_s
                                                  : u"campaign_id = ? AND phone = ?"_s;
            // One within the cap (N-1 days ago), one just outside it (N+1).
            db.run(u"UPDATE send_queue SET status = 'sent', sent_at = ? WHERE "_s + where,
                   {db.timeValue(now.addDays(-(days - 1))), earlier, kPhones.at(0)});
            db.run(u"UPDATE send_queue SET status = 'sent', sent_at = ? WHERE "_s + where,
                   {db.timeValue(now.addDays(-(days + 1))), earlier, kPhones.at(2)});
        }
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        ReviewPage *review = w->reviewPage();
        const QString first = review->result().campaignId;
        QCOMPARE(review->result().summary.imported, 4); // no cap yet

        auto *daysBox = child<QSpinBox>(w, u"skipRecentDays"_s);
        child<QCheckBox>(w, u"skipRecent"_s)->setChecked(true);
        // The box reads as the plural form of its value ("1 day", not "1 days").
        daysBox->setValue(1);
        QCOMPARE(daysBox->text(), FrequencyCapSection::tr("%n day(s)", nullptr, 1));
        QVERIFY(!daysBox->text().contains(u"days"_s));
        daysBox->setValue(days);
        QCOMPARE(daysBox->text(), FrequencyCapSection::tr("%n day(s)", nullptr, days));
        QVERIFY(
            waitUntil([&] { return review->importing() || review->result().campaignId != first; }, 10'000));
        if (review->importing()) { // the count is on its way, the cap is not "off"
            QCOMPARE(child<QLabel>(w, u"recentlyMessagedCount"_s)->text(), u"counting…"_s);
        }
        QVERIFY(settled(w));
        const QString id = review->result().campaignId;
        QVERIFY(id != first);
        QCOMPARE(review->result().summary.imported, 3);
        QCOMPARE(review->result().summary.recentlyMessaged, 1);
        QCOMPARE(w->state().skipRecentDays, days);
        // The superseded draft is gone: the earlier campaign and the new draft remain.
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 2; }, 10'000));
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 2 + 3);
        const QString shown = child<QLabel>(w, u"recentlyMessagedCount"_s)->text();
        // The count shown is the database's: the file's numbers another campaign sent to within the cap.
        const qint64 inDb = [&] {
            TestDbAccess access;
            Database &db = m_console.db();
            qint64 n = 0;
            for (const QString &p : kPhones) {
                const QString where =
                    db.isPostgres() ? u"campaign_id = CAST(? AS uuid)"_s : u"campaign_id = ?"_s;
                n += db.scalar(u"SELECT count(*) FROM send_queue WHERE "_s + where +
                                   u" AND phone = ? AND status = 'sent' AND sent_at >= ?"_s,
                               {earlier, p, db.timeValue(QDateTime::currentDateTimeUtc().addDays(-days))})
                         .toLongLong();
            }
            return n;
        }();
        QCOMPARE(inDb, 1);
        QCOMPARE(leadingCount(shown), inDb);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE phone = '%1'"_s.arg(kPhones.at(0))), 1);
        shot(w, u"page4-review-sections"_s);
        QVERIFY(finish(w, id));
        QCOMPARE(campaign(id).settings.value(u"import"_s).toObject().value(u"skip_recent_days"_s).toInt(),
                 days);
    }

    void theWizardAndTheOverviewWriteTheSameEstimatesTotalAlike()
    {
        // German, so that the locale's own currency is the card's: once "0,10 €" in the wizard and
        // "0,10 EUR" on the Overview.
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const auto restore = qScopeGuard([&] { QLocale::setDefault(before); });
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const CostEstimate expected = fixtureCardEstimate();
        QVERIFY(expected.totalMicros > 0);
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        const QString id = w->reviewPage()->result().campaignId;
        const QString inWizard = child<QLabel>(w, u"costTotal"_s)->text();
        QVERIFY(finish(w, id));

        auto *panel = m_console.window()->findChild<CostEstimatePanel *>(u"costEstimatePanel"_s);
        QVERIFY(panel);
        m_console.window()->campaignsPage().selectCampaign(id);
        QVERIFY(waitUntil(
            [&] {
                return m_console.window()->campaignsPage().detail()->campaignId() == id && !panel->isBusy() &&
                       panel->estimate() && panel->estimate()->campaignId == id;
            },
            10'000));
        QCOMPARE(panel->estimate()->totalMicros, expected.totalMicros);
        const QString onOverview = panel->totalText();
        QCOMPARE(onOverview, MoneyText::format(expected.totalMicros, u"EUR"_s));
        QVERIFY2(onOverview.contains(u',') && onOverview.endsWith(u"EUR"_s), qPrintable(onOverview));
        // The wizard's line is that same text followed by whom it is for.
        QVERIFY2(inWizard.startsWith(onOverview + u" "_s), qPrintable(inWizard + u" / "_s + onOverview));
        QCOMPARE(panel->countries()->rowCount(), 2);
        QCOMPARE(panel->countries()->index(0, CostCountryModel::Country).data().toString(),
                 CountryNames::label(panel->countries()->countryAt(0).region));
    }

    void aLaterStartIsWhenTheWaitingAreCounted()
    {
        QString skip;
        // Tuesday 06:00 UTC: 07:00 in Berlin, 01:00 in New York — everyone outside 09:00–20:00.
        const QDateTime now(QDate(2026, 12, 1), QTime(6, 0), Qt::UTC);
        if (!setUp(&skip, now)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = reviewWizard();
        QVERIFY(w);
        QuietHoursSection *section = w->reviewPage()->quietHoursSection();
        auto *waiting = child<QLabel>(w, u"quietWaiting"_s);
        child<QCheckBox>(w, u"quietHoursEnabled"_s)->setChecked(true);
        QVERIFY(waitUntil([&] { return section->waitingKnown(); }, 10'000));
        QCOMPARE(section->waiting().waiting, 4);
        QCOMPARE(section->waitingAt(), now);
        QVERIFY2(waiting->text().contains(u"right now"_s), qPrintable(waiting->text()));

        // Starting at 15:00 UTC: 16:00 in Berlin, 10:00 in New York — nobody waits then.
        const QDateTime start(QDate(2026, 12, 1), QTime(15, 0), Qt::UTC);
        child<QAbstractButton>(w, u"startAt"_s)->click();
        child<QDateTimeEdit>(w, u"startTime"_s)->setDateTime(start.toLocalTime());
        QVERIFY(waitUntil([&] { return section->waitingKnown() && section->waitingAt() == start; }, 10'000));
        QCOMPARE(section->waiting().waiting, 0);
        WindowWait fromDb;
        {
            TestDbAccess access;
            fromDb = QuietHoursQueue::wait(m_console.db(), w->reviewPage()->result().campaignId,
                                           section->quietHours(), start);
        }
        QCOMPARE(fromDb.waiting, 0);
        QVERIFY2(waiting->text().contains(ScheduleSection::localText(start)) &&
                     !waiting->text().contains(u"right now"_s, Qt::CaseInsensitive),
                 qPrintable(waiting->text()));

        // 09:00 UTC: Berlin (10:00) is open, New York (04:00) is not: its two wait at the start.
        const QDateTime early(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
        child<QDateTimeEdit>(w, u"startTime"_s)->setDateTime(early.toLocalTime());
        QVERIFY(waitUntil([&] { return section->waitingKnown() && section->waitingAt() == early; }, 10'000));
        QCOMPARE(section->waiting().waiting, 2);
        QCOMPARE(section->waiting().nextRegion, u"US"_s);
        QVERIFY2(waiting->text().startsWith(u"2 "_s) && waiting->text().contains(u"at the start"_s),
                 qPrintable(waiting->text()));
        if (const QString folder = qEnvironmentVariable("HERALD_WIZARD_SHOTS"); !folder.isEmpty()) {
            w->findChild<QWidget *>(u"scheduleSlot"_s)
                ->grab()
                .save(QDir(folder).filePath(u"page4-later-start.png"_s));
        }

        // Back to "start now": counted at the clock again.
        child<QAbstractButton>(w, u"startNow"_s)->click();
        QVERIFY(waitUntil([&] { return section->waitingKnown() && section->waitingAt() == now; }, 10'000));
        QCOMPARE(section->waiting().waiting, 4);
        w->reject();
    }
};

HERALD_UI_TEST_MAIN(TestWizardReview)
#include "test_wizard_review.moc"
