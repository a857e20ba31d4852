#include "commands/TokenCommand.h"

#include "ApiOptions.h"
#include "CliContext.h"
#include "CliError.h"
#include "SecretInput.h"
#include "SystemKeychain.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {

QString readTokenFromStdin(QTextStream &err)
{
    return readSecretLine(err, TokenCommand::tr("Access token (not shown): "));
}

void requireKeychain()
{
    if (const QString why = SystemKeychain::whyUnreachable(); !why.isEmpty()) {
        throw CliError(ExitCode::Refused,
                       TokenCommand::tr("%1 Set %2 in the environment of the programs that send instead.")
                           .arg(why, QLatin1StringView(ApiOptions::TokenVariable)));
    }
}

} // namespace

QString TokenCommand::name() const
{
    return u"token"_s;
}

QString TokenCommand::summary() const
{
    return tr("The access token in the operating system's keychain (set reads it from standard input, "
              "clear, status).");
}

void TokenCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(
        u"action"_s,
        tr("What to do:\n  set - reads the token from standard input and stores it in the keychain\n"
           "  clear - removes it from the keychain\n"
           "  status - says where the token of a run would come from (%1 wins over the keychain)\n"
           "The token is never taken from the command line, printed, or written to a file.")
            .arg(QLatin1StringView(ApiOptions::TokenVariable)),
        u"<set|clear|status>"_s);
}

ExitCode TokenCommand::run(CliContext &context)
{
    const QString action = context.args().positionalArguments().value(0);
    if (action == "set"_L1) {
        return set(context);
    }
    if (action == "clear"_L1) {
        return clear(context);
    }
    if (action == "status"_L1) {
        return status(context);
    }
    if (action.isEmpty()) {
        throw CliError(ExitCode::Usage, tr("token needs an action: set, clear, status"));
    }
    throw CliError(ExitCode::Usage,
                   tr("unknown token action \"%1\" (known: set, clear, status)").arg(action));
}

ExitCode TokenCommand::set(CliContext &context)
{
    requireKeychain();
    const QString token = readTokenFromStdin(context.err());
    if (token.isEmpty()) {
        throw CliError(ExitCode::Usage,
                       tr("no token on standard input: type it when asked, or pipe it in, e.g. "
                          "'herald-cli token set < token.txt'"));
    }
    if (token.contains(QRegularExpression(u"\\s"_s))) {
        throw CliError(ExitCode::Usage, tr("the token on standard input contains spaces: an access token "
                                           "is one word; nothing was stored"));
    }
    const KeychainResult r = SystemKeychain::writeNow(SystemKeychain::AccessTokenKey, token);
    if (!r.ok()) {
        throw CliError(ExitCode::Refused, tr("the token was not stored: %1").arg(r.problem));
    }
    if (context.json()) {
        context.printJson(QJsonObject{{u"stored"_s, true}});
    } else {
        context.out() << tr("The access token is stored in the keychain.") << u'\n';
        if (!qEnvironmentVariableIsEmpty(ApiOptions::TokenVariable)) {
            context.out() << tr("%1 is set in this environment and wins over the keychain.")
                                 .arg(QLatin1StringView(ApiOptions::TokenVariable))
                          << u'\n';
        }
    }
    return ExitCode::Success;
}

ExitCode TokenCommand::clear(CliContext &context)
{
    requireKeychain();
    const KeychainResult r = SystemKeychain::removeNow(SystemKeychain::AccessTokenKey);
    if (!r.ok()) {
        throw CliError(ExitCode::Refused, tr("the token was not removed: %1").arg(r.problem));
    }
    if (context.json()) {
        context.printJson(QJsonObject{{u"stored"_s, false}});
    } else {
        context.out() << tr("No access token is stored in the keychain now.") << u'\n';
    }
    return ExitCode::Success;
}

ExitCode TokenCommand::status(CliContext &context)
{
    const bool fromEnvironment = !qEnvironmentVariable(ApiOptions::TokenVariable).trimmed().isEmpty();
    QString keychain;
    QString problem = SystemKeychain::whyUnreachable();
    if (problem.isEmpty()) {
        const KeychainResult r = SystemKeychain::readNow(SystemKeychain::AccessTokenKey);
        if (r.ok() && !r.secret.trimmed().isEmpty()) {
            keychain = u"stored"_s;
        } else if (r.ok() || r.notFound()) {
            keychain = u"empty"_s;
        } else {
            problem = r.problem;
        }
    }
    if (keychain.isEmpty()) {
        keychain = u"unavailable"_s;
    }
    const QString source = fromEnvironment           ? u"environment"_s
                           : keychain == "stored"_L1 ? u"keychain"_s
                                                     : u"none"_s;
    if (context.json()) {
        QJsonObject o{{u"source"_s, source}, {u"keychain"_s, keychain}};
        if (!problem.isEmpty()) {
            o.insert(u"problem"_s, problem);
        }
        context.printJson(o);
    } else {
        const QString variable = QLatin1StringView(ApiOptions::TokenVariable);
        if (fromEnvironment) {
            context.out() << tr("Runs use the token in %1 (it wins over the keychain).").arg(variable)
                          << u'\n';
        }
        if (keychain == "stored"_L1) {
            context.out() << tr("The keychain holds an access token.") << u'\n';
        } else if (keychain == "empty"_L1) {
            context.out() << tr("The keychain holds no access token.") << u'\n';
        } else {
            context.out() << problem << u'\n';
        }
    }
    if (source != "none"_L1) {
        return ExitCode::Success;
    }
    // No token for a run: not stored (5), or no keychain to ask (6).
    return keychain == "empty"_L1 ? ExitCode::NotFound : ExitCode::Refused;
}

} // namespace herald::cli
