#include "help/ShortcutTableModel.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
QString plain(QString text)
{
    // "&Start" → "Start", "Save && Close" → "Save & Close"; the trailing "…" stays.
    text.replace(u"&&"_s, u"\x1f"_s);
    text.remove(u'&');
    text.replace(u"\x1f"_s, u"&"_s);
    return text;
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList texts;
    for (const QKeySequence &k : keys) {
        texts << k.toString(QKeySequence::NativeText);
    }
    return texts.join(u", "_s);
}

void collect(const QString &menuPath, QMenu *menu, QSet<const QAction *> &seen,
             QList<ShortcutTableModel::Entry> &out)
{
    for (QAction *a : menu->actions()) {
        if (a->menu()) {
            collect(menuPath + u" › "_s + plain(a->menu()->title()), a->menu(), seen, out);
            continue;
        }
        if (a->isSeparator() || seen.contains(a)) {
            continue;
        }
        seen.insert(a);
        if (!a->shortcuts().isEmpty()) {
            out.append({menuPath, plain(a->text()), a->shortcuts(), a->toolTip()});
        }
    }
}
} // namespace

ShortcutTableModel::ShortcutTableModel(const QMainWindow &window, QObject *parent)
    : QAbstractTableModel(parent)
    , m_entries(entriesOf(window))
{}

QList<ShortcutTableModel::Entry> ShortcutTableModel::entriesOf(const QMainWindow &window)
{
    QList<Entry> entries;
    QSet<const QAction *> seen;
    // In menu order first, as the user finds them; then the window's other actions (toolbar
    // only, or shortcuts without a menu entry).
    for (QAction *top : window.menuBar()->actions()) {
        if (top->menu()) {
            collect(plain(top->menu()->title()), top->menu(), seen, entries);
        }
    }
    const QList<QAction *> all = window.findChildren<QAction *>();
    for (QAction *a : all) {
        if (!seen.contains(a) && !a->isSeparator() && !a->menu() && !a->shortcuts().isEmpty() &&
            !a->text().isEmpty()) {
            seen.insert(a);
            entries.append({tr("Window"), plain(a->text()), a->shortcuts(), a->toolTip()});
        }
    }
    return entries;
}

int ShortcutTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ShortcutTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ShortcutTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Entry &e = m_entries.at(index.row());
    if (role == Qt::ToolTipRole) {
        return e.description;
    }
    if (role != Qt::DisplayRole && role != RawRole) {
        return {};
    }
    switch (Column(index.column())) {
    case Menu:
        return e.menu;
    case Action:
        return e.action;
    case Shortcut:
        if (role == RawRole) {
            return e.keys.value(0);
        }
        return keysText(e.keys);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ShortcutTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Menu:
        return tr("Menu");
    case Action:
        return tr("Action");
    case Shortcut:
        return tr("Shortcut");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace herald::ui
