#pragma once

#include <QCoreApplication>
#include <QLatin1StringView>
#include <QString>
#include <QStringView>

#include <string>

namespace herald {

// Mirrors libphonenumber's PhoneNumberType so that callers never include its headers.
enum class PhoneNumberType {
    Unknown,
    FixedLine,
    Mobile,
    FixedLineOrMobile, // US, CA, MX, …: the number itself does not tell
    TollFree,
    PremiumRate,
    SharedCost,
    Voip,
    PersonalNumber,
    Pager,
    Uan,
    Voicemail,
};

enum class PhoneRejectReason {
    None,
    Empty,              // nothing but spaces or a lone apostrophe
    ScientificNotation, // "4.41E+11": the spreadsheet kept only the first digits
    DecimalNumber,      // "4915123456789.0": stored as a number with decimals; digits are uncertain
    ContainsLetters,    // "ext. 12", labels ("Tel: …"), a tel: URI's ";ext=12" and other parameters,
                        // vanity numbers such as "1-800-FLOWERS"
    InvalidCharacters,  // symbols other than the usual separators, or a '+' not at the start
    NotANumber,         // no digits, or too few to be any number
    MissingCountryCode, // written nationally but there is no default region to read it in
    InvalidCountryCode,
    TooShortAfterIdd, // "+49", "0049", "011 4": the international prefix with nothing useful after it
    TooShort,
    TooLong,
    InvalidLength,   // between the shortest and longest numbers of the country but no length it uses
    LocalNumberOnly, // only dialable inside an area: the area code is missing
    InvalidNumber,   // the length is possible, but no such area code, mobile prefix or range exists
    AmbiguousInternationalPrefix, // "00…" means different valid numbers as IDD of the region and as +
    NotMobile,                    // valid, but cannot be a mobile number and mobileOnly is set
};

struct PhoneNumberResult
{
    bool ok = false;
    // Filled when ok, and also for NotMobile rejections (the number is valid, only filtered out).
    QString e164;   // "+4915123456789"
    QString digits; // "4915123456789": the Cloud API's "to" field
    PhoneNumberType type = PhoneNumberType::Unknown;
    // "DE"; "001" for non-geographic numbers such as +800; "GG" for Guernsey's +44. Empty when
    // Options::withRegion is false.
    QString region;
    int countryCode = 0; // 49
    // When rejected: a machine reason and a translated sentence that quotes the input.
    PhoneRejectReason reason = PhoneRejectReason::None;
    QString message;
};

struct RegionCodeCheck
{
    bool ok = false;
    QString region;  // upper-case, e.g. "DE", when ok
    QString message; // why not, and how to write it, when not ok
};

// Turns a phone number as people type it (and as spreadsheets mangle it) into E.164, using
// libphonenumber's metadata. It never repairs a number: anything it cannot read exactly is
// rejected with a reason. It reads one number; which numbers a cell holds (several joined with
// ";", "/", " ::: " …) is PhoneCell's business.
//
// Accepted besides digits, a leading + or 00 and the usual separators: an RFC 3966 "tel:" URI
// ("tel:+49-30-1234567"; its parameters such as ";ext=12" are rejected, an extension cannot
// receive messages), and the trunk prefix written after the country code, "+49 (0)30 1234567"
// or "0049 (0)30/1234567": libphonenumber strips a region's national prefix after the country
// code as it does in a national number (only where that region has one: in Italy the 0 belongs
// to the number and stays).
//
// Thread safety: normalize() is const and touches only immutable members plus libphonenumber's
// PhoneNumberUtil singleton, whose parse/validate/format calls are safe from several threads
// (its only shared mutable state, the regexp cache, is guarded by a pthread mutex in the POSIX
// build Debian ships; see phonenumbers/regexp_cache.h). One instance may be shared by all
// validation threads.
//
// International prefix: a leading "+" or "00" always means "country code follows", whatever the
// default region. "00" is the ITU-recommended prefix and what spreadsheet users write even in
// regions that dial something else (US 011, AU 0011), so libphonenumber's own region-specific
// IDD handling alone would misread "0049…" in region US as a US number. Where the region's own
// prefix starts with 00 and takes more digits (Brazil: 00 + carrier code), the cell is also read
// the region's way; if both readings are valid but differ it is rejected as ambiguous, and if
// only the region's reading is valid that one is used (Australia: "0011 49 …").
class PhoneNormalizer
{
    Q_DECLARE_TR_FUNCTIONS(PhoneNormalizer)

public:
    struct Options
    {
        QString defaultRegion; // ISO 3166-1 alpha-2 for numbers written without country code
        bool mobileOnly = false;
        // False leaves PhoneNumberResult::region empty. Finding the region repeats part of the
        // validation for calling codes that several regions share (+1, +44, +7, …), which a
        // bulk import that never shows the region need not pay for.
        bool withRegion = true;
    };

    PhoneNormalizer();
    explicit PhoneNormalizer(const Options &options);

    PhoneNumberResult normalize(QStringView raw) const;

    const Options &options() const { return m_options; }

    // For a --region CC option: accepts any case, rejects calling codes ("+49", "49") and names
    // ("Germany") with a message that says what to write instead.
    static RegionCodeCheck checkRegionCode(QStringView input);
    // How to write a region code; the same sentence ends checkRegionCode()'s messages.
    static QString regionCodeHelp();

    // True for Mobile and FixedLineOrMobile.
    static bool canBeMobile(PhoneNumberType type);

    // Stable snake_case names for reports, logs and JSON ("fixed_line_or_mobile", "too_short").
    static QLatin1StringView typeName(PhoneNumberType type);
    static QLatin1StringView reasonName(PhoneRejectReason reason);
    // Translated, for sentences: "a fixed-line number".
    static QString typeDescription(PhoneNumberType type);

private:
    Options m_options;
    std::string m_region; // upper-case; empty when there is no usable default region
};

} // namespace herald
