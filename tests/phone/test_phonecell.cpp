#include "import/PhoneColumnDetector.h"
#include "phone/PhoneCell.h"
#include "phone/PhoneNormalizer.h"

#include <QList>
#include <QTest>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;
using herald::PhoneCell;
using herald::PhoneCellNumbers;
using herald::PhoneColumnDetector;
using herald::PhoneNormalizer;
using herald::PhoneNumberResult;
using herald::PhoneRejectReason;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

const PhoneNumberUtil &util()
{
    return *PhoneNumberUtil::GetInstance();
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

QString digitsOf(QStringView s)
{
    QString out;
    for (QChar c : s) {
        if (c.isDigit()) {
            out.append(QChar(u'0' + c.digitValue()));
        }
    }
    return out;
}

QStringList e164s(const PhoneCellNumbers &cell)
{
    QStringList out;
    for (const PhoneNumberResult &r : cell.numbers) {
        out << r.e164;
    }
    return out;
}

// A way of writing a number, and what it is made of: whether it starts with the international
// prefix 00 and whether the country code follows (+, 00, tel:+).
struct Variant
{
    QString name;
    QString text;
    bool doubleZero = false;
    bool international = false;
};

// One example number of a region, written every way the property test tries.
struct Example
{
    QString region;
    QString type;
    QString e164;
    QString nsn;   // national significant number
    QString cc;    // country calling code
    QString trunk; // national (trunk) prefix; "" where the region has none
    std::vector<Variant> variants;
};

QStringList digitGroups(const std::string &formatted)
{
    QStringList groups;
    QString current;
    for (char c : formatted) {
        if (c >= '0' && c <= '9') {
            current.append(QLatin1Char(c));
        } else if (!current.isEmpty()) {
            groups << current;
            current.clear();
        }
    }
    if (!current.isEmpty()) {
        groups << current;
    }
    return groups;
}

Example example(const char *region, PhoneNumberUtil::PhoneNumberType type)
{
    Example ex;
    ex.region = QString::fromLatin1(region);
    ex.type = type == PhoneNumberUtil::MOBILE ? u"mobile"_s : u"fixed line"_s;
    PhoneNumber n;
    if (!util().GetExampleNumberForType(region, type, &n)) {
        return ex;
    }
    std::string e164, intl, national, rfc, nsn, trunk;
    util().Format(n, PhoneNumberUtil::E164, &e164);
    util().Format(n, PhoneNumberUtil::INTERNATIONAL, &intl);
    util().Format(n, PhoneNumberUtil::NATIONAL, &national);
    util().Format(n, PhoneNumberUtil::RFC3966, &rfc);
    util().GetNationalSignificantNumber(n, &nsn);
    util().GetNddPrefixForRegion(region, true, &trunk);
    ex.e164 = fromStd(e164);
    ex.nsn = fromStd(nsn);
    ex.cc = QString::number(n.country_code());
    ex.trunk = fromStd(trunk);

    auto add = [&](const QString &name, const QString &text, bool international) {
        ex.variants.push_back({name, text, text.trimmed().startsWith(u"00"_s), international});
    };
    const QString intlText = fromStd(intl);
    const QString nationalText = fromStd(national);
    // libphonenumber's four formats.
    add(u"E164"_s, ex.e164, true);
    add(u"INTERNATIONAL"_s, intlText, true);
    add(u"NATIONAL"_s, nationalText, false);
    add(u"RFC3966"_s, fromStd(rfc), true);

    // As people write them. The digit groups of the international format after the country
    // code: the first is the area code (or mobile prefix) where the region has one.
    const QStringList ig = digitGroups(intl).mid(1);
    const QStringList ng = digitGroups(national);
    const QString restIntl = ig.join(u' ');
    add(u"00 for +"_s, u"00"_s + ex.cc + u' ' + restIntl, true);
    add(u"dots international"_s, u'+' + ex.cc + u'.' + ig.join(u'.'), true);
    add(u"dots national"_s, ng.join(u'.'), false);
    add(u"extra spaces"_s, u"  +"_s + ex.cc + u"   "_s + ig.join(u"  "_s) + u"  "_s, true);
    add(u"extra spaces national"_s, u" "_s + ng.join(u"   "_s) + u"\t"_s, false);
    if (ig.size() >= 2) {
        const QString slashed = ig.first() + u'/' + ig.mid(1).join(u' ');
        add(u"slash after the area code, +"_s, u'+' + ex.cc + u' ' + slashed, true);
        add(u"slash after the area code, 00"_s, u"00"_s + ex.cc + u' ' + slashed, true);
        add(u"slash after the area code, 00 no spaces"_s,
            u"00"_s + ex.cc + ig.first() + u'/' + ig.mid(1).join(QString()), true);
        if (ex.trunk == u"0"_s) {
            // "(0)": the trunk prefix shown after the country code, for those who dial nationally.
            add(u"(0) after the country code"_s, u'+' + ex.cc + u" (0)"_s + restIntl, true);
            // Not in South Korea: "008" is one of its own international prefixes (carrier 8), so
            // "0082 (0)10 2000 0000" dialled there also means +20 10 2000 0000, a valid Egyptian
            // number; PhoneNormalizer rightly rejects it as ambiguous.
            if (ex.region != u"KR"_s) {
                add(u"(0) and slash, 00"_s, u"00"_s + ex.cc + u" (0)"_s + slashed, true);
            }
        }
    }
    // The national format's area code is its first group, after the trunk prefix where the
    // region writes that apart (Russia's "8 (912) …").
    const qsizetype area = (ng.size() >= 3 && ng.first() == ex.trunk) ? 1 : 0;
    if (ng.size() >= area + 2) {
        add(u"slash after the area code, national"_s,
            QStringList(ng.mid(0, area + 1)).join(u' ') + u'/' + ng.mid(area + 1).join(u' '), false);
    }
    if (util().IsNANPACountry(region)) {
        // The trunk prefix before a national format that does not show it: "1 201 555 0123".
        add(u"trunk prefix before national"_s, ex.trunk + u' ' + ng.join(u' '), false);
    }
    return ex;
}

// Regions the property test covers, with their mobile and fixed-line example numbers.
//
// Left out: Argentina, where a mobile is written nationally as 0 + area code + 15 + number but
// is +54 9 + area code + number internationally; the national form's digits are rewritten, not
// a prefix of the E.164, and "15" cannot be told from the number's own digits by position. Its
// national mobile and "(0)"/slash variants would not keep every digit. Mexico's pre-2019 mobile
// "1"/"044" forms are not libphonenumber formats and are tested in test_phonenormalizer.
const std::vector<const char *> &regions()
{
    static const std::vector<const char *> r = {
        "DE", "AT", "CH", "GB", "US", "CA", "FR", "IT", "ES", "NL", "BE", "PT", "PL", "SE", "NO", "DK", "FI",
        "IE", "CZ", "HU", "GR", "RO", "TR", "RU", "UA", "IL", "BR", "MX", "CO", "CL", "PE", "IN", "ID", "AU",
        "NZ", "JP", "KR", "CN", "SG", "MY", "TH", "VN", "PH", "PK", "BD", "ZA", "NG", "KE", "EG", "AE", "SA"};
    return r;
}

std::vector<Example> examples()
{
    std::vector<Example> out;
    for (const char *region : regions()) {
        for (auto type : {PhoneNumberUtil::MOBILE, PhoneNumberUtil::FIXED_LINE}) {
            Example ex = example(region, type);
            if (!ex.e164.isEmpty()) {
                out.push_back(std::move(ex));
            }
        }
    }
    return out;
}

// The cell's digits without the international prefix, the country code and the trunk prefix:
// what must be left is exactly the national significant number.
QString withoutPrefixes(const Example &ex, const Variant &v)
{
    QString d = digitsOf(v.text);
    if (v.doubleZero) {
        d.remove(0, 2);
    }
    if (v.international) {
        if (!d.startsWith(ex.cc)) {
            return u"(no country code) "_s + d;
        }
        d.remove(0, ex.cc.size());
    }
    if (!ex.trunk.isEmpty() && d != ex.nsn && d.startsWith(ex.trunk)) {
        d.remove(0, ex.trunk.size());
    }
    return d;
}

} // namespace

class TestPhoneCell : public QObject
{
    Q_OBJECT

private:
    static void addReadColumns()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QStringList>("numbers");
    }

private Q_SLOTS:
    // Rule 2: a cell that is one valid number as a whole is never cut, whatever its slashes.
    void aValidWholeCellIsOneNumber_data()
    {
        addReadColumns();
        QTest::newRow("00, slash after the mobile prefix")
            << u"DE"_s << u"0049 171/23456789"_s << QStringList{u"+4917123456789"_s};
        QTest::newRow("+, slash after the mobile prefix")
            << u"DE"_s << u"+49 171/23456789"_s << QStringList{u"+4917123456789"_s};
        QTest::newRow("austrian mobile, read in DE")
            << u"DE"_s << u"0043 664/1234567"_s << QStringList{u"+436641234567"_s};
        QTest::newRow("austrian mobile, read in AT")
            << u"AT"_s << u"0043 664/1234567"_s << QStringList{u"+436641234567"_s};
        QTest::newRow("(0) and slash")
            << u"DE"_s << u"0049 (0)30/1234567"_s << QStringList{u"+49301234567"_s};
        QTest::newRow("+ and (0)") << u"DE"_s << u"+49 (0)30 1234567"_s << QStringList{u"+49301234567"_s};
        QTest::newRow("national slash") << u"DE"_s << u"030/1234567"_s << QStringList{u"+49301234567"_s};
        QTest::newRow("spaced slash") << u"DE"_s << u"030 / 1234567"_s << QStringList{u"+49301234567"_s};
        QTest::newRow("tel uri") << u"DE"_s << u"tel:+49-30-1234567"_s << QStringList{u"+49301234567"_s};
        // Valid as a whole though it would not be complete as a part (no trunk 0): the whole
        // cell is what the user wrote, and PhoneNormalizer reads it.
        QTest::newRow("national without trunk zero")
            << u"DE"_s << u"15123456789"_s << QStringList{u"+4915123456789"_s};
    }
    void aValidWholeCellIsOneNumber()
    {
        QFETCH(QString, region);
        QFETCH(QString, cell);
        QFETCH(QStringList, numbers);
        const PhoneCellNumbers r = PhoneCell::read(cell, PhoneNormalizer({region, false}));
        QCOMPARE(e164s(r), numbers);
        QCOMPARE(r.rejection.reason, PhoneRejectReason::None);
    }

    // Rule 3: a cell that is not one number is cut when every part is a complete number.
    void aCellOfCompleteNumbersIsCut_data()
    {
        addReadColumns();
        const QStringList two = {u"+4915123456789"_s, u"+49301234567"_s};
        QTest::newRow("slash") << u"DE"_s << u"0151 23456789 / 030 1234567"_s << two;
        QTest::newRow("slash without spaces") << u"DE"_s << u"0151 23456789/030 1234567"_s << two;
        QTest::newRow("semicolon") << u"DE"_s << u"0151 23456789; 030 1234567"_s << two;
        QTest::newRow("comma") << u"DE"_s << u"0151 23456789,030 1234567"_s << two;
        QTest::newRow("newline") << u"DE"_s << u"0151 23456789\n030 1234567"_s << two;
        QTest::newRow("crlf") << u"DE"_s << u"0151 23456789\r\n030 1234567\r\n"_s << two;
        QTest::newRow("international slash") << u"DE"_s << u"+49 151 23456789 / +49 30 1234567"_s << two;
        QTest::newRow("00 slash") << u"DE"_s << u"0049 151 23456789/0049 30 1234567"_s << two;
        QTest::newRow("(0) parts") << u"DE"_s << u"+49 (0)151 23456789; +49 (0)30 1234567"_s << two;
        QTest::newRow("slashes inside, semicolon between")
            << u"DE"_s << u"0151/23456789; 030/1234567"_s << two;
        QTest::newRow("slash inside one, comma between")
            << u"DE"_s << u"0049 151/23456789, 030 1234567"_s << two;
        QTest::newRow("foreign and national") << u"DE"_s << u"0043 664 1234567 / 030 1234567"_s
                                              << QStringList{u"+436641234567"_s, u"+49301234567"_s};
        QTest::newRow("tel uris") << u"DE"_s << u"tel:+49-151-23456789;tel:+49-30-1234567"_s << two;
        QTest::newRow("trailing semicolon")
            << u"DE"_s << u"0151 23456789;"_s << QStringList{u"+4915123456789"_s};
        QTest::newRow("duplicates dropped")
            << u"DE"_s << u"0151 23456789 / +49 151 23456789"_s << QStringList{u"+4915123456789"_s};
        QTest::newRow("us trunk prefix") << u"US"_s << u"1 201 555 0123 / (212) 555-0199"_s
                                         << QStringList{u"+12015550123"_s, u"+12125550199"_s};
        QTest::newRow("us idd 011") << u"US"_s << u"011 49 30 1234567; 201-555-0123"_s
                                    << QStringList{u"+49301234567"_s, u"+12015550123"_s};
        QTest::newRow("spain, no trunk prefix") << u"ES"_s << u"612 34 56 78 / 912 345 678"_s
                                                << QStringList{u"+34612345678"_s, u"+34912345678"_s};
        QTest::newRow("italy, leading zero kept") << u"IT"_s << u"312 345 6789 / 02 1234 5678"_s
                                                  << QStringList{u"+393123456789"_s, u"+390212345678"_s};
        QTest::newRow("google") << u"ID"_s << u"+62 812 3456 7890 ::: +62 21 555 0101"_s
                                << QStringList{u"+6281234567890"_s, u"+62215550101"_s};
        QTest::newRow("google pieces read whole first")
            << u"DE"_s << u"0049 171/23456789 ::: 030/1234567"_s
            << QStringList{u"+4917123456789"_s, u"+49301234567"_s};
        QTest::newRow("google piece with two numbers")
            << u"DE"_s << u"0151 23456789; 030 1234567 ::: 0171 7654321"_s
            << QStringList{u"+4915123456789"_s, u"+49301234567"_s, u"+491717654321"_s};
        QTest::newRow("google with an invalid piece")
            << u"DE"_s << u"12 ::: 030 1234567"_s << QStringList{u"+49301234567"_s};
    }
    void aCellOfCompleteNumbersIsCut()
    {
        QFETCH(QString, region);
        QFETCH(QString, cell);
        QFETCH(QStringList, numbers);
        const PhoneCellNumbers r = PhoneCell::read(cell, PhoneNormalizer({region, false}));
        QCOMPARE(e164s(r), numbers);
        QCOMPARE(r.rejection.reason, PhoneRejectReason::None);
        for (const PhoneNumberResult &n : r.numbers) {
            QVERIFY(n.ok);
        }
    }

    // Never a number made from a fragment: when a part is not a complete number, the cell is
    // rejected with the reason and message of the whole cell.
    void aCellWithAFragmentIsRejectedWhole_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("cell");
        QTest::newRow("invalid mobile prefix before a slash") << u"DE"_s << u"0049 999/23456789"_s;
        QTest::newRow("number and fragment") << u"DE"_s << u"030 1234567 / 23456789"_s;
        QTest::newRow("fragment first") << u"DE"_s << u"23456789; 030 1234567"_s;
        QTest::newRow("national without trunk zero as a part") << u"DE"_s << u"15123456789 / 030 1234567"_s;
        QTest::newRow("area code and number apart, twice") << u"DE"_s << u"030/1234567/040/7654321"_s;
        QTest::newRow("text") << u"DE"_s << u"call me, maybe"_s;
        QTest::newRow("tel uri with extension") << u"DE"_s << u"tel:+49-30-1234567;ext=12"_s;
        QTest::newRow("only separators") << u"DE"_s << u" ; / , "_s;
        QTest::newRow("us local number") << u"US"_s << u"555-0123 / 201-555-0124"_s;
    }
    void aCellWithAFragmentIsRejectedWhole()
    {
        QFETCH(QString, region);
        QFETCH(QString, cell);
        const PhoneNormalizer normalizer({region, false});
        const PhoneCellNumbers r = PhoneCell::read(cell, normalizer);
        QVERIFY2(r.numbers.isEmpty(), qPrintable(e164s(r).join(u' ')));
        const PhoneNumberResult whole = normalizer.normalize(cell);
        QVERIFY(!whole.ok);
        QCOMPARE(PhoneNormalizer::reasonName(r.rejection.reason), PhoneNormalizer::reasonName(whole.reason));
        QCOMPARE(r.rejection.message, whole.message);
    }

    void aGoogleCellWithoutNumbersGivesItsFirstPiecesReason()
    {
        const PhoneNormalizer de({u"DE"_s, false});
        const PhoneCellNumbers r = PhoneCell::read(u"+44 7700 900 900 ::: 0151 1"_s, de);
        QVERIFY(r.numbers.isEmpty());
        QCOMPARE(r.rejection.reason, PhoneRejectReason::InvalidNumber);
        QVERIFY2(r.rejection.message.contains(u"\u201C+44 7700 900 900\u201D"_s),
                 qPrintable(r.rejection.message));
    }

    void anEmptyCellIsEmpty()
    {
        const PhoneCellNumbers r = PhoneCell::read(u"  "_s, PhoneNormalizer({u"DE"_s, false}));
        QVERIFY(r.numbers.isEmpty());
        QCOMPARE(r.rejection.reason, PhoneRejectReason::Empty);
    }

    // With mobileOnly, a valid landline is still a number of the cell (NotMobile): it takes
    // part in the cut like any other, and the caller chooses.
    void notMobileNumbersAreNumbersOfTheCell()
    {
        const PhoneNormalizer n({u"DE"_s, true});
        const PhoneCellNumbers two = PhoneCell::read(u"030 1234567 / 0151 23456789"_s, n);
        QCOMPARE(e164s(two), (QStringList{u"+49301234567"_s, u"+4915123456789"_s}));
        QCOMPARE(two.numbers.at(0).reason, PhoneRejectReason::NotMobile);
        QVERIFY(two.numbers.at(1).ok);
        const PhoneCellNumbers one = PhoneCell::read(u"030/1234567"_s, n);
        QCOMPARE(e164s(one), QStringList{u"+49301234567"_s});
        QCOMPARE(one.numbers.at(0).reason, PhoneRejectReason::NotMobile);
    }

    // PhoneColumnDetector judges cells by shape, before any region is known, with the same
    // cuts: where a cell's numbers look like numbers, its candidates are the cell's numbers.
    void theDetectorsCandidatesAreTheCellsNumbers_data()
    {
        QTest::addColumn<QString>("cell");
        for (const char *cell :
             {"0049 171/23456789", "0043 664/1234567", "0049 (0)30/1234567", "030 / 1234567",
              "0151 23456789 / 030 1234567", "0151 23456789; 030 1234567", "0049 171/23456789, 030 1234567",
              "0151/23456789; 030/1234567", "+62 812 3456 7890 ::: +62 21 555 0101", "tel:+49-30-1234567",
              "0151 23456789;", "0151 23456789 / +49 151 23456789"}) {
            QTest::newRow(cell) << QString::fromUtf8(cell);
        }
    }
    void theDetectorsCandidatesAreTheCellsNumbers()
    {
        QFETCH(QString, cell);
        const PhoneNormalizer de({u"DE"_s, false});
        QStringList fromCandidates;
        for (const QString &candidate : PhoneColumnDetector::splitCandidates(cell)) {
            const QString e164 = de.normalize(candidate).e164;
            if (!fromCandidates.contains(e164)) {
                fromCandidates << e164;
            }
        }
        QCOMPARE(fromCandidates, e164s(PhoneCell::read(cell, de)));
    }

    void completeness_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("part");
        QTest::addColumn<bool>("complete");
        QTest::newRow("national with trunk zero") << u"DE"_s << u"030 1234567"_s << true;
        QTest::newRow("national slash") << u"DE"_s << u"030/1234567"_s << true;
        QTest::newRow("national parentheses") << u"DE"_s << u"(030) 123 45 67"_s << true;
        QTest::newRow("+") << u"DE"_s << u"+49 30 1234567"_s << true;
        QTest::newRow("+ (0)") << u"DE"_s << u"+49 (0)30 1234567"_s << true;
        QTest::newRow("00") << u"DE"_s << u"0049 30 1234567"_s << true;
        QTest::newRow("00 (0)") << u"DE"_s << u"0049 (0)30 1234567"_s << true;
        QTest::newRow("tel uri") << u"DE"_s << u"tel:+49-30-1234567"_s << true;
        QTest::newRow("foreign 00") << u"DE"_s << u"0043 664 1234567"_s << true;
        QTest::newRow("fragment without trunk zero") << u"DE"_s << u"23456789"_s << false;
        QTest::newRow("national significant number only") << u"DE"_s << u"15123456789"_s << false;
        QTest::newRow("gb without trunk zero") << u"GB"_s << u"7400 123456"_s << false;
        QTest::newRow("us") << u"US"_s << u"(201) 555-0123"_s << true;
        QTest::newRow("us with trunk 1") << u"US"_s << u"1 201 555 0123"_s << true;
        QTest::newRow("us idd 011") << u"US"_s << u"011 49 30 1234567"_s << true;
        QTest::newRow("au idd 0011") << u"AU"_s << u"0011 49 30 1234567"_s << true;
        QTest::newRow("spain has no trunk prefix") << u"ES"_s << u"612 34 56 78"_s << true;
        QTest::newRow("italy's 0 is the number's") << u"IT"_s << u"02 1234 5678"_s << true;
        QTest::newRow("brazil") << u"BR"_s << u"(11) 98123-4567"_s << true;
        QTest::newRow("brazil with trunk 0") << u"BR"_s << u"011 98123 4567"_s << true;
        // Carrier selection drops digits the user wrote (21): not a complete form.
        QTest::newRow("brazil with a carrier code") << u"BR"_s << u"0 21 11 98123 4567"_s << false;
        QTest::newRow("mexico legacy 044") << u"MX"_s << u"044 55 1234 5678"_s << false;
    }
    void completeness()
    {
        QFETCH(QString, region);
        QFETCH(QString, part);
        QFETCH(bool, complete);
        const PhoneNumberResult r = PhoneNormalizer({region, false}).normalize(part);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(PhoneCell::isComplete(part, r, region), complete);
    }

    void anInvalidNumberIsNeverComplete()
    {
        const PhoneNumberResult r = PhoneNormalizer({u"DE"_s, false}).normalize(u"030 1"_s);
        QVERIFY(!r.ok);
        QVERIFY(!PhoneCell::isComplete(u"030 1"_s, r, u"DE"_s));
    }

    // The property: for example numbers (mobile and fixed line) of many regions, every
    // libphonenumber format and the usual ways of writing them normalize, in the number's own
    // region, to its E.164; every digit written ends up in it except the international prefix,
    // the country code and the trunk prefix; the whole cell is that one number; and each
    // way is complete, so it may stand beside another number in a cell.
    void everyWayOfWritingANumberIsThatNumber_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("e164");
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("nsn");
        QTest::addColumn<QString>("leftAfterPrefixes");
        int rows = 0;
        for (const Example &ex : examples()) {
            for (const Variant &v : ex.variants) {
                const QByteArray name =
                    (ex.region + u' ' + ex.type + u", "_s + v.name + u": "_s + v.text).toUtf8();
                QTest::newRow(name.constData())
                    << ex.region << ex.e164 << v.text << ex.nsn << withoutPrefixes(ex, v);
                ++rows;
            }
        }
        QVERIFY(rows > 1000);
    }
    void everyWayOfWritingANumberIsThatNumber()
    {
        QFETCH(QString, region);
        QFETCH(QString, e164);
        QFETCH(QString, cell);
        QFETCH(QString, nsn);
        QFETCH(QString, leftAfterPrefixes);
        const PhoneNormalizer normalizer({region, false});
        const PhoneNumberResult r = normalizer.normalize(cell);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.e164, e164);
        QCOMPARE(leftAfterPrefixes, nsn);
        QCOMPARE(e164s(PhoneCell::read(cell, normalizer)), QStringList{e164});
        QVERIFY(PhoneCell::isComplete(cell, r, region));
    }

    // Two numbers of a region, each written any of those ways, separated by any separator, are
    // both found (where a slash also stands inside a number, only ; , and line breaks can
    // separate: "030/1234 / 040/5678" is rejected whole, see aCellWithAFragmentIsRejectedWhole).
    void twoNumbersWrittenAnyWayAreBothFound()
    {
        int checked = 0;
        for (const char *region : regions()) {
            const Example mobile = example(region, PhoneNumberUtil::MOBILE);
            const Example fixed = example(region, PhoneNumberUtil::FIXED_LINE);
            if (mobile.e164.isEmpty() || mobile.e164 == fixed.e164) {
                continue; // one example for both types (US, CA, DK, CL)
            }
            const PhoneNormalizer normalizer({mobile.region, false});
            for (const Variant &a : mobile.variants) {
                for (const Variant &b : fixed.variants) {
                    for (const QString &sep : {u" / "_s, u"; "_s, u","_s, u"\n"_s}) {
                        if (sep == u" / "_s && (a.text.contains(u'/') || b.text.contains(u'/'))) {
                            continue;
                        }
                        const QString cell = a.text + sep + b.text;
                        const PhoneCellNumbers r = PhoneCell::read(cell, normalizer);
                        const QStringList expected = {mobile.e164, fixed.e164};
                        if (e164s(r) != expected) {
                            QFAIL(qPrintable(u"%1 in %2: %3 instead of %4"_s.arg(
                                cell, mobile.region, e164s(r).join(u' '), expected.join(u' '))));
                        }
                        ++checked;
                    }
                }
            }
        }
        QVERIFY(checked > 10000);
    }
};

QTEST_GUILESS_MAIN(TestPhoneCell)
#include "test_phonecell.moc"
