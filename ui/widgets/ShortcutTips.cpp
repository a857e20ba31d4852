#include "widgets/ShortcutTips.h"

#include <QAction>
#include <QActionEvent>
#include <QKeySequence>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace herald::ui {

ShortcutTips::ShortcutTips(QWidget *window)
    : QObject(window)
{
    setObjectName(u"shortcutTips"_s);
    const auto actions = window->findChildren<QAction *>();
    for (QAction *a : actions) {
        track(a);
    }
    window->installEventFilter(this);
}

void ShortcutTips::apply(QWidget *window)
{
    if (!window->findChild<ShortcutTips *>(u"shortcutTips"_s, Qt::FindDirectChildrenOnly)) {
        new ShortcutTips(window);
    }
}

QString ShortcutTips::withShortcut(const QString &tip, const QAction &action)
{
    const QString keys = action.shortcut().toString(QKeySequence::NativeText);
    if (keys.isEmpty() || tip.contains(keys)) {
        return tip;
    }
    // A tooltip of several lines (a reason below) gets the keys on its first.
    const qsizetype lineEnd = tip.indexOf(u'\n');
    const QString first = lineEnd < 0 ? tip : tip.left(lineEnd);
    const QString rest = lineEnd < 0 ? QString() : tip.mid(lineEnd);
    return tr("%1 (%2)").arg(first, keys) + rest;
}

bool ShortcutTips::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ActionAdded) {
        track(static_cast<QActionEvent *>(event)->action());
    }
    return QObject::eventFilter(watched, event);
}

void ShortcutTips::track(QAction *action)
{
    if (action->property("shortcutTips").toBool()) {
        return;
    }
    action->setProperty("shortcutTips", true);
    connect(action, &QAction::changed, this, [this, action] { update(action); });
    update(action);
}

void ShortcutTips::update(QAction *action)
{
    const QString tip = withShortcut(action->toolTip(), *action);
    if (tip != action->toolTip()) {
        action->setToolTip(tip); // emits changed() once more, which finds the keys there
    }
}

} // namespace herald::ui
