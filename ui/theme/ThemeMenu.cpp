#include "theme/ThemeMenu.h"

#include "theme/Theme.h"

#include <QActionGroup>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace herald::ui {

ThemeMenu *ThemeMenu::addTo(QMenu *view)
{
    Theme::instance().install();
    return new ThemeMenu(view);
}

ThemeMenu::ThemeMenu(QMenu *view)
    : QObject(view)
    , m_menu(view->addMenu(tr("T&heme")))
    , m_group(new QActionGroup(this))
{
    m_menu->setObjectName(u"menuTheme"_s);
    m_menu->menuAction()->setObjectName(u"actionThemeMenu"_s);
    m_group->setExclusive(true);
    const struct
    {
        Theme::Choice choice;
        QString name;
        QString text;
        QString tip;
    } choices[] = {
        {Theme::Choice::System, u"actionThemeSystem"_s, tr("&System"), tr("Light or dark as the desktop is")},
        {Theme::Choice::Light, u"actionThemeLight"_s, tr("&Light"), tr("Dark text on light backgrounds")},
        {Theme::Choice::Dark, u"actionThemeDark"_s, tr("&Dark"), tr("Light text on dark backgrounds")},
    };
    for (const auto &c : choices) {
        QAction *a = m_menu->addAction(c.text);
        a->setObjectName(c.name);
        a->setCheckable(true);
        a->setStatusTip(c.tip);
        a->setData(int(c.choice));
        m_group->addAction(a);
        const Theme::Choice choice = c.choice;
        connect(a, &QAction::triggered, this, [choice] { Theme::instance().choose(choice); });
    }
    connect(&Theme::instance(), &Theme::changed, this, &ThemeMenu::showChoice);
    showChoice();
}

void ThemeMenu::showChoice()
{
    for (QAction *a : m_group->actions()) {
        a->setChecked(a->data().toInt() == int(Theme::instance().choice()));
    }
}

} // namespace herald::ui
