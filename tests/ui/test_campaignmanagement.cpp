// Managing campaigns from the console, as a user does it through the real window: Duplicate
// (a new file with the campaign's template, mapping and reading), Edit draft (name and rate
// ceiling, refused with why; Change mapping, which imports again and replaces the draft),
// Delete draft (asked, with its recipients) and Add contacts (into a paused campaign, undone
// when the user leaves) — on SQLite and PostgreSQL, with the GUI thread banned from SQL.
#include "ConsoleFixture.h"
#include "db/AppSettings.h"
#include "dialogs/EditDraftDialog.h"
#include "import/ContactImporter.h"
#include "queue/Counters.h"
#include "queue/QuietHours.h"
#include "queue/Repair.h"
#include "settings/SettingKeys.h"
#include "views/CampaignsPage.h"
#include "wizard/ContactsPage.h"
#include "wizard/MessagePage.h"
#include "wizard/NewCampaignWizard.h"
#include "wizard/ReviewPage.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStringEncoder>
#include <QTableView>
#include <QTimeEdit>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
QString fixture(const QString &name)
{
    return QDir(QStringLiteral(HERALD_WIZARD_DATA)).filePath(name);
}

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

// With HERALD_WIZARD_SHOTS set to a folder, the windows are saved there to be looked at.
void shot(QWidget *w, const QString &name)
{
    const QString folder = qEnvironmentVariable("HERALD_WIZARD_SHOTS");
    if (!folder.isEmpty()) {
        QTest::qWait(100);
        w->grab().save(QDir(folder).filePath(name + u".png"_s));
    }
}

// Settings as the wizard writes them for kunden_semicolon_1252.csv mapped to order_update.
QJsonObject kundenSettings()
{
    return QJsonObject{
        {u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s}}},
        {u"mapping"_s, QJsonObject{{u"header.1"_s, QJsonObject{{u"text"_s, u"https://example.com/a.jpg"_s}}},
                                   {u"body.1"_s, QJsonObject{{u"column"_s, u"Vorname"_s}}},
                                   {u"body.2"_s, QJsonObject{{u"column"_s, u"Bestellnummer"_s}}},
                                   {u"button.0"_s, QJsonObject{{u"column"_s, u"Bestellnummer"_s}}}}},
        {u"import"_s, QJsonObject{{u"file"_s, fixture(u"kunden_semicolon_1252.csv"_s)},
                                  {u"encoding"_s, u"windows-1252"_s},
                                  {u"delimiter"_s, u";"_s},
                                  {u"header"_s, true},
                                  {u"phone_column"_s, u"Handy"_s},
                                  {u"region"_s, u"DE"_s},
                                  {u"mobile_only"_s, false}}},
        {u"rate"_s, 5.0}};
}

// A file in Windows-1252 with semicolons, as the campaign's was.
bool write1252(const QString &path, const QString &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return false;
    }
    QStringEncoder latin1(QStringConverter::Latin1); // the characters used here are the same in 1252
    f.write(latin1.encode(text));
    return true;
}
} // namespace

class TestCampaignManagement : public QObject
{
    Q_OBJECT

    ConsoleFixture m_console;
    QTemporaryDir m_files;
    quint64 m_violationsBefore = 0;

    // `seed` sets the database up before the window exists: a window that saw a campaign
    // running on its way to paused could take it over and send it.
    bool setUp(QString *skip, const std::function<void(Database &)> &seed = {})
    {
        QFETCH_GLOBAL(QString, backend);
        ConsoleOptions options;
        options.importRegion = u"AT"_s;
        options.seed = seed;
        if (!m_console.prepare(backend, skip, options)) {
            return false;
        }
        m_console.open();
        return true;
    }

    // The campaign the wizard would have made from kunden_semicolon_1252.csv (5 contacts).
    QString kundenDraft(const QString &name)
    {
        TestDbAccess access;
        return kundenDraft(m_console.db(), name);
    }

    // The same while the test already has the database (a seed runs under TestDbAccess).
    QString kundenDraft(Database &db, const QString &name)
    {
        const Campaign c = CampaignStore(db, Clock::system())
                               .create({name, u"order_update"_s, u"en_US"_s, {}, kundenSettings()});
        ImportOptions o;
        o.campaignId = c.id;
        o.csv.encoding = TextEncoding::Windows1252;
        o.csv.delimiter = u';';
        o.phoneColumn = u"Handy"_s;
        o.region = u"DE"_s;
        o.params = {{u"body.1"_s, u"Vorname"_s},
                    {u"body.2"_s, u"Bestellnummer"_s},
                    {u"button.0"_s, u"Bestellnummer"_s}};
        o.rejectsPath = m_files.filePath(u"rejects.csv"_s);
        const ImportSummary s =
            ContactImporter(db, Clock::system()).run(fixture(u"kunden_semicolon_1252.csv"_s), o);
        if (s.imported != 5) {
            qWarning("imported %lld", s.imported);
        }
        return c.id;
    }

    // Selects the campaign once the table shows it as it is stored (a snapshot taken while the
    // test was still setting it up may show it half made).
    bool select(const QString &id)
    {
        const Campaign now = stored(id);
        if (!waitUntil(
                [&] {
                    const CampaignRow *r = shownRow(*m_console.window(), id);
                    return r && r->status == now.status && r->total == now.totalContacts;
                },
                10'000)) {
            return false;
        }
        m_console.window()->campaignsPage().selectCampaign(id);
        return m_console.window()->campaignsPage().currentCampaignId() == id;
    }

    QAction *action(const QString &name) { return m_console.window()->findChild<QAction *>(name); }

    NewCampaignWizard *wizard()
    {
        NewCampaignWizard *found = nullptr;
        waitUntil(
            [&] {
                for (auto *w :
                     m_console.window()->findChildren<NewCampaignWizard *>(u"newCampaignWizard"_s)) {
                    if (w->isVisible()) {
                        found = w;
                    }
                }
                return found != nullptr;
            },
            5'000);
        return found;
    }

    // Page 1 with `file`, then on to the message page with its templates loaded.
    bool toMessage(NewCampaignWizard *w, const QString &file)
    {
        w->setFile(file);
        if (!waitUntil([&] { return !w->contactsPage()->isReading() && w->contactsPage()->isComplete(); },
                       10'000)) {
            return false;
        }
        shot(w, u"contacts-mode%1"_s.arg(int(w->mode())));
        w->next();
        if (w->currentId() != NewCampaignWizard::Phones) {
            return false;
        }
        w->next();
        return w->currentId() == NewCampaignWizard::Message &&
               waitUntil([&] { return w->messagePage()->templatesLoaded() && w->state().templ; }, 10'000);
    }

    bool importAndFinish(NewCampaignWizard *w)
    {
        w->next();
        ReviewPage *review = w->reviewPage();
        if (w->currentId() != NewCampaignWizard::Review ||
            !waitUntil([&] { return !review->importing() && review->isComplete(); }, 30'000)) {
            qWarning("review: %s / %s / %s", qPrintable(child<QLabel>(w, u"importStatus"_s)->text()),
                     qPrintable(child<QLabel>(w, u"readiness"_s)->text()),
                     qPrintable(child<QLabel>(w, u"apiCheck"_s)->text()));
            return false;
        }
        w->button(QWizard::FinishButton)->click();
        const QPointer<NewCampaignWizard> open(w); // deleted once closed
        if (!waitUntil([&] { return !open || !open->isVisible(); }, 10'000)) {
            qWarning("finish: button %d, complete %d, asked: %s",
                     w->button(QWizard::FinishButton)->isEnabled(), review->isComplete(),
                     qPrintable(Prompt::shown().join(u'\n')));
            return false;
        }
        return true;
    }

    // The campaign's counters against a recount of its rows.
    bool countersMatch(const QString &id)
    {
        TestDbAccess access;
        for (const RepairItem &item : Repair(m_console.db(), Clock::system()).analyze()) {
            if (item.campaignId == id) {
                if (item.countersDiffer()) {
                    qWarning("stored %lld contacts, recounted %lld", item.stored.contacts,
                             item.recounted.contacts);
                }
                return !item.countersDiffer();
            }
        }
        return true; // not listed: nothing to repair
    }

    // May's file: Jürgen again (already in the campaign) and two new customers.
    QString mayFile()
    {
        const QString path = m_files.filePath(u"mai.csv"_s);
        write1252(path, u"Vorname;Nachname;Handy;Bestellnummer\n"
                        "Jürgen;Müller;0151 23456789;A2001\n"
                        "Käthe;Kruse;0151 99990001;A2002\n"
                        "Otto;Öz;0171 99990002;A2003\n"_s);
        return path;
    }

    // Add contacts… on the selected campaign, May's file, on to the review's finished import.
    NewCampaignWizard *addMay(const QString &id)
    {
        if (!select(id) || !action(u"actionAddContacts"_s)->isEnabled()) {
            return nullptr;
        }
        action(u"actionAddContacts"_s)->trigger();
        NewCampaignWizard *w = wizard();
        if (!w || w->mode() != NewCampaignWizard::Mode::AddContacts || !toMessage(w, mayFile())) {
            return nullptr;
        }
        w->next();
        ReviewPage *review = w->reviewPage();
        if (!waitUntil([&] { return !review->importing() && review->isComplete(); }, 30'000)) {
            return nullptr;
        }
        return w;
    }

    qint64 count(const QString &sql)
    {
        TestDbAccess access;
        return m_console.db().scalar(sql).toLongLong();
    }

    Campaign stored(const QString &id)
    {
        TestDbAccess access;
        return CampaignStore(m_console.db(), Clock::system()).byId(id);
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

HERALD_UI_TEST_MAIN(TestCampaignManagement)
#include "test_campaignmanagement.moc"
