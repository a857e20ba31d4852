#pragma once

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QString>

namespace herald::ui {

// The console's language, per user (QSettings "ui/language"): empty follows the system, else a
// language code. English is built in; a translation is offered once its .qm file is compiled
// into the program (core/i18n's herald_translations puts them under :/i18n; Translations finds
// and loads them). Takes effect on restart: install() runs once at start-up, before any window
// exists.
class LanguageChoice
{
    Q_DECLARE_TR_FUNCTIONS(LanguageChoice)

public:
    static inline const QString Key = QStringLiteral("ui/language");

    struct Option
    {
        QString code; // "" = the system's language
        QString label;
    };
    static QList<Option> available();
    static QString stored();
    static void store(const QString &code);

    // The code of the translation the console shows for `code` ("" = the system's language as
    // `system` names it): a compiled-in one, else "" (English).
    static QString resolve(const QString &code, const QLocale &system = QLocale::system());

    // Loads the stored (or the system's) language into `app`: Herald's texts and, when Qt's own
    // catalogue for it is installed, Qt's (standard buttons, context menus); numbers and dates
    // are then formatted for that language. Returns the code installed, "" for English. Calling
    // it again replaces what it installed before.
    static QString install(QCoreApplication &app, const QLocale &system = QLocale::system());
};

} // namespace herald::ui
