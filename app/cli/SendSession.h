#pragma once

#include "ExitCodes.h"
#include "sender/SenderTypes.h"

#include <QCoreApplication>
#include <QDateTime>

class QTextStream;

namespace herald::cli {

// Runs one campaign with a Sender on its own thread and shows it on the terminal: a live
// one-line display (sent, failed, rate, ETA) when stdout is a terminal, a plain line every
// few seconds otherwise, and a final summary. Ctrl+C pauses gracefully: sending stops, the
// requests in flight finish and are recorded. Shared by `run` and `demo`.
class SendSession
{
    Q_DECLARE_TR_FUNCTIONS(SendSession)

public:
    SendSession(QTextStream &out, QTextStream &err, bool json);
    // Blocks in an event loop until the sender ends; returns the exit code for its end.
    ExitCode run(const SenderConfig &config, const QString &campaignName);
    const SendResult &result() const { return m_result; }
    const SendProgress &lastProgress() const { return m_last; }

    static ExitCode exitCodeFor(SendResult::End end);

private:
    void show(const SendProgress &p);
    QString line(const SendProgress &p) const;

    QTextStream &m_out;
    QTextStream &m_err;
    bool m_json;
    bool m_terminal;
    qint64 m_lastPlainMs = -1;
    QString m_lastPlainLine; // so the final state is printed even when it came inside the 2 s throttle
    SendProgress m_last;
    QDateTime m_holdShownFor; // the window opening last announced while holding
    SendResult m_result;
};

} // namespace herald::cli
