#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

namespace herald::ui {

// Light or dark, as the user chose in View › Theme and stored in QSettings. Qt 6.4 cannot ask
// the platform for its colour scheme (QStyleHints::colorScheme is 6.5), so System reads the
// palette the platform gives: a dark window colour means dark. Light and Dark are Herald's own
// palettes on the Fusion style; a dark System gets the same dark palette, so that everything
// (charts, status colours, icons) is drawn from one known set of colours. A light System keeps
// the platform's style and palette.
class Theme : public QObject
{
    Q_OBJECT

public:
    enum class Choice { System, Light, Dark };

    // The application's theme. Created on first use, remembering the platform's palette and
    // style as they are before Herald changes them.
    static Theme &instance();

    explicit Theme(QObject *parent = nullptr);

    // Once: applies the stored choice and gives every window the application icon.
    void install();

    Choice choice() const { return m_choice; }
    // Applies `choice` at once and stores it.
    void choose(Choice choice);
    // Applies the stored choice (System when nothing is stored).
    void applyStored();
    bool isDark() const { return m_dark; }

    // What the platform offers, for System. Tests give a dark one; the platform's own is
    // remembered at construction.
    void setPlatformPalette(const QPalette &palette);
    QPalette platformPalette() const { return m_platformPalette; }

    static QPalette lightPalette();
    static QPalette darkPalette();
    static QString key(Choice choice);
    static Choice fromKey(const QString &key);

Q_SIGNALS:
    void changed(bool dark);

private:
    void apply();

    QPalette m_platformPalette;
    QString m_platformStyle;
    Choice m_choice = Choice::System;
    bool m_dark = false;
    bool m_installed = false;
};

} // namespace herald::ui
