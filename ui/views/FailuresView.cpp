#include "views/FailuresView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace herald::ui {

FailuresView::FailuresView(DataService &data, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("(being built)"), this));
}

FailuresView::~FailuresView() = default;

void FailuresView::showCampaign(const CampaignRow &) {}

void FailuresView::clear() {}

} // namespace herald::ui
