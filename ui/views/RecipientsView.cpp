#include "views/RecipientsView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace herald::ui {

RecipientsView::RecipientsView(DataService &data, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("(being built)"), this));
}

RecipientsView::~RecipientsView() = default;

void RecipientsView::showCampaign(const CampaignRow &) {}

void RecipientsView::clear() {}
void RecipientsView::setReasonFilter(const QString &) {}

} // namespace herald::ui
