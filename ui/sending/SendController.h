#pragma once

#include "AppContext.h"
#include "data/CampaignSnapshot.h"
#include "sender/Sender.h"
#include "sending/SessionMarker.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

class QWidget;

namespace herald::ui {

class DataService;

// What this console sends, and how: starting, pausing, cancelling and continuing campaigns,
// and closing cleanly. Planning (the template check, the settings) runs on the data thread;
// sending runs on the sender's own thread (Sender, kind Console) — nothing here touches the
// database or the network itself.
//
// A running campaign that nobody sends (no sender recorded, or one silent for the staleness:
// a closed console, a killed `herald-cli run`, one set running by `herald-cli resume`) is
// taken over with a notice; one that another live process sends is left alone — its figures
// move in the table all the same. A scheduled campaign whose time has come is started here
// (Schedule::startIfDue on the data thread, so only one Herald starts it) and sent by this
// console; one that fell due while no Herald ran says how late it started.
class SendController : public QObject
{
    Q_OBJECT

public:
    SendController(DataService &data, const AppContext &context, QWidget *window, QObject *parent = nullptr);
    ~SendController() override;

    void start(const QString &campaignId);  // start or resume here
    void pause(const QString &campaignId);  // here, or in the database for another sender
    void cancel(const QString &campaignId); // the same; the caller has asked for confirmation
    // Requests in flight finish and are recorded, held rows go back, campaigns stay running for
    // the next sender; `done` runs once nothing is being sent.
    void closeAll(std::function<void()> done);

    // Sends to this API (the demo's simulator) instead of the stored settings from now on.
    void setApiOverride(const ApiSettings &api)
    {
        m_context.apiOverride = api;
        Q_EMIT apiOverridden(api.phoneNumberId());
    }

    bool isSending(const QString &campaignId) const { return m_sender.isSending(campaignId); }
    bool isSendingAnything() const { return m_sender.isRunning(); }
    bool isStarting(const QString &campaignId) const { return m_starting.contains(campaignId); }
    const QString &senderId() const { return m_sender.senderId(); }
    // Since when messages that became "interrupted" are news to this console (SessionMarker).
    QDateTime interruptedSince() const { return m_session.reportSince(); }

    // The figures of this console's campaigns, as its sender last reported them.
    const QHash<QString, SendProgress> &progress() const { return m_progress; }
    double totalRate() const;
    int inFlight() const;

public Q_SLOTS:
    // Looks for running campaigns without a live sender (the campaign feed calls this).
    void review(const herald::ui::CampaignsSnapshot &snapshot);

Q_SIGNALS:
    void notice(const QString &text);                        // for the status bar and tray
    void problem(const QString &title, const QString &text); // shown to the user
    void sending(const QString &campaignId);                 // a campaign started here
    void progressed(const herald::SendProgress &progress);
    void ended(const herald::SendResult &result);
    void actionDone();    // a status change was written
    void healthChecked(); // Meta was asked about a number before a start (number_health)
    // A start asked for ended: sending, refused, or declined at its warnings.
    void startingEnded(const QString &campaignId);
    void apiOverridden(const QString &phoneNumberId); // the demo sends to its simulator from now on

private:
    // `startNotice`: the campaign was started by its schedule; said instead of asking.
    void plan(const QString &campaignId, bool takeover, const QString &previousSender,
              const QString &startNotice = {});
    void endStarting(const QString &campaignId);
    void checkHealth(const QString &campaignId, const QString &token, std::function<void()> then);
    void planWith(const QString &campaignId, const QString &token, bool takeover,
                  const QString &previousSender, const QString &startNotice);
    void launch(const SenderConfig &config, const QStringList &warnings, const QString &name, bool takeover,
                const QString &previousSender, const QString &startNotice);
    void startDue(const QString &campaignId);
    void reportHolding(const SendProgress &p);
    void transition(const QString &campaignId, CampaignStatus to, const QString &reason);

    DataService &m_data;
    AppContext m_context;
    QWidget *m_window;
    Sender m_sender;
    SessionMarker m_session;            // a clean close records itself in closeAll()
    QSet<QString> m_starting;           // planned, not yet running
    QHash<QString, qint64> m_refusedAt; // takeovers that failed, by campaign: not retried at once
    QHash<QString, SendProgress> m_progress;
    QHash<QString, QDateTime> m_holdNoticeFor; // the window opening last announced, by campaign
    std::function<void()> m_closed;
    bool m_closing = false; // closeAll() was called: nothing starts any more
};

} // namespace herald::ui
