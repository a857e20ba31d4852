#pragma once

#include "views/CampaignView.h"

#include <QWidget>

namespace herald::ui {

class DataService;

// The campaign's overview: cumulative sent and failed over time, and throughput in messages
// per second, from the database's per-minute history (CampaignHistory), so a campaign sent
// yesterday or before a restart is drawn right and a live one grows smoothly.
class OverviewCharts : public QWidget, public CampaignView
{
    Q_OBJECT

public:
    explicit OverviewCharts(DataService &data, QWidget *parent = nullptr);
    ~OverviewCharts() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;

private:
    DataService &m_data;
};

} // namespace herald::ui
