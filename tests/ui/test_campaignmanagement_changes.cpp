// A campaign changed in place through the real window: Edit draft (name and rate ceiling, refused
// with why), Delete draft (asked, with its recipients) and Add contacts (into a paused campaign,
// undone when the user leaves) — on SQLite and PostgreSQL, with the GUI thread banned from SQL.
#include "CampaignManagementSteps.h"

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::test::campaigns;
using namespace herald::ui;

class TestCampaignChanges : public QObject, private CampaignManagementSteps
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

    void editingADraftSavesItsNameAndRateAndRefusesWhatCannotBe()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString id = kundenDraft(u"Kunden März"_s);
        {
            TestDbAccess access;
            readyCampaign(m_console.db(), u"Taken"_s, 2);
        }
        QVERIFY(select(id));
        QVERIFY(action(u"actionEditDraft"_s)->isEnabled());
        action(u"actionEditDraft"_s)->trigger();
        QPointer<EditDraftDialog> dialog =
            m_console.window()->findChild<EditDraftDialog *>(u"editDraftDialog"_s);
        QVERIFY(dialog && dialog->isVisible());
        auto *name = child<QLineEdit>(dialog, u"draftName"_s);
        auto *rate = child<QLineEdit>(dialog, u"draftRate"_s);
        auto *problem = child<QLabel>(dialog, u"editProblem"_s);
        auto *save = child<QDialogButtonBox>(dialog, u"editButtons"_s)->button(QDialogButtonBox::Save);
        QCOMPARE(name->text(), u"Kunden März"_s);
        QCOMPARE(rate->text(), u"5"_s);
        shot(dialog, u"edit-draft"_s);

        // Refused, with why, and nothing changes.
        rate->setText(u"0"_s);
        save->click();
        QVERIFY(waitUntil([&] { return problem->isVisibleTo(dialog); }, 5'000));
        QVERIFY2(problem->text().contains(u"more than 0"_s), qPrintable(problem->text()));
        QVERIFY(dialog->isVisible());
        rate->setText(u"fast"_s);
        save->click();
        QVERIFY2(problem->text().contains(u"number of messages per second"_s), qPrintable(problem->text()));
        rate->setText(u"2.5"_s);
        name->setText(u"   "_s);
        save->click();
        QVERIFY(waitUntil([&] { return problem->text().contains(u"needs a name"_s); }, 5'000));
        name->setText(u"Taken"_s);
        save->click();
        QVERIFY(waitUntil([&] { return problem->text().contains(u"already exists"_s); }, 5'000));
        shot(dialog, u"edit-draft-refused"_s);
        QCOMPARE(stored(id).name, u"Kunden März"_s);
        QCOMPARE(stored(id).settings.value(u"rate"_s).toDouble(), 5.0);

        name->setText(u"Kunden April"_s);
        save->click();
        QVERIFY(waitUntil([&] { return !dialog || !dialog->isVisible(); }, 5'000)); // closed, then deleted
        const Campaign after = stored(id);
        QCOMPARE(after.name, u"Kunden April"_s);
        QCOMPARE(after.settings.value(u"rate"_s).toDouble(), 2.5);
        QCOMPARE(after.settings.value(u"mapping"_s), kundenSettings().value(u"mapping"_s)); // the rest stays
        QVERIFY(
            waitUntil([&] { return shownRow(*m_console.window(), id)->name == u"Kunden April"_s; }, 5'000));

        // Empty: the phone number's own limit.
        action(u"actionEditDraft"_s)->trigger();
        QVERIFY(waitUntil(
            [&] {
                for (auto *d : m_console.window()->findChildren<EditDraftDialog *>()) {
                    if (d->isVisible()) {
                        dialog = d;
                        return true;
                    }
                }
                return false;
            },
            5'000));
        child<QLineEdit>(dialog, u"draftRate"_s)->clear();
        child<QDialogButtonBox>(dialog, u"editButtons"_s)->button(QDialogButtonBox::Save)->click();
        QVERIFY(waitUntil([&] { return !dialog || !dialog->isVisible(); }, 5'000)); // closed, then deleted
        QVERIFY(!stored(id).settings.contains(u"rate"_s));
    }

    void onlyADraftCanBeEditedOrDeletedAndTheTooltipSaysWhy()
    {
        QString running;
        QString scheduled;
        QString paused;
        QString skip;
        if (!setUp(&skip, [&](Database &db) {
                CampaignStore store(db, Clock::system());
                running = readyCampaign(db, u"Running"_s, 3).id;
                store.transition(running, CampaignStatus::Running);
                scheduled = readyCampaign(db, u"Later"_s, 3).id;
                store.transition(scheduled, CampaignStatus::Scheduled);
                paused = readyCampaign(db, u"Held"_s, 3).id;
                store.transition(paused, CampaignStatus::Running);
                store.transition(paused, CampaignStatus::Paused, u"by hand"_s);
            })) {
            QSKIP(qPrintable(skip));
        }
        QVERIFY(select(running));
        QVERIFY(!action(u"actionDeleteDraft"_s)->isEnabled());
        QVERIFY(!action(u"actionEditDraft"_s)->isEnabled());
        QVERIFY(!action(u"actionAddContacts"_s)->isEnabled());
        QVERIFY(action(u"actionDuplicate"_s)->isEnabled());
        QVERIFY2(action(u"actionDeleteDraft"_s)->toolTip().contains(u"Only a draft can be deleted"_s),
                 qPrintable(action(u"actionDeleteDraft"_s)->toolTip()));
        // Running, or completed if this window took it over and sent it meanwhile: not added to.
        QVERIFY2(action(u"actionAddContacts"_s)->toolTip().contains(u"pause it first"_s) ||
                     action(u"actionAddContacts"_s)->toolTip().contains(u"a draft or a paused campaign"_s),
                 qPrintable(action(u"actionAddContacts"_s)->toolTip()));
        action(u"actionDeleteDraft"_s)->trigger(); // disabled: nothing is asked, nothing goes
        QTest::qWait(300);
        QVERIFY(Prompt::shown().isEmpty());
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(running)), 3);

        QVERIFY(select(scheduled));
        QVERIFY(!action(u"actionDeleteDraft"_s)->isEnabled());
        QVERIFY2(action(u"actionDeleteDraft"_s)->toolTip().contains(u"unschedule"_s),
                 qPrintable(action(u"actionDeleteDraft"_s)->toolTip()));

        QVERIFY(select(paused));
        const CampaignRow *held = m_console.window()->campaignsPage().currentCampaign();
        QVERIFY(held && held->id == paused);
        QVERIFY2(held->status == CampaignStatus::Paused,
                 qPrintable(CampaignStatusMachine::toString(held->status)));
        QVERIFY(action(u"actionAddContacts"_s)->isEnabled());
        QVERIFY2(!action(u"actionEditDraft"_s)->isEnabled(),
                 qPrintable(action(u"actionEditDraft"_s)->toolTip()));
    }

    void deletingADraftAsksWithItsRecipientsAndRemovesItsRows()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        const QString id = kundenDraft(u"Kunden März"_s);
        QString other;
        {
            TestDbAccess access;
            other = readyCampaign(m_console.db(), u"Other"_s, 4).id;
        }
        QVERIFY(select(id));
        Prompt::setNextAnswer(false);
        action(u"actionDeleteDraft"_s)->trigger();
        QTest::qWait(300);
        QCOMPARE(Prompt::shown().size(), 1);
        const QString asked = Prompt::shown().first();
        QVERIFY2(asked.contains(u"Kunden März"_s) && asked.contains(u"5 recipient"_s), qPrintable(asked));
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(id)), 5);

        Prompt::setNextAnswer(true);
        action(u"actionDeleteDraft"_s)->trigger();
        QVERIFY(waitUntil([&] { return shownRow(*m_console.window(), id) == nullptr; }, 10'000));
        QCOMPARE(count(u"SELECT count(*) FROM campaigns WHERE id = '%1'"_s.arg(id)), 0);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(id)), 0);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(other)), 4);
    }

    void addingContactsToAPausedCampaignAddsOnlyNewNumbersWithTheCampaignsMessage()
    {
        QString id;
        QString skip;
        if (!setUp(&skip, [&](Database &db) {
                id = kundenDraft(db, u"Kunden März"_s);
                CampaignStore store(db, Clock::system());
                store.transition(id, CampaignStatus::Running);
                store.transition(id, CampaignStatus::Paused, u"by hand"_s);
            })) {
            QSKIP(qPrintable(skip));
        }
        QVERIFY(select(id));
        action(u"actionAddContacts"_s)->trigger();
        NewCampaignWizard *w = wizard();
        QVERIFY(w);
        QCOMPARE(w->mode(), NewCampaignWizard::Mode::AddContacts);
        QVERIFY(toMessage(w, mayFile()));
        // The campaign's template and mapping: shown, not choosable.
        QVERIFY(child<QComboBox>(w, u"templateCombo"_s)->currentText().startsWith(u"order_update (en_US)"_s));
        QVERIFY(!child<QComboBox>(w, u"templateCombo"_s)->isEnabled());
        QVERIFY(child<QLineEdit>(w, u"campaignName"_s)->isReadOnly());
        QCOMPARE(child<QLineEdit>(w, u"campaignName"_s)->text(), u"Kunden März"_s);
        QCOMPARE(child<QComboBox>(w, u"map_body.1"_s)->currentText(), u"Column: Vorname"_s);
        QVERIFY(!child<QComboBox>(w, u"map_body.1"_s)->isEnabled());
        QVERIFY(child<QLineEdit>(w, u"text_header.1"_s)->isReadOnly());
        shot(w, u"add-contacts-message"_s);
        w->next();
        ReviewPage *review = w->reviewPage();
        QVERIFY2(waitUntil([&] { return !review->importing() && review->isComplete(); }, 30'000),
                 qPrintable(child<QLabel>(w, u"importStatus"_s)->text() + u" / "_s +
                            child<QLabel>(w, u"readiness"_s)->text()));
        QCOMPARE(review->result().campaignId, id);
        QCOMPARE(child<QLabel>(w, u"importedCount"_s)->text(), u"2"_s);
        QCOMPARE(child<QLabel>(w, u"inCampaignCount"_s)->text(), u"1"_s);
        shot(w, u"add-contacts-review"_s);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(id)), 7);
        w->button(QWizard::FinishButton)->click();
        QVERIFY(waitUntil([&, open = QPointer<NewCampaignWizard>(w)] { return !open || !open->isVisible(); },
                          10'000));

        // Nothing new was created; the campaign is selected, still paused, with its 7 recipients.
        QVERIFY(
            waitUntil([&] { return m_console.window()->campaignsPage().currentCampaignId() == id; }, 10'000));
        QVERIFY(waitUntil([&] { return shownRow(*m_console.window(), id)->total == 7; }, 10'000));
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 1);
        const Campaign after = stored(id);
        QCOMPARE(after.status, CampaignStatus::Paused);
        QCOMPARE(after.totalContacts, 7);
        QCOMPARE(after.pending, 7);
        QCOMPARE(after.settings.value(u"mapping"_s), kundenSettings().value(u"mapping"_s));
        QCOMPARE(after.settings.value(u"import"_s), kundenSettings().value(u"import"_s));
        QVERIFY(countersMatch(id));
        QCOMPARE(
            count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1' AND phone = '+4915123456789'"_s
                      .arg(id)),
            1);
    }

    void leavingTheAddContactsWizardTakesOutExactlyTheAddedRows()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        // Into a draft: leaving must not take the draft with it, only what was added.
        const QString id = kundenDraft(u"Kunden März"_s);
        NewCampaignWizard *w = addMay(id);
        QVERIFY(w);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(id)), 7);
        QCOMPARE(stored(id).totalContacts, 7);
        // Back and Next at once: the first import's rows go before the second counts what the
        // campaign already has, so it adds the same two again.
        w->back();
        w->next();
        ReviewPage *review = w->reviewPage();
        QVERIFY(waitUntil([&] { return !review->importing() && review->isComplete(); }, 30'000));
        QCOMPARE(child<QLabel>(w, u"importedCount"_s)->text(), u"2"_s);
        QCOMPARE(child<QLabel>(w, u"inCampaignCount"_s)->text(), u"1"_s);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(id)), 7);
        QVERIFY(countersMatch(id));
        w->reject();
        QVERIFY(waitUntil(
            [&] { return count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1'"_s.arg(id)) == 5; },
            10'000));
        const Campaign after = stored(id);
        QCOMPARE(after.status, CampaignStatus::Draft);
        QCOMPARE(after.totalContacts, 5);
        QVERIFY(countersMatch(id));
        QCOMPARE(
            count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1' AND phone = '+4915199990001'"_s
                      .arg(id)),
            0);
        QCOMPARE(
            count(u"SELECT count(*) FROM send_queue WHERE campaign_id = '%1' AND phone = '+4915123456789'"_s
                      .arg(id)),
            1);
    }
};

HERALD_UI_TEST_MAIN(TestCampaignChanges)
#include "test_campaignmanagement_changes.moc"
