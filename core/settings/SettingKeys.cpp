#include "settings/SettingKeys.h"

#include "cloudapi/ApiSettings.h"
#include "db/AppSettings.h"
#include "phone/PhoneNormalizer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

bool isDigits(const QString &s)
{
    return !s.isEmpty() && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

QString checkWholeNumber(const QString &key, const QString &value, qint64 min, qint64 max, const char *unit)
{
    bool ok = false;
    const qint64 n = value.trimmed().toLongLong(&ok);
    if (ok && n >= min && n <= max) {
        return {};
    }
    return SettingKeys::tr("%1 must be a whole number from %2 to %3 (%4).")
        .arg(key)
        .arg(min)
        .arg(max)
        .arg(SettingKeys::tr(unit));
}

} // namespace

QString SettingKeys::Spec::meaningText() const
{
    return QCoreApplication::translate("SettingKeys", meaning);
}

const QList<SettingKeys::Spec> &SettingKeys::all()
{
    static const QList<Spec> specs = {
        {ApiBase, ApiSettings::defaultBaseUrl(), QT_TRANSLATE_NOOP("SettingKeys", "Graph API base URL")},
        {ApiVersion, ApiSettings::defaultApiVersion(), QT_TRANSLATE_NOOP("SettingKeys", "Graph API version")},
        {PhoneNumberId, {}, QT_TRANSLATE_NOOP("SettingKeys", "WhatsApp Business phone number ID")},
        {WabaId, {}, QT_TRANSLATE_NOOP("SettingKeys", "WhatsApp Business Account ID")},
        {RequestTimeoutMs, QString::number(ApiSettings::DefaultRequestTimeout.count()),
         QT_TRANSLATE_NOOP("SettingKeys", "Milliseconds to wait for each API request")},
        {CaFile,
         {},
         QT_TRANSLATE_NOOP(
             "SettingKeys",
             "A certificate authority to trust beside the system's (a TLS-inspecting proxy's)")},
        {RateCeiling, u"80"_s,
         QT_TRANSLATE_NOOP("SettingKeys",
                           "Messages per second at most for the phone number, all campaigns together "
                           "(Meta: 80, up to 1,000 for upgraded numbers)")},
        {Concurrency, u"0"_s,
         QT_TRANSLATE_NOOP("SettingKeys", "Requests in flight at most; 0 chooses by the rate")},
        {RetryNoResponse, u"false"_s,
         QT_TRANSLATE_NOOP("SettingKeys",
                           "Retry messages whose request got no answer (Meta may have accepted them)")},
        {ImportRegion,
         {},
         QT_TRANSLATE_NOOP("SettingKeys", "Country assumed for numbers written without a country code")},
        {RetentionDays, u"0"_s,
         QT_TRANSLATE_NOOP("SettingKeys",
                           "Days to keep the recipient details of finished campaigns; 0 keeps them forever")},
        // STOP and its equivalents in the console's languages, and Meta's own "Stop promotions" button.
        {OptOutKeywords,
         u"STOP, STOP PROMOTIONS, UNSUBSCRIBE, CANCEL, END, QUIT, STOPP, ABMELDEN, ABBESTELLEN, BAJA, "
         "PARAR, CANCELAR, SAIR, BERHENTI"_s,
         QT_TRANSLATE_NOOP("SettingKeys",
                           "Replies that put their sender on the opt-out list (comma-separated, any case)")},
    };
    return specs;
}

QStringList SettingKeys::keys()
{
    QStringList out;
    for (const Spec &s : all()) {
        out << s.key;
    }
    return out;
}

const SettingKeys::Spec *SettingKeys::find(const QString &key)
{
    const auto &specs = all();
    const auto it = std::find_if(specs.cbegin(), specs.cend(), [&](const Spec &s) { return s.key == key; });
    return it == specs.cend() ? nullptr : &*it;
}

QString SettingKeys::check(const QString &key, const QString &rawValue)
{
    const QString value = rawValue.trimmed();
    if (key == ApiBase) {
        return ApiSettings::checkBaseUrl(value);
    }
    if (key == ApiVersion) {
        // The same rule ApiSettings::validate applies, checked without the other settings.
        ApiSettings probe;
        probe.setApiVersion(value);
        probe.setPhoneNumberId(u"1"_s);
        probe.setAccessToken(u"probe"_s);
        return probe.validate();
    }
    if (key == PhoneNumberId || key == WabaId) {
        return isDigits(value) ? QString()
                               : tr("%1 must be the numeric ID shown in Meta's WhatsApp Manager.").arg(key);
    }
    if (key == RequestTimeoutMs) {
        return checkWholeNumber(key, value, 1000, 600000, QT_TRANSLATE_NOOP("SettingKeys", "milliseconds"));
    }
    if (key == CaFile) {
        return value.isEmpty() ? QString() : ApiSettings::checkCaFile(value);
    }
    if (key == RateCeiling) {
        return checkWholeNumber(key, value, 1, 1000, QT_TRANSLATE_NOOP("SettingKeys", "messages per second"));
    }
    if (key == Concurrency) {
        return checkWholeNumber(key, value, 0, 2000,
                                QT_TRANSLATE_NOOP("SettingKeys", "requests; 0 is automatic"));
    }
    if (key == RetryNoResponse) {
        return value == "true"_L1 || value == "false"_L1 ? QString()
                                                         : tr("%1 must be true or false.").arg(key);
    }
    if (key == ImportRegion) {
        if (value.isEmpty()) {
            return {};
        }
        const RegionCodeCheck region = PhoneNormalizer::checkRegionCode(value);
        return region.ok ? QString() : region.message;
    }
    if (key == RetentionDays) {
        return checkWholeNumber(key, value, 0, 36500,
                                QT_TRANSLATE_NOOP("SettingKeys", "days; 0 keeps forever"));
    }
    if (key == OptOutKeywords) {
        const QStringList words = value.split(u',', Qt::SkipEmptyParts);
        const bool blank =
            std::any_of(words.cbegin(), words.cend(), [](const QString &w) { return w.trimmed().isEmpty(); });
        return !words.isEmpty() && !blank && value.size() <= 4000
                   ? QString()
                   : tr("%1 must be a comma-separated list of words, such as STOP, UNSUBSCRIBE.").arg(key);
    }
    for (const auto prefix : {"api."_L1, "send."_L1, "import."_L1, "privacy."_L1, "webhooks."_L1}) {
        if (key.startsWith(prefix)) {
            return tr("\"%1\" is not a setting Herald knows; known: %2.").arg(key, keys().join(u", "_s));
        }
    }
    return {};
}

namespace {
QString stored(const AppSettings &settings, const QString &key, QString *problem)
{
    const QString value = settings.value(key, QString()).trimmed();
    if (value.isEmpty()) {
        return SettingKeys::find(key) ? SettingKeys::find(key)->defaultValue : QString();
    }
    if (const QString why = SettingKeys::check(key, value); !why.isEmpty()) {
        if (problem && problem->isEmpty()) {
            *problem = SettingKeys::tr("The stored setting %1 cannot be used: %2").arg(key, why);
        }
        return SettingKeys::find(key) ? SettingKeys::find(key)->defaultValue : QString();
    }
    return value;
}
} // namespace

double SettingKeys::rateCeiling(const AppSettings &settings, QString *problem)
{
    return stored(settings, RateCeiling, problem).toDouble();
}

int SettingKeys::concurrency(const AppSettings &settings, QString *problem)
{
    return stored(settings, Concurrency, problem).toInt();
}

bool SettingKeys::retryNoResponse(const AppSettings &settings)
{
    return stored(settings, RetryNoResponse, nullptr) == "true"_L1;
}

int SettingKeys::retentionDays(const AppSettings &settings, QString *problem)
{
    return stored(settings, RetentionDays, problem).toInt();
}

ApiSettings SettingKeys::apiSettings(const AppSettings &settings, QString *problem)
{
    ApiSettings api;
    api.setBaseUrl(stored(settings, ApiBase, problem));
    api.setApiVersion(stored(settings, ApiVersion, problem));
    api.setPhoneNumberId(stored(settings, PhoneNumberId, problem));
    api.setWabaId(stored(settings, WabaId, problem));
    api.setRequestTimeout(
        std::chrono::milliseconds(stored(settings, RequestTimeoutMs, problem).toLongLong()));
    api.setCaFile(stored(settings, CaFile, problem));
    return api;
}

QStringList SettingKeys::optOutKeywords(const AppSettings &settings, QString *problem)
{
    QStringList words;
    for (const QString &w : stored(settings, OptOutKeywords, problem).split(u',', Qt::SkipEmptyParts)) {
        words << w.simplified().toCaseFolded();
    }
    return words;
}

} // namespace herald
