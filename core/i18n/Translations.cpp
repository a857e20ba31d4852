#include "i18n/Translations.h"

#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

// Herald's catalogue. A few core files translate through a local tr() helper with the bare class
// name ("Database") while lupdate files those texts under the class it sees the call in
// ("herald::Database") or, in free functions, under "herald"; a miss in a bare context looks
// there too, so those texts are translated without changing how core names its contexts.
class HeraldTranslator : public QTranslator
{
public:
    using QTranslator::QTranslator;

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        QString text = QTranslator::translate(context, sourceText, disambiguation, n);
        if (!text.isEmpty() || context == nullptr || QByteArrayView(context).contains("::")) {
            return text;
        }
        const QByteArray bare(context);
        // PhoneNumberCheck.cpp's helper sits inside PhoneNumberHealth's member functions.
        const QByteArray qualified =
            bare == "PhoneNumberCheck" ? "herald::PhoneNumberHealth"_ba : "herald::"_ba + bare;
        text = QTranslator::translate(qualified.constData(), sourceText, disambiguation, n);
        if (text.isEmpty()) {
            text = QTranslator::translate("herald", sourceText, disambiguation, n);
        }
        return text;
    }
};

// What install() put into the application, removed when it runs again.
QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> list;
    return list;
}

} // namespace

bool Translations::compiledIn(const QString &code)
{
    return !code.isEmpty() && QFile::exists(ResourceDir + u"/herald_"_s + code + u".qm"_s);
}

QStringList Translations::compiledCodes()
{
    QStringList codes;
    const QStringList files = QDir(ResourceDir).entryList({u"herald_*.qm"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString code = file.mid(7, file.size() - 7 - 3); // herald_<code>.qm
        if (!code.isEmpty() && !code.startsWith("en"_L1)) {
            codes << code;
        }
    }
    return codes;
}

QString Translations::resolve(const QString &code, const QLocale &system)
{
    if (!code.isEmpty()) {
        // A stored choice whose translation is gone (an older build) falls back to English;
        // English is the built-in texts (herald_en holds only their plural forms).
        return compiledIn(code) && !code.startsWith("en"_L1) ? code : QString();
    }
    // The system's preferred languages in order ("de-CH" → "de_CH", then "de"); English, or
    // none we have, means the built-in texts.
    for (const QString &name : system.uiLanguages()) {
        QString candidate = name;
        candidate.replace(u'-', u'_');
        if (candidate.startsWith("en"_L1)) {
            return QString();
        }
        if (compiledIn(candidate)) {
            return candidate;
        }
        const QString language = candidate.section(u'_', 0, 0);
        if (compiledIn(language)) {
            return language;
        }
    }
    return QString();
}

QString Translations::install(QCoreApplication &app, const QString &choice, const QLocale &system,
                              Formats formats)
{
    for (const QPointer<QTranslator> &t : std::as_const(installed())) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    installed().clear();

    // Numbers and dates follow the language shown ("1.234", "3. Nov."), unless the user's own
    // locale already speaks it (de_AT keeps its formats under German).
    static const QLocale original;
    const QString code = resolve(choice, system);
    if (formats == Formats::FollowLanguage) {
        const QLocale language(code);
        QLocale::setDefault(code.isEmpty() || original.language() == language.language() ? original
                                                                                         : language);
    }
    if (code.isEmpty()) {
        // The source texts are English, but "%n recipient(s)" needs its two English forms.
        auto *plurals = new HeraldTranslator(&app);
        if (plurals->load(u"herald_en"_s, ResourceDir)) {
            QCoreApplication::installTranslator(plurals);
            installed().append(plurals);
        } else {
            delete plurals;
        }
        return QString();
    }
    auto *herald = new HeraldTranslator(&app);
    if (!herald->load(u"herald_"_s + code, ResourceDir)) {
        delete herald;
        return QString();
    }
    QCoreApplication::installTranslator(herald);
    installed().append(herald);

    // Qt's own texts (buttons of standard dialogs, line-edit menus, QCommandLineParser's
    // errors) come from the Qt installation; Debian ships them in qt6-translations-l10n, often
    // not installed. Without them those few texts stay English.
    auto *qt = new QTranslator(&app);
    if (qt->load(u"qtbase_"_s + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed().append(qt);
    } else {
        delete qt;
    }
    return code;
}

} // namespace herald
