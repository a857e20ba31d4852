// herald: the console. Thin: the window and everything it uses live in herald_ui.
#include "AppContext.h"
#include "cloudapi/TlsLibrary.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "dialogs/Prompt.h"
#include "log/CoreDumps.h"
#include "log/LogCategories.h"
#include "log/LogFiles.h"
#include "sending/Credentials.h"
#include "settings/DatabaseChoice.h"
#include "settings/LanguageChoice.h"
#include "theme/Theme.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    herald::keepSecretsOutOfCoreDumps(); // before the token or a password is read
    herald::keepTlsLibraryAliveAtExit(); // before Qt loads OpenSSL: no crash on the way out
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Herald"_s);
    QApplication::setApplicationName(u"Herald"_s);
    QApplication::setApplicationDisplayName(u"Herald"_s);
    QApplication::setApplicationVersion(QStringLiteral(HERALD_VERSION));
    // A log file a day in the data folder, 14 kept; from here on every message lands there too.
    herald::LogFiles logs(herald::LogFiles::defaultFolder(), herald::Clock::system());
    logs.install();
    qCInfo(herald::lcUi, "Herald %s started (Qt %s)", HERALD_VERSION, qVersion());
    QApplication::setDesktopFileName(QStringLiteral(HERALD_APP_ID)); // cmake/HeraldInstall.cmake
    herald::ui::LanguageChoice::install(app); // the language chosen in Settings, else the system's
    herald::ui::Theme::instance().install(); // View › Theme's choice and the window icon, before any window

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Herald: a campaign console for the WhatsApp Business Cloud API."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(
        u"db"_s,
        QApplication::translate("main", "The database: a SQLite file or a postgresql:// URL "
                                        "(default: HERALD_DB, else the one chosen in Settings, else the "
                                        "embedded one)."),
        QApplication::translate("main", "database"));
    parser.addOption(db);
    parser.process(app);

    herald::ui::AppContext context;
    herald::ui::Credentials credentials; // HERALD_ACCESS_TOKEN, this session's token, the keychain
    context.credentials = &credentials;
    std::unique_ptr<herald::ui::MainWindow> window;
    // --db, HERALD_DB, the user's choice in Settings (its password from the keychain, which
    // answers later), else the embedded default.
    herald::ui::DatabaseChoice::resolve(
        parser.value(db), &app, [&](const herald::ui::DatabaseChoice::Resolved &r) {
            if (!r.ok()) {
                QMessageBox::critical(nullptr, QApplication::translate("main", "Herald cannot start"),
                                      r.error);
                QApplication::exit(3);
                return;
            }
            context.database = r.config;
            logs.addSecret(r.config.password()); // masked wherever a message might carry it
            // From here on the GUI thread runs no SQL: the window reads and writes on its data thread.
            herald::Database::forbidThread(QThread::currentThread());
            window = std::make_unique<herald::ui::MainWindow>(context);
            window->show();
            if (!r.warning.isEmpty()) {
                herald::ui::Prompt::tell(window.get(), herald::ui::Prompt::Kind::Warning,
                                         QApplication::translate("main", "Database password"), r.warning);
            }
        });
    return QApplication::exec();
}
