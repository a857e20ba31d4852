#include "pages/DailySummaryPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace herald::ui {

DailySummaryPage::DailySummaryPage(DataService &data, const AppContext &, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("(being built)"), this));
}

DailySummaryPage::~DailySummaryPage() = default;

void DailySummaryPage::refresh() {}

} // namespace herald::ui
