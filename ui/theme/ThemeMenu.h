#pragma once

#include <QObject>

class QActionGroup;
class QMenu;

namespace herald::ui {

// View › Theme: System, Light, Dark — checkable, one at a time, applied at once.
class ThemeMenu : public QObject
{
    Q_OBJECT

public:
    // Adds the submenu to `view` (and installs the stored theme, once per application).
    static ThemeMenu *addTo(QMenu *view);

    QMenu *menu() const { return m_menu; }

private:
    explicit ThemeMenu(QMenu *view);
    void showChoice();

    QMenu *m_menu;
    QActionGroup *m_group;
};

} // namespace herald::ui
