#pragma once

// herald-cli as a child process for the keychain tests: like tests/cli's runCli, but with
// standard input (where `token set` reads the token) and the environment's D-Bus kept, since
// the keychain is reached through it.

#include "SecretSearch.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace herald::test {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
    qint64 ms = 0;

    QString describe() const
    {
        return QStringLiteral("exit %1 after %2 ms\nstdout:\n%3\nstderr:\n%4")
            .arg(exitCode)
            .arg(ms)
            .arg(out, err);
    }
};

// `environment` entries override the child's; an empty value removes the variable.
inline CliResult runHeraldCli(const QStringList &args, const QByteArray &input = {},
                              const QList<QPair<QString, QString>> &environment = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HERALD_DB"));
    env.remove(QStringLiteral("HERALD_ACCESS_TOKEN"));
    for (const auto &[name, value] : environment) {
        if (value.isEmpty()) {
            env.remove(name);
        } else {
            env.insert(name, value);
        }
    }
    p.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    p.start(QString::fromUtf8(HERALD_CLI_PATH), args);
    CliResult r;
    if (!p.waitForStarted(30000)) {
        r.err = QStringLiteral("herald-cli did not start: ") + p.errorString();
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit) {
        r.err = QStringLiteral("herald-cli did not finish normally: ") + p.errorString();
        return r;
    }
    r.ms = clock.elapsed();
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace herald::test
