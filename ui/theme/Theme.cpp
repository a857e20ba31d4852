#include "theme/Theme.h"

#include "theme/Icons.h"
#include "theme/StatusColors.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
const auto kSettingsKey = "appearance/theme"_L1;

void useStyle(const QString &name)
{
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) != 0) {
        QApplication::setStyle(name); // resets the palette: set it afterwards
    }
}
} // namespace

Theme &Theme::instance()
{
    static Theme *theme = new Theme(qApp);
    return *theme;
}

Theme::Theme(QObject *parent)
    : QObject(parent)
    , m_platformPalette(QApplication::palette())
    , m_platformStyle(QApplication::style()->name())
{
    m_dark = StatusColors::isDark(m_platformPalette);
}

void Theme::install()
{
    if (m_installed) {
        return;
    }
    m_installed = true;
    QApplication::setWindowIcon(Icons::app());
    applyStored();
}

void Theme::choose(Choice choice)
{
    QSettings().setValue(kSettingsKey, key(choice));
    m_choice = choice;
    apply();
}

void Theme::applyStored()
{
    m_choice = fromKey(QSettings().value(kSettingsKey).toString());
    apply();
}

void Theme::setPlatformPalette(const QPalette &palette)
{
    m_platformPalette = palette;
    if (m_choice == Choice::System) {
        apply();
    }
}

void Theme::apply()
{
    const bool platformDark = StatusColors::isDark(m_platformPalette);
    const bool dark = m_choice == Choice::Dark || (m_choice == Choice::System && platformDark);
    const bool own = m_choice != Choice::System || platformDark;
    if (own) {
        useStyle(u"Fusion"_s);
        QApplication::setPalette(dark ? darkPalette() : lightPalette());
    } else {
        useStyle(m_platformStyle);
        QApplication::setPalette(m_platformPalette);
    }
    m_dark = dark;
    Q_EMIT changed(dark);
}

QString Theme::key(Choice choice)
{
    switch (choice) {
    case Choice::System:
        return u"system"_s;
    case Choice::Light:
        return u"light"_s;
    case Choice::Dark:
        return u"dark"_s;
    }
    return u"system"_s;
}

Theme::Choice Theme::fromKey(const QString &key)
{
    for (const Choice c : {Choice::Light, Choice::Dark}) {
        if (key == Theme::key(c)) {
            return c;
        }
    }
    return Choice::System;
}

QPalette Theme::lightPalette()
{
    QStyle *fusion = QStyleFactory::create(u"Fusion"_s);
    QPalette p = fusion->standardPalette();
    delete fusion;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf3, 0xf4));
    p.setColor(QPalette::Button, QColor(0xf6, 0xf6, 0xf7));
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf7, 0xf9));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xd1));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x0b, 0x5c, 0xad));
    p.setColor(QPalette::PlaceholderText, QColor(0x5f, 0x66, 0x6d));
    // Fusion's own disabled grey all but vanishes on the window.
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, QColor(0x8a, 0x8e, 0x94));
    }
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0xa8, 0xb4, 0xc2));
    return p;
}

QPalette Theme::darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x20, 0x23);
    const QColor text(0xe6, 0xe7, 0xe9);
    const QColor dimmed(0x80, 0x86, 0x8d);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9d, 0xa3, 0xaa));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3d));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x7b, 0x72));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x0e, 0x0f, 0x10));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xbf));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc2, 0x97, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, dimmed);
    }
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3d, 0x40, 0x45));
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0x30, 0x32, 0x36));
    p.setColor(QPalette::Disabled, QPalette::Base, QColor(0x26, 0x28, 0x2b));
    return p;
}

} // namespace herald::ui
