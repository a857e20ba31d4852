#include "pages/OptOutsPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace herald::ui {

OptOutsPage::OptOutsPage(DataService &data, const AppContext &, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("(being built)"), this));
}

OptOutsPage::~OptOutsPage() = default;

void OptOutsPage::refresh() {}

} // namespace herald::ui
