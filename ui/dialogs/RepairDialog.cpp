#include "dialogs/RepairDialog.h"

namespace herald::ui {

RepairDialog::RepairDialog(DataService &data, const AppContext &, QWidget *parent)
    : QDialog(parent)
    , m_data(data)
{
    setObjectName(QStringLiteral("repairDialog"));
}

RepairDialog::~RepairDialog() = default;

void RepairDialog::showSchemaProblems(const QStringList &, bool) {}

void RepairDialog::analyze() {}

} // namespace herald::ui
