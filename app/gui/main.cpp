// herald: the console. Thin: the window and everything it uses live in herald_ui.
#include "AppContext.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "sending/Credentials.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QThread>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Herald"_s);
    QApplication::setApplicationName(u"Herald"_s);
    QApplication::setApplicationDisplayName(u"Herald"_s);
    QApplication::setApplicationVersion(QStringLiteral(HERALD_VERSION));
    QApplication::setDesktopFileName(u"herald"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Herald: a campaign console for the WhatsApp Business Cloud API."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(u"db"_s,
                                QApplication::translate("main",
                                                        "The database: a SQLite file or a postgresql:// URL "
                                                        "(default: HERALD_DB, else the embedded one)."),
                                QApplication::translate("main", "database"));
    parser.addOption(db);
    parser.process(app);

    herald::ui::AppContext context;
    QString problem;
    if (!herald::DatabaseConfig::resolve(parser.value(db), &context.database, &problem)) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Herald cannot start"), problem);
        return 3;
    }
    herald::ui::Credentials credentials;
    context.credentials = &credentials;
    // From here on the GUI thread runs no SQL: the window reads and writes on its data thread.
    herald::Database::forbidThread(QThread::currentThread());
    herald::ui::MainWindow window(context);
    window.show();
    return QApplication::exec();
}
