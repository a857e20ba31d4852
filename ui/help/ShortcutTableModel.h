#pragma once

#include <QAbstractTableModel>
#include <QKeySequence>
#include <QList>

class QAction;
class QMainWindow;

namespace herald::ui {

// Every action of the main window that has a shortcut, read from the actions themselves (so
// the list can never disagree with the menus): where it is, what it is called, its keys.
class ShortcutTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Menu, Action, Shortcut, ColumnCount };
    enum Role { RawRole = Qt::UserRole + 1 }; // the QKeySequence for Shortcut, else the text

    struct Entry
    {
        QString menu;   // "Campaign", or "Window" for an action outside the menus
        QString action; // without the & of its mnemonic
        QList<QKeySequence> keys;
        QString description;
    };

    explicit ShortcutTableModel(const QMainWindow &window, QObject *parent = nullptr);

    static QList<Entry> entriesOf(const QMainWindow &window);
    const QList<Entry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;
};

} // namespace herald::ui
