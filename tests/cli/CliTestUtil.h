#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace herald::test {

// What one run of herald-cli left behind.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(exitCode).arg(out, err);
    }
};

// Runs the real herald-cli (HERALD_CLI_PATH) to its end. The child gets `home` as HOME and
// data folder, so it can never touch the user's default database, and no HERALD_DB or
// HERALD_ACCESS_TOKEN from the test's environment, and speaks English; `token`, when given,
// becomes its HERALD_ACCESS_TOKEN.
inline CliRun runCli(const QString &home, const QStringList &args, const QString &token = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HERALD_DB"));
    env.remove(QStringLiteral("HERALD_ACCESS_TOKEN"));
    if (!token.isEmpty()) {
        env.insert(QStringLiteral("HERALD_ACCESS_TOKEN"), token);
    }
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    // English, whatever the machine speaks: the tests compare herald-cli's messages.
    for (const char *name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}) {
        env.remove(QString::fromLatin1(name));
    }
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(QString::fromUtf8(HERALD_CLI_PATH), args);
    CliRun r;
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit) {
        r.err = QStringLiteral("herald-cli did not finish normally: ") + p.errorString();
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace herald::test
