#include "SendSession.h"

#include "Format.h"
#include "SignalWatcher.h"
#include "queue/Schedule.h"
#include "sender/Sender.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#define HERALD_ISATTY _isatty
#define HERALD_FILENO _fileno
#else
#include <unistd.h>
#define HERALD_ISATTY isatty
#define HERALD_FILENO fileno
#endif

using namespace Qt::StringLiterals;

namespace herald::cli {

SendSession::SendSession(QTextStream &out, QTextStream &err, bool json)
    : m_out(out)
    , m_err(err)
    , m_json(json)
    , m_terminal(!json && HERALD_ISATTY(HERALD_FILENO(stdout)))
{}

ExitCode SendSession::exitCodeFor(SendResult::End end)
{
    switch (end) {
    case SendResult::End::Completed:
        return ExitCode::Success;
    case SendResult::End::Paused:
        return ExitCode::Paused;
    case SendResult::End::Stopped:
        return ExitCode::Stopped;
    case SendResult::End::Cancelled:
        return ExitCode::Cancelled;
    case SendResult::End::SenderStopped:
        return ExitCode::SenderStopped;
    case SendResult::End::Refused:
        return ExitCode::Refused;
    case SendResult::End::Detached: // another sender took the campaign over
        return ExitCode::SenderStopped;
    }
    return ExitCode::Unexpected;
}

QString SendSession::line(const SendProgress &p) const
{
    const double done = p.total > 0 ? 100.0 * double(p.sent + p.failed) / double(p.total) : 0;
    QString eta = u"—"_s;
    if (p.etaSeconds >= 0) {
        eta = p.etaSeconds >= 3600
                  ? u"%1h%2m"_s.arg(p.etaSeconds / 3600).arg((p.etaSeconds % 3600) / 60, 2, 10, QChar(u'0'))
              : p.etaSeconds >= 60
                  ? u"%1m%2s"_s.arg(p.etaSeconds / 60).arg(p.etaSeconds % 60, 2, 10, QChar(u'0'))
                  : u"%1s"_s.arg(p.etaSeconds);
    }
    return tr("sent %1  failed %2  of %3 (%4%)  %5 msg/s  %6 in flight  ETA %7")
        .arg(Format::number(p.sent), Format::number(p.failed), Format::number(p.total))
        .arg(done, 0, 'f', 1)
        .arg(p.rate, 0, 'f', 1)
        .arg(p.inFlight)
        .arg(eta);
}

void SendSession::show(const SendProgress &p)
{
    m_last = p;
    if (m_json) {
        return;
    }
    if (p.waitingForWindow > 0 && p.windowOpensAt != m_holdShownFor) {
        // Holding, not finished: said once per window, on a line of its own.
        m_holdShownFor = p.windowOpensAt;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const int waiting = int(p.waitingForWindow);
        m_out << (m_terminal ? "\r\x1b[K" : "")
              << tr("Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1 UTC "
                    "(%2 local time, in %3).",
                    nullptr, waiting)
                     .arg(p.windowOpensAt.toUTC().toString(u"yyyy-MM-dd HH:mm"_s),
                          p.windowOpensAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s),
                          Schedule::describeDuration(std::max<qint64>(0, now.secsTo(p.windowOpensAt))))
              << '\n';
        m_out.flush();
        m_lastPlainMs = -1;
    }
    if (m_terminal) {
        // \r and an erase-to-end so a shorter line leaves no residue.
        m_out << '\r' << line(p) << "\x1b[K";
        m_out.flush();
        return;
    }
    static QElapsedTimer clock;
    if (!clock.isValid()) {
        clock.start();
    }
    if (m_lastPlainMs < 0 || clock.elapsed() - m_lastPlainMs >= 2000) {
        m_lastPlainMs = clock.elapsed();
        m_lastPlainLine = line(p);
        m_out << m_lastPlainLine << '\n';
        m_out.flush();
    }
}

ExitCode SendSession::run(const SenderConfig &config, const QString &campaignName)
{
    Sender sender;
    SignalWatcher signals;
    QEventLoop loop;
    QObject::connect(&sender, &Sender::progress, &loop, [this](const SendProgress &p) { show(p); });
    QObject::connect(&sender, &Sender::finished, &loop, [this, &loop](const SendResult &r) {
        m_result = r;
        loop.quit();
    });
    QObject::connect(&signals, &SignalWatcher::interrupted, &loop, [this, &sender](int count) {
        if (count == 1) {
            if (!m_json) {
                m_err
                    << '\n'
                    << tr("Pausing: the requests in flight finish and are recorded (Ctrl+C again to be told "
                          "again; nothing is lost either way)…")
                    << '\n';
                m_err.flush();
            }
            sender.pause(tr("paused from the command line (Ctrl+C)"));
        }
    });
    if (!m_json) {
        m_out << tr("Sending campaign \"%1\" to %2 (API %3, up to %4 msg/s).")
                     .arg(campaignName, config.api.baseUrl(), config.api.apiVersion())
                     .arg(config.rate)
              << '\n';
        m_out.flush();
    }
    sender.start(config);
    loop.exec();
    if (m_terminal) {
        m_out << '\n';
    } else if (!m_json && m_lastPlainMs >= 0 && line(m_last) != m_lastPlainLine) {
        // Progress lines are throttled to one per 2 s; without this the last one printed could
        // disagree with the summary below.
        m_out << line(m_last) << '\n';
    }
    const SendProgress &p = m_last;
    if (m_json) {
        QJsonObject o{{u"campaign"_s, campaignName},           {u"end"_s, SendResult::endName(m_result.end)},
                      {u"reason"_s, m_result.reason},          {u"sent_this_run"_s, m_result.sent},
                      {u"failed_this_run"_s, m_result.failed}, {u"seconds"_s, m_result.seconds},
                      {u"total_contacts"_s, p.total},          {u"total_sent"_s, p.sent},
                      {u"total_failed"_s, p.failed},           {u"pending"_s, p.pending}};
        m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
    } else {
        const double rate =
            m_result.seconds > 0 ? double(m_result.sent + m_result.failed) / m_result.seconds : 0;
        m_out << tr("Campaign \"%1\": %2. This run: %3 sent, %4 failed in %5 s (%6 msg/s). Campaign: %7 "
                    "sent, %8 "
                    "failed, %9 pending of %10.")
                     .arg(campaignName, SendResult::endName(m_result.end), Format::number(m_result.sent),
                          Format::number(m_result.failed))
                     .arg(m_result.seconds, 0, 'f', 1)
                     .arg(rate, 0, 'f', 1)
                     .arg(Format::number(p.sent), Format::number(p.failed), Format::number(p.pending),
                          Format::number(p.total))
              << '\n';
        if (!m_result.reason.isEmpty()) {
            m_out << tr("Reason: %1").arg(m_result.reason) << '\n';
        }
    }
    m_out.flush();
    return exitCodeFor(m_result.end);
}

} // namespace herald::cli
