// The new-campaign wizard as a user drives it: the real window's New campaign action, the
// pages by object name, fixture files in tests/data/wizard, the import into the database and a
// test send to the Cloud API simulator over real HTTP — on SQLite and PostgreSQL, with the GUI
// thread banned from SQL throughout.
#include "ConsoleFixture.h"
#include "db/AppSettings.h"
#include "settings/SettingKeys.h"
#include "templates/TemplateParser.h"
#include "templates/TemplateStore.h"
#include "views/CampaignsPage.h"
#include "wizard/ContactsPage.h"
#include "wizard/MessagePage.h"
#include "wizard/MessagePreview.h"
#include "wizard/NewCampaignWizard.h"
#include "wizard/PhonePage.h"
#include "wizard/ReviewPage.h"
#include "wizard/WizardLauncher.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDropEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTableView>

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

QString cell(QWidget *page, const QString &table, int row, int column)
{
    auto *view = child<QTableView>(page, table);
    return view->model()->index(row, column).data().toString();
}

// With HERALD_WIZARD_SHOTS set to a folder, the pages are saved there to be looked at.
void shot(QWidget *w, const QString &name)
{
    const QString folder = qEnvironmentVariable("HERALD_WIZARD_SHOTS");
    if (!folder.isEmpty()) {
        QTest::qWait(100);
        w->grab().save(QDir(folder).filePath(name + u".png"_s));
    }
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
} // namespace

class TestWizard : public QObject
{
    Q_OBJECT

    ConsoleFixture m_console;
    quint64 m_violationsBefore = 0;

    bool setUp(QString *skip)
    {
        QFETCH_GLOBAL(QString, backend);
        ConsoleOptions options;
        options.importRegion = u"DE"_s;
        if (!m_console.prepare(backend, skip, options)) {
            return false;
        }
        m_console.open();
        return true;
    }

    NewCampaignWizard *openWizard(const QString &file)
    {
        m_console.window()->findChild<QAction *>(u"actionNewCampaign"_s)->trigger();
        auto *wizard = m_console.window()->findChild<NewCampaignWizard *>(u"newCampaignWizard"_s);
        if (wizard && !file.isEmpty()) {
            wizard->setFile(file);
            waitUntil([&] { return !wizard->contactsPage()->isReading(); }, 10'000);
        }
        return wizard;
    }

    // Pages 2 and 3 with order_update: header fixed, body.1 ← name column, body.2 and the
    // button ← order column.
    bool fillMessage(NewCampaignWizard *w, const QString &nameColumn, const QString &orderColumn)
    {
        w->next();
        if (w->currentId() != NewCampaignWizard::Phones ||
            !waitUntil([&] { return w->state().region == u"DE"_s; }, 10'000)) {
            return false;
        }
        w->next();
        if (!waitUntil([&] { return w->messagePage()->templatesLoaded(); }, 10'000)) {
            return false;
        }
        chooseItem(child<QComboBox>(w, u"templateCombo"_s), u"order_update (en_US)"_s);
        child<QLineEdit>(w, u"text_header.1"_s)->setText(u"https://example.com/a.jpg"_s);
        chooseItem(child<QComboBox>(w, u"map_body.1"_s), u"Column: "_s + nameColumn);
        chooseItem(child<QComboBox>(w, u"map_body.2"_s), u"Column: "_s + orderColumn);
        chooseItem(child<QComboBox>(w, u"map_button.0"_s), u"Column: "_s + orderColumn);
        return w->messagePage()->isComplete();
    }

    qint64 count(const QString &sql)
    {
        TestDbAccess access;
        return m_console.db().scalar(sql).toLongLong();
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

    void aSemicolonWindows1252FileIsShownAsDetectedAndOverridesApplyAtOnce()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        QVERIFY(m_console.window()->findChild<QAction *>(u"actionNewCampaign"_s)->isEnabled());
        NewCampaignWizard *w = openWizard(fixture(u"kunden_semicolon_1252.csv"_s));
        QVERIFY(w);
        const QString detected = child<QLabel>(w, u"detectionLabel"_s)->text();
        QVERIFY2(detected.contains(u"Windows-1252"_s), qPrintable(detected));
        QVERIFY2(detected.contains(u"semicolon"_s), qPrintable(detected));
        QVERIFY2(detected.contains(u"5 data row"_s), qPrintable(detected));
        QCOMPARE(cell(w, u"filePreview"_s, 0, 0), u"Jürgen"_s);
        QCOMPARE(child<QTableView>(w, u"filePreview"_s)->model()->headerData(2, Qt::Horizontal).toString(),
                 u"Handy"_s);
        QVERIFY(w->contactsPage()->isComplete());

        // Read as UTF-8, the umlauts are not text: the preview shows it at once.
        chooseItem(child<QComboBox>(w, u"encodingCombo"_s), u"utf-8"_s);
        QVERIFY(waitUntil([&] { return !w->contactsPage()->isReading(); }, 10'000));
        QVERIFY(cell(w, u"filePreview"_s, 0, 0) != u"Jürgen"_s);
        // Split at commas, the file is one column.
        chooseItem(child<QComboBox>(w, u"encodingCombo"_s), u"windows-1252"_s);
        chooseItem(child<QComboBox>(w, u"delimiterCombo"_s), u"Comma"_s);
        QVERIFY(waitUntil([&] { return !w->contactsPage()->isReading(); }, 10'000));
        QCOMPARE(child<QTableView>(w, u"filePreview"_s)->model()->columnCount(), 1);
        chooseItem(child<QComboBox>(w, u"delimiterCombo"_s), u"Detect"_s);
        QVERIFY(waitUntil([&] { return !w->contactsPage()->isReading(); }, 10'000));
        QCOMPARE(cell(w, u"filePreview"_s, 1, 1), u"Groß"_s);
        shot(w, u"page1-contacts"_s);

        // Page 2: the mobile column by its name, the country from Settings, numbers as sent.
        w->next();
        QCOMPARE(w->currentId(), int(NewCampaignWizard::Phones));
        QCOMPARE(child<QComboBox>(w, u"phoneColumnCombo"_s)->currentText(), u"Handy"_s);
        QVERIFY(!child<QLabel>(w, u"phoneColumnReason"_s)->text().isEmpty());
        QVERIFY(waitUntil([&] { return child<QLineEdit>(w, u"regionEdit"_s)->text() == u"DE"_s; }, 10'000));
        QCOMPARE(cell(w, u"numberSample"_s, 0, 2), u"+4915123456789"_s);
        QVERIFY(cell(w, u"numberSample"_s, 3, 3).startsWith(u"✓"_s)); // a landline is valid…
        shot(w, u"page2-phones"_s);
        child<QCheckBox>(w, u"mobileOnly"_s)->setChecked(true);
        QVERIFY(cell(w, u"numberSample"_s, 3, 3).startsWith(u"✗"_s)); // …until only mobiles count
        // A country written as a calling code is refused with how to write it.
        auto *region = child<QLineEdit>(w, u"regionEdit"_s);
        region->setText(u"+49"_s);
        Q_EMIT region->textEdited(region->text());
        QVERIFY(child<QLabel>(w, u"regionProblem"_s)->isVisibleTo(w));
        QVERIFY(!w->phonePage()->isComplete());
        w->reject();
    }

    void aFileThatCannotBeImportedShowsWhereAndWhyAndTheUserStays()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = openWizard(fixture(u"unterminated_quote.csv"_s));
        const QString error = child<QLabel>(w, u"fileError"_s)->text();
        QVERIFY2(error.contains(u"unterminated_quote.csv"_s) && error.contains(u"line 3"_s),
                 qPrintable(error));
        QVERIFY(!w->contactsPage()->isComplete());
        shot(w, u"page1-error"_s);
        w->next();
        QCOMPARE(w->currentId(), int(NewCampaignWizard::Contacts));
        w->reject();
    }

    void googleContactsCellsAreReadAsTheImportReadsThem()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = openWizard(fixture(u"google_contacts.csv"_s));
        QVERIFY(w->contactsPage()->isComplete());
        w->next();
        QCOMPARE(child<QComboBox>(w, u"phoneColumnCombo"_s)->currentText(), u"Phone 1 - Value"_s);
        QVERIFY(child<QLabel>(w, u"phoneColumnReason"_s)->text().contains(u"Phone 1 - Value"_s));
        // " ::: " joins a contact's numbers; the first that can be mobile is sent to.
        QCOMPARE(cell(w, u"numberSample"_s, 0, 1), u"+1 650-253-0000 ::: +1 650-253-0001"_s);
        QCOMPARE(cell(w, u"numberSample"_s, 0, 2), u"+16502530000"_s);
        QCOMPARE(cell(w, u"numberSample"_s, 2, 2), u"+4915123456780"_s);
        shot(w, u"page2-google"_s);
        w->reject();
    }

    void thePreviewIsTheSendersPayloadAndTheReviewCountsAreTheDatabases()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = openWizard(fixture(u"bad_rows.csv"_s));
        QVERIFY(w->contactsPage()->isComplete());
        QVERIFY(fillMessage(w, u"name"_s, u"order"_s));
        auto *name = child<QLineEdit>(w, u"campaignName"_s);
        name->setText(u"Order updates"_s);
        // Finn's order is empty: the page says how many rows lack it (Eve's row, one field
        // short, is not among the rows read).
        QVERIFY(child<QLabel>(w, u"missing_body.2"_s)->text().contains(u"1 of 8"_s));
        MessagePreview *preview = w->messagePage()->preview();
        preview->showRow(6); // Hal
        QVERIFY2(!preview->payload().isEmpty(), qPrintable(preview->error()));
        QVERIFY(child<QLabel>(w, u"previewBody"_s)->text().contains(u"Hi Hal, your order B8"_s));
        const QByteArray shown = preview->payload();
        shot(w, u"page3-message"_s);
        preview->showRow(4); // Finn: no order
        QVERIFY(preview->payload().isEmpty());

        w->next();
        QCOMPARE(w->currentId(), int(NewCampaignWizard::Review));
        ReviewPage *review = w->reviewPage();
        QVERIFY(waitUntil([&] { return !review->importing() && review->isComplete(); }, 30'000));
        const QString id = review->result().campaignId;
        const ImportSummary summary = review->result().summary;
        QVERIFY(!id.isEmpty());
        QCOMPARE(child<QLabel>(w, u"importedCount"_s)->text().toLongLong(), summary.imported);
        QCOMPARE(child<QLabel>(w, u"rejectedCount"_s)->text().toLongLong(), summary.rejected);
        QCOMPARE(child<QLabel>(w, u"duplicatesInFileCount"_s)->text().toLongLong(), 1);
        QVERIFY(child<QPushButton>(w, u"openRejects"_s)->isEnabled());
        QVERIFY(QFile::exists(summary.rejectsFile));
        QVERIFY(waitUntil([&] { return review->apiChecked(); }, 10'000));
        QVERIFY(
            child<QLabel>(w, u"apiCheck"_s)->text().contains(m_console.sim().config().displayPhoneNumber));

        Campaign stored;
        QByteArray sent;
        {
            TestDbAccess access;
            Database &db = m_console.db();
            stored = CampaignStore(db, Clock::system()).byId(id);
            QCOMPARE(stored.status, CampaignStatus::Draft);
            QCOMPARE(stored.totalContacts, summary.imported);
            QCOMPARE(countWhere(db, u"campaign_id = '%1'"_s.arg(id)), summary.imported);
            QCOMPARE(summary.imported, 3); // Ana, Hal, Ida: the others are rejected or duplicates
            // What the sender builds for Hal from the stored row and the campaign's settings.
            QSqlQuery q = db.run(u"SELECT params FROM send_queue WHERE campaign_id = ? AND phone = ?"_s,
                                 {id, u"+4915123456708"_s});
            QVERIFY(q.next());
            const QJsonObject params = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
            const TemplateRecord t = *TemplateStore(db, Clock::system()).find(u"order_update"_s, u"en_US"_s);
            const CampaignMessage m{t.name, t.language,
                                    TemplateParser::parse(t.components, t.parameterFormat).templateSlots,
                                    stored.settings.value(u"defaults"_s).toObject()};
            sent = m.build(u"+4915123456708"_s, params).json;
        }
        QCOMPARE(QJsonDocument::fromJson(shown), QJsonDocument::fromJson(sent));

        // A test send reaches the simulator; the campaign and its rows do not change.
        const qint64 rowsBefore = count(u"SELECT count(*) FROM send_queue"_s);
        child<QLineEdit>(w, u"testNumber"_s)->setText(u"0151 11111111"_s);
        child<QPushButton>(w, u"testSendButton"_s)->click();
        auto *result = child<QLabel>(w, u"testSendResult"_s);
        QVERIFY(waitUntil(
            [&] { return result->text().startsWith(u"✓"_s) || result->text().startsWith(u"✗"_s); }, 10'000));
        QVERIFY2(result->text().startsWith(u"✓"_s), qPrintable(result->text()));
        shot(w, u"page4-review"_s);
        QCOMPARE(m_console.sim().log().receivedFor(u"4915111111111"), 1);
        QCOMPARE(m_console.sim().log().totals().sendRequests, 1);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), rowsBefore);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue WHERE status <> 'ready'"_s), 0);
        {
            TestDbAccess access;
            const Campaign after = CampaignStore(m_console.db(), Clock::system()).byId(id);
            QCOMPARE(after.totalSent, 0);
            QCOMPARE(after.totalFailed, 0);
            QCOMPARE(after.totalContacts, stored.totalContacts);
        }

        // Finish keeps the draft with its mapping and how the file was read; the window selects it.
        w->button(QWizard::FinishButton)->click();
        QVERIFY(
            waitUntil([&] { return m_console.window()->campaignsPage().currentCampaignId() == id; }, 10'000));
        TestDbAccess access;
        const Campaign kept = CampaignStore(m_console.db(), Clock::system()).byId(id);
        QCOMPARE(kept.status, CampaignStatus::Draft);
        QCOMPARE(
            kept.settings.value(u"mapping"_s).toObject().value(u"body.1"_s).toObject().value(u"column"_s),
            QJsonValue(u"name"_s));
        QCOMPARE(kept.settings.value(u"import"_s).toObject().value(u"region"_s), QJsonValue(u"DE"_s));
        QCOMPARE(kept.settings.value(u"defaults"_s).toObject().value(u"header.1"_s),
                 QJsonValue(u"https://example.com/a.jpg"_s));
    }

    void leavingAfterTheImportDeletesTheDraft()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = openWizard(fixture(u"bad_rows.csv"_s));
        QVERIFY(fillMessage(w, u"name"_s, u"order"_s));
        w->next();
        QVERIFY(waitUntil([&] { return !w->reviewPage()->importing() && w->reviewPage()->isComplete(); },
                          30'000));
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 1);
        // Back deletes the draft; Next imports once more, into one new draft.
        w->back();
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 0; }, 10'000));
        w->next();
        QVERIFY(waitUntil([&] { return !w->reviewPage()->importing() && w->reviewPage()->isComplete(); },
                          30'000));
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 1);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 3);
        w->reject();
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 0; }, 10'000));
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 0);
    }

    void closingTheWindowWithTheWizardOpenDeletesTheDraft()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = openWizard(fixture(u"bad_rows.csv"_s));
        QVERIFY(fillMessage(w, u"name"_s, u"order"_s));
        w->next();
        QVERIFY(waitUntil([&] { return !w->reviewPage()->importing() && w->reviewPage()->isComplete(); },
                          30'000));
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 1);
        m_console.window()->close(); // the window's own closing continues on its own; the draft goes first
        QVERIFY(!m_console.window()->findChild<NewCampaignWizard *>(u"newCampaignWizard"_s) ||
                !m_console.window()->findChild<NewCampaignWizard *>(u"newCampaignWizard"_s)->isVisible());
        QVERIFY(waitUntil([&] { return count(u"SELECT count(*) FROM campaigns"_s) == 0; }, 10'000));
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 0);
    }

    void cancellingMidImportLeavesNothingBehind()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        QTemporaryDir dir;
        const QString big = dir.filePath(u"big.csv"_s);
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray text = "name,phone,order\n";
            for (int i = 0; i < 300'000; ++i) {
                text += "Person " + QByteArray::number(i) + ",+491512" + QByteArray::number(1000000 + i) +
                        ",O" + QByteArray::number(i) + '\n';
            }
            f.write(text);
        }
        NewCampaignWizard *w = openWizard(big);
        QVERIFY(fillMessage(w, u"name"_s, u"order"_s));
        w->next();
        ReviewPage *review = w->reviewPage();
        QVERIFY(review->importing());
        auto *status = child<QLabel>(w, u"importStatus"_s);
        QVERIFY(waitUntil([&] { return status->text().contains(u"rows read"_s) || !review->importing(); },
                          30'000));
        QVERIFY2(review->importing(), "the import ended before it could be cancelled");
        child<QPushButton>(w, u"cancelImport"_s)->click();
        QVERIFY(waitUntil([&] { return !review->importing(); }, 60'000));
        QCOMPARE(review->result().summary.outcome, ImportSummary::Outcome::Cancelled);
        QVERIFY(!review->isComplete());
        QCOMPARE(count(u"SELECT count(*) FROM campaigns"_s), 0);
        QCOMPARE(count(u"SELECT count(*) FROM send_queue"_s), 0);
        w->reject();
    }
    void aFileDroppedOnTheWindowOpensTheWizardWithIt()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(fixture(u"google_contacts.csv"_s))});
        const QPoint centre = m_console.window()->rect().center();
        QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_console.window(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_console.window(), &drop);
        auto *w = m_console.window()->findChild<NewCampaignWizard *>(u"newCampaignWizard"_s);
        QVERIFY(w);
        QVERIFY(waitUntil([&] { return w->contactsPage()->isComplete(); }, 10'000));
        QVERIFY(w->state().file.path.endsWith(u"google_contacts.csv"_s));
        // Dropped on page 1, another file replaces it.
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(fixture(u"bad_rows.csv"_s))});
        QDragEnterEvent enterPage(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w->contactsPage(), &enterPage);
        QVERIFY(enterPage.isAccepted());
        QDropEvent again(QPointF(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(w->contactsPage(), &again);
        QVERIFY(waitUntil(
            [&] {
                return w->state().file.path.endsWith(u"bad_rows.csv"_s) && w->contactsPage()->isComplete();
            },
            10'000));
        w->reject();
    }

    void unusableTemplatesAreListedWithWhyAndACategoryChangeIsFlagged()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        {
            // Meta moved spring_sale from UTILITY to MARKETING: the database's trigger records it.
            TestDbAccess access;
            TemplateStore store(m_console.db(), Clock::system());
            TemplateRecord t = *store.find(u"spring_sale"_s, u"en_US"_s);
            t.category = u"UTILITY"_s;
            store.upsert(t);
            t.category = u"MARKETING"_s;
            QVERIFY(store.upsert(t).categoryChanged);
        }
        NewCampaignWizard *w = openWizard(fixture(u"bad_rows.csv"_s));
        w->next();
        w->next();
        QVERIFY(waitUntil([&] { return w->messagePage()->templatesLoaded(); }, 10'000));
        auto *combo = child<QComboBox>(w, u"templateCombo"_s);
        auto *model = qobject_cast<QStandardItemModel *>(combo->model());
        int paused = -1;
        int disabled = -1;
        for (int i = 0; i < combo->count(); ++i) {
            paused = combo->itemText(i).startsWith(u"winter_promo"_s) ? i : paused;
            disabled = combo->itemText(i).startsWith(u"legacy_notice"_s) ? i : disabled;
        }
        QVERIFY(paused >= 0 && disabled >= 0);
        QVERIFY(combo->itemText(paused).contains(u"PAUSED"_s));
        QVERIFY(!model->item(paused)->isEnabled());
        QVERIFY(combo->itemData(paused, Qt::ToolTipRole).toString().contains(u"paused"_s));
        QVERIFY(!model->item(disabled)->isEnabled());
        QVERIFY(combo->itemData(disabled, Qt::ToolTipRole).toString().contains(u"disabled"_s));
        // Chosen anyway (as a keyboard could), it does not let the user go on.
        combo->setCurrentIndex(paused);
        QVERIFY(!w->messagePage()->isComplete());

        chooseItem(combo, u"spring_sale"_s);
        auto *badge = child<QLabel>(w, u"categoryBadge"_s);
        QVERIFY(badge->isVisibleTo(w));
        QVERIFY2(badge->text().contains(u"UTILITY"_s) && badge->text().contains(u"MARKETING"_s) &&
                     badge->text().contains(QString::number(QDate::currentDate().year())),
                 qPrintable(badge->text()));
        chooseItem(combo, u"order_update (en_US)"_s);
        QVERIFY(!badge->isVisibleTo(w));
        w->reject();
    }

    void finishingWithStartSendsTheCampaignAndTheWindowSelectsIt()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        NewCampaignWizard *w = openWizard(fixture(u"kunden_semicolon_1252.csv"_s));
        QVERIFY(fillMessage(w, u"Vorname"_s, u"Bestellnummer"_s));
        w->next();
        ReviewPage *review = w->reviewPage();
        QVERIFY(waitUntil(
            [&] { return !review->importing() && review->isComplete() && review->apiChecked(); }, 30'000));
        const QString id = review->result().campaignId;
        QCOMPARE(review->result().summary.imported, 5);
        child<QAbstractButton>(w, u"startNow"_s)->setChecked(true);
        QVERIFY(review->isComplete());
        w->button(QWizard::FinishButton)->click();
        QVERIFY(
            waitUntil([&] { return m_console.window()->campaignsPage().currentCampaignId() == id; }, 10'000));
        QVERIFY(waitUntil(
            [&] {
                const CampaignRow *r = shownRow(*m_console.window(), id);
                return r && r->status == CampaignStatus::Completed;
            },
            30'000));
        QCOMPARE(m_console.sim().log().totals().accepted, 5);
        QCOMPARE(m_console.sim().log().receivedFor(u"4915123456789"), 1);
    }
};

HERALD_UI_TEST_MAIN(TestWizard)
#include "test_wizard.moc"
