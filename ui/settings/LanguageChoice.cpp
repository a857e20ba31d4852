#include "settings/LanguageChoice.h"

#include <QDir>
#include <QLocale>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace herald::ui {

QList<LanguageChoice::Option> LanguageChoice::available()
{
    QList<Option> options{{QString(), tr("System default")}, {u"en"_s, u"English"_s}};
    const QStringList files = QDir(u":/i18n"_s).entryList({u"herald_*.qm"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString code = file.mid(7, file.size() - 7 - 3); // herald_<code>.qm
        if (code.isEmpty() || code.startsWith("en"_L1)) {
            continue;
        }
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

} // namespace herald::ui
