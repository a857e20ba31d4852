#pragma once

#include "AppContext.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace herald::ui {

class DataService;
class NumberHealthRunner;
class PhoneNumbersModel;
struct NumberHealthRun;

// Settings → Phone numbers: the account's numbers and each one's ceiling (PhoneNumberStore, the
// same rows `herald-cli numbers` edits), added, changed and removed at once like rate cards.
// Selecting a number fills the form, so changing its ceiling or label is "select, edit, Change".
// A refused removal (a campaign still sends from it) shows the store's reason. Every read and
// write is a DataService job. "Check health" asks Meta about every number (NumberHealthRunner,
// as `herald-cli numbers health`) and shows the answers in the Health column.
class PhoneNumbersSection : public QWidget
{
    Q_OBJECT

public:
    PhoneNumbersSection(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~PhoneNumbersSection() override;

    PhoneNumbersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    QString message() const;
    bool messageIsError() const { return m_error; }

    void reload();
    // Stores the form's number: added, or changed when listed.
    void store();
    // Asks, then removes the selected number.
    void removeSelected();
    // Asks Meta about every configured number and stores the answers.
    void checkHealth();
    bool isCheckingHealth() const;

Q_SIGNALS:
    void listed();        // a read of the list arrived
    void healthChecked(); // a health check ended (its message is shown)

private:
    QString selectedId() const;
    void fillFormFromSelection();
    void updateButtons();
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error);
    void onHealth(const NumberHealthRun &run);

    DataService &m_data;
    AppContext m_context;
    const Clock &m_clock;
    NumberHealthRunner *m_health;
    PhoneNumbersModel *m_model;
    QTableView *m_table;
    QLineEdit *m_id;
    QLineEdit *m_label;
    QSpinBox *m_ceiling;
    QPushButton *m_store;
    QPushButton *m_remove;
    QPushButton *m_checkHealth;
    QLabel *m_unlisted;
    QLabel *m_message;
    bool m_loaded = false;
    bool m_busy = false;
    bool m_error = false;
    bool m_ceilingTouched = false; // else a new number's ceiling follows api.rate_ceiling
    QString m_selectAfterLoad;
};

} // namespace herald::ui
