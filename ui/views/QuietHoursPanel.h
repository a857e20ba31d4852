#pragma once

#include "data/CampaignSnapshot.h"
#include "queue/QuietHoursQueue.h"
#include "views/CampaignView.h"

#include <QFrame>

#include <optional>

class QLabel;
class QTimer;

namespace herald {
class Clock;
}

namespace herald::ui {

class DataService;

// The campaign's quiet hours on its Overview: the window in the recipients' local time (and the
// zones chosen per country), and — while the campaign still has to send — how many recipients
// wait for their window now and when the next one opens, in the user's time. Hidden for a
// campaign without quiet hours.
//
// Who waits is counted on the data thread (QuietHoursQueue::wait) on selection, when the
// campaign's quiet hours change, and every 30 s while it is selected and not finished: windows
// open and close with the clock, not with the counters the snapshots carry. Each count reads the
// stored quiet hours too, so a change made elsewhere shows within 30 s (snapshots omit settings).
class QuietHoursPanel : public QFrame, public CampaignView
{
    Q_OBJECT

public:
    static constexpr int RefreshMs = 30'000;

    QuietHoursPanel(DataService &data, const Clock &clock, QWidget *parent = nullptr);
    ~QuietHoursPanel() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;
    // Counts again now, unless a count is still out.
    void refresh();
    // Tests move time with a ManualClock; the clock must outlive the panel or the next setClock.
    void setClock(const Clock &clock);

    // What is shown, for tests and screenshots.
    QString windowText() const;
    QString waitText() const; // "" when nothing about waiting is shown
    const std::optional<WindowWait> &windowWait() const { return m_wait; }
    bool isBusy() const { return m_busy; }
    bool isRefreshing() const;              // the 30 s timer runs
    int counts() const { return m_counts; } // answers shown since construction

    // "09:00–20:00 in each recipient's local time, weekdays only; United States: America/Chicago"
    static QString describe(const QuietHours &quietHours);
    // "Germany (DE)"; the unknown country in words.
    static QString regionName(const QString &region);
    // The moment in the user's local time: "Tue 08:00" within a week of `now`, else with the date.
    static QString openingText(const QDateTime &utc, const QDateTime &now);
    // The waiting line for an answer of QuietHoursQueue::wait.
    static QString waitSentence(const WindowWait &wait, const QDateTime &now);

Q_SIGNALS:
    void waitShown(); // an answer from the data thread is shown (the count or why not)

private:
    static bool stillToSend(CampaignStatus status);
    void updateTimer();
    void showQuietHours(const QJsonObject &campaignSettings);

    DataService &m_data;
    const Clock *m_clock;
    QLabel *m_window;
    QLabel *m_waitLabel;
    QTimer *m_timer;

    QString m_id;
    CampaignStatus m_status = CampaignStatus::Draft;
    QJsonObject m_quietSettings; // the "quietHours" value shown; a change counts again
    bool m_enabled = false;
    std::optional<WindowWait> m_wait;
    int m_generation = 0; // bumped when the campaign changes: older answers are dropped
    bool m_busy = false;
    int m_counts = 0;
};

} // namespace herald::ui
