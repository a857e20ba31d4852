#include "import/PhoneColumnDetector.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

class TestPhoneColumnDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerNamesInEveryLanguageAreRecognisedAndRanked_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("score");
        const QList<QPair<QString, int>> names = {
            // English, exports and CRM
            {u"WhatsApp"_s, 100},
            {u"WhatsApp Number"_s, 100},
            {u"Mobile"_s, 90},
            {u"Mobile Phone"_s, 90},
            {u"Cell"_s, 90},
            {u"Cell Phone"_s, 90},
            {u"mobilePhone"_s, 90},
            {u"Mobile Phone Number"_s, 90},
            {u"SMS Phone Number"_s, 90},
            {u"Phone"_s, 70},
            {u"Phone Number"_s, 70},
            {u"phone_number"_s, 70},
            {u"Telephone"_s, 70},
            {u"Tel."_s, 70},
            {u"Primary Phone"_s, 60},
            {u"Home Phone"_s, 30},
            {u"Business Phone"_s, 30},
            {u"Business Phone 2"_s, 28},
            {u"Company Main Phone"_s, 30},
            {u"Phone 1 - Value"_s, 69},
            {u"Phone 2 - Value"_s, 68},
            {u"Contact Number"_s, 50},
            // German
            {u"Telefon"_s, 70},
            {u"Telefonnummer"_s, 70},
            {u"Handy"_s, 90},
            {u"Handynummer"_s, 90},
            {u"Mobil"_s, 90},
            {u"Mobilnummer"_s, 90},
            {u"Telefon (privat)"_s, 30},
            {u"Telefon geschäftlich"_s, 30},
            // French
            {u"Téléphone"_s, 70},
            {u"TÉLÉPHONE PORTABLE"_s, 90},
            {u"Portable"_s, 90},
            {u"Numéro de téléphone"_s, 70},
            {u"Téléphone fixe"_s, 30},
            // Spanish, Latin America
            {u"Teléfono"_s, 70},
            {u"Celular"_s, 90},
            {u"Móvil"_s, 90},
            {u"Teléfono móvil"_s, 90},
            {u"Número de WhatsApp"_s, 100},
            {u"Teléfono fijo"_s, 30},
            // Portuguese
            {u"Telemóvel"_s, 90},
            {u"Telefone"_s, 70},
            {u"Fone"_s, 70},
            {u"Celular (WhatsApp)"_s, 100},
            // Italian
            {u"Cellulare"_s, 90},
            {u"Telefono"_s, 70},
            {u"Telefono fisso"_s, 30},
            // Dutch
            {u"Telefoon"_s, 70},
            {u"Telefoonnummer"_s, 70},
            {u"Mobiel"_s, 90},
            {u"Mobiele telefoon"_s, 90},
            // Polish
            {u"Telefon komórkowy"_s, 90},
            {u"Komórka"_s, 90},
            {u"Numer telefonu"_s, 70},
            // Turkish
            {u"Cep Telefonu"_s, 90},
            {u"Telefon Numarası"_s, 70},
            {u"GSM"_s, 90},
            // Indonesian
            {u"Nomor HP"_s, 90},
            {u"No HP"_s, 90},
            {u"No. HP"_s, 90},
            {u"No. Telepon"_s, 70},
            {u"Nomor Telepon"_s, 70},
            {u"Nomor WhatsApp"_s, 100},
            {u"No WA"_s, 100},
            {u"Telp"_s, 70},
            // not phone columns
            {u"Business Fax"_s, 0},
            {u"Pager"_s, 0},
            {u"TTY/TDD Phone"_s, 0},
            {u"Phone 1 - Label"_s, 0},
            {u"Phone 1 - Type"_s, 0},
            {u"WhatsApp Opt-In"_s, 0},
            {u"CEP"_s, 0},
            {u"Name"_s, 0},
            {u"Account Number"_s, 0},
            {u"HP Laptop"_s, 0},
            {u"Country Code"_s, 0},
        };
        for (const auto &[name, score] : names) {
            QTest::addRow("%s", qPrintable(name)) << name << score;
        }
    }

    void headerNamesInEveryLanguageAreRecognisedAndRanked()
    {
        QFETCH(QString, name);
        QFETCH(int, score);
        QCOMPARE(PhoneColumnDetector::headerScore(name), score);
    }

    void namesAreComparedWithoutCaseAccentsOrPunctuation()
    {
        QCOMPARE(PhoneColumnDetector::normalizeName(u"  Téléphone_Portable "), u"telephone portable"_s);
        QCOMPARE(PhoneColumnDetector::normalizeName(u"telephonePortable"), u"telephone portable"_s);
        QCOMPARE(PhoneColumnDetector::normalizeName(u"Telefon komórkowy"), u"telefon komorkowy"_s);
        QCOMPARE(PhoneColumnDetector::normalizeName(u"Numarası"), u"numarasi"_s);
        QCOMPARE(PhoneColumnDetector::normalizeName(u"Phone 1 - Value"), u"phone 1 value"_s);
    }

    void aMobileColumnIsPreferredOverALandlineColumn()
    {
        const QStringList header{u"Name"_s, u"Home Phone"_s, u"Business Phone"_s, u"Mobile Phone"_s,
                                 u"Pager"_s};
        const QList<QStringList> rows{{u"A"_s, u"+31 20 1234567"_s, u""_s, u"+31 6 12345678"_s, u""_s}};
        const PhoneColumnChoice c = PhoneColumnDetector::detect(header, rows);
        QCOMPARE(c.column, 3);
        QCOMPARE(c.method, PhoneColumnChoice::Method::HeaderName);
        QCOMPARE(c.nameScore, 90);
        QCOMPARE(c.explanation, u"column 4 “Mobile Phone”, recognised by its name"_s);
        QCOMPARE(PhoneColumnDetector::detect(header, {}).column, 3);
    }

    void aWhatsAppColumnBeatsAMobileColumn()
    {
        const PhoneColumnChoice c =
            PhoneColumnDetector::detect({u"Handy"_s, u"WhatsApp-Nummer"_s, u"Telefon"_s}, {});
        QCOMPARE(c.column, 1);
    }

    void anEmptyMobileColumnLosesToALandlineColumnWithNumbers()
    {
        const QStringList header{u"Name"_s, u"Mobile Phone"_s, u"Business Phone"_s};
        const QList<QStringList> rows{{u"A"_s, u""_s, u"+1 212 555 0100"_s},
                                      {u"B"_s, u""_s, u"+1 212 555 0101"_s}};
        QCOMPARE(PhoneColumnDetector::detect(header, rows).column, 2);
    }

    void aGooglePhoneColumnLabelledMobileIsPreferred()
    {
        const QStringList header{u"First Name"_s, u"Phone 1 - Label"_s, u"Phone 1 - Value"_s,
                                 u"Phone 2 - Label"_s, u"Phone 2 - Value"_s};
        const QList<QStringList> rows{
            {u"A"_s, u"Home"_s, u"+49 30 111111"_s, u"Mobile"_s, u"+49 171 1111111"_s},
            {u"B"_s, u"Work"_s, u"+49 30 222222"_s, u"* Mobile"_s, u"+49 171 2222222"_s},
            {u"C"_s, u"Mobile"_s, u"+49 171 3333333"_s, u""_s, u""_s},
        };
        const PhoneColumnChoice c = PhoneColumnDetector::detect(header, rows);
        QCOMPARE(c.column, 4);
        QCOMPARE(c.labelColumn, 3);
        QCOMPARE(c.nameScore, 88);
        // Without samples the first phone column is the best guess.
        QCOMPARE(PhoneColumnDetector::detect(header, {}).column, 2);
    }

    void withoutAUsefulNameTheColumnOfPhoneLikeValuesIsChosen()
    {
        const QStringList header{u"Kunde"_s, u"Kundennummer"_s, u"Kontakt"_s, u"Datum"_s};
        const QList<QStringList> rows{
            {u"A"_s, u"10001"_s, u"+49 171 1234567"_s, u"2024-01-31"_s},
            {u"B"_s, u"10002"_s, u"0171 7654321"_s, u"2024-02-01"_s},
            {u"C"_s, u"10003"_s, u""_s, u"2024-02-02"_s},
        };
        const PhoneColumnChoice c = PhoneColumnDetector::detect(header, rows);
        QCOMPARE(c.column, 2);
        QCOMPARE(c.method, PhoneColumnChoice::Method::Content);
        QCOMPARE(c.phoneLike, 2);
        QCOMPARE(c.sampled, 2);
        QCOMPARE(c.explanation, u"column 3 “Kontakt”, where 2 of 2 sampled values look like phone numbers"_s);
        // A file without a header works the same way.
        QCOMPARE(PhoneColumnDetector::detect({}, rows).column, 2);
    }

    void nothingPhoneLikeGivesNoColumnAndAReason()
    {
        QString error;
        const PhoneColumnChoice c =
            PhoneColumnDetector::detect({u"Name"_s, u"City"_s}, {{u"A"_s, u"Oslo"_s}}, {}, &error);
        QVERIFY(!c.isValid());
        QCOMPARE(
            error,
            u"no column looks like it holds phone numbers; choose the phone column by its name or number"_s);
    }

    void anExplicitChoiceByNameOrNumberOverridesDetection()
    {
        const QStringList header{u"Name"_s, u"Mobile"_s, u"Büro Telefon"_s};
        QCOMPARE(PhoneColumnDetector::detect(header, {}, u"büro telefon"_s).column, 2);
        QCOMPARE(PhoneColumnDetector::detect(header, {}, u"Buero-Telefon"_s).isValid(), false);
        QCOMPARE(PhoneColumnDetector::detect(header, {}, u"buro telefon"_s).column, 2);
        const PhoneColumnChoice byNumber = PhoneColumnDetector::detect(header, {}, u"3"_s);
        QCOMPARE(byNumber.column, 2);
        QCOMPARE(byNumber.method, PhoneColumnChoice::Method::Explicit);
        QString error;
        QVERIFY(!PhoneColumnDetector::detect(header, {}, u"Fax"_s, &error).isValid());
        QCOMPARE(error,
                 u"there is no column named “Fax”; the columns are “Name”, “Mobile”, “Büro Telefon”"_s);
        QVERIFY(!PhoneColumnDetector::detect(header, {}, u"4"_s, &error).isValid());
        QCOMPARE(error, u"there is no column 4: the file has 3 columns"_s);
        QVERIFY(!PhoneColumnDetector::detect({}, {{u"a"_s, u"b"_s}}, u"Phone"_s, &error).isValid());
        QCOMPARE(error,
                 u"there is no column named “Phone”: the file has no header row, so choose the column by "
                 u"its number (1 to 2)"_s);
    }

    void phoneNumberShapesAreRecognised_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("phone");
        QTest::newRow("e164") << u"+4917112345678"_s << true;
        QTest::newRow("spaced") << u"+49 171 1234567"_s << true;
        QTest::newRow("national") << u"(030) 123-4567"_s << true;
        QTest::newRow("french dots") << u"06.12.34.56.78"_s << true;
        QTest::newRow("00 prefix") << u"0049 171 1234567"_s << true;
        QTest::newRow("tel uri") << u"tel:+1-212-555-0100"_s << true;
        QTest::newRow("slash") << u"030 / 1234567"_s << true;
        QTest::newRow("too short") << u"12345"_s << false;
        QTest::newRow("too long") << u"+1234567890123456"_s << false;
        QTest::newRow("letters") << u"call 0171 1234567"_s << false;
        QTest::newRow("excel scientific") << u"4.91711E+12"_s << false;
        QTest::newRow("decimal") << u"1234.5678"_s << false;
        QTest::newRow("iso date") << u"2024-01-31"_s << false;
        QTest::newRow("german date") << u"31.01.2024"_s << false;
        QTest::newRow("empty") << u""_s << false;
    }

    void phoneNumberShapesAreRecognised()
    {
        QFETCH(QString, value);
        QFETCH(bool, phone);
        QCOMPARE(PhoneColumnDetector::looksLikePhoneNumber(value), phone);
    }

    void aCellWithSeveralNumbersSplitsIntoCandidatesInOrder_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QStringList>("candidates");
        QTest::newRow("google") << u"+62 812 3456 7890 ::: +62 21 555 0101"_s
                                << QStringList{u"+62 812 3456 7890"_s, u"+62 21 555 0101"_s};
        QTest::newRow("semicolon") << u"+49 171 1111111; +49 30 2222222"_s
                                   << QStringList{u"+49 171 1111111"_s, u"+49 30 2222222"_s};
        QTest::newRow("comma") << u"+49 171 1111111,+49 172 3333333"_s
                               << QStringList{u"+49 171 1111111"_s, u"+49 172 3333333"_s};
        QTest::newRow("slash between numbers") << u"+49 171 1111111 / +49 30 2222222"_s
                                               << QStringList{u"+49 171 1111111"_s, u"+49 30 2222222"_s};
        QTest::newRow("slash inside a number") << u"030 / 1234567"_s << QStringList{u"030 / 1234567"_s};
        // Whole first: a cell that looks like one number is never cut, so the slash German and
        // Austrian numbers carry after the area code or mobile prefix stays inside the number.
        QTest::newRow("slash after an international mobile prefix")
            << u"0049 171/23456789"_s << QStringList{u"0049 171/23456789"_s};
        QTest::newRow("austrian slash") << u"0043 664/1234567"_s << QStringList{u"0043 664/1234567"_s};
        QTest::newRow("(0) and slash") << u"0049 (0)30/1234567"_s << QStringList{u"0049 (0)30/1234567"_s};
        QTest::newRow("slash between national numbers")
            << u"0151 23456789 / 030 1234567"_s << QStringList{u"0151 23456789"_s, u"030 1234567"_s};
        QTest::newRow("slash inside one, comma between")
            << u"0049 171/23456789, 030 1234567"_s << QStringList{u"0049 171/23456789"_s, u"030 1234567"_s};
        QTest::newRow("google pieces stay whole")
            << u"0049 171/23456789 ::: 0043 664/1234567"_s
            << QStringList{u"0049 171/23456789"_s, u"0043 664/1234567"_s};
        QTest::newRow("trailing semicolon") << u"0151 23456789;"_s << QStringList{u"0151 23456789"_s};
        QTest::newRow("slash inside, semicolon between")
            << u"030 / 1234567; 0171 / 7654321"_s << QStringList{u"030 / 1234567"_s, u"0171 / 7654321"_s};
        QTest::newRow("newlines") << u"+44 7700 900001\r\n+44 7700 900002\n"_s
                                  << QStringList{u"+44 7700 900001"_s, u"+44 7700 900002"_s};
        QTest::newRow("duplicates dropped")
            << u"+1 212 555 0100 ::: +1 212 555 0100"_s << QStringList{u"+1 212 555 0100"_s};
        QTest::newRow("one number") << u"  +1 212 555 0100 "_s << QStringList{u"+1 212 555 0100"_s};
        QTest::newRow("text is kept whole") << u"call me, maybe"_s << QStringList{u"call me, maybe"_s};
        QTest::newRow("empty") << u""_s << QStringList{};
    }

    void aCellWithSeveralNumbersSplitsIntoCandidatesInOrder()
    {
        QFETCH(QString, cell);
        QFETCH(QStringList, candidates);
        QCOMPARE(PhoneColumnDetector::splitCandidates(cell), candidates);
    }
};

QTEST_GUILESS_MAIN(TestPhoneColumnDetector)
#include "test_phonecolumndetector.moc"
