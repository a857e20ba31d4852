#pragma once

#include <QDialog>

namespace herald {
struct SchemaReport;
}

namespace herald::ui {

class DataService;
struct AppContext;

// Per campaign, the stored sent / failed / total / status beside a recount (core's Repair),
// differences highlighted, applied atomically with progress. Opened from the menu, and at
// start-up when counters have drifted or the schema check fails — then it lists exactly what
// is missing and offers to run the migration where that fixes it.
class RepairDialog : public QDialog
{
    Q_OBJECT

public:
    RepairDialog(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~RepairDialog() override;

    // Shows what the schema doctor found instead of the counters until the schema is whole.
    void showSchemaProblems(const QStringList &problems, bool migrationFixes);
    void analyze(); // (re)count; called when shown

Q_SIGNALS:
    void repaired(); // counters or schema were changed

private:
    DataService &m_data;
};

} // namespace herald::ui
