#include "phone/PhoneNormalizer.h"

#include <QCoreApplication>
#include <QLocale>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <string_view>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// E.164 allows 15 digits; anything far beyond is not worth handing to the library.
constexpr int kMaxDigits = 30;
// Quoted inputs are cut so that a pasted paragraph does not become the message.
constexpr qsizetype kMaxQuoted = 40;

const PhoneNumberUtil &util()
{
    return *PhoneNumberUtil::GetInstance();
}

bool isAsciiDigit(char16_t u)
{
    return u >= u'0' && u <= u'9';
}

bool isSpaceLike(QChar c)
{
    // Other_Format covers what copy-paste from web pages and WhatsApp adds invisibly: zero
    // width space, direction marks, byte order mark, soft hyphen.
    switch (c.category()) {
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Format:
        return true;
    default:
        return c.isSpace();
    }
}

bool isLeadingApostrophe(char16_t u)
{
    // Excel users type ' to keep a cell as text; some keyboards and autocorrect make it curly.
    return u == u'\'' || u == u'\u2018' || u == u'\u2019';
}

bool isSeparator(QChar c)
{
    const char16_t u = c.unicode();
    switch (u) {
    case u' ':
    case u'-':
    case u'.':
    case u'(':
    case u')':
    case u'/':
    case u'[':
    case u']':
    case u'\u2212': // minus sign
    case u'\uFF0E': // full-width full stop
    case u'\uFF0F': // full-width solidus
        return true;
    default:
        break;
    }
    if (u < 0x80) {
        return c.isSpace();
    }
    switch (c.category()) {
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
        return true;
    default:
        return isSpaceLike(c);
    }
}

bool isPlus(char16_t u)
{
    return u == u'+' || u == u'\uFF0B';
}

// The text between leading spaces/apostrophe and trailing spaces.
QStringView trimmedCell(QStringView raw)
{
    qsizetype b = 0;
    qsizetype e = raw.size();
    while (b < e && isSpaceLike(raw[b])) {
        ++b;
    }
    if (b < e && isLeadingApostrophe(raw[b].unicode())) {
        ++b;
        while (b < e && isSpaceLike(raw[b])) {
            ++b;
        }
    }
    while (e > b && isSpaceLike(raw[e - 1])) {
        --e;
    }
    return raw.sliced(b, e - b);
}

// What follows a leading "tel:" URI scheme (any case, as URI schemes are), or `cell` itself.
// The number must follow the colon directly: "Tel: 030 1234567" is a label, not a URI.
QStringView afterTelScheme(QStringView cell)
{
    if (cell.size() > 4 && cell.startsWith(u"tel:", Qt::CaseInsensitive) && !isSpaceLike(cell[4])) {
        return cell.sliced(4);
    }
    return cell;
}

qsizetype skipDigits(QStringView s, qsizetype i)
{
    while (i < s.size() && isAsciiDigit(s[i].unicode())) {
        ++i;
    }
    return i;
}

// "4.41E+11", "4,41E+11", "4.41234E+11", "4E11": how Excel shows a long number in a General cell.
bool isScientificNotation(QStringView s)
{
    qsizetype i = skipDigits(s, 0);
    if (i == 0) {
        return false;
    }
    if (i < s.size() && (s[i] == u'.' || s[i] == u',')) {
        const qsizetype f = skipDigits(s, i + 1);
        if (f == i + 1) {
            return false;
        }
        i = f;
    }
    if (i >= s.size() || (s[i] != u'E' && s[i] != u'e')) {
        return false;
    }
    ++i;
    if (i < s.size() && s[i] == u'+') {
        ++i;
    }
    const qsizetype end = skipDigits(s, i);
    return end > i && end == s.size();
}

// "4915123456789.0" or "4915123456789,00": a number column written out with decimals. Phone
// groups written with dots ("030.1234567") have a non-zero part after the dot and stay allowed.
bool isDecimalNumber(QStringView s)
{
    const qsizetype start = (!s.isEmpty() && isPlus(s[0].unicode())) ? 1 : 0;
    const qsizetype i = skipDigits(s, start);
    if (i - start < 6 || i >= s.size() || (s[i] != u'.' && s[i] != u',')) {
        return false;
    }
    qsizetype z = i + 1;
    while (z < s.size() && s[z] == u'0') {
        ++z;
    }
    return z > i + 1 && z == s.size();
}

enum class Scan { Ok, Empty, Letters, BadCharacters, MisplacedPlus };

struct Cleaned
{
    Scan scan = Scan::Ok;
    bool plus = false;
    int digitCount = 0;
    // '+' (when there was one) followed by ASCII digits only: the least work for the library.
    std::string text;
};

Cleaned clean(QStringView cell)
{
    Cleaned c;
    c.text.reserve(20);
    bool sawAnything = false;
    bool sawSeparator = false;
    bool badChar = false;
    bool misplacedPlus = false;
    bool letter = false;
    for (QChar ch : cell) {
        const char16_t u = ch.unicode();
        if (isAsciiDigit(u)) {
            if (++c.digitCount <= kMaxDigits) {
                c.text.push_back(char(u));
            }
            sawAnything = true;
        } else if (isPlus(u)) {
            if (sawAnything) {
                misplacedPlus = true;
            } else {
                c.plus = true;
                c.text.push_back('+');
            }
            sawAnything = true;
        } else if (isSeparator(ch)) {
            sawSeparator = true;
        } else if (ch.isDigit()) {
            // Arabic-Indic, Devanagari, full-width, … digits: users in ID, IN and the Gulf paste them.
            if (++c.digitCount <= kMaxDigits) {
                c.text.push_back(char('0' + ch.digitValue()));
            }
            sawAnything = true;
        } else if (ch.isLetter()) {
            letter = true;
            sawAnything = true;
        } else {
            badChar = true;
            sawAnything = true;
        }
    }
    if (letter) {
        c.scan = Scan::Letters;
    } else if (badChar) {
        c.scan = Scan::BadCharacters;
    } else if (misplacedPlus) {
        c.scan = Scan::MisplacedPlus;
    } else if (!sawAnything && !sawSeparator) {
        c.scan = Scan::Empty;
    }
    return c;
}

PhoneNumberType fromLibrary(PhoneNumberUtil::PhoneNumberType t)
{
    switch (t) {
    case PhoneNumberUtil::FIXED_LINE:
        return PhoneNumberType::FixedLine;
    case PhoneNumberUtil::MOBILE:
        return PhoneNumberType::Mobile;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
        return PhoneNumberType::FixedLineOrMobile;
    case PhoneNumberUtil::TOLL_FREE:
        return PhoneNumberType::TollFree;
    case PhoneNumberUtil::PREMIUM_RATE:
        return PhoneNumberType::PremiumRate;
    case PhoneNumberUtil::SHARED_COST:
        return PhoneNumberType::SharedCost;
    case PhoneNumberUtil::VOIP:
        return PhoneNumberType::Voip;
    case PhoneNumberUtil::PERSONAL_NUMBER:
        return PhoneNumberType::PersonalNumber;
    case PhoneNumberUtil::PAGER:
        return PhoneNumberType::Pager;
    case PhoneNumberUtil::UAN:
        return PhoneNumberType::Uan;
    case PhoneNumberUtil::VOICEMAIL:
        return PhoneNumberType::Voicemail;
    case PhoneNumberUtil::UNKNOWN:
        break;
    }
    return PhoneNumberType::Unknown;
}

QString quoted(QStringView cell)
{
    if (cell.size() > kMaxQuoted) {
        return u"\u201C"_s + cell.first(kMaxQuoted) + u"\u2026\u201D"_s;
    }
    return u"\u201C"_s + cell + u"\u201D"_s;
}

// "Germany (+49)"; "+800" for non-geographic codes; the code itself where Qt has no name for it.
QString countryLabel(int countryCode)
{
    std::string region;
    util().GetRegionCodeForCountryCode(countryCode, &region);
    const QString plusCode = u"+"_s + QString::number(countryCode);
    if (region.size() != 2 || region == "ZZ") {
        return plusCode;
    }
    const QString code = QString::fromLatin1(region.data(), qsizetype(region.size()));
    const QLocale::Territory territory = QLocale::codeToTerritory(code);
    const QString name = territory == QLocale::AnyTerritory ? code : QLocale::territoryToString(territory);
    return name + u" ("_s + plusCode + u')';
}

QString regionLabel(const std::string &region)
{
    const QString code = QString::fromLatin1(region.data(), qsizetype(region.size()));
    const QLocale::Territory territory = QLocale::codeToTerritory(code);
    return territory == QLocale::AnyTerritory ? code
                                              : QLocale::territoryToString(territory) + u" ("_s + code + u')';
}

PhoneNumberResult rejected(PhoneRejectReason reason, QString message)
{
    PhoneNumberResult r;
    r.reason = reason;
    r.message = std::move(message);
    return r;
}

struct Parsed
{
    PhoneNumberUtil::ErrorType error = PhoneNumberUtil::NOT_A_NUMBER;
    PhoneNumberUtil::PhoneNumberType type = PhoneNumberUtil::UNKNOWN;
    PhoneNumber number;

    // IsValidNumber() is GetRegionCodeForNumber() + the type lookup != UNKNOWN, and the type is
    // wanted anyway: asking for the type alone costs one validation instead of two (the single
    // most expensive step after parsing, see bench_phone_validate).
    bool valid() const { return type != PhoneNumberUtil::UNKNOWN; }
};

Parsed parse(const std::string &text, const std::string &region, bool keepSource = false)
{
    Parsed p;
    p.error = keepSource ? util().ParseAndKeepRawInput(text, region, &p.number)
                         : util().Parse(text, region, &p.number);
    if (p.error == PhoneNumberUtil::NO_PARSING_ERROR) {
        p.type = util().GetNumberType(p.number);
    }
    return p;
}

std::string e164Of(const PhoneNumber &number)
{
    std::string out;
    util().Format(number, PhoneNumberUtil::E164, &out);
    return out;
}

} // namespace

PhoneNormalizer::PhoneNormalizer()
    : PhoneNormalizer(Options{})
{}

PhoneNormalizer::PhoneNormalizer(const Options &options)
    : m_options(options)
{
    const QString region = options.defaultRegion.trimmed().toUpper();
    m_options.defaultRegion = region;
    m_region = region.toStdString();
    if (!m_region.empty() && util().GetCountryCodeForRegion(m_region) == 0) {
        // The library would read national numbers in an unknown region as "no country code"
        // anyway; an empty region makes that explicit and keeps "ZZ" from meaning anything.
        m_region.clear();
    }
}

PhoneNumberResult PhoneNormalizer::normalize(QStringView raw) const
{
    const QStringView cell = trimmedCell(raw);
    // RFC 3966, one of libphonenumber's formats: "tel:+49-30-1234567" is that number. Messages
    // quote the whole cell; everything else reads what follows the scheme.
    const QStringView number = afterTelScheme(cell);
    if (number.size() != cell.size() && number.contains(u';')) {
        return rejected(PhoneRejectReason::ContainsLetters,
                        tr("%1 is a tel: link with parameters after its number (an extension such as "
                           ";ext=12, a phone-context, …): only the number itself can receive WhatsApp "
                           "messages, so write it without them")
                            .arg(quoted(cell)));
    }
    const Cleaned c = clean(number);

    // Before the scan verdict: "…,0" is a bad character and "….0" a separator to it, and the
    // latter must not silently gain a trailing 0.
    if (isDecimalNumber(number)) {
        return rejected(PhoneRejectReason::DecimalNumber,
                        tr("%1 has decimal places: the phone number was stored as a number rather than as "
                           "text, so a leading 0 or + may have been lost. Format the phone column as Text "
                           "(or export the file again from its original source), then import it again")
                            .arg(quoted(cell)));
    }

    switch (c.scan) {
    case Scan::Empty:
        return rejected(PhoneRejectReason::Empty, tr("the phone number is empty"));
    case Scan::Letters:
        if (isScientificNotation(number)) {
            return rejected(
                PhoneRejectReason::ScientificNotation,
                tr("%1 is in scientific notation: the spreadsheet stored the phone number as a number and "
                   "shows it rounded, so its last digits are lost and cannot be recovered. Format the phone "
                   "column as Text before pasting or importing the numbers (or export the file again from "
                   "its original source), then import it again")
                    .arg(quoted(cell)));
        }
        return rejected(PhoneRejectReason::ContainsLetters,
                        tr("%1 contains letters: a phone number may hold only digits, a leading + and "
                           "separators such as spaces, dashes, dots and parentheses (extensions, "
                           "labels and vanity numbers cannot receive WhatsApp messages)")
                            .arg(quoted(cell)));
    case Scan::BadCharacters:
        return rejected(PhoneRejectReason::InvalidCharacters,
                        tr("%1 contains characters that do not belong in a phone number: only digits, a "
                           "leading + and spaces, dashes, dots, slashes and parentheses are allowed")
                            .arg(quoted(cell)));
    case Scan::MisplacedPlus:
        return rejected(PhoneRejectReason::InvalidCharacters,
                        tr("%1 has a + that is not at the start: + may only stand before the country code, "
                           "and a cell may hold only one number")
                            .arg(quoted(cell)));
    case Scan::Ok:
        break;
    }

    if (c.digitCount == 0) {
        return rejected(PhoneRejectReason::NotANumber, tr("%1 has no digits").arg(quoted(cell)));
    }
    if (c.digitCount > kMaxDigits) {
        return rejected(PhoneRejectReason::TooLong,
                        tr("%1 has %2 digits, far more than any phone number (at most 15)")
                            .arg(quoted(cell))
                            .arg(c.digitCount));
    }

    const bool doubleZero = !c.plus && c.text.size() >= 2 && c.text[0] == '0' && c.text[1] == '0';
    const bool international = c.plus || doubleZero;
    const int digitsAfterPrefix = c.digitCount - (doubleZero ? 2 : 0);
    if (international && digitsAfterPrefix <= 2) {
        return rejected(PhoneRejectReason::TooShortAfterIdd,
                        tr("%1 ends right after the international prefix (+ or 00) and country code: the "
                           "number itself is missing")
                            .arg(quoted(cell)));
    }

    Parsed p;
    if (doubleZero) {
        const std::string_view afterPrefix = std::string_view(c.text).substr(2);
        bool settled = false;
        if (!m_region.empty()) {
            // Read the region's way first. When its international prefix is just "00" (most of
            // the world), the country code and number it finds are exactly the digits after
            // 00, which is the + reading too, and one parse is enough.
            p = parse(c.text, m_region, true);
            if (p.error == PhoneNumberUtil::NO_PARSING_ERROR &&
                p.number.country_code_source() == PhoneNumber::FROM_NUMBER_WITH_IDD &&
                e164Of(p.number).substr(1) == afterPrefix) {
                settled = true;
            }
        }
        if (!settled) {
            Parsed asPlus = parse('+' + std::string(afterPrefix), std::string());
            if (m_region.empty() || asPlus.valid() || !p.valid()) {
                if (asPlus.valid() && p.valid()) {
                    const std::string a = e164Of(asPlus.number);
                    const std::string b = e164Of(p.number);
                    if (a != b) {
                        return rejected(
                            PhoneRejectReason::AmbiguousInternationalPrefix,
                            tr("%1 can be read two ways: with 00 as the international prefix it is %2, with "
                               "the international dialling prefix of %3 it is %4; write it with + instead "
                               "of the prefix to say which one is meant")
                                .arg(quoted(cell), QString::fromLatin1(a.data(), qsizetype(a.size())),
                                     regionLabel(m_region),
                                     QString::fromLatin1(b.data(), qsizetype(b.size()))));
                    }
                }
                p = std::move(asPlus);
            }
            // Otherwise only the region's own reading is valid (Australia's "0011 49 …").
        }
    } else {
        p = parse(c.text, m_region);
    }

    switch (p.error) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        if (!international) {
            if (m_options.defaultRegion.isEmpty()) {
                return rejected(PhoneRejectReason::MissingCountryCode,
                                tr("%1 has no country code and no default region is set: write it in "
                                   "international form, with + or 00 and the country code (+49 30 1234567 "
                                   "or 0049 30 1234567), or choose the region its national numbers belong to")
                                    .arg(quoted(cell)));
            }
            return rejected(PhoneRejectReason::MissingCountryCode,
                            tr("%1 has no country code, and the default region %2 is not a region code "
                               "libphonenumber knows, so it cannot be read as a national number")
                                .arg(quoted(cell), m_options.defaultRegion));
        }
        return rejected(
            PhoneRejectReason::InvalidCountryCode,
            tr("%1 does not start with a country calling code in use after its + or 00").arg(quoted(cell)));
    case PhoneNumberUtil::NOT_A_NUMBER:
        return rejected(PhoneRejectReason::NotANumber,
                        tr("%1 has too few digits to be a phone number").arg(quoted(cell)));
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
        return rejected(PhoneRejectReason::TooShortAfterIdd,
                        tr("%1 ends right after the international prefix: the country code and number "
                           "are missing")
                            .arg(quoted(cell)));
    case PhoneNumberUtil::TOO_SHORT_NSN:
        return rejected(PhoneRejectReason::TooShort,
                        tr("%1 is too short to be a phone number").arg(quoted(cell)));
    case PhoneNumberUtil::TOO_LONG_NSN:
        return rejected(PhoneRejectReason::TooLong,
                        tr("%1 is too long to be a phone number").arg(quoted(cell)));
    }

    const int countryCode = p.number.country_code();
    if (!p.valid()) {
        const QString where = countryLabel(countryCode);
        PhoneNumberResult r;
        switch (util().IsPossibleNumberWithReason(p.number)) {
        case PhoneNumberUtil::INVALID_COUNTRY_CODE:
            r = rejected(PhoneRejectReason::InvalidCountryCode,
                         tr("%1 does not start with a country calling code in use (+%2)")
                             .arg(quoted(cell))
                             .arg(countryCode));
            break;
        case PhoneNumberUtil::TOO_SHORT:
            r = rejected(PhoneRejectReason::TooShort,
                         tr("%1 is too short for a phone number of %2").arg(quoted(cell), where));
            break;
        case PhoneNumberUtil::TOO_LONG:
            r = rejected(PhoneRejectReason::TooLong,
                         tr("%1 is too long for a phone number of %2").arg(quoted(cell), where));
            break;
        case PhoneNumberUtil::INVALID_LENGTH:
            r = rejected(PhoneRejectReason::InvalidLength,
                         tr("%1 has a length that phone numbers of %2 never have").arg(quoted(cell), where));
            break;
        case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
            r = rejected(
                PhoneRejectReason::LocalNumberOnly,
                tr("%1 is only a local number of %2: the area code is missing").arg(quoted(cell), where));
            break;
        case PhoneNumberUtil::IS_POSSIBLE:
            r = rejected(PhoneRejectReason::InvalidNumber,
                         tr("%1 is not a valid number for %2: its length is possible, but no number there "
                            "starts like this (unknown area code or mobile prefix)")
                             .arg(quoted(cell), where));
            break;
        }
        if (!international) {
            // Only a hint: a national number that would be valid with + in front is most likely
            // an international one whose + got lost, but which one the user meant is theirs to say.
            std::string asPlus = '+' + c.text;
            const Parsed alt = parse(asPlus, std::string());
            if (alt.valid()) {
                const std::string e = e164Of(alt.number);
                r.message +=
                    u"; "_s + tr("if it is an international number, it lacks its + or 00: %1 would be valid")
                                  .arg(QString::fromLatin1(e.data(), qsizetype(e.size())));
            }
        }
        return r;
    }

    PhoneNumberResult r;
    const std::string e164 = e164Of(p.number);
    r.e164 = QString::fromLatin1(e164.data(), qsizetype(e164.size()));
    r.digits = r.e164.sliced(1);
    r.type = fromLibrary(p.type);
    if (m_options.withRegion) {
        std::string region;
        util().GetRegionCodeForNumber(p.number, &region);
        r.region = QString::fromLatin1(region.data(), qsizetype(region.size()));
    }
    r.countryCode = countryCode;

    if (m_options.mobileOnly && !canBeMobile(r.type)) {
        r.reason = PhoneRejectReason::NotMobile;
        r.message = tr("%1 (%2) is %3, not a mobile number, and only mobile numbers are accepted")
                        .arg(quoted(cell), r.e164, typeDescription(r.type));
        return r;
    }
    r.ok = true;
    return r;
}

RegionCodeCheck PhoneNormalizer::checkRegionCode(QStringView input)
{
    RegionCodeCheck check;
    const QStringView text = input.trimmed();
    const QString shown = quoted(text);
    if (text.isEmpty()) {
        check.message = tr("The region is empty. %1").arg(regionCodeHelp());
        return check;
    }

    bool allDigits = true;
    const QStringView digits = isPlus(text[0].unicode()) ? text.sliced(1) : text;
    for (QChar ch : digits) {
        allDigits = allDigits && isAsciiDigit(ch.unicode());
    }
    if (allDigits && !digits.isEmpty() && digits.size() <= 3) {
        std::string region;
        util().GetRegionCodeForCountryCode(digits.toInt(), &region);
        if (region.size() == 2 && region != "ZZ") {
            check.message =
                tr("%1 is a country calling code, not a region; for +%2 write %3. %4")
                    .arg(shown, digits.toString(), QString::fromLatin1(region.c_str()), regionCodeHelp());
        } else {
            check.message = tr("%1 is a number, not a region. %2").arg(shown, regionCodeHelp());
        }
        return check;
    }

    const bool twoLetters = text.size() == 2 && text[0].isLetter() && text[1].isLetter() &&
                            text[0].unicode() < 0x80 && text[1].unicode() < 0x80;
    if (!twoLetters) {
        check.message = tr("%1 is not a two-letter region code. %2").arg(shown, regionCodeHelp());
        return check;
    }
    const QString upper = text.toString().toUpper();
    if (upper == u"UK"_s) {
        check.message =
            tr("%1 is not an ISO 3166 code; the United Kingdom is GB. %2").arg(shown, regionCodeHelp());
        return check;
    }
    if (util().GetCountryCodeForRegion(upper.toStdString()) == 0) {
        check.message = tr("%1 is not a region code libphonenumber has numbering data for. %2")
                            .arg(shown, regionCodeHelp());
        return check;
    }
    check.ok = true;
    check.region = upper;
    return check;
}

QString PhoneNormalizer::regionCodeHelp()
{
    return tr(
        "Write the region as its two-letter ISO 3166-1 country code, for example DE (Germany), GB "
        "(United Kingdom), US, BR, IN, ID, MX or ES; upper or lower case. It is the country assumed for "
        "numbers written without + or 00 and a country code.");
}

bool PhoneNormalizer::canBeMobile(PhoneNumberType type)
{
    return type == PhoneNumberType::Mobile || type == PhoneNumberType::FixedLineOrMobile;
}

QLatin1StringView PhoneNormalizer::typeName(PhoneNumberType type)
{
    switch (type) {
    case PhoneNumberType::Unknown:
        break;
    case PhoneNumberType::FixedLine:
        return "fixed_line"_L1;
    case PhoneNumberType::Mobile:
        return "mobile"_L1;
    case PhoneNumberType::FixedLineOrMobile:
        return "fixed_line_or_mobile"_L1;
    case PhoneNumberType::TollFree:
        return "toll_free"_L1;
    case PhoneNumberType::PremiumRate:
        return "premium_rate"_L1;
    case PhoneNumberType::SharedCost:
        return "shared_cost"_L1;
    case PhoneNumberType::Voip:
        return "voip"_L1;
    case PhoneNumberType::PersonalNumber:
        return "personal_number"_L1;
    case PhoneNumberType::Pager:
        return "pager"_L1;
    case PhoneNumberType::Uan:
        return "uan"_L1;
    case PhoneNumberType::Voicemail:
        return "voicemail"_L1;
    }
    return "unknown"_L1;
}

QLatin1StringView PhoneNormalizer::reasonName(PhoneRejectReason reason)
{
    switch (reason) {
    case PhoneRejectReason::None:
        break;
    case PhoneRejectReason::Empty:
        return "empty"_L1;
    case PhoneRejectReason::ScientificNotation:
        return "scientific_notation"_L1;
    case PhoneRejectReason::DecimalNumber:
        return "decimal_number"_L1;
    case PhoneRejectReason::ContainsLetters:
        return "contains_letters"_L1;
    case PhoneRejectReason::InvalidCharacters:
        return "invalid_characters"_L1;
    case PhoneRejectReason::NotANumber:
        return "not_a_number"_L1;
    case PhoneRejectReason::MissingCountryCode:
        return "missing_country_code"_L1;
    case PhoneRejectReason::InvalidCountryCode:
        return "invalid_country_code"_L1;
    case PhoneRejectReason::TooShortAfterIdd:
        return "too_short_after_idd"_L1;
    case PhoneRejectReason::TooShort:
        return "too_short"_L1;
    case PhoneRejectReason::TooLong:
        return "too_long"_L1;
    case PhoneRejectReason::InvalidLength:
        return "invalid_length"_L1;
    case PhoneRejectReason::LocalNumberOnly:
        return "local_number_only"_L1;
    case PhoneRejectReason::InvalidNumber:
        return "invalid_number"_L1;
    case PhoneRejectReason::AmbiguousInternationalPrefix:
        return "ambiguous_international_prefix"_L1;
    case PhoneRejectReason::NotMobile:
        return "not_mobile"_L1;
    }
    return "none"_L1;
}

QString PhoneNormalizer::typeDescription(PhoneNumberType type)
{
    switch (type) {
    case PhoneNumberType::Unknown:
        break;
    case PhoneNumberType::FixedLine:
        return tr("a fixed-line number");
    case PhoneNumberType::Mobile:
        return tr("a mobile number");
    case PhoneNumberType::FixedLineOrMobile:
        return tr("a fixed-line or mobile number");
    case PhoneNumberType::TollFree:
        return tr("a toll-free number");
    case PhoneNumberType::PremiumRate:
        return tr("a premium-rate number");
    case PhoneNumberType::SharedCost:
        return tr("a shared-cost number");
    case PhoneNumberType::Voip:
        return tr("a VoIP number");
    case PhoneNumberType::PersonalNumber:
        return tr("a personal number");
    case PhoneNumberType::Pager:
        return tr("a pager number");
    case PhoneNumberType::Uan:
        return tr("a company (UAN) number");
    case PhoneNumberType::Voicemail:
        return tr("a voicemail number");
    }
    return tr("a number of unknown type");
}

} // namespace herald
