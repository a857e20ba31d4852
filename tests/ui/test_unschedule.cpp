// Unschedule from the console: a campaign scheduled from the wizard becomes a draft again through
// the Campaign menu (its time forgotten in the database), which is refused with why for a
// campaign that is not scheduled — on SQLite and PostgreSQL, with the GUI thread banned from SQL.
#include "ConsoleFixture.h"
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

    ConsoleFixture m_console;
    quint64 m_violationsBefore = 0;

    bool setUp(QString *skip, const std::function<void(Database &)> &seed)
    {
        QFETCH_GLOBAL(QString, backend);
        ConsoleOptions options;
        options.seed = seed;
        if (!m_console.prepare(backend, skip, options)) {
            return false;
        }
        m_console.open();
        return true;
    }

    bool select(const QString &id, CampaignStatus status)
    {
        if (!waitUntil(
                [&] {
                    const CampaignRow *r = shownRow(*m_console.window(), id);
                    return r && r->status == status;
                },
                10'000)) {
            return false;
        }
        m_console.window()->campaignsPage().selectCampaign(id);
        return m_console.window()->campaignsPage().currentCampaignId() == id;
    }

    QAction *action(const QString &name) { return m_console.window()->findChild<QAction *>(name); }

    QVariant scalar(const QString &sql)
    {
        TestDbAccess access;
        return m_console.db().scalar(sql);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }
    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore);
        m_console.close();
        Prompt::clearShown();
    }

    void aScheduledCampaignIsUnscheduledIntoADraftAndADraftCannotBe()
    {
        QString later;
        QString draft;
        QString skip;
        if (!setUp(&skip, [&](Database &db) {
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
                const CampaignRow *r = shownRow(*m_console.window(), later);
                return r && r->status == CampaignStatus::Draft;
            },
            10'000));
        QVERIFY2(Prompt::shown().isEmpty(), qPrintable(Prompt::shown().join(u'\n')));
        QCOMPARE(scalar(u"SELECT status FROM campaigns WHERE id = '%1'"_s.arg(later)).toString(), u"draft"_s);
        QVERIFY(scalar(u"SELECT scheduled_at FROM campaigns WHERE id = '%1'"_s.arg(later)).isNull());
        // The table follows: it is a draft now, so it can be deleted and no longer unscheduled.
        m_console.window()->campaignsPage().selectCampaign(later);
        QVERIFY(waitUntil([&] { return !unschedule->isEnabled(); }, 5'000));
        QVERIFY(action(u"actionDeleteDraft"_s)->isEnabled());
    }
};

HERALD_UI_TEST_MAIN(TestUnschedule)
#include "test_unschedule.moc"
