#include "CliApplication.h"
#include "commands/BuiltinCommands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"herald-cli"_s);
    QCoreApplication::setOrganizationName(u"Herald"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HERALD_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    herald::cli::CliApplication cli(out, err);
    for (auto &command : herald::cli::builtinCommands()) {
        cli.addCommand(std::move(command));
    }
    return cli.run(QCoreApplication::arguments());
}
