#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace herald {

// Herald's compiled translations (herald_<code>.qm under :/i18n, from the herald_translations
// library that the console and herald-cli both link) and how a program picks one. No Gui: the
// console's LanguageChoice adds the stored choice and the Settings list on top, herald-cli
// follows the system (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as QLocale::system() reads them).
class Translations
{
public:
    static inline const QString ResourceDir = QStringLiteral(":/i18n");

    // Whether herald_<code>.qm is compiled in.
    static bool compiledIn(const QString &code);
    // The codes of the compiled-in translations, English (plural forms only) left out.
    static QStringList compiledCodes();

    // The code of the translation to show for `code` ("" = the system's language as `system`
    // names it): a compiled-in one, else "" (English, the built-in texts).
    static QString resolve(const QString &code, const QLocale &system = QLocale::system());

    enum class Formats {
        FollowLanguage, // numbers and dates in the language shown (the console)
        KeepSystem,     // QLocale's default untouched (herald-cli: what scripts read stays put)
    };

    // Loads the translation `resolve(code, system)` names into `app`: Herald's texts and, when
    // Qt's own catalogue for it is installed, Qt's; for English the plural forms of the source
    // texts. Returns the code installed, "" for English. Calling it again replaces what it
    // installed before.
    static QString install(QCoreApplication &app, const QString &code, const QLocale &system,
                           Formats formats = Formats::FollowLanguage);
};

} // namespace herald
