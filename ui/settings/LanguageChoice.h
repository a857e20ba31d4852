#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace herald::ui {

// The console's language, per user (QSettings "ui/language"): empty follows the system, else a
// language code. English is built in; a translation is offered once its .qm file is compiled
// into the program (qt_add_translations puts them under :/i18n). Takes effect on restart.
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
};

} // namespace herald::ui
