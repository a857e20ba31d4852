#include "pages/TemplatesPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace herald::ui {

TemplatesPage::TemplatesPage(DataService &data, const AppContext &, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("(being built)"), this));
}

TemplatesPage::~TemplatesPage() = default;

void TemplatesPage::refresh() {}

void TemplatesPage::sync() {}

} // namespace herald::ui
