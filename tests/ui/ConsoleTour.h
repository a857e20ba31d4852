#pragma once

// A walk through everything the console shows, for the tests that look at every screen in turn
// (accessible names, tab order, German that fits): the main window's pages with each tab of the
// campaign detail, every dialog (Settings with each section, Repair, Resend, Edit draft, a
// question, About and any other window the Help menu opens) and the new-campaign wizard's four
// pages with a real file imported. Each screen is handed to a visitor while it is shown.

#include "UiTestUtil.h"
#include "dialogs/EditDraftDialog.h"
#include "dialogs/RepairDialog.h"
#include "dialogs/ResendDialog.h"
#include "views/CampaignsPage.h"
#include "wizard/ContactsPage.h"
#include "wizard/CostSection.h"
#include "wizard/MessagePage.h"
#include "wizard/NewCampaignWizard.h"
#include "wizard/QuietHoursSection.h"
#include "wizard/ReviewPage.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSet>
#include <QTabWidget>
#include <QTemporaryDir>

#include <functional>

namespace herald::test {

// `where` names the screen for a failure message ("Settings › Sending").
using ScreenVisitor = std::function<void(const QString &where, QWidget *screen)>;

namespace tour {

// Shows each tab of every visible tab widget in `screen` in turn (nested ones too), handing the
// visitor each combination once; a screen without tabs is visited as it is.
inline void eachTab(const QString &where, QWidget *screen, const ScreenVisitor &visit,
                    QSet<QTabWidget *> done = {})
{
    const auto all = screen->findChildren<QTabWidget *>();
    for (QTabWidget *tabs : all) {
        if (done.contains(tabs) || !tabs->isVisible()) {
            continue;
        }
        done.insert(tabs);
        const int was = tabs->currentIndex();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(150);
            eachTab(where + QStringLiteral(" › ") + tabs->tabText(i).remove(u'&'), screen, visit, done);
        }
        tabs->setCurrentIndex(was);
        return;
    }
    visit(where, screen);
}

// The dialogs `window` has open now that were not open before (`before`).
inline QList<QDialog *> newDialogs(QWidget &window, const QList<QDialog *> &before)
{
    QList<QDialog *> found;
    const auto all = window.findChildren<QDialog *>();
    for (QDialog *d : all) {
        if (d->isVisible() && !before.contains(d)) {
            found << d;
        }
    }
    return found;
}

// Triggers `action` with questions really shown (Prompt out of test mode) and visits the dialogs
// it opened, then closes them.
inline void visitDialogsOf(ui::MainWindow &w, QAction *action, const ScreenVisitor &visit)
{
    const QList<QDialog *> before = w.findChildren<QDialog *>();
    ui::Prompt::setTesting(false);
    action->trigger();
    QList<QDialog *> opened;
    waitUntil([&] { return !(opened = newDialogs(w, before)).isEmpty(); }, 3'000);
    ui::Prompt::setTesting(true);
    QTest::qWait(300);
    for (QDialog *d : std::as_const(opened)) {
        QPointer<QDialog> guard(d);
        eachTab(action->text().remove(u'&').remove(u'…'), d, visit);
        if (guard) {
            d->setAttribute(Qt::WA_DeleteOnClose);
            d->reject();
        }
    }
    QTest::qWait(50);
}

inline void chooseEndingWith(QComboBox *combo, const QString &end)
{
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemText(i).endsWith(end)) {
            combo->setCurrentIndex(i);
            return;
        }
    }
    qWarning("no item ending with %s in %s", qPrintable(end), qPrintable(combo->objectName()));
}

inline void chooseStartingWith(QComboBox *combo, const QString &start)
{
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemText(i).startsWith(start)) {
            combo->setCurrentIndex(i);
            return;
        }
    }
    qWarning("no item starting with %s in %s", qPrintable(start), qPrintable(combo->objectName()));
}

} // namespace tour

// The main window's pages (the campaigns page with each tab of the selected campaign's detail).
inline void visitMainWindow(ui::MainWindow &w, const ScreenVisitor &visit)
{
    auto *navigation = w.findChild<QListWidget *>(QStringLiteral("navigation"));
    for (int row = 0; row < navigation->count(); ++row) {
        w.showPage(row);
        QTest::qWait(400);
        tour::eachTab(QStringLiteral("Main window › ") + navigation->item(row)->text(), &w, visit);
    }
    w.showPage(0);
}

// Each dialog, opened as the user opens it where that is cheap, else built as the window builds
// it. `draftId` is a draft campaign shown in the window.
inline void visitDialogs(ui::MainWindow &w, const ui::AppContext &context, const QString &draftId,
                         const ScreenVisitor &visit)
{
    using namespace Qt::StringLiterals;
    w.showPage(0);
    w.campaignsPage().selectCampaign(draftId);
    QTest::qWait(300);

    tour::visitDialogsOf(w, w.findChild<QAction *>(u"actionSettings"_s), visit);
    tour::visitDialogsOf(w, w.findChild<QAction *>(u"actionEditDraft"_s), visit);

    {
        auto *repair = new ui::RepairDialog(w.data(), context, &w);
        repair->setAttribute(Qt::WA_DeleteOnClose);
        repair->analyze();
        repair->open();
        QTest::qWait(800);
        visit(u"Repair counters"_s, repair);
        repair->reject();
    }
    {
        auto *resend = new ui::ResendDialog(w.data(), draftId, u"Spring sale"_s, {}, &w);
        resend->setAttribute(Qt::WA_DeleteOnClose);
        resend->open();
        QTest::qWait(800);
        visit(u"Resend failed"_s, resend);
        resend->reject();
    }
    {
        ui::Prompt::setTesting(false);
        ui::Prompt::confirm(&w, u"Question"_s, u"Cancel this campaign?"_s, u"Cancel campaign"_s, [](bool) {});
        ui::Prompt::setTesting(true);
        auto *box = w.findChild<QMessageBox *>(u"confirmBox"_s);
        if (box) {
            QTest::qWait(200);
            visit(u"Question"_s, box);
            box->reject();
        } else {
            qWarning("no question box");
        }
    }
    // About and the keyboard shortcuts, whichever the window has (by the action's object name).
    const auto actions = w.findChildren<QAction *>();
    for (QAction *a : actions) {
        const QString name = a->objectName();
        if (name == u"actionAbout"_s || name.contains(u"hortcut"_s)) {
            tour::visitDialogsOf(w, a, visit);
        }
    }
    QTest::qWait(100);
}

// Writes a small contact file into `dir`: two recipients in Germany, two in the United States.
inline QString tourContactsFile(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("tour.csv"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return {};
    }
    f.write("name,phone,order\nAna,+4915123456701,A1\nBen,+4915123456702,A2\n"
            "Cy,+12015550123,A3\nDee,+12015550187,A4\n");
    return path;
}

// The wizard's pages with `file` read, order_update mapped and the import done; closed after.
inline bool visitWizard(ui::MainWindow &w, const QString &file, const ScreenVisitor &visit)
{
    using namespace Qt::StringLiterals;
    using ui::NewCampaignWizard;
    w.findChild<QAction *>(u"actionNewCampaign"_s)->trigger();
    QPointer<NewCampaignWizard> wizard = w.findChild<NewCampaignWizard *>(u"newCampaignWizard"_s);
    if (!wizard) {
        return false;
    }
    wizard->setFile(file);
    if (!waitUntil(
            [&] { return !wizard->contactsPage()->isReading() && wizard->contactsPage()->isComplete(); },
            10'000)) {
        return false;
    }
    QTest::qWait(200);
    visit(u"Wizard › Contacts"_s, wizard);
    wizard->next();
    if (!waitUntil([&] { return wizard->state().region == u"DE"_s; }, 10'000)) {
        return false;
    }
    QTest::qWait(300);
    visit(u"Wizard › Phone numbers"_s, wizard);
    wizard->next();
    if (!waitUntil([&] { return wizard->messagePage()->templatesLoaded(); }, 10'000)) {
        return false;
    }
    tour::chooseStartingWith(wizard->findChild<QComboBox *>(u"templateCombo"_s), u"order_update (en_US)"_s);
    wizard->findChild<QLineEdit *>(u"text_header.1"_s)->setText(u"https://example.com/a.jpg"_s);
    tour::chooseEndingWith(wizard->findChild<QComboBox *>(u"map_body.1"_s), u": name"_s);
    tour::chooseEndingWith(wizard->findChild<QComboBox *>(u"map_body.2"_s), u": order"_s);
    tour::chooseEndingWith(wizard->findChild<QComboBox *>(u"map_button.0"_s), u": order"_s);
    wizard->findChild<QLineEdit *>(u"campaignName"_s)->setText(u"Tour"_s);
    QTest::qWait(300);
    visit(u"Wizard › Message"_s, wizard);
    if (!wizard->messagePage()->isComplete()) {
        return false;
    }
    wizard->next();
    ui::ReviewPage *review = wizard->reviewPage();
    if (!waitUntil(
            [&] {
                return !review->importing() && !review->result().campaignId.isEmpty() &&
                       review->apiChecked() && !review->costSection()->busy() &&
                       !review->quietHoursSection()->countries().isEmpty();
            },
            30'000)) {
        return false;
    }
    QTest::qWait(300);
    visit(u"Wizard › Review"_s, wizard);
    wizard->reject();
    return waitUntil([&] { return !wizard || !wizard->isVisible(); }, 10'000);
}

} // namespace herald::test
