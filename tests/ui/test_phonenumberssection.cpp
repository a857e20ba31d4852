// Settings → Phone numbers as a user meets it, on SQLite and PostgreSQL: adding a number with
// its ceiling, a bad ID told and nothing stored, changing a listed number by selecting it, and
// removal asked first and refused, with the store's reason, while a campaign still sends from
// the number. The rows are the ones `herald-cli numbers` edits. "Check health" asks the
// simulator about every number and shows each answer, or why it could not be read; without a
// token it says so and asks nothing. The campaign header's number line reads the same rows.
// The GUI thread runs no SQL.
// Set HERALD_SCREENSHOT_DIR for a picture.
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "db/AppSettings.h"
#include "dialogs/SettingsDialog.h"
#include "settings/NumberHealthStore.h"
#include "settings/PhoneNumberStore.h"
#include "settings/PhoneNumbersModel.h"
#include "settings/PhoneNumbersSection.h"
#include "settings/SettingKeys.h"
#include "views/NumberHealthLine.h"
#include "widgets/MessageTone.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

class TestPhoneNumbersSection : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<DataService> m_data;
    quint64 m_violationsBefore = 0;

    std::optional<PhoneNumber> stored(const QString &id)
    {
        TestDbAccess access;
        return PhoneNumberStore(m_tdb->db(), Clock::system()).find(id);
    }

    // Types into the form and presses its button, as a user does.
    static void submit(PhoneNumbersSection &s, const QString &id, const QString &label, int ceiling)
    {
        s.findChild<QLineEdit *>(u"numberId"_s)->setText(id);
        s.findChild<QLineEdit *>(u"numberLabel"_s)->setText(label);
        s.findChild<QSpinBox *>(u"numberCeiling"_s)->setValue(ceiling);
        s.findChild<QPushButton *>(u"numberStore"_s)->click();
    }

    bool createDatabase(QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        return m_tdb != nullptr;
    }

    static QModelIndex healthOf(PhoneNumbersSection &s, const QString &id)
    {
        return s.model()->index(s.model()->rowOf(id), PhoneNumbersModel::Health);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

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
        m_tdb.reset();
    }

    void numbersAreAddedChangedAndRemovedWithReasons()
    {
        QFETCH_GLOBAL(QString, backend);
        QString skip;
        {
            TestDbAccess access;
            m_tdb = TestDatabase::create(backend, &skip);
            if (!m_tdb) {
                QSKIP(qPrintable(skip));
            }
            AppSettings settings(m_tdb->db());
            settings.set(SettingKeys::RateCeiling, u"60"_s);
            settings.set(SettingKeys::PhoneNumberId, u"1065"_s);
            // What the last health check found (herald-cli numbers health).
            NumberHealth h;
            h.id = u"1065"_s;
            h.verifiedName = u"Herald Demo Shop"_s;
            h.qualityRating = u"GREEN"_s;
            h.messagingLimitTier = u"TIER_2K"_s;
            h.status = u"CONNECTED"_s;
            h.checkedAt = QDateTime::currentDateTimeUtc();
            NumberHealth refused;
            refused.id = u"2077"_s;
            refused.error = u"Meta did not tell the health of 2077"_s;
            refused.checkedAt = h.checkedAt;
            NumberHealthStore(m_tdb->db(), Clock::system()).save({h, refused});
        }
        m_data = std::make_unique<DataService>(m_tdb->config());
        AppContext context;
        context.database = m_tdb->config();
        SettingsDialog dialog(*m_data, context);
        dialog.resize(760, 620);
        dialog.show();
        auto *s = dialog.findChild<PhoneNumbersSection *>(u"phoneNumbersSection"_s);
        QVERIFY(s);
        dialog.tabs()->setCurrentWidget(s);
        QAbstractItemModelTester tester(s->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(s->isLoaded(), patient(10'000));
        QCOMPARE(s->model()->rowCount(), 0);
        auto *unlisted = s->findChild<QLabel *>(u"numbersUnlisted"_s);
        QVERIFY2(unlisted->text().contains(u"60 msg/s"_s), qPrintable(unlisted->text()));
        auto *ceiling = s->findChild<QSpinBox *>(u"numberCeiling"_s);
        QCOMPARE(ceiling->value(), 60); // a new number starts at api.rate_ceiling

        // A phone number where its ID belongs: told, nothing stored.
        submit(*s, u"+49 151 2345678"_s, QString(), 80);
        QVERIFY(s->messageIsError());
        QVERIFY2(s->message().contains(u"not the phone number itself"_s), qPrintable(s->message()));

        submit(*s, u"1065"_s, u"Main line"_s, 250);
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->model()->rowCount() == 1, patient(10'000));
        QVERIFY2(s->message().contains(u"Added 1065"_s), qPrintable(s->message()));
        QCOMPARE(stored(u"1065"_s)->ceiling, 250.0);
        QCOMPARE(stored(u"1065"_s)->label, u"Main line"_s);
        const QModelIndex marked = s->model()->index(0, PhoneNumbersModel::Default);
        QCOMPARE(marked.data().toString(), u"Default"_s); // api.phone_number_id

        submit(*s, u"2077"_s, u"Support"_s, 80);
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->model()->rowCount() == 2, patient(10'000));
        const auto health = [&](const QString &id) {
            return s->model()->index(s->model()->rowOf(id), PhoneNumbersModel::Health);
        };
        QCOMPARE(health(u"1065"_s).data().toString(), u"GREEN, 2,000 people/24 h, CONNECTED"_s);
        QCOMPARE(health(u"2077"_s).data().toString(), u"Not read"_s);
        QVERIFY(health(u"2077"_s).data(Qt::ToolTipRole).toString().startsWith(u"Meta did not tell"_s));

        // Selecting fills the form; the button now changes the number.
        s->table()->selectRow(s->model()->rowOf(u"1065"_s));
        auto *store = s->findChild<QPushButton *>(u"numberStore"_s);
        QCOMPARE(s->findChild<QLineEdit *>(u"numberId"_s)->text(), u"1065"_s);
        QCOMPARE(s->findChild<QLineEdit *>(u"numberLabel"_s)->text(), u"Main line"_s);
        QCOMPARE(ceiling->value(), 250);
        QCOMPARE(store->text(), u"Change"_s);
        ceiling->setValue(300);
        store->click();
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->message().contains(u"Changed 1065"_s), patient(10'000));
        QTRY_COMPARE_WITH_TIMEOUT(stored(u"1065"_s)->ceiling, 300.0, patient(10'000));
        QCOMPARE(stored(u"1065"_s)->label, u"Main line"_s);
        if (const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(100);
            dialog.grab().save(u"%1/settings-phone-numbers-%2.png"_s.arg(dir, backend));
        }

        // A campaign still sends from 1065 (the default number): removal is asked, then refused.
        QString campaignId;
        {
            TestDbAccess access;
            const Campaign c = makeCampaign(m_tdb->db(), Clock::system(), u"Spring sale"_s, 2);
            CampaignStore(m_tdb->db(), Clock::system()).transition(c.id, CampaignStatus::Running);
            campaignId = c.id;
        }
        auto *remove = s->findChild<QPushButton *>(u"numberRemove"_s);
        QVERIFY(remove->isEnabled());
        Prompt::setNextAnswer(false);
        remove->click();
        QTest::qWait(200);
        QCOMPARE(Prompt::shown().size(), 1);
        QVERIFY2(Prompt::shown().constFirst().startsWith(u"Remove phone number: Remove 1065"_s),
                 qPrintable(Prompt::shown().constFirst()));
        QVERIFY(stored(u"1065"_s)); // declined: kept
        Prompt::setNextAnswer(true);
        remove->click();
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->messageIsError(), patient(10'000));
        QVERIFY2(s->message().contains(u"Spring sale"_s), qPrintable(s->message()));
        QVERIFY(stored(u"1065"_s));
        QCOMPARE(s->model()->rowCount(), 2);

        {
            TestDbAccess access;
            CampaignStore(m_tdb->db(), Clock::system()).transition(campaignId, CampaignStatus::Cancelled);
        }
        QTRY_VERIFY(remove->isEnabled());
        Prompt::setNextAnswer(true);
        remove->click();
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && s->model()->rowCount() == 1, patient(10'000));
        QVERIFY2(s->message().contains(u"Removed 1065"_s), qPrintable(s->message()));
        QVERIFY(!stored(u"1065"_s));
        QCOMPARE(s->model()->numberAt(0).id, u"2077"_s);
    }

    void checkHealthAsksMetaAboutEveryNumberAndShowsEachAnswer()
    {
        QString skip;
        if (!createDatabase(&skip)) {
            QSKIP(qPrintable(skip));
        }
        SimulatorConfig sc;
        sc.qualityRating = u"YELLOW"_s;
        CloudApiSimulator sim(sc);
        QVERIFY(sim.start());
        const QString known = sim.config().phoneNumberId;
        {
            TestDbAccess access;
            PhoneNumberStore numbers(m_tdb->db(), Clock::system());
            numbers.add(known, 80, u"Main line"_s);
            numbers.add(u"9999"_s, 80, u"Old line"_s); // the simulator knows no such number
        }
        m_data = std::make_unique<DataService>(m_tdb->config());
        SettingsDialog dialog(*m_data, contextFor(*m_tdb, sim, nullptr));
        dialog.show();
        auto *s = dialog.findChild<PhoneNumbersSection *>(u"phoneNumbersSection"_s);
        dialog.tabs()->setCurrentWidget(s);
        QTRY_VERIFY_WITH_TIMEOUT(s->isLoaded() && s->model()->rowCount() == 2, patient(10'000));
        QCOMPARE(healthOf(*s, known).data().toString(), u"Not checked"_s);

        auto *check = s->findChild<QPushButton *>(u"numbersCheckHealth"_s);
        QVERIFY(check->isEnabled());
        QSignalSpy done(s, &PhoneNumbersSection::healthChecked);
        check->click();
        QVERIFY(!check->isEnabled()); // one check at a time
        QVERIFY(done.wait(patient(20'000)));
        QTRY_VERIFY_WITH_TIMEOUT(!s->isBusy() && healthOf(*s, known).data().toString() != u"Not checked"_s,
                                 patient(10'000));
        QCOMPARE(healthOf(*s, known).data().toString(), u"YELLOW, 10,000 people/24 h, CONNECTED"_s);
        QCOMPARE(healthOf(*s, u"9999"_s).data().toString(), u"Not read"_s);
        QVERIFY(!healthOf(*s, u"9999"_s).data(Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(s->messageIsError());
        QVERIFY2(s->message().contains(u"1 number."_s) && s->message().contains(u"1 could not be read"_s),
                 qPrintable(s->message()));
        QVERIFY(check->isEnabled());
        {
            TestDbAccess access;
            NumberHealthStore store(m_tdb->db(), Clock::system());
            QCOMPARE(store.find(known)->qualityRating, u"YELLOW"_s);
            QVERIFY(!store.find(u"9999"_s)->ok());
        }

        // The campaign's header reads the same answer, in the warning colour for YELLOW.
        NumberHealthLine line(*m_data);
        QSignalSpy shown(&line, &NumberHealthLine::shown);
        line.showNumber(known);
        QVERIFY(shown.wait(patient(10'000)));
        QVERIFY2(line.text().contains(u"YELLOW, 10,000 people/24 h, CONNECTED"_s), qPrintable(line.text()));
        QVERIFY2(line.text().contains(sim.config().displayPhoneNumber), qPrintable(line.text()));
        QVERIFY(line.toolTip().contains(known));
        QCOMPARE(line.palette().color(QPalette::WindowText), toneColor(MessageTone::Warning));
        // A campaign without a number of its own sends from the default one: none is set here.
        line.showNumber(QString());
        QVERIFY(shown.wait(patient(10'000)));
        QVERIFY2(line.text().contains(u"No phone number is set"_s), qPrintable(line.text()));
    }

    void checkHealthWithoutATokenSaysSoAndAsksNothing()
    {
        QString skip;
        if (!createDatabase(&skip)) {
            QSKIP(qPrintable(skip));
        }
        {
            TestDbAccess access;
            PhoneNumberStore(m_tdb->db(), Clock::system()).add(u"1065"_s, 80, QString());
        }
        m_data = std::make_unique<DataService>(m_tdb->config());
        AppContext context;
        context.database = m_tdb->config(); // no credentials, no simulator: no token at all
        SettingsDialog dialog(*m_data, context);
        dialog.show();
        auto *s = dialog.findChild<PhoneNumbersSection *>(u"phoneNumbersSection"_s);
        QTRY_VERIFY_WITH_TIMEOUT(s->isLoaded(), patient(10'000));
        QSignalSpy done(s, &PhoneNumbersSection::healthChecked);
        s->findChild<QPushButton *>(u"numbersCheckHealth"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, patient(10'000));
        QVERIFY(s->messageIsError());
        QVERIFY2(s->message().contains(u"No access token"_s), qPrintable(s->message()));
        TestDbAccess access;
        QVERIFY(!NumberHealthStore(m_tdb->db(), Clock::system()).find(u"1065"_s));
    }
};

HERALD_UI_TEST_MAIN(TestPhoneNumbersSection)
#include "test_phonenumberssection.moc"
