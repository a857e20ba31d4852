#pragma once

// The sqlite3 command-line tool holding BEGIN EXCLUSIVE on a database: another process, with its
// own file locks, exactly as a user's script or a second program would.
#include <QByteArray>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QString>

namespace herald::test {

class ForeignWriteLock
{
public:
    ~ForeignWriteLock()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool take(const QString &path, QString *why)
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
        if (tool.isEmpty()) {
            *why = QStringLiteral("the sqlite3 command-line tool is not installed (Debian: sqlite3)");
            return false;
        }
        m_process.start(tool, {path});
        if (!m_process.waitForStarted(10'000)) {
            *why = m_process.errorString();
            return false;
        }
        m_process.write(".timeout 20000\nBEGIN EXCLUSIVE;\nSELECT 'held';\n");
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        while (!out.contains("held") && clock.elapsed() < 30'000) {
            m_process.waitForReadyRead(1000);
            out += m_process.readAllStandardOutput();
        }
        if (!out.contains("held")) {
            *why = QStringLiteral("sqlite3 did not take the lock: ") +
                   QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
        m_held.start();
        return true;
    }

    bool isHeld() const { return m_held.isValid() && m_process.state() == QProcess::Running; }

    // Commits and quits; returns how long the lock was held (ms).
    qint64 release()
    {
        if (m_process.state() != QProcess::Running) {
            return 0;
        }
        m_process.write("COMMIT;\n.quit\n");
        m_process.closeWriteChannel();
        m_process.waitForFinished(10'000);
        const qint64 held = m_held.isValid() ? m_held.elapsed() : 0;
        m_held.invalidate();
        return held;
    }

private:
    QProcess m_process;
    QElapsedTimer m_held;
};

} // namespace herald::test
