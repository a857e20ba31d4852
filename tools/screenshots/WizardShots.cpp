#include "WizardShots.h"

#include "views/MainWindow.h"
#include "wizard/ContactsPage.h"
#include "wizard/MessagePage.h"
#include "wizard/MessagePreview.h"
#include "wizard/NewCampaignWizard.h"
#include "wizard/ReviewPage.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace herald::screenshots {

namespace {
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            return false;
        }
        QTest::qWait(50);
    }
    return true;
}

bool save(QWidget *w, const QString &out, const QString &name)
{
    QTest::qWait(300);
    const QString path = QDir(out).filePath(name);
    const bool ok = w->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

void choose(QComboBox *combo, const QString &startsWith)
{
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemText(i).startsWith(startsWith)) {
            combo->setCurrentIndex(i);
            return;
        }
    }
}

// A shop's customer export as Excel writes it in Germany, with the rows a real one has: a
// landline, a number stored as a number, a duplicate, a missing order number.
QString writeExport(const QString &folder)
{
    const QStringList first{u"Jürgen"_s, u"Zoë"_s,   u"Björn"_s, u"Renée"_s, u"Jörg"_s, u"Günther"_s,
                            u"Bärbel"_s, u"Sören"_s, u"Käthe"_s, u"Ömer"_s,  u"Lea"_s,  u"Maximilian"_s};
    const QStringList last{u"Müller"_s, u"Groß"_s,   u"Schäfer"_s, u"Weiß"_s,    u"Köhler"_s,  u"Fuß"_s,
                           u"Bäcker"_s, u"Krämer"_s, u"Hübner"_s,  u"Özdemir"_s, u"Schmidt"_s, u"Löwe"_s};
    const QStringList cities{u"München"_s, u"Köln"_s, u"Düsseldorf"_s, u"Nürnberg"_s, u"Lübeck"_s};
    QString text = u"Vorname;Nachname;Handy;Bestellnummer;Stadt\r\n"_s;
    for (int i = 0; i < 240; ++i) {
        QString phone = u"0151 %1"_s.arg(23450000 + i * 37);
        QString order = u"B-%1"_s.arg(20410 + i);
        if (i == 3) {
            phone = u"030 1234567"_s; // a landline
        } else if (i == 7) {
            phone = u"4.91512E+12"_s; // stored as a number by the spreadsheet
        } else if (i == 11) {
            phone = u"0151 23450000"_s; // the first customer again
        } else if (i == 15) {
            order.clear();
        }
        text += u"%1;%2;%3;%4;%5\r\n"_s.arg(first.at(i % first.size()), last.at((i * 5) % last.size()), phone,
                                            order, cities.at(i % cities.size()));
    }
    const QString path = QDir(folder).filePath(u"Kunden-Export.csv"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return {};
    }
    f.write(text.toLatin1()); // Windows-1252: every character above is in its Latin-1 part

    return path;
}
} // namespace

bool wizardShots(ui::MainWindow &window, const QString &folder, const QString &out, const QString &prefix)
{
    const QString file = writeExport(folder);
    window.findChild<QAction *>(u"actionNewCampaign"_s)->trigger();
    auto *w = window.findChild<ui::NewCampaignWizard *>(u"newCampaignWizard"_s);
    if (!w || file.isEmpty()) {
        return false;
    }
    w->resize(960, 720);
    w->setFile(file);
    if (!waitFor([&] { return w->contactsPage()->isComplete(); }, 10'000)) {
        std::fprintf(stderr, "the wizard did not read the file\n");
        return false;
    }
    bool ok = save(w, out, prefix + u"1-contacts.png"_s);
    w->next();
    auto *region = w->findChild<QLineEdit *>(u"regionEdit"_s);
    region->setText(u"DE"_s); // as the user types it (the sample database has no default country)
    Q_EMIT region->textEdited(region->text());
    ok = save(w, out, prefix + u"2-phone-numbers.png"_s) && ok;
    w->next();
    if (!waitFor([&] { return w->messagePage()->templatesLoaded(); }, 10'000)) {
        return false;
    }
    choose(w->findChild<QComboBox *>(u"templateCombo"_s), u"order_update (en_US)"_s);
    w->findChild<QLineEdit *>(u"text_header.1"_s)->setText(u"https://shop.example.com/img/parcel.jpg"_s);
    const auto column = [](const QString &name) {
        return QCoreApplication::translate("herald::ui::MessagePage", "Column: %1").arg(name);
    };
    choose(w->findChild<QComboBox *>(u"map_body.1"_s), column(u"Vorname"_s));
    choose(w->findChild<QComboBox *>(u"map_body.2"_s), column(u"Bestellnummer"_s));
    choose(w->findChild<QComboBox *>(u"map_button.0"_s), column(u"Bestellnummer"_s));
    w->findChild<QLineEdit *>(u"campaignName"_s)->setText(u"Versandbestätigung Dezember"_s);
    w->messagePage()->preview()->showRow(1);
    ok = save(w, out, prefix + u"3-message.png"_s) && ok;
    w->next();
    ui::ReviewPage *review = w->reviewPage();
    if (!waitFor([&] { return !review->importing() && review->apiChecked(); }, 30'000)) {
        std::fprintf(stderr, "the review did not import or check\n");
        return false;
    }
    w->findChild<QLineEdit *>(u"testNumber"_s)->setText(u"0151 55501234"_s);
    w->findChild<QPushButton *>(u"testSendButton"_s)->click();
    auto *result = w->findChild<QLabel *>(u"testSendResult"_s);
    waitFor([&] { return result->text().startsWith(u"✓"_s) || result->text().startsWith(u"✗"_s); }, 10'000);
    ok = save(w, out, prefix + u"4-review.png"_s) && ok;
    // The cost estimate and the schedule, further down the same page.
    auto *cost = w->findChild<QWidget *>(u"costSection"_s);
    waitFor(
        [&] {
            return cost && cost->isVisible() && !cost->findChild<QLabel *>(u"costTotal"_s)->text().isEmpty();
        },
        10'000);
    if (auto *scroll = review->findChild<QScrollArea *>()) {
        scroll->ensureWidgetVisible(cost, 0, 0);
        scroll->verticalScrollBar()->setValue(
            cost->parentWidget()->mapTo(scroll->widget(), QPoint(0, 0)).y() - 8);
    }
    ok = save(w, out, prefix + u"5-cost-and-schedule.png"_s) && ok;
    // Gone before the next wizard is looked for: it deletes itself once closed.
    const QPointer<ui::NewCampaignWizard> closing(w);
    w->reject();
    if (!waitFor([&] { return closing.isNull(); }, 30'000)) {
        std::fprintf(stderr, "the wizard did not close\n");
        return false;
    }
    return ok;
}

} // namespace herald::screenshots
