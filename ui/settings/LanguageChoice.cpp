#include "settings/LanguageChoice.h"

#include "i18n/Translations.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace herald::ui {

QList<LanguageChoice::Option> LanguageChoice::available()
{
    QList<Option> options{{QString(), tr("System default")}, {u"en"_s, u"English"_s}};
    for (const QString &code : Translations::compiledCodes()) {
        const QLocale locale(code);
        const QString name = locale.nativeLanguageName();
        options.append({code, name.isEmpty() ? code : name.left(1).toUpper() + name.mid(1)});
    }
    return options;
}

QString LanguageChoice::stored()
{
    return QSettings().value(Key).toString();
}

void LanguageChoice::store(const QString &code)
{
    QSettings settings;
    if (code.isEmpty()) {
        settings.remove(Key);
    } else {
        settings.setValue(Key, code);
    }
}

QString LanguageChoice::resolve(const QString &code, const QLocale &system)
{
    return Translations::resolve(code, system);
}

QString LanguageChoice::install(QCoreApplication &app, const QLocale &system)
{
    return Translations::install(app, stored(), system);
}

} // namespace herald::ui
