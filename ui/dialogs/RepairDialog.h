#pragma once

#include <QDialog>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace herald::ui {

class DataService;
class RepairModel;
struct AppContext;

// Per campaign, the stored sent / failed / total / status beside a recount (core's Repair),
// differences highlighted, applied atomically with progress. Opened from the menu, and at
// start-up when counters have drifted or the schema check fails — then it lists exactly what
// is missing and offers to run the migration where that fixes it. All counting, repairing and
// migrating runs on the data thread.
class RepairDialog : public QDialog
{
    Q_OBJECT

public:
    RepairDialog(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~RepairDialog() override;

    // Shows what the schema doctor found instead of the counters until the schema is whole.
    void showSchemaProblems(const QStringList &problems, bool migrationFixes);
    void analyze(); // (re)count
    void applyRepairs();
    void migrate();

    RepairModel &model() const { return *m_model; }
    bool isBusy() const;
    QString summary() const;

Q_SIGNALS:
    void repaired(); // counters or schema were changed

private:
    void busy(const QString &what);
    void idle(const QString &summary);

    DataService &m_data;
    const AppContext &m_context;
    RepairModel *m_model;
    QStackedWidget *m_pages;
    QLabel *m_summary;
    QTableView *m_table;
    QListWidget *m_problems;
    QLabel *m_schemaText;
    QProgressBar *m_progress;
    QPushButton *m_recount;
    QPushButton *m_apply;
    QPushButton *m_migrate;
    int m_busy = 0;
};

} // namespace herald::ui
