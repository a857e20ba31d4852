#include "views/OverviewCharts.h"

#include <QLabel>
#include <QVBoxLayout>

namespace herald::ui {

OverviewCharts::OverviewCharts(DataService &data, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("(being built)"), this));
}

OverviewCharts::~OverviewCharts() = default;

void OverviewCharts::showCampaign(const CampaignRow &) {}

void OverviewCharts::clear() {}

} // namespace herald::ui
