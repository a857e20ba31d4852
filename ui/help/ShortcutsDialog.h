#pragma once

#include <QDialog>

class QLineEdit;
class QMainWindow;
class QSortFilterProxyModel;
class QTableView;

namespace herald::ui {

class ShortcutTableModel;

// Help › Keyboard Shortcuts: the main window's actions and their keys, filterable by any
// word of the menu, the action or the keys.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QMainWindow &window, QWidget *parent = nullptr);

    ShortcutTableModel &model() const { return *m_model; }
    QSortFilterProxyModel &filtered() const { return *m_filter; }

private:
    ShortcutTableModel *m_model;
    QSortFilterProxyModel *m_filter;
    QLineEdit *m_filterText;
    QTableView *m_table;
};

} // namespace herald::ui
