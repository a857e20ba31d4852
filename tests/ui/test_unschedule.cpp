// Unschedule from the console: a campaign scheduled from the wizard becomes a draft again through
// the Campaign menu (its time forgotten in the database), which is refused with why for a
// campaign that is not scheduled — on SQLite and PostgreSQL, with the GUI thread banned from SQL.
#include "UiTestUtil.h"
#include "queue/Schedule.h"
#include "views/CampaignsPage.h"

#include <QAction>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

class TestUnschedule : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    std::unique_ptr<FixedCredentials> m_credentials;
    std::unique_ptr<MainWindow> m_window;
    quint64 m_violationsBefore = 0;

    bool setUp(QString *skip, const std::function<void()> &before)
    {
        QFETCH_GLOBAL(QString, backend);
        {
            TestDbAccess access;
            m_tdb = TestDatabase::create(backend, skip);
            if (!m_tdb) {
                return false;
            }
            m_sim = std::make_unique<CloudApiSimulator>();
            if (!m_sim->start() || !syncTemplates(m_tdb->db(), *m_sim)) {
                *skip = u"the simulator did not start"_s;
                return false;
            }
        }
        before();
        m_credentials = std::make_unique<FixedCredentials>(m_sim->config().accessToken);
        m_window = std::make_unique<MainWindow>(contextFor(*m_tdb, *m_sim, m_credentials.get()));
        m_window->show();
        return true;
    }

    bool select(const QString &id, CampaignStatus status)
    {
        if (!waitUntil(
                [&] {
                    const CampaignRow *r = shownRow(*m_window, id);
                    return r && r->status == status;
                },
                10'000)) {
            return false;
        }
        m_window->campaignsPage().selectCampaign(id);
        return m_window->campaignsPage().currentCampaignId() == id;
    }

    QAction *action(const QString &name) { return m_window->findChild<QAction *>(name); }

    QVariant scalar(const QString &sql)
    {
        TestDbAccess access;
        return m_tdb->db().scalar(sql);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }
    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore);
        if (m_window) {
            m_window->closeWithoutAsking();
        }
        m_window.reset();
        TestDbAccess access;
        m_sim.reset();
        m_tdb.reset();
        Prompt::clearShown();
    }

    void aScheduledCampaignIsUnscheduledIntoADraftAndADraftCannotBe()
    {
        QString later;
        QString draft;
        QString skip;
        if (!setUp(&skip, [&] {
                TestDbAccess access;
                Database &db = m_tdb->db();
                later = readyCampaign(db, u"Later"_s, 3).id;
                Schedule(db, Clock::system()).schedule(later, QDateTime::currentDateTimeUtc().addDays(2));
                draft = readyCampaign(db, u"Still a draft"_s, 2, 100).id;
            })) {
            QSKIP(qPrintable(skip));
        }
        QAction *unschedule = action(u"actionUnschedule"_s);
        QVERIFY(unschedule);
        QVERIFY(!scalar(u"SELECT scheduled_at FROM campaigns WHERE id = '%1'"_s.arg(later)).isNull());

        QVERIFY(select(draft, CampaignStatus::Draft));
        QVERIFY(!unschedule->isEnabled());
        QVERIFY2(unschedule->toolTip().contains(u"Only a scheduled campaign can be unscheduled; this one is "
                                                u"draft."_s),
                 qPrintable(unschedule->toolTip()));
        unschedule->trigger(); // disabled: nothing happens
        QTest::qWait(300);
        QVERIFY(Prompt::shown().isEmpty());
        QCOMPARE(scalar(u"SELECT status FROM campaigns WHERE id = '%1'"_s.arg(draft)).toString(), u"draft"_s);

        QVERIFY(select(later, CampaignStatus::Scheduled));
        QVERIFY2(unschedule->isEnabled(), qPrintable(unschedule->toolTip()));
        QVERIFY(!action(u"actionDeleteDraft"_s)->isEnabled());
        QVERIFY2(action(u"actionDeleteDraft"_s)->toolTip().contains(u"Campaign ▸ Unschedule"_s),
                 qPrintable(action(u"actionDeleteDraft"_s)->toolTip()));
        unschedule->trigger();
        QVERIFY(waitUntil(
            [&] {
                const CampaignRow *r = shownRow(*m_window, later);
                return r && r->status == CampaignStatus::Draft;
            },
            10'000));
        QVERIFY2(Prompt::shown().isEmpty(), qPrintable(Prompt::shown().join(u'\n')));
        QCOMPARE(scalar(u"SELECT status FROM campaigns WHERE id = '%1'"_s.arg(later)).toString(), u"draft"_s);
        QVERIFY(scalar(u"SELECT scheduled_at FROM campaigns WHERE id = '%1'"_s.arg(later)).isNull());
        // The table follows: it is a draft now, so it can be deleted and no longer unscheduled.
        m_window->campaignsPage().selectCampaign(later);
        QVERIFY(waitUntil([&] { return !unschedule->isEnabled(); }, 5'000));
        QVERIFY(action(u"actionDeleteDraft"_s)->isEnabled());
    }
};

HERALD_UI_TEST_MAIN(TestUnschedule)
#include "test_unschedule.moc"
