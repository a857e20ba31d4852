#pragma once

#include "ExitCodes.h"
#include "sender/Sender.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace herald::cli {

class CliContext;

// What `herald-cli worker` was told.
struct WorkerOptions
{
    SenderLabel label;     // --name, and --campaigns as written
    QStringList campaigns; // the names it may take; empty: every campaign
    ApiSettings api;       // resolved, token included
    std::chrono::milliseconds poll{2000};
};

// A headless worker's life: announced at start and heard every few seconds while idle or busy
// (SenderPresence), it looks every `poll` for campaigns it may take — starting scheduled ones
// when due, sending running ones with other workers if they send them too (never with a console
// or a run), picking up campaigns that appear meanwhile — and never changes a campaign's status
// itself, but for starting a due one: a campaign paused elsewhere stops being sent, a resumed
// one is taken again. SIGTERM or SIGINT drains (answers in flight recorded, held rows released)
// and exits 0, leaving every campaign as it was. A second signal stops waiting.
class WorkerLoop : public QObject
{
    Q_OBJECT

public:
    WorkerLoop(CliContext &context, WorkerOptions options);
    // Blocks until stopped; throws CliError when the worker cannot announce itself.
    ExitCode run();

private:
    void tick();
    void considerCampaigns();
    void onFinished(const SendResult &result);
    void onProgress(const SendProgress &progress);
    void stop(int signals);
    void signOff();
    void report();
    bool inScope(const QString &name) const;
    void backOff(const QString &campaignId, std::chrono::milliseconds wait);
    // One line per event: text with the time in UTC, or one JSON object per line with --json.
    void emitEvent(const QString &event, const QString &text, QJsonObject fields = {});

    CliContext &m_context;
    WorkerOptions m_options;
    Sender m_sender{SenderKind::Worker};
    QTimer m_poll;
    QTimer m_report;
    QEventLoop m_loop;
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_backOffUntilMs; // by campaign id
    QHash<QString, QString> m_names;         // campaign id → name, for the lines
    QHash<QString, QString> m_lastRefusal;   // campaign id → the refusal last shown
    QHash<QString, SendProgress> m_progress; // campaigns being sent, their latest progress
    QSet<QString> m_namesLookedUp;           // the --campaigns names checked for existence (once each)
    QString m_dbTrouble;                     // the database error last shown, so that it is shown once
    bool m_stopping = false;
};

} // namespace herald::cli
