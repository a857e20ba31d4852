// Campaigns made from another through the real window: Duplicate (a new file with the campaign's
// template, mapping, reading and sending settings) and Change mapping (imports again and replaces
// the draft, or leaves it when the user leaves) — on SQLite and PostgreSQL, with the GUI thread
// banned from SQL.
#include "CampaignManagementSteps.h"

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::test::campaigns;
using namespace herald::ui;

class TestCampaignCopies : public QObject, private CampaignManagementSteps
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init() { m_violationsBefore = Database::forbiddenThreadUses(); }
    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore);
        m_console.close();
        Prompt::clearShown();
    }

    void duplicateMakesACampaignWithTheSameTemplateMappingAndReadingFromTheNewFile()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString source = kundenDraft(u"Kunden März"_s);
        // April's file: the same kind of export, its columns in another order, one more column.
        const QString april = m_files.filePath(u"april.csv"_s);
        QVERIFY(write1252(april, u"Bestellnummer;Stadt;Vorname;Handy\n"
                                 "B2001;Köln;Müller;0151 11112222\n"
                                 "B2002;Graz;Jörg;0171 3334444\n"
                                 "B2003;Wien;Änne;0160 5556666\n"_s));
        QVERIFY(select(source));
        QVERIFY(action(u"actionDuplicate"_s)->isEnabled());
        action(u"actionDuplicate"_s)->trigger();
        NewCampaignWizard *w = wizard();
        QVERIFY(w);
        QCOMPARE(w->mode(), NewCampaignWizard::Mode::Duplicate);
        QVERIFY(w->windowTitle().contains(u"Kunden März"_s));
        // The campaign's reading is the new file's: Windows-1252 and semicolons, not detected.
        QCOMPARE(child<QComboBox>(w, u"encodingCombo"_s)->currentData().toString(), u"windows-1252"_s);
        QCOMPARE(child<QComboBox>(w, u"delimiterCombo"_s)->currentData().toString(), u";"_s);
        QVERIFY(toMessage(w, april));
        QCOMPARE(w->state().file.rows.at(2).at(2), u"Änne"_s);
        QCOMPARE(w->state().file.columnName(w->state().phoneColumn), u"Handy"_s);
        QCOMPARE(w->state().region, u"DE"_s); // the campaign's country, not the one in Settings
        QVERIFY(child<QComboBox>(w, u"templateCombo"_s)->currentText().startsWith(u"order_update (en_US)"_s));
        QCOMPARE(child<QComboBox>(w, u"map_body.1"_s)->currentText(), u"Column: Vorname"_s);
        QCOMPARE(child<QComboBox>(w, u"map_body.2"_s)->currentText(), u"Column: Bestellnummer"_s);
        QCOMPARE(child<QComboBox>(w, u"map_button.0"_s)->currentText(), u"Column: Bestellnummer"_s);
        QCOMPARE(child<QLineEdit>(w, u"text_header.1"_s)->text(), u"https://example.com/a.jpg"_s);
        QCOMPARE(child<QLineEdit>(w, u"campaignName"_s)->text(), u"Kunden März (copy)"_s);
        QVERIFY(!child<QLabel>(w, u"presetNote"_s)->isVisibleTo(w));
        QVERIFY(w->messagePage()->isComplete());
        shot(w, u"duplicate-message"_s);
        QVERIFY(importAndFinish(w));

        QString copy;
        QVERIFY2(waitUntil(
                     [&] {
                         copy = m_console.window()->campaignsPage().currentCampaignId();
                         return !copy.isEmpty() && copy != source;
                     },
                     10'000),
                 qPrintable(Prompt::shown().join(u'\n') + u" current: "_s +
                            m_console.window()->campaignsPage().currentCampaignId() + u" source: "_s +
                            source + u" rows: "_s +
                            QString::number(m_console.window()->campaigns().rowCount()) + u" campaigns: "_s +
                            QString::number(count(u"SELECT count(*) FROM campaigns"_s))));
        const Campaign before = stored(source);
        const Campaign after = stored(copy);
        QCOMPARE(after.name, u"Kunden März (copy)"_s);
        QCOMPARE(after.templateName, before.templateName);
        QCOMPARE(after.templateLanguage, before.templateLanguage);
        QCOMPARE(after.settings.value(u"mapping"_s), before.settings.value(u"mapping"_s));
        QCOMPARE(after.settings.value(u"defaults"_s), before.settings.value(u"defaults"_s));
        const QJsonObject readBefore = before.settings.value(u"import"_s).toObject();
        const QJsonObject readAfter = after.settings.value(u"import"_s).toObject();
        for (const QString &key :
             {u"encoding"_s, u"delimiter"_s, u"phone_column"_s, u"region"_s, u"mobile_only"_s}) {
            QCOMPARE(readAfter.value(key), readBefore.value(key));
        }
        QCOMPARE(readAfter.value(u"file"_s).toString(), april);
        QCOMPARE(after.totalContacts, 3);
        QCOMPARE(
            count(
                u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1' AND phone = '+491713334444'"_s.arg(
                    copy)),
            1);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(source)), 5);
    }

    void aColumnTheNewFileLacksIsLeftUnmappedWithANote()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString source = kundenDraft(u"Kunden März"_s);
        const QString thin = m_files.filePath(u"thin.csv"_s);
        QVERIFY(write1252(thin, u"Vorname;Mobil\nAna;0151 11112222\nBen;0171 3334444\n"_s));
        QVERIFY(select(source));
        action(u"actionDuplicate"_s)->trigger();
        NewCampaignWizard *w = wizard();
        QVERIFY(w);
        QVERIFY(toMessage(w, thin));
        // No "Handy": the numbers' column was found by its content, and page 2 said why.
        QCOMPARE(w->state().file.columnName(w->state().phoneColumn), u"Mobil"_s);
        QVERIFY2(w->state().phoneReason.contains(u"Handy"_s), qPrintable(w->state().phoneReason));
        auto *note = child<QLabel>(w, u"presetNote"_s);
        QVERIFY(note->isVisibleTo(w));
        QVERIFY2(note->text().contains(u"Bestellnummer"_s) && note->text().contains(u"Body {{2}}"_s),
                 qPrintable(note->text()));
        QCOMPARE(child<QComboBox>(w, u"map_body.1"_s)->currentText(), u"Column: Vorname"_s);
        QCOMPARE(child<QComboBox>(w, u"map_body.2"_s)->currentIndex(), 0); // unmapped: fixed text, empty
        QVERIFY(!w->messagePage()->isComplete());
        shot(w, u"duplicate-missing"_s);
        w->reject();
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 1);
    }

    void aDuplicateStartsFromTheSourcesRateRetryQuietHoursAndFrequencyCap()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString source = kundenDraft(u"Kunden März"_s);
        {
            QJsonObject settings = stored(source).settings;
            settings.insert(u"rate"_s, 7.5);
            settings.insert(u"retry_no_response"_s, true);
            QuietHours quiet;
            quiet.enabled = true;
            quiet.from = QTime(8, 30);
            quiet.until = QTime(18, 0);
            quiet.weekdaysOnly = true;
            quiet.writeTo(settings);
            QJsonObject read = settings.value(u"import"_s).toObject();
            read.insert(u"skip_recent_days"_s, 14);
            settings.insert(u"import"_s, read);
            TestDbAccess access;
            CampaignStore(m_console.db(), Clock::system()).updateSettings(source, settings);
        }
        QVERIFY(select(source));
        action(u"actionDuplicate"_s)->trigger();
        NewCampaignWizard *w = wizard();
        QVERIFY(w);
        QVERIFY(toMessage(w, fixture(u"kunden_semicolon_1252.csv"_s)));
        w->next();
        ReviewPage *review = w->reviewPage();
        QVERIFY(waitUntil([&] { return !review->importing() && review->isComplete(); }, 30'000));
        QCOMPARE(review->rate(), 7.5);
        QVERIFY(review->retryNoResponse());
        QVERIFY(child<QAbstractButton>(w, u"quietHoursEnabled"_s)->isChecked());
        QCOMPARE(child<QTimeEdit>(w, u"quietFrom"_s)->time(), QTime(8, 30));
        QCOMPARE(child<QTimeEdit>(w, u"quietUntil"_s)->time(), QTime(18, 0));
        QVERIFY(child<QAbstractButton>(w, u"quietWeekdays"_s)->isChecked());
        QVERIFY(child<QAbstractButton>(w, u"skipRecent"_s)->isChecked());
        QCOMPARE(child<QSpinBox>(w, u"skipRecentDays"_s)->value(), 14);
        w->button(QWizard::FinishButton)->click();
        const QPointer<NewCampaignWizard> open(w); // deleted once closed
        QString copy;
        QVERIFY(waitUntil(
            [&] {
                copy = m_console.window()->campaignsPage().currentCampaignId();
                return (!open || !open->isVisible()) && !copy.isEmpty() && copy != source;
            },
            10'000));
        const Campaign after = stored(copy);
        QCOMPARE(after.settings.value(u"rate"_s).toDouble(), 7.5);
        QVERIFY(after.settings.value(u"retry_no_response"_s).toBool());
        QCOMPARE(after.settings.value(u"quietHours"_s), stored(source).settings.value(u"quietHours"_s));
        QCOMPARE(after.settings.value(u"import"_s).toObject().value(u"skip_recent_days"_s).toInt(), 14);
    }

    void changingTheMappingImportsAgainAndTheNewDraftTakesTheOldOnesPlace()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString old = kundenDraft(u"Kunden März"_s);
        QVERIFY(select(old));
        action(u"actionEditDraft"_s)->trigger();
        auto *dialog = m_console.window()->findChild<EditDraftDialog *>(u"editDraftDialog"_s);
        QVERIFY(dialog);
        child<QPushButton>(dialog, u"changeMapping"_s)->click();
        NewCampaignWizard *w = wizard();
        QVERIFY(w);
        QCOMPARE(w->mode(), NewCampaignWizard::Mode::Reimport);
        QVERIFY(toMessage(w, fixture(u"kunden_semicolon_1252.csv"_s)));
        QVERIFY(!child<QLineEdit>(w, u"campaignName"_s)->isReadOnly() ||
                child<QLineEdit>(w, u"campaignName"_s)->text().contains(u"Kunden März"_s));
        chooseItem(child<QComboBox>(w, u"map_body.1"_s), u"Column: Nachname"_s);
        QVERIFY(w->messagePage()->isComplete());
        // Until Finish, the old draft is untouched.
        w->next();
        QVERIFY(waitUntil([&] { return !w->reviewPage()->importing() && w->reviewPage()->isComplete(); },
                          30'000));
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(old)), 5);
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 2);
        w->button(QWizard::FinishButton)->click();

        QString fresh;
        QVERIFY(waitUntil(
            [&] {
                fresh = m_console.window()->campaignsPage().currentCampaignId();
                return !fresh.isEmpty() && fresh != old && count(u"SELECT count(*) FROM campaigns"_s) == 1;
            },
            10'000));
        const Campaign now = stored(fresh);
        QCOMPARE(now.name, u"Kunden März"_s);
        QCOMPARE(now.status, CampaignStatus::Draft);
        QCOMPARE(now.settings.value(u"mapping"_s).toObject().value(u"body.1"_s).toObject().value(u"column"_s),
                 QJsonValue(u"Nachname"_s));
        QCOMPARE(now.settings.value(u"rate"_s).toDouble(), 5.0); // the draft's ceiling is kept
        QCOMPARE(now.totalContacts, 5);
        {
            // Jürgen Müller's message says "Müller" now.
            TestDbAccess access;
            QSqlQuery q =
                m_console.db().run(u"SELECT params FROM send_queue WHERE campaign_id = ? AND phone = ?"_s,
                                   {fresh, u"+4915123456789"_s});
            QVERIFY(q.next());
            QCOMPARE(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object().value(u"body.1"_s),
                     QJsonValue(u"Müller"_s));
        }
        QCOMPARE(count(u"SELECT count(*) FROM campaigns WHERE id = '%1'"_s.arg(old)), 0);
    }

    void changingTheMappingAndStartingAtATimeLeavesOneScheduledCampaign()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString old = kundenDraft(u"Kunden März"_s);
        QVERIFY(select(old));
        action(u"actionEditDraft"_s)->trigger();
        child<QPushButton>(m_console.window()->findChild<EditDraftDialog *>(u"editDraftDialog"_s),
                           u"changeMapping"_s)
            ->click();
        NewCampaignWizard *w = wizard();
        QVERIFY(w);
        QVERIFY(toMessage(w, fixture(u"kunden_semicolon_1252.csv"_s)));
        w->next();
        ReviewPage *review = w->reviewPage();
        QVERIFY(waitUntil(
            [&] { return !review->importing() && review->isComplete() && review->apiChecked(); }, 30'000));
        child<QAbstractButton>(w, u"startAt"_s)->click();
        const QDateTime at = QDateTime::currentDateTime().addSecs(2 * 3600);
        child<QDateTimeEdit>(w, u"startTime"_s)->setDateTime(at);
        QVERIFY(waitUntil([&] { return w->button(QWizard::FinishButton)->isEnabled(); }, 5'000));
        w->button(QWizard::FinishButton)->click();
        QVERIFY(waitUntil([&, open = QPointer<NewCampaignWizard>(w)] { return !open || !open->isVisible(); },
                          10'000));
        // The old draft went before the new one was scheduled: one campaign, never two that
        // would send to the same people.
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 1; }, 10'000));
        QCOMPARE(count(u"SELECT count(*) FROM campaigns WHERE id = '%1'"_s.arg(old)), 0);
        TestDbAccess access;
        const Campaign now = CampaignStore(m_console.db(), Clock::system()).list().first();
        QCOMPARE(now.name, u"Kunden März"_s);
        QCOMPARE(now.status, CampaignStatus::Scheduled);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 5);
    }

    void leavingTheChangeMappingWizardKeepsTheOldDraft()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString old = kundenDraft(u"Kunden März"_s);
        QVERIFY(select(old));
        action(u"actionEditDraft"_s)->trigger();
        child<QPushButton>(m_console.window()->findChild<EditDraftDialog *>(u"editDraftDialog"_s),
                           u"changeMapping"_s)
            ->click();
        NewCampaignWizard *w = wizard();
        QVERIFY(w);
        QVERIFY(toMessage(w, fixture(u"kunden_semicolon_1252.csv"_s)));
        w->next();
        QVERIFY(waitUntil([&] { return !w->reviewPage()->importing() && w->reviewPage()->isComplete(); },
                          30'000));
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 2);
        w->reject();
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 1; }, 10'000));
        QCOMPARE(stored(old).name, u"Kunden März"_s);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(old)), 5);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 5);
    }
};

HERALD_UI_TEST_MAIN(TestCampaignCopies)
#include "test_campaignmanagement_copies.moc"
