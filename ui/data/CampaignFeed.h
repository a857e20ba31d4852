#pragma once

#include "data/CampaignSnapshot.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace herald {
class Clock;
}

namespace herald::ui {

class CampaignMonitor;
class DataService;

// Polls the campaigns on the data thread a few times a second and hands each new snapshot to
// the GUI thread. One poll at a time: when the data thread is busy (a repair, a big page),
// polls are skipped, never queued up. Unchanged figures are not emitted, so a quiet database
// costs the window nothing.
class CampaignFeed : public QObject
{
    Q_OBJECT

public:
    CampaignFeed(DataService &data, const Clock &clock, QObject *parent = nullptr);
    ~CampaignFeed() override;

    void start(std::chrono::milliseconds interval = std::chrono::milliseconds(500));
    void stop();
    void refreshNow(); // F5, and after an action: without waiting for the next tick
    const CampaignsSnapshot &last() const { return m_last; }

Q_SIGNALS:
    void updated(const herald::ui::CampaignsSnapshot &snapshot);
    void failed(const QString &why);

private:
    void poll();
    bool changed(const CampaignsSnapshot &next) const;

    DataService &m_data;
    std::shared_ptr<CampaignMonitor> m_monitor; // used on the data thread only
    QTimer m_timer;
    bool m_inFlight = false;
    bool m_again = false;
    bool m_first = true;
    CampaignsSnapshot m_last;
};

} // namespace herald::ui
