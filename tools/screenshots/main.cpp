// herald-screenshots: the console's screenshots in docs/screenshots, made from a database filled
// by the engine itself and a window sending to the built-in simulator. Rerun with
// tools/screenshots.sh (offscreen; no display needed).
//
//   herald-screenshots [OUT]            every screenshot at 100 %, light and dark, the wizard in
//                                       English and German
//   herald-screenshots [OUT] --scale 2  the main window at 200 % (QT_SCALE_FACTOR), light and
//                                       dark: icons must be sharp and no text cut off
#include "AppContext.h"
#include "SampleData.h"
#include "WizardShots.h"
#include "data/CampaignFeed.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "dialogs/RepairDialog.h"
#include "models/CampaignTableModel.h"
#include "models/RepairModel.h"
#include "sender/SenderPresence.h"
#include "sending/Credentials.h"
#include "sending/SendController.h"
#include "settings/LanguageChoice.h"
#include "simulator/CloudApiSimulator.h"
#include "templates/TemplateSync.h"
#include "theme/Theme.h"
#include "views/CampaignActions.h"
#include "views/CampaignDetail.h"
#include "views/CampaignsPage.h"
#include "views/MainWindow.h"
#include "views/PoolNumbersView.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {
void waitMs(int ms)
{
    QTest::qWait(ms);
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            return false;
        }
        waitMs(50);
    }
    return true;
}

bool save(QWidget *w, const QString &dir, const QString &name)
{
    const QString path = QDir(dir).filePath(name);
    const bool ok = w->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

bool syncTemplates(Database &db, const ApiSettings &api)
{
    TemplateSync sync(db, api, Clock::system());
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&sync, &TemplateSync::finished, &loop, [&](const TemplateSyncResult &r) {
        ok = r.ok;
        loop.quit();
    });
    sync.start();
    loop.exec();
    return ok;
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // The scale before the application exists: Qt reads it once, as it does on a desktop set
    // to 200 %.
    int scale = 1;
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--scale") == 0) {
            scale = std::clamp(QByteArray(argv[i + 1]).toInt(), 1, 4);
        }
    }
    if (scale > 1) {
        qputenv("QT_SCALE_FACTOR", QByteArray::number(scale));
    }
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", (home.path() + u"/config"_s).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + u"/data"_s).toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Herald"_s);
    QApplication::setApplicationDisplayName(u"Herald"_s);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // As the console starts: English, with its plural forms ("1 recipient").
    ui::LanguageChoice::install(app, QLocale(QLocale::English, QLocale::UnitedStates));
    const QString out = app.arguments().size() > 1 && !app.arguments().at(1).startsWith(u"--"_s)
                            ? app.arguments().at(1)
                            : u"docs/screenshots"_s;
    QDir().mkpath(out);

    SimulatorConfig sc;
    sc.latencyMs = 150;
    sc.latencyP99Ms = 400;
    sc.throughputPerSecond = 1000;
    CloudApiSimulator sim(sc);
    QString error;
    if (!sim.start(0, &error)) {
        std::fprintf(stderr, "simulator: %s\n", qPrintable(error));
        return 1;
    }
    ApiSettings api;
    api.setBaseUrl(sim.baseUrl().toString());
    api.setApiVersion(sim.config().apiVersion);
    api.setPhoneNumberId(sim.config().phoneNumberId);
    api.setWabaId(sim.config().wabaId);
    api.setAccessToken(sim.config().accessToken);

    DatabaseConfig config;
    DatabaseConfig::parse(home.filePath(u"herald.db"_s), &config, &error);
    screenshots::SampleIds ids;
    {
        Database db(config, u"sample"_s);
        Migrator(db).migrate();
        if (!syncTemplates(db, api)) {
            std::fprintf(stderr, "template sync failed\n");
            return 1;
        }
        ids = screenshots::fillSampleData(db, sim);
    }

    ui::Credentials credentials;
    credentials.setSessionToken(sim.config().accessToken);
    ui::AppContext context;
    context.database = config;
    context.credentials = &credentials;
    context.apiOverride = api;
    ui::MainWindow window(context);
    ui::Theme::instance().choose(ui::Theme::Choice::Light);
    window.resize(1440, 900);
    window.show();
    // The window continues the running campaign by itself; let its chart and rate move a little.
    if (!waitUntil([&] { return window.sender().isSending(ids.running); }, 20'000)) {
        std::fprintf(stderr, "the window did not continue the running campaign\n");
        return 1;
    }
    waitMs(9000);
    ui::CampaignsPage &page = window.campaignsPage();
    page.selectCampaign(ids.running);
    page.detail()->tabs()->setCurrentIndex(0);
    waitMs(2500);
    const QString suffix = scale > 1 ? u"-%1"_s.arg(scale * 100) : QString();
    bool ok = save(&window, out, u"main-window"_s + suffix + u".png"_s);
    ui::Theme::instance().choose(ui::Theme::Choice::Dark);
    waitMs(1500);
    ok = save(&window, out, u"main-window-dark"_s + suffix + u".png"_s) && ok;
    if (scale > 1) {
        window.closeWithoutAsking();
        waitUntil([&] { return !window.isVisible(); }, 30'000);
        return ok ? 0 : 1;
    }
    page.selectCampaign(ids.paused);
    waitMs(1500);
    ok = save(&window, out, u"paused-banner-dark.png"_s) && ok;
    window.showPage(2);
    waitMs(1500);
    ok = save(&window, out, u"daily-summary-dark.png"_s) && ok;
    window.showPage(0);
    ui::Theme::instance().choose(ui::Theme::Choice::Light);

    page.selectCampaign(ids.completed);
    page.detail()->tabs()->setCurrentIndex(0);
    waitMs(1500);
    ok = save(&window, out, u"campaign-overview.png"_s) && ok;
    page.detail()->tabs()->setCurrentIndex(1);
    waitMs(1500);
    ok = save(&window, out, u"failures.png"_s) && ok;
    page.detail()->tabs()->setCurrentIndex(2);
    waitMs(1500);
    ok = save(&window, out, u"recipients.png"_s) && ok;

    page.selectCampaign(ids.paused);
    page.detail()->tabs()->setCurrentIndex(0);
    waitMs(1500);
    ok = save(&window, out, u"paused-banner.png"_s) && ok;

    page.selectCampaign(ids.pooled);
    waitMs(1500);
    page.detail()->tabs()->setCurrentWidget(page.detail()->poolNumbers());
    waitMs(1000);
    ok = save(&window, out, u"campaign-numbers.png"_s) && ok;
    page.detail()->tabs()->setCurrentIndex(0);

    window.showPage(1);
    waitMs(1500);
    ok = save(&window, out, u"templates.png"_s) && ok;
    window.showPage(2);
    waitMs(1500);
    ok = save(&window, out, u"daily-summary.png"_s) && ok;

    // Two of the team's workers beside this console: one heard a moment ago, one silent.
    {
        Database db(config, u"senders"_s);
        SenderPresence(db, Clock::system())
            .announce(u"mkt-server-1/4711/0000a1b2"_s, SenderKind::Worker, {u"mkt-server-1-1"_s, {}});
        const ManualClock past(QDateTime::currentDateTimeUtc().addSecs(-95));
        SenderPresence(db, past).announce(u"mkt-server-2/5120/0000c3d4"_s, SenderKind::Worker,
                                          {u"mkt-server-2-1"_s, u"Winter sale"_s});
    }
    window.showPage(4);
    waitMs(2500);
    ok = save(&window, out, u"senders.png"_s) && ok;
    window.showPage(0);

    // The repair dialog on counters a crash of an older sender left wrong.
    {
        Database db(config, u"sample"_s);
        db.run(
            u"UPDATE campaigns SET total_sent = 0, total_failed = 0 WHERE name = 'FIN NEW DATA FILE 29'"_s);
        db.run(u"UPDATE campaigns SET total_sent = total_sent - 412 WHERE name = 'FIN NEW DATA FILE 30'"_s);
    }
    window.actions().repair->trigger();
    ui::RepairDialog *repair = nullptr;
    if (!waitUntil(
            [&] {
                return (repair = window.findChild<ui::RepairDialog *>()) && !repair->isBusy() &&
                       repair->model().rowCount() > 0;
            },
            20'000)) {
        std::fprintf(stderr, "the repair dialog did not count\n");
        return 1;
    }
    repair->resize(900, 380);
    waitMs(300);
    ok = save(repair, out, u"repair-dialog.png"_s) && ok;
    repair->close();

    ok = screenshots::wizardShots(window, home.path(), out, u"wizard-"_s) && ok;

    // The wizard in German, the language whose texts are longest. A new wizard reads its texts
    // from the translator installed now.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    ui::LanguageChoice::install(app, QLocale(QLocale::German, QLocale::Germany));
    ok = screenshots::wizardShots(window, home.path(), out, u"wizard-de-"_s) && ok;

    window.closeWithoutAsking();
    waitUntil([&] { return !window.isVisible(); }, 30'000);
    return ok ? 0 : 1;
}
