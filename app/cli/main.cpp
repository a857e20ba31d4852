#include "CliApplication.h"
#include "cloudapi/TlsLibrary.h"
#include "commands/BuiltinCommands.h"
#include "i18n/Translations.h"
#include "log/CoreDumps.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    herald::keepSecretsOutOfCoreDumps(); // before the token or a password is read
    herald::keepTlsLibraryAliveAtExit(); // before Qt loads OpenSSL: no crash on the way out
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"herald-cli"_s);
    QCoreApplication::setOrganizationName(u"Herald"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HERALD_VERSION));
    // Messages, warnings, progress and help in the user's language (LANGUAGE, LC_ALL,
    // LC_MESSAGES, LANG); with --json English whatever the system speaks (with its plural
    // forms: "1 recipient", not "1 recipient(s)"), since a script reads all of it. Tables and
    // exit codes never change with the language (TextTable); numbers keep the system's formats.
    const bool json = QCoreApplication::arguments().contains(u"--json"_s);
    herald::Translations::install(app, json ? u"en"_s : QString(), QLocale::system(),
                                  herald::Translations::Formats::KeepSystem);

    // herald-cli reports what happened itself, on stdout and stderr that scripts read: the
    // modules' log lines stay out of it unless QT_LOGGING_RULES (which takes precedence) asks.
    QLoggingCategory::setFilterRules(
        u"herald.*.info=false\nherald.db.warning=false\nherald.import.warning=false"_s);

    QTextStream out(stdout);
    QTextStream err(stderr);
    herald::cli::CliApplication cli(out, err);
    for (auto &command : herald::cli::builtinCommands()) {
        cli.addCommand(std::move(command));
    }
    return cli.run(QCoreApplication::arguments());
}
