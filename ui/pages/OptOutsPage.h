#pragma once

#include "AppContext.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace herald::ui {

class DataService;
class OptOutTableModel;
class PageMessage;

// The opt-out list: search, add, remove, and import from a CSV file through OptOutStore's import,
// off the GUI thread. Numbers typed by hand are normalized in the default region (import.region)
// and refused with the normalizer's reason.
class OptOutsPage : public QWidget
{
    Q_OBJECT

public:
    OptOutsPage(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~OptOutsPage() override;

    // The page became visible (and on F5): read what it shows again.
    void refresh();

    // What the buttons do, for tests: they read the fields and ask as the buttons do.
    void addNumber();
    void removeSelected();
    void importFile();
    void setSearch(const QString &text); // reads at once, without the typing delay

    OptOutTableModel &model() const { return *m_model; }
    PageMessage *message() const { return m_message; }
    QTableView *table() const { return m_table; }
    bool isBusy() const { return m_busy > 0; }
    static constexpr int PageSize = 200;

Q_SIGNALS:
    void shown();   // a read of the list arrived and is shown
    void changed(); // an add, remove or import changed the list

private:
    void readMore(qint64 offset);
    void setBusy(bool busy, const QString &what = {});
    void updateCount();

    DataService &m_data;
    AppContext m_context;
    OptOutTableModel *m_model;
    QLineEdit *m_search;
    QLabel *m_count;
    QLineEdit *m_phone;
    QLineEdit *m_reason;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_import;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    PageMessage *m_message;
    QTableView *m_table;
    QTimer m_searchDelay;
    QString m_searched;  // the search the model shows
    qint64 m_total = -1; // the whole list, as last read
    int m_generation = 0;
    int m_busy = 0;
};

} // namespace herald::ui
