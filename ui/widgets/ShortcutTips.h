#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace herald::ui {

// Shows each action's shortcut in its tooltip ("Start sending (Ctrl+R)"), for every action of a
// window, in one place: the toolbar's buttons then say which key does the same. Tooltips set
// later (a disabled action's reason, a retranslation) get the shortcut again.
class ShortcutTips : public QObject
{
    Q_OBJECT

public:
    // Every action `window` holds now, and those added to it later.
    static void apply(QWidget *window);

    // "tip (keys)", or `tip` when it names the keys already or there are none.
    static QString withShortcut(const QString &tip, const QAction &action);

private:
    explicit ShortcutTips(QWidget *window);
    bool eventFilter(QObject *watched, QEvent *event) override;
    void track(QAction *action);
    void update(QAction *action);
};

} // namespace herald::ui
