#include "data/CampaignFeed.h"

#include "data/CampaignMonitor.h"
#include "data/DataService.h"

namespace herald::ui {

CampaignFeed::CampaignFeed(DataService &data, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_monitor(std::make_shared<CampaignMonitor>(clock))
    , m_timer(this)
{
    qRegisterMetaType<CampaignsSnapshot>();
    connect(&m_timer, &QTimer::timeout, this, &CampaignFeed::poll);
}

CampaignFeed::~CampaignFeed() = default;

void CampaignFeed::start(std::chrono::milliseconds interval)
{
    m_timer.start(interval);
    poll();
}

void CampaignFeed::stop()
{
    m_timer.stop();
}

void CampaignFeed::refreshNow()
{
    if (m_inFlight) {
        m_again = true;
        return;
    }
    poll();
}

void CampaignFeed::poll()
{
    if (m_inFlight) {
        return;
    }
    m_inFlight = true;
    std::shared_ptr<CampaignMonitor> monitor = m_monitor;
    m_data.submit<CampaignsSnapshot>(
        this, [monitor](Database &db) { return monitor->poll(db); },
        [this](const DataResult<CampaignsSnapshot> &r) {
            m_inFlight = false;
            if (!r.ok()) {
                Q_EMIT failed(r.error);
            } else if (m_first || changed(*r.value)) {
                m_first = false;
                m_last = *r.value;
                Q_EMIT updated(m_last);
            }
            if (m_again) {
                m_again = false;
                poll();
            }
        });
}

bool CampaignFeed::changed(const CampaignsSnapshot &next) const
{
    if (next.rows.size() != m_last.rows.size() || next.senders.size() != m_last.senders.size()) {
        return true;
    }
    for (qsizetype i = 0; i < next.senders.size(); ++i) {
        if (!next.senders.at(i).sameListing(m_last.senders.at(i))) {
            return true;
        }
    }
    for (qsizetype i = 0; i < next.rows.size(); ++i) {
        if (!next.rows.at(i).sameFigures(m_last.rows.at(i))) {
            return true;
        }
    }
    return false;
}

} // namespace herald::ui
