#include "dialogs/SettingsDialog.h"

namespace herald::ui {

SettingsDialog::SettingsDialog(DataService &data, const AppContext &, QWidget *parent)
    : QDialog(parent)
    , m_data(data)
{
    setObjectName(QStringLiteral("settingsDialog"));
}

SettingsDialog::~SettingsDialog() = default;

} // namespace herald::ui
