#include "phone/PhoneNormalizer.h"

#include <QList>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using herald::PhoneNormalizer;
using herald::PhoneNumberType;
using herald::PhoneRejectReason;

// Every expectation below was checked against Debian 12's libphonenumber 8.12.57 metadata. When
// a newer library changes one, the row says which behaviour it pinned down.
class TestPhoneNormalizer : public QObject
{
    Q_OBJECT

private:
    static void addColumns()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("e164");
        QTest::addColumn<PhoneNumberType>("type");
        QTest::addColumn<QString>("numberRegion");
    }

    static void ok(const char *name, const QString &region, const QString &input, const QString &e164,
                   PhoneNumberType type, const QString &numberRegion)
    {
        QTest::newRow(name) << region << input << e164 << type << numberRegion;
    }

    static void addRejectColumns()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("input");
        QTest::addColumn<PhoneRejectReason>("reason");
    }

    static void no(const char *name, const QString &region, const QString &input, PhoneRejectReason reason)
    {
        QTest::newRow(name) << region << input << reason;
    }

    static void checkAccepted()
    {
        QFETCH(QString, region);
        QFETCH(QString, input);
        QFETCH(QString, e164);
        QFETCH(PhoneNumberType, type);
        QFETCH(QString, numberRegion);

        const PhoneNormalizer n({region, false});
        const herald::PhoneNumberResult r = n.normalize(input);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.reason, PhoneRejectReason::None);
        QVERIFY(r.message.isEmpty());
        QCOMPARE(r.e164, e164);
        QCOMPARE(r.digits, e164.sliced(1));
        QCOMPARE(PhoneNormalizer::typeName(r.type), PhoneNormalizer::typeName(type));
        QCOMPARE(r.region, numberRegion);
        QVERIFY(r.countryCode > 0);
        QVERIFY(e164.startsWith(u'+' + QString::number(r.countryCode)));
    }

    static void checkRejected(bool mobileOnly)
    {
        QFETCH(QString, region);
        QFETCH(QString, input);
        QFETCH(PhoneRejectReason, reason);

        const PhoneNormalizer n({region, mobileOnly});
        const herald::PhoneNumberResult r = n.normalize(input);
        QVERIFY2(!r.ok, qPrintable(r.e164));
        QCOMPARE(PhoneNormalizer::reasonName(r.reason), PhoneNormalizer::reasonName(reason));
        QVERIFY(!r.message.isEmpty());
        if (reason != PhoneRejectReason::NotMobile) {
            QVERIFY(r.e164.isEmpty());
            QVERIFY(r.digits.isEmpty());
        }
    }

private Q_SLOTS:
    void germany_data()
    {
        addColumns();
        const QString de = u"DE"_s;
        const QString berlin = u"+49301234567"_s;
        const QString mobile = u"+4915123456789"_s;
        const auto fixed = PhoneNumberType::FixedLine;
        const auto mob = PhoneNumberType::Mobile;
        ok("spaces", de, u"030 1234567"_s, berlin, fixed, de);
        ok("slash", de, u"030/1234567"_s, berlin, fixed, de);
        ok("dashes", de, u"030-123 45 67"_s, berlin, fixed, de);
        ok("parentheses", de, u"(030) 123 45 67"_s, berlin, fixed, de);
        ok("dots", de, u"030.123.45.67"_s, berlin, fixed, de);
        ok("plus", de, u"+49 30 1234567"_s, berlin, fixed, de);
        ok("plus trunk zero in parentheses", de, u"+49 (0)30 1234567"_s, berlin, fixed, de);
        ok("plus inside parentheses", de, u"(+49) 30 1234567"_s, berlin, fixed, de);
        ok("00 trunk zero in parentheses", de, u"0049 (0)30 1234567"_s, berlin, fixed, de);
        ok("00", de, u"0049 30 1234567"_s, berlin, fixed, de);
        ok("00 with dashes", de, u"0049-30-1234567"_s, berlin, fixed, de);
        ok("excel apostrophe", de, u"'030 1234567"_s, berlin, fixed, de);
        ok("excel apostrophe plus", de, u"'+49 30 1234567"_s, berlin, fixed, de);
        ok("curly apostrophe", de, u"\u2019+49 30 1234567"_s, berlin, fixed, de);
        ok("surrounding spaces and tab", de, u"  \t030 1234567 "_s, berlin, fixed, de);
        ok("nbsp", de, u"030\u00A0123\u00A04567"_s, berlin, fixed, de);
        ok("narrow nbsp", de, u"\u202F030\u202F1234567"_s, berlin, fixed, de);
        ok("thin and ideographic space", de, u"030\u20091234\u3000567"_s, berlin, fixed, de);
        ok("en dash and minus sign", de, u"030\u2013123\u22124567"_s, berlin, fixed, de);
        ok("zero width space and direction marks", de, u"\u200E+49\u200B30\u200F1234567"_s, berlin, fixed,
           de);
        ok("byte order mark", de, u"\uFEFF030 1234567"_s, berlin, fixed, de);
        ok("full-width plus and digits", de, u"\uFF0B\uFF14\uFF19 30 1234567"_s, berlin, fixed, de);
        ok("arabic-indic digits", de, u"\u0660\u0663\u0660 1234567"_s, berlin, fixed, de);
        ok("mobile national", de, u"0151 23456789"_s, mobile, mob, de);
        ok("mobile dashes", de, u"0151-2345-6789"_s, mobile, mob, de);
        ok("mobile plus", de, u"+49 151 23456789"_s, mobile, mob, de);
        ok("mobile 00 no spaces", de, u"004915123456789"_s, mobile, mob, de);
        // The slash between area code (or mobile prefix) and number, German and Austrian style;
        // the "(0)" trunk prefix after the country code is stripped by libphonenumber itself.
        ok("00 slash after the mobile prefix", de, u"0049 171/23456789"_s, u"+4917123456789"_s, mob, de);
        ok("00 (0) and slash", de, u"0049 (0)30/1234567"_s, berlin, fixed, de);
        ok("austrian mobile with slash", de, u"0043 664/1234567"_s, u"+436641234567"_s, mob, u"AT"_s);
        ok("austrian mobile with (0)", de, u"+43 (0)664 1234567"_s, u"+436641234567"_s, mob, u"AT"_s);
        // RFC 3966, one of libphonenumber's formats.
        ok("tel uri", de, u"tel:+49-30-1234567"_s, berlin, fixed, de);
        ok("tel uri upper case", de, u"TEL:+49-30-1234567"_s, berlin, fixed, de);
        ok("tel uri national", de, u"tel:030-1234567"_s, berlin, fixed, de);
        ok("tel uri with apostrophe and spaces", de, u" 'tel:+49-151-2345-6789 "_s, mobile, mob, de);
        // libphonenumber reads a national number without its trunk 0 as the national significant
        // number, so a column that lost its leading zeros still normalises, and correctly.
        ok("mobile without trunk zero", de, u"15123456789"_s, mobile, mob, de);
        ok("foreign number in DE", de, u"+34 612 34 56 78"_s, u"+34612345678"_s, mob, u"ES"_s);
        ok("non-geographic toll free", de, u"+800 1234 5678"_s, u"+80012345678"_s, PhoneNumberType::TollFree,
           u"001"_s);
    }
    void germany() { checkAccepted(); }

    void indonesia_data()
    {
        addColumns();
        const QString id = u"ID"_s;
        const QString mobile = u"+6281234567890"_s;
        ok("08 dashes", id, u"0812-3456-7890"_s, mobile, PhoneNumberType::Mobile, id);
        ok("08 spaces", id, u"0812 3456 7890"_s, mobile, PhoneNumberType::Mobile, id);
        ok("plus", id, u"+62 812 3456 7890"_s, mobile, PhoneNumberType::Mobile, id);
        ok("00", id, u"0062 812-3456-7890"_s, mobile, PhoneNumberType::Mobile, id);
        ok("excel apostrophe", id, u"'081234567890"_s, mobile, PhoneNumberType::Mobile, id);
        ok("9-digit subscriber", id, u"0812 345 678"_s, u"+62812345678"_s, PhoneNumberType::Mobile, id);
        ok("jakarta landline", id, u"(021) 1234567"_s, u"+62211234567"_s, PhoneNumberType::FixedLine, id);
    }
    void indonesia() { checkAccepted(); }

    void brazil_data()
    {
        addColumns();
        const QString br = u"BR"_s;
        const QString sp = u"+5511981234567"_s;
        ok("ninth digit national", br, u"(11) 98123-4567"_s, sp, PhoneNumberType::Mobile, br);
        ok("ninth digit plus", br, u"+55 11 98123-4567"_s, sp, PhoneNumberType::Mobile, br);
        ok("ninth digit 00", br, u"0055 11 98123 4567"_s, sp, PhoneNumberType::Mobile, br);
        ok("trunk zero", br, u"011 98123 4567"_s, sp, PhoneNumberType::Mobile, br);
        // Long-distance carrier selection (0 + carrier 21 + area code): the library drops the carrier.
        ok("carrier code", br, u"0 21 11 98123 4567"_s, sp, PhoneNumberType::Mobile, br);
        ok("sao paulo landline", br, u"(11) 3123-4567"_s, u"+551131234567"_s, PhoneNumberType::FixedLine, br);
        // Brazil dials abroad with 00 + carrier. Read as "+41…" this is a valid Swiss number and
        // read Brazil's way (carrier 41, then +44) it is invalid: the Swiss reading is taken.
        ok("00 meaning + where the carrier reading is invalid", br, u"0041 44 668 1800"_s, u"+41446681800"_s,
           PhoneNumberType::FixedLine, u"CH"_s);
        // The other way round: "+31 34…" is invalid, carrier 31 + Spain is valid.
        ok("00 + carrier where the + reading is invalid", br, u"0031 34 612 345 678"_s, u"+34612345678"_s,
           PhoneNumberType::Mobile, u"ES"_s);
    }
    void brazil() { checkAccepted(); }

    void india_data()
    {
        addColumns();
        const QString in = u"IN"_s;
        const QString mobile = u"+919876543210"_s;
        ok("10 digits", in, u"9876543210"_s, mobile, PhoneNumberType::Mobile, in);
        ok("10 digits grouped", in, u"98765 43210"_s, mobile, PhoneNumberType::Mobile, in);
        ok("trunk zero", in, u"098765-43210"_s, mobile, PhoneNumberType::Mobile, in);
        ok("plus", in, u"+91 98765 43210"_s, mobile, PhoneNumberType::Mobile, in);
        ok("plus dashes", in, u"+91-98765-43210"_s, mobile, PhoneNumberType::Mobile, in);
        ok("00", in, u"0091 98765 43210"_s, mobile, PhoneNumberType::Mobile, in);
        ok("delhi landline", in, u"011 2345 6789"_s, u"+911123456789"_s, PhoneNumberType::FixedLine, in);
    }
    void india() { checkAccepted(); }

    void unitedStates_data()
    {
        addColumns();
        const QString us = u"US"_s;
        const QString nj = u"+12015550123"_s;
        const auto either = PhoneNumberType::FixedLineOrMobile;
        ok("parentheses and dash", us, u"(201) 555-0123"_s, nj, either, us);
        ok("dots", us, u"201.555.0123"_s, nj, either, us);
        ok("leading 1", us, u"1-201-555-0123"_s, nj, either, us);
        ok("plus", us, u"+1 201 555 0123"_s, nj, either, us);
        ok("nbsp", us, u"201\u00A0555\u00A00123"_s, nj, either, us);
        ok("us idd 011", us, u"011 49 30 1234567"_s, u"+49301234567"_s, PhoneNumberType::FixedLine, u"DE"_s);
        // 00 is not the US international prefix; Herald reads it as + anyway (see PhoneNormalizer.h).
        ok("00 in us", us, u"0049 30 1234567"_s, u"+49301234567"_s, PhoneNumberType::FixedLine, u"DE"_s);
        ok("canada", us, u"+1 416 555 0123"_s, u"+14165550123"_s, either, u"CA"_s);
    }
    void unitedStates() { checkAccepted(); }

    void unitedKingdom_data()
    {
        addColumns();
        const QString gb = u"GB"_s;
        const QString mobile = u"+447400123456"_s;
        ok("national", gb, u"07400 123456"_s, mobile, PhoneNumberType::Mobile, gb);
        ok("plus trunk zero in parentheses", gb, u"+44 (0)7400 123456"_s, mobile, PhoneNumberType::Mobile,
           gb);
        ok("00", gb, u"0044 7400 123456"_s, mobile, PhoneNumberType::Mobile, gb);
        ok("without trunk zero", gb, u"7400123456"_s, mobile, PhoneNumberType::Mobile, gb);
        ok("london", gb, u"020 7946 0018"_s, u"+442079460018"_s, PhoneNumberType::FixedLine, gb);
        // +44 7911 12x is a Guernsey range: the number's region is GG, not the default GB.
        ok("guernsey range", gb, u"07911 123456"_s, u"+447911123456"_s, PhoneNumberType::Mobile, u"GG"_s);
    }
    void unitedKingdom() { checkAccepted(); }

    void mexico_data()
    {
        addColumns();
        const QString mx = u"MX"_s;
        const QString cdmx = u"+525512345678"_s;
        // Mexico dropped the "1" after +52 for mobiles in 2019/2020; 8.12.57 still accepts it and
        // normalises it away, and classes every 10-digit number as fixed line or mobile.
        const auto either = PhoneNumberType::FixedLineOrMobile;
        ok("national 10 digits", mx, u"55 1234 5678"_s, cdmx, either, mx);
        ok("plus", mx, u"+52 55 1234 5678"_s, cdmx, either, mx);
        ok("legacy plus 52 1", mx, u"+52 1 55 1234 5678"_s, cdmx, either, mx);
        ok("legacy 00 52 1", mx, u"0052 1 55 1234 5678"_s, cdmx, either, mx);
        ok("legacy national 1", mx, u"1 55 1234 5678"_s, cdmx, either, mx);
        ok("legacy 044 mobile prefix", mx, u"044 55 1234 5678"_s, cdmx, either, mx);
        ok("legacy 045 mobile prefix", mx, u"045 33 1234 5678"_s, u"+523312345678"_s, either, mx);
    }
    void mexico() { checkAccepted(); }

    void spain_data()
    {
        addColumns();
        const QString es = u"ES"_s;
        ok("mobile pairs", es, u"612 34 56 78"_s, u"+34612345678"_s, PhoneNumberType::Mobile, es);
        ok("mobile plus", es, u"+34 612 34 56 78"_s, u"+34612345678"_s, PhoneNumberType::Mobile, es);
        ok("mobile 00 dashes", es, u"0034-612-345-678"_s, u"+34612345678"_s, PhoneNumberType::Mobile, es);
        ok("madrid landline", es, u"912 345 678"_s, u"+34912345678"_s, PhoneNumberType::FixedLine, es);
    }
    void spain() { checkAccepted(); }

    // Australia dials abroad with 0011; 00 still means + there.
    void australia_data()
    {
        addColumns();
        const QString au = u"AU"_s;
        ok("own idd 0011", au, u"0011 49 30 1234567"_s, u"+49301234567"_s, PhoneNumberType::FixedLine,
           u"DE"_s);
        ok("00 as plus", au, u"0049 30 1234567"_s, u"+49301234567"_s, PhoneNumberType::FixedLine, u"DE"_s);
        ok("national mobile", au, u"0412 345 678"_s, u"+61412345678"_s, PhoneNumberType::Mobile, au);
    }
    void australia() { checkAccepted(); }

    void mobileOnlyAccepts()
    {
        const PhoneNormalizer n({u"US"_s, true});
        QVERIFY(n.normalize(u"(201) 555-0123"_s).ok); // fixed line or mobile counts as possibly mobile
        QVERIFY(n.normalize(u"+52 55 1234 5678"_s).ok);
        QVERIFY(n.normalize(u"+49 151 23456789"_s).ok);
        QVERIFY(n.normalize(u"+34 612 34 56 78"_s).ok);
    }

    void rejected_data()
    {
        addRejectColumns();
        using R = PhoneRejectReason;
        no("empty", u"DE"_s, QString(), R::Empty);
        no("only spaces", u"DE"_s, u" \u00A0 "_s, R::Empty);
        no("only apostrophe", u"DE"_s, u"'"_s, R::Empty);
        no("only punctuation", u"DE"_s, u"-- ()"_s, R::NotANumber);
        no("lone plus", u"DE"_s, u"+"_s, R::NotANumber);
        no("one digit", u"DE"_s, u"0"_s, R::NotANumber);
        no("letters", u"DE"_s, u"abc"_s, R::ContainsLetters);
        no("extension", u"DE"_s, u"030 1234567 ext. 12"_s, R::ContainsLetters);
        no("extension x", u"US"_s, u"201-555-0123 x12"_s, R::ContainsLetters);
        no("vanity", u"US"_s, u"1-800-FLOWERS"_s, R::ContainsLetters);
        no("label", u"DE"_s, u"Tel: 030 1234567"_s, R::ContainsLetters);
        no("tel uri extension", u"DE"_s, u"tel:+49-30-1234567;ext=12"_s, R::ContainsLetters);
        no("tel uri phone context", u"DE"_s, u"tel:030-1234567;phone-context=+49"_s, R::ContainsLetters);
        no("tel uri isdn subaddress", u"DE"_s, u"tel:+49-30-1234567;isub=1"_s, R::ContainsLetters);
        no("tel scheme alone", u"DE"_s, u"tel:"_s, R::ContainsLetters);
        no("tel uri letters", u"US"_s, u"tel:+1-800-FLOWERS"_s, R::ContainsLetters);
        no("tel uri twice", u"DE"_s, u"tel:tel:+49-30-1234567"_s, R::ContainsLetters);
        no("letter o for zero", u"DE"_s, u"O30 1234567"_s, R::ContainsLetters);
        no("scientific point", u"GB"_s, u"4.41E+11"_s, R::ScientificNotation);
        no("scientific comma", u"DE"_s, u"4,41E+11"_s, R::ScientificNotation);
        no("scientific more digits point", u"GB"_s, u"4.41234E+11"_s, R::ScientificNotation);
        no("scientific more digits comma", u"ES"_s, u"4,41234E+11"_s, R::ScientificNotation);
        no("scientific lower case no plus", u"DE"_s, u"4.91512e12"_s, R::ScientificNotation);
        no("scientific with apostrophe and spaces", u"DE"_s, u" '4,91512E+12 "_s, R::ScientificNotation);
        no("decimal point zero", u"DE"_s, u"4915123456789.0"_s, R::DecimalNumber);
        no("decimal comma zeros", u"DE"_s, u"4915123456789,00"_s, R::DecimalNumber);
        no("hash", u"DE"_s, u"030#1234567"_s, R::InvalidCharacters);
        no("star", u"DE"_s, u"*31#030 1234567"_s, R::InvalidCharacters);
        no("comma inside", u"DE"_s, u"030,1234567"_s, R::InvalidCharacters);
        no("two numbers with semicolon", u"DE"_s, u"030 1234567; 0151 23456789"_s, R::InvalidCharacters);
        no("plus in the middle", u"DE"_s, u"030 +1234567"_s, R::InvalidCharacters);
        no("two plus numbers", u"DE"_s, u"+49 30 1234567 +49 151 23456789"_s, R::InvalidCharacters);
        no("no region national", QString(), u"030 1234567"_s, R::MissingCountryCode);
        no("unknown region national", u"XX"_s, u"030 1234567"_s, R::MissingCountryCode);
        no("invalid country code", u"DE"_s, u"+999 123456"_s, R::InvalidCountryCode);
        no("invalid country code 00", u"DE"_s, u"00999 123456"_s, R::InvalidCountryCode);
        no("000", u"DE"_s, u"000 49 30 1234567"_s, R::InvalidCountryCode);
        no("plus country code only", u"DE"_s, u"+49"_s, R::TooShortAfterIdd);
        no("00 country code only", u"DE"_s, u"0049"_s, R::TooShortAfterIdd);
        no("us idd only", u"US"_s, u"011 49"_s, R::TooShortAfterIdd);
        no("de too short after country code", u"DE"_s, u"+49 1"_s, R::TooShort);
        no("de too long", u"DE"_s, u"+49 30 12345678901234"_s, R::TooLong);
        no("absurdly long", u"DE"_s, u"1234567890 1234567890 1234567890 1234567890"_s, R::TooLong);
        no("de short local", u"DE"_s, u"12"_s, R::LocalNumberOnly);
        no("de possible but not valid", u"DE"_s, u"030 1"_s, R::InvalidNumber);
        no("us 7 digits is local only", u"US"_s, u"555-0123"_s, R::LocalNumberOnly);
        no("us too short", u"US"_s, u"202 555 012"_s, R::TooShort);
        no("us too long", u"US"_s, u"202 555 01234"_s, R::TooLong);
        no("us 555 area code", u"US"_s, u"+1 555 555 0123"_s, R::InvalidNumber);
        no("us foreign without plus", u"US"_s, u"4915123456789"_s, R::TooLong);
        // Brazil's mobiles all have nine digits since 2016; the old eight-digit form is gone.
        no("br old 8-digit mobile", u"BR"_s, u"(11) 8123-4567"_s, R::InvalidNumber);
        no("br old 8-digit mobile plus", u"BR"_s, u"+55 11 8123 4567"_s, R::InvalidNumber);
        no("br too long", u"BR"_s, u"+55 11 98123 45678"_s, R::TooLong);
        no("mx 9 digits", u"MX"_s, u"+52 55 1234 567"_s, R::TooShort);
        no("id too short", u"ID"_s, u"+62 812 34"_s, R::LocalNumberOnly);
        no("id too long", u"ID"_s, u"+62 812 3456 7890 123"_s, R::TooLong);
        no("in 9 digits", u"IN"_s, u"98765 4321"_s, R::InvalidNumber);
        no("in 11 digits", u"IN"_s, u"+91 98765 432101"_s, R::InvalidNumber);
        // Ofcom keeps 07700 900000-900999 for drama; libphonenumber knows it is not in service.
        no("gb drama range", u"GB"_s, u"07700 900123"_s, R::InvalidNumber);
        // An Italian number without its leading 0 (part of the number there, not a trunk prefix)
        // is not repaired.
        no("it dropped leading zero", u"IT"_s, u"612345678"_s, R::InvalidNumber);
        // Brazil dials abroad with 00 + a carrier code; both readings are valid numbers here.
        no("br ambiguous 0043", u"BR"_s, u"0043 1 201 555 0123"_s, R::AmbiguousInternationalPrefix);
        no("br ambiguous 0021", u"BR"_s, u"0021 2 612 345678"_s, R::AmbiguousInternationalPrefix);
    }
    void rejected() { checkRejected(false); }

    void mobileOnlyRejects_data()
    {
        addRejectColumns();
        using R = PhoneRejectReason;
        no("german landline", u"DE"_s, u"030 1234567"_s, R::NotMobile);
        no("german landline international", u"ES"_s, u"+49 30 1234567"_s, R::NotMobile);
        no("spanish landline", u"ES"_s, u"912 345 678"_s, R::NotMobile);
        no("spanish uan", u"ES"_s, u"+34 512 345 678"_s, R::NotMobile);
        no("toll free", u"DE"_s, u"+800 1234 5678"_s, R::NotMobile);
        no("invalid stays invalid", u"DE"_s, u"030 1"_s, R::InvalidNumber);
    }
    void mobileOnlyRejects() { checkRejected(true); }

    void notMobileKeepsTheNumber()
    {
        const PhoneNormalizer n({u"ES"_s, true});
        const herald::PhoneNumberResult r = n.normalize(u"912 345 678"_s);
        QVERIFY(!r.ok);
        QCOMPARE(r.reason, PhoneRejectReason::NotMobile);
        QCOMPARE(r.e164, u"+34912345678"_s);
        QCOMPARE(r.type, PhoneNumberType::FixedLine);
        QCOMPARE(r.region, u"ES"_s);
        QVERIFY2(r.message.contains(u"fixed-line"_s), qPrintable(r.message));
    }

    void messages()
    {
        const PhoneNormalizer de({u"DE"_s, false});
        const QString sci = de.normalize(u"4,41E+11"_s).message;
        QVERIFY2(sci.contains(u"\u201C4,41E+11\u201D"_s), qPrintable(sci));
        QVERIFY2(sci.contains(u"scientific notation"_s), qPrintable(sci));
        QVERIFY2(sci.contains(u"Text"_s), qPrintable(sci));

        const QString invalid = PhoneNormalizer({u"US"_s, false}).normalize(u"+1 555 555 0123"_s).message;
        QVERIFY2(invalid.contains(u"not a valid number for United States (+1)"_s), qPrintable(invalid));

        const QString tooShort = de.normalize(u"+49 1"_s).message;
        QVERIFY2(tooShort.contains(u"too short"_s), qPrintable(tooShort));

        // A national number that would be valid with + in front gets a hint, never a repair.
        const herald::PhoneNumberResult lostPlus =
            PhoneNormalizer({u"US"_s, false}).normalize(u"4915123456789"_s);
        QVERIFY(!lostPlus.ok);
        QVERIFY2(lostPlus.message.contains(u"+4915123456789 would be valid"_s), qPrintable(lostPlus.message));

        const QString ambiguous =
            PhoneNormalizer({u"BR"_s, false}).normalize(u"0043 1 201 555 0123"_s).message;
        QVERIFY2(ambiguous.contains(u"+4312015550123"_s) && ambiguous.contains(u"+12015550123"_s),
                 qPrintable(ambiguous));

        const QString telExtension = de.normalize(u"tel:+49-30-1234567;ext=12"_s).message;
        QVERIFY2(telExtension.contains(u"\u201Ctel:+49-30-1234567;ext=12\u201D"_s) &&
                     telExtension.contains(u"extension"_s),
                 qPrintable(telExtension));

        const QString noRegion = PhoneNormalizer().normalize(u"030 1234567"_s).message;
        QVERIFY2(noRegion.contains(u"no default region"_s), qPrintable(noRegion));

        const QString longInput = de.normalize(QString(200, u'x')).message;
        QVERIFY2(longInput.size() < 400, qPrintable(longInput));
    }

    void defaultRegionIsCaseInsensitive()
    {
        const PhoneNormalizer n({u" de "_s, false});
        QCOMPARE(n.options().defaultRegion, u"DE"_s);
        QCOMPARE(n.normalize(u"030 1234567"_s).e164, u"+49301234567"_s);
    }

    void checkRegionCode_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("upper") << u"DE"_s << u"DE"_s << QString();
        QTest::newRow("lower with spaces") << u" br "_s << u"BR"_s << QString();
        QTest::newRow("mixed") << u"Gb"_s << u"GB"_s << QString();
        QTest::newRow("empty") << QString() << QString() << u"empty"_s;
        QTest::newRow("calling code plus") << u"+49"_s << QString() << u"for +49 write DE"_s;
        QTest::newRow("calling code") << u"55"_s << QString() << u"for +55 write BR"_s;
        QTest::newRow("unassigned number") << u"999"_s << QString() << u"is a number"_s;
        QTest::newRow("uk") << u"uk"_s << QString() << u"United Kingdom is GB"_s;
        QTest::newRow("name") << u"Germany"_s << QString() << u"not a two-letter"_s;
        QTest::newRow("alpha-3") << u"DEU"_s << QString() << u"not a two-letter"_s;
        QTest::newRow("unknown code") << u"XX"_s << QString() << u"has numbering data"_s;
        QTest::newRow("non-ascii letters") << u"\u00C4\u00D6"_s << QString() << u"not a two-letter"_s;
    }
    void checkRegionCode()
    {
        QFETCH(QString, input);
        QFETCH(QString, region);
        QFETCH(QString, messagePart);
        const herald::RegionCodeCheck c = PhoneNormalizer::checkRegionCode(input);
        QCOMPARE(c.ok, !region.isEmpty());
        QCOMPARE(c.region, region);
        if (c.ok) {
            QVERIFY(c.message.isEmpty());
        } else {
            QVERIFY2(c.message.contains(messagePart), qPrintable(c.message));
            QVERIFY2(c.message.contains(u"ISO 3166-1"_s), qPrintable(c.message));
        }
    }

    void names()
    {
        QCOMPARE(PhoneNormalizer::typeName(PhoneNumberType::FixedLineOrMobile), "fixed_line_or_mobile"_L1);
        QCOMPARE(PhoneNormalizer::reasonName(PhoneRejectReason::TooShortAfterIdd), "too_short_after_idd"_L1);
        QCOMPARE(PhoneNormalizer::reasonName(PhoneRejectReason::None), "none"_L1);
        QVERIFY(PhoneNormalizer::canBeMobile(PhoneNumberType::FixedLineOrMobile));
        QVERIFY(!PhoneNormalizer::canBeMobile(PhoneNumberType::Voip));
    }

    // One shared instance on several threads gives the same answers as on one thread.
    void parallelUseOfOneInstance()
    {
        const PhoneNormalizer n({u"DE"_s, false});
        const QList<QString> inputs = {u"030 1234567"_s,     u"0151 23456789"_s, u"+55 11 98123-4567"_s,
                                       u"0049 30 1234567"_s, u"4,41E+11"_s,      u"+49 1"_s,
                                       u"+1 201 555 0123"_s, u"abc"_s,           u"0812-3456-7890"_s};
        std::vector<herald::PhoneNumberResult> expected;
        for (const QString &s : inputs) {
            expected.push_back(n.normalize(s));
        }
        std::atomic<int> mismatches{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([&] {
                for (int round = 0; round < 2000; ++round) {
                    const qsizetype i = round % inputs.size();
                    const herald::PhoneNumberResult r = n.normalize(inputs[i]);
                    const herald::PhoneNumberResult &e = expected[size_t(i)];
                    if (r.ok != e.ok || r.e164 != e.e164 || r.reason != e.reason || r.message != e.message) {
                        ++mismatches;
                    }
                }
            }));
            threads.back()->start();
        }
        for (auto &th : threads) {
            QVERIFY(th->wait(60000));
        }
        QCOMPARE(mismatches.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPhoneNormalizer)
#include "test_phonenormalizer.moc"
