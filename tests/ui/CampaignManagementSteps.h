#pragma once

// What the campaign management tests share: the console on a test database with its
// templates synced and the import region set, and the steps a user takes through its Campaign
// menu and the wizard (select, Duplicate/Edit/Add contacts, page 1 to the message page, import
// and finish), with the files the wizard reads.

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

namespace herald::test::campaigns {

using namespace Qt::StringLiterals;
using namespace herald::ui;

inline QString fixture(const QString &name)
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

inline void chooseItem(QComboBox *combo, const QString &startsWith)
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
inline void shot(QWidget *w, const QString &name)
{
    const QString folder = qEnvironmentVariable("HERALD_WIZARD_SHOTS");
    if (!folder.isEmpty()) {
        QTest::qWait(100);
        w->grab().save(QDir(folder).filePath(name + u".png"_s));
    }
}

// Settings as the wizard writes them for kunden_semicolon_1252.csv mapped to order_update.
inline QJsonObject kundenSettings()
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
inline bool write1252(const QString &path, const QString &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return false;
    }
    QStringEncoder latin1(QStringConverter::Latin1); // the characters used here are the same in 1252
    f.write(latin1.encode(text));
    return true;
}

class CampaignManagementSteps
{
protected:
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
};

} // namespace herald::test::campaigns
