// WizardPreset: a campaign's stored settings applied to a new contact file, without the UI —
// columns found by the key the settings stored (whatever their order in the new file), a
// missing one left unmapped and named, the phone column detected with a note when the file
// lacks it, and the reading, region and name taken over.
#include "queue/Campaign.h"
#include "wizard/WizardPreset.h"
#include "wizard/WizardState.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::ui;

namespace {
QJsonObject storedSettings()
{
    return QJsonObject{
        {u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s}}},
        {u"mapping"_s, QJsonObject{{u"header.1"_s, QJsonObject{{u"text"_s, u"https://example.com/a.jpg"_s}}},
                                   {u"body.1"_s, QJsonObject{{u"column"_s, u"Vorname"_s}}},
                                   {u"body.2"_s, QJsonObject{{u"column"_s, u"Bestellnummer"_s}}},
                                   {u"button.0"_s, QJsonObject{{u"column"_s, u"Bestellnummer"_s}}}}},
        {u"import"_s, QJsonObject{{u"file"_s, u"/tmp/kunden.csv"_s},
                                  {u"encoding"_s, u"windows-1252"_s},
                                  {u"delimiter"_s, u";"_s},
                                  {u"header"_s, true},
                                  {u"phone_column"_s, u"Handy"_s},
                                  {u"region"_s, u"DE"_s},
                                  {u"mobile_only"_s, true}}},
        {u"rate"_s, 5.0}};
}

FileLook look(const QStringList &header, const QList<QStringList> &rows)
{
    FileLook f;
    f.path = u"/tmp/new.csv"_s;
    f.header = header;
    f.rows = rows;
    f.columnCount = header.isEmpty() ? (rows.isEmpty() ? 0 : rows.first().size()) : header.size();
    f.detection.hasHeader = !header.isEmpty();
    return f;
}
} // namespace

class TestWizardPreset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theStoredReadingBecomesTheNewFilesOverrides()
    {
        const WizardPreset p(u"Kunden"_s, u"order_update"_s, u"en_US"_s, storedSettings());
        const CsvReaderOptions o = p.readOptions();
        QCOMPARE(o.encoding, std::optional<TextEncoding>(TextEncoding::Windows1252));
        QCOMPARE(o.delimiter, std::optional<QChar>(u';'));
        QCOMPARE(p.templateName(), u"order_update"_s);
        QCOMPARE(p.templateLanguage(), u"en_US"_s);
        // Settings from before the reading was stored: the new file is detected.
        const WizardPreset bare(u"Old"_s, u"order_update"_s, u"en_US"_s, QJsonObject{});
        QVERIFY(!bare.readOptions().encoding && !bare.readOptions().delimiter);
    }

    void columnsAreFoundByTheirStoredNameWhereverTheNewFileHasThem()
    {
        const WizardPreset p(u"Kunden"_s, u"order_update"_s, u"en_US"_s, storedSettings());
        WizardState s;
        s.file = look({u"Bestellnummer"_s, u"Stadt"_s, u"handy"_s, u"Vorname"_s},
                      {{u"A1"_s, u"Köln"_s, u"0151 23456789"_s, u"Jürgen"_s}});
        const WizardPreset::Outcome o = p.apply(s, true);
        QVERIFY(o.phoneColumnFound);
        QVERIFY(o.missing.isEmpty());
        QCOMPARE(s.phoneColumn, 2); // "Handy" matched as the importer matches: case aside
        QVERIFY2(s.phoneReason.contains(u"Kunden"_s), qPrintable(s.phoneReason));
        QCOMPARE(s.mapping.value(u"body.1"_s).column, 3);
        QCOMPARE(s.mapping.value(u"body.2"_s).column, 0);
        QCOMPARE(s.mapping.value(u"button.0"_s).column, 0);
        QCOMPARE(s.mapping.value(u"header.1"_s).column, -1);
        QCOMPARE(s.mapping.value(u"header.1"_s).text, u"https://example.com/a.jpg"_s);
        QCOMPARE(s.region, u"DE"_s);
        QVERIFY(s.mobileOnly);
        // What the import would be told: the new file's names for the same variables.
        const ImportOptions io = s.importOptions(u"x"_s, QString());
        QCOMPARE(io.phoneColumn, u"handy"_s);
        QVERIFY(io.params.contains(std::pair(u"body.1"_s, u"Vorname"_s)));
    }

    void aMappedColumnTheNewFileLacksIsLeftUnmappedAndNamed()
    {
        const WizardPreset p(u"Kunden"_s, u"order_update"_s, u"en_US"_s, storedSettings());
        WizardState s;
        s.file = look({u"Vorname"_s, u"Handy"_s}, {{u"Ana"_s, u"0151 23456789"_s}});
        const WizardPreset::Outcome o = p.apply(s, true);
        QCOMPARE(o.missing.size(), 2);
        QCOMPARE(o.missing.at(0).key, u"body.2"_s);
        QCOMPARE(o.missing.at(0).column, u"Bestellnummer"_s);
        QCOMPARE(o.missing.at(1).key, u"button.0"_s);
        QCOMPARE(s.mapping.value(u"body.2"_s).column, -1);
        QVERIFY(s.mapping.value(u"body.2"_s).text.isEmpty()); // not filled: the user must choose
        QCOMPARE(s.mapping.value(u"body.1"_s).column, 0);
    }

    void aMissingPhoneColumnIsDetectedAndTheReasonSaysSo()
    {
        const WizardPreset p(u"Kunden"_s, u"order_update"_s, u"en_US"_s, storedSettings());
        WizardState s;
        s.file = look({u"Vorname"_s, u"Mobile"_s, u"Bestellnummer"_s},
                      {{u"Ana"_s, u"+4915123456701"_s, u"A1"_s}, {u"Ben"_s, u"+4915123456702"_s, u"A2"_s}});
        const WizardPreset::Outcome o = p.apply(s, true);
        QVERIFY(!o.phoneColumnFound);
        QCOMPARE(s.phoneColumn, 1);
        QVERIFY2(s.phoneReason.contains(u"“Handy”"_s) && s.phoneReason.contains(u"Mobile"_s),
                 qPrintable(s.phoneReason));
    }

    void aFileWithoutAHeaderIsMatchedByColumnNumber()
    {
        QJsonObject settings = storedSettings();
        settings.insert(u"mapping"_s, QJsonObject{{u"body.1"_s, QJsonObject{{u"column"_s, u"1"_s}}}});
        QJsonObject read = settings.value(u"import"_s).toObject();
        read.insert(u"phone_column"_s, u"3"_s);
        settings.insert(u"import"_s, read);
        const WizardPreset p(u"Plain"_s, u"order_update"_s, u"en_US"_s, settings);
        WizardState s;
        s.file = look({}, {{u"Ana"_s, u"x"_s, u"+4915123456701"_s}});
        const WizardPreset::Outcome o = p.apply(s, true);
        QVERIFY(o.phoneColumnFound);
        QCOMPARE(s.phoneColumn, 2);
        QCOMPARE(s.mapping.value(u"body.1"_s).column, 0);
    }

    void theRegionComesWithTheFirstFileOnly()
    {
        const WizardPreset p(u"Kunden"_s, u"order_update"_s, u"en_US"_s, storedSettings());
        WizardState s;
        s.file = look({u"Vorname"_s, u"Handy"_s}, {{u"Ana"_s, u"0151 23456789"_s}});
        p.apply(s, true);
        QCOMPARE(s.region, u"DE"_s);
        s.region = u"AT"_s; // the user's choice on page 2
        s.mobileOnly = false;
        s.file = look({u"Handy"_s, u"Vorname"_s}, {{u"0151 23456789"_s, u"Ana"_s}});
        p.apply(s, false);
        QCOMPARE(s.region, u"AT"_s);
        QVERIFY(!s.mobileOnly);
        QCOMPARE(s.phoneColumn, 0); // the file's columns are found again all the same
        QCOMPARE(s.mapping.value(u"body.1"_s).column, 1);
    }

    void theCopysNameIsFreeAmongTheCampaigns()
    {
        const WizardPreset p(u"Kunden"_s, u"order_update"_s, u"en_US"_s, storedSettings());
        QCOMPARE(p.copyName({}), u"Kunden (copy)"_s);
        QCOMPARE(p.copyName({u"Kunden"_s, u"Kunden (copy)"_s}), u"Kunden (copy 2)"_s);
        QCOMPARE(p.copyName({u"Kunden (copy)"_s, u"Kunden (copy 2)"_s}), u"Kunden (copy 3)"_s);
    }

    void whatTheWizardStoresItReadsBack()
    {
        // The settings a finished wizard wrote, applied to the same file, give the same choices.
        WizardState before;
        before.file = look({u"Name"_s, u"Nummer"_s, u"Auftrag"_s}, {{u"Ana"_s, u"0151 23456789"_s, u"A1"_s}});
        before.file.detection.encoding = TextEncoding::Utf16LE;
        before.file.detection.delimiter = u'\t';
        before.phoneColumn = 1;
        before.region = u"AT"_s;
        before.mapping.insert(u"body.1"_s, VariableSource{0, QString()});
        before.mapping.insert(u"body.2"_s, VariableSource{2, QString()});
        before.mapping.insert(u"header.1"_s, VariableSource{-1, u"https://example.com/b.jpg"_s});
        Campaign c;
        c.name = u"Tabs"_s;
        c.templateName = u"order_update"_s;
        c.templateLanguage = u"en_US"_s;
        c.settings = before.settings();
        const WizardPreset p = WizardPreset::fromCampaign(c);
        QCOMPARE(p.readOptions().encoding, std::optional<TextEncoding>(TextEncoding::Utf16LE));
        QCOMPARE(p.readOptions().delimiter, std::optional<QChar>(u'\t'));
        WizardState after;
        after.file = before.file;
        QVERIFY(p.apply(after, true).missing.isEmpty());
        QCOMPARE(after.phoneColumn, before.phoneColumn);
        QCOMPARE(after.region, before.region);
        QCOMPARE(after.mapping.keys(), before.mapping.keys());
        for (const QString &key : before.mapping.keys()) {
            QCOMPARE(after.mapping.value(key).column, before.mapping.value(key).column);
            QCOMPARE(after.mapping.value(key).text, before.mapping.value(key).text);
        }
        QCOMPARE(after.settings().value(u"mapping"_s), before.settings().value(u"mapping"_s));
    }
};

QTEST_GUILESS_MAIN(TestWizardPreset)
#include "test_wizardpreset.moc"
