// Hostile strings as campaign names, contact names and template parameters: stored and shown
// exactly as given by the store and by herald-cli (create, status, status --json, import,
// export), on SQLite and PostgreSQL, with the tables intact afterwards. What text cannot hold
// (NUL, unpaired surrogates, bytes that are not UTF-8) is refused or replaced and reported,
// never changed silently; names longer than CampaignStore::kMaxNameLength are refused.
#include "CliTestUtil.h"
#include "HostileStrings.h"
#include "TestDatabase.h"
#include "db/Clock.h"
#include "import/CsvReader.h"
#include "import/CsvWriter.h"
#include "import/TextEncoding.h"
#include "queue/CampaignStore.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

const QString kTemplate = u"order_update"_s;
const QString kLanguage = u"en_US"_s;

QString phone(int i)
{
    return u"+49151234%1"_s.arg(56000 + i, 5, 10, QChar(u'0'));
}

// The tables hostile SQL would have dropped, and how many campaigns there are.
void verifySchemaIntact(Database &db, qint64 campaigns)
{
    QCOMPARE(db.scalar(u"SELECT count(*) FROM campaigns"_s).toLongLong(), campaigns);
    QVERIFY(db.scalar(u"SELECT count(*) FROM send_queue"_s).isValid());
    QVERIFY(db.scalar(u"SELECT count(*) FROM opt_outs"_s).isValid());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// What the export writes for a cell Excel would evaluate (see ResultExporter::neutralize).
QString exported(const QString &text)
{
    return CsvWriter::isFormulaTrigger(text) ? u"'"_s + text : text;
}

} // namespace

class TestHostileStrings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliRun cli(const TestDatabase &tdb, QStringList args) const
    {
        return runCli(m_home.path(), QStringList{u"--db"_s, tdb.url()} + args);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void hostileNamesRoundTripThroughTheStoreUnchanged()
    {
        HERALD_TEST_DB(tdb);
        Database &db = tdb->db();
        CampaignStore store(db, Clock::system());
        const auto strings = hostileStrings();
        for (const auto &h : strings) {
            const Campaign c = store.create({h.text, kTemplate, kLanguage, {}, {}});
            QCOMPARE(c.name, h.text);
            const auto found = store.findByName(h.text);
            QVERIFY2(found, h.label);
            QCOMPARE(found->id, c.id);
            QCOMPARE(found->name, h.text);
        }
        // Renaming a draft takes the same way in.
        const Campaign renamed =
            store.updateDraft(store.byName(strings.first().text).id,
                              u"\u202Erenamed'; DELETE FROM campaigns; --"_s, std::nullopt);
        QCOMPARE(store.byId(renamed.id).name, u"\u202Erenamed'; DELETE FROM campaigns; --"_s);
        QStringList listed;
        for (const Campaign &c : store.list()) {
            listed << c.name;
        }
        QCOMPARE(listed.size(), strings.size());
        for (qsizetype i = 1; i < strings.size(); ++i) {
            QVERIFY2(listed.contains(strings.at(i).text), strings.at(i).label);
        }
        verifySchemaIntact(db, strings.size());
    }

    void hostileNamesRoundTripThroughTheCli()
    {
        HERALD_TEST_DB(tdb);
        const auto strings = hostileStrings();
        for (const auto &h : strings) {
            const CliRun create = cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, h.text, u"--template"_s,
                                             kTemplate, u"--lang"_s, kLanguage});
            QVERIFY2(create.exitCode == 0,
                     qPrintable(QString::fromUtf8(h.label) + u": "_s + create.describe()));
            const QString id = create.out.trimmed();
            QVERIFY2(!QUuid::fromString(id).isNull(), qPrintable(create.describe()));

            const CliRun json = cli(*tdb, {u"status"_s, u"--campaign"_s, h.text, u"--json"_s});
            QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
            const QJsonArray campaigns = json.json().value(u"campaigns"_s).toArray();
            QCOMPARE(campaigns.size(), 1);
            QCOMPARE(campaigns.first().toObject().value(u"name"_s).toString(), h.text);
            QCOMPARE(campaigns.first().toObject().value(u"id"_s).toString(), id);

            const CliRun text = cli(*tdb, {u"status"_s, u"--campaign"_s, h.text});
            QVERIFY2(text.exitCode == 0, qPrintable(text.describe()));
            QVERIFY2(text.out.contains(h.text), qPrintable(QString::fromUtf8(h.label) + u"\n"_s + text.out));

            const QString out = m_home.filePath(u"export.csv"_s);
            const CliRun exportRun = cli(*tdb, {u"export"_s, u"--campaign"_s, h.text, u"--out"_s, out});
            QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.describe()));
            const CsvTable table = CsvReader::readAll(out, {});
            QVERIFY2(table.error.kind == CsvError::Kind::None || table.records.isEmpty(), h.label);
        }
        const CliRun all = cli(*tdb, {u"status"_s, u"--json"_s});
        QCOMPARE(all.json().value(u"campaigns"_s).toArray().size(), strings.size());
        verifySchemaIntact(tdb->db(), strings.size());
    }

    void hostileContactNamesAndParametersRoundTripThroughImportAndExport()
    {
        HERALD_TEST_DB(tdb);
        const auto strings = hostileStrings();
        QString longName;
        while (longName.size() < 10000) {
            longName += u"Émile 🎉 '; DROP TABLE send_queue; -- "_s;
        }
        longName.truncate(9997);
        longName += u"end"_s; // the importer trims cells, so no space at the end
        QList<QString> names;
        for (const auto &h : strings) {
            names << h.text;
        }
        names << longName;

        const QString csv = m_home.filePath(u"hostile.csv"_s);
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            CsvWriterOptions o;
            o.neutralizeFormulas = false; // the file carries the formulas as a hostile sender wrote them
            CsvWriter w(&f, o);
            QVERIFY(w.writeRow(QStringList{u"Name"_s, u"Phone"_s, u"Note"_s}));
            for (qsizetype i = 0; i < names.size(); ++i) {
                QVERIFY(w.writeRow(QStringList{names.at(i), phone(int(i)), names.at(names.size() - 1 - i)}));
            }
        }
        const QString campaign = u"'; DROP TABLE campaigns; -- \u202Eimport"_s;
        QCOMPARE(cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, campaign, u"--template"_s, kTemplate,
                            u"--lang"_s, kLanguage})
                     .exitCode,
                 0);
        const CliRun import = cli(*tdb, {u"import"_s, csv, u"--campaign"_s, campaign, u"--phone-column"_s,
                                         u"Phone"_s, u"--param"_s, u"body.1=Note"_s, u"--json"_s});
        QVERIFY2(import.exitCode == 0, qPrintable(import.describe()));
        QCOMPARE(import.json().value(u"imported"_s).toInteger(), names.size());
        QCOMPARE(import.json().value(u"rejected"_s).toInteger(), 0);

        QSqlQuery q = tdb->db().run(u"SELECT phone, contact_name, params FROM send_queue ORDER BY id"_s);
        qsizetype i = 0;
        while (q.next()) {
            QCOMPARE(q.value(0).toString(), phone(int(i)));
            QCOMPARE(q.value(1).toString(), names.at(i));
            const QJsonObject params = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
            QCOMPARE(params.value(u"body.1"_s).toString(), names.at(names.size() - 1 - i));
            ++i;
        }
        QCOMPARE(i, names.size());

        const QString out = m_home.filePath(u"results.csv"_s);
        const CliRun exportRun = cli(*tdb, {u"export"_s, u"--campaign"_s, campaign, u"--out"_s, out});
        QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.describe()));
        const CsvTable table = CsvReader::readAll(out, {});
        QVERIFY2(table.error.kind == CsvError::Kind::None, qPrintable(table.error.message));
        QCOMPARE(table.header.at(1), u"name"_s);
        QCOMPARE(table.records.size(), names.size());
        for (qsizetype r = 0; r < names.size(); ++r) {
            QCOMPARE(table.records.at(r).field(0).toString(), phone(int(r)));
            // A formula comes back with the apostrophe that keeps Excel from evaluating it.
            QCOMPARE(table.records.at(r).field(1).toString(), exported(names.at(r)));
        }
        QVERIFY(exported(u"=HYPERLINK(1)"_s).startsWith(u"'="_s));
        verifySchemaIntact(tdb->db(), 1);
    }

    void namesLongerThanTheLimitAreRefusedWithTheLimit()
    {
        HERALD_TEST_DB(tdb);
        CampaignStore store(tdb->db(), Clock::system());
        const qsizetype limit = CampaignStore::kMaxNameLength;
        QCOMPARE(limit, 200);
        QString emoji;
        for (qsizetype i = 0; i < limit; ++i) {
            emoji += u"🎉"_s; // two UTF-16 units, one character
        }
        QCOMPARE(store.create({emoji, kTemplate, kLanguage, {}, {}}).name, emoji);
        const QString atLimit = QString(limit, u'x');
        QCOMPARE(store.create({atLimit, kTemplate, kLanguage, {}, {}}).name, atLimit);
        for (const QString &name : {QString(limit + 1, u'y'), QString(10000, u'z')}) {
            try {
                store.create({name, kTemplate, kLanguage, {}, {}});
                QFAIL("an overlong name was accepted");
            } catch (const DbError &e) {
                QCOMPARE(e.kind(), DbError::Kind::Refused);
                QVERIFY2(e.message().contains(u"200"_s) && e.message().contains(QString::number(name.size())),
                         qPrintable(e.message()));
            }
        }
        try {
            store.updateDraft(store.byName(atLimit).id, atLimit + u'x', std::nullopt);
            QFAIL("a rename past the limit was accepted");
        } catch (const DbError &e) {
            QVERIFY2(e.message().contains(u"at most 200 characters"_s), qPrintable(e.message()));
        }

        QString tenThousand;
        while (tenThousand.size() < 10000) {
            tenThousand += u"'; DROP TABLE campaigns; -- "_s;
        }
        tenThousand.truncate(10000);
        const CliRun r = cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, tenThousand, u"--template"_s,
                                    kTemplate, u"--lang"_s, kLanguage});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains(u"at most 200 characters; this one has 10000"_s),
                 qPrintable(r.err.left(500)));
        QVERIFY2(r.err.size() < 1000, "the refusal does not repeat the 10,000 characters");
        verifySchemaIntact(tdb->db(), 2);
    }

    void namesTextCannotHoldAreRefusedSayingWhy_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("because");
        QTest::newRow("nul") << u"before\0after"_s << u"NUL character (U+0000)"_s;
        QTest::newRow("line break") << u"first\nsecond"_s << u"control characters"_s;
        QTest::newRow("tab") << u"a\tb"_s << u"(found U+0009)"_s;
        QTest::newRow("escape") << u"a\x1b[31mred"_s << u"(found U+001B)"_s;
        QTest::newRow("C1 control") << u"a\u0085b"_s << u"(found U+0085)"_s;
        QTest::newRow("unpaired high surrogate") << (u"a"_s + QChar(0xD800) + u"b"_s) << u"surrogate"_s;
        QTest::newRow("unpaired low surrogate") << (u"a"_s + QChar(0xDC00)) << u"surrogate"_s;
        QTest::newRow("replacement character") << u"Ren\uFFFD"_s << u"not valid UTF-8"_s;
    }

    void namesTextCannotHoldAreRefusedSayingWhy()
    {
        QFETCH(QString, name);
        QFETCH(QString, because);
        HERALD_TEST_DB(tdb);
        CampaignStore store(tdb->db(), Clock::system());
        try {
            store.create({name, kTemplate, kLanguage, {}, {}});
            QFAIL("accepted");
        } catch (const DbError &e) {
            QCOMPARE(e.kind(), DbError::Kind::Refused);
            QVERIFY2(e.message().contains(because), qPrintable(e.message()));
        }
        const Campaign ok = store.create({u"fine"_s, kTemplate, kLanguage, {}, {}});
        try {
            store.updateDraft(ok.id, name, std::nullopt);
            QFAIL("accepted as a new name");
        } catch (const DbError &e) {
            QVERIFY2(e.message().contains(because), qPrintable(e.message()));
        }
        QCOMPARE(store.byId(ok.id).name, u"fine"_s);
        verifySchemaIntact(tdb->db(), 1);
    }

    // The shell hands herald-cli bytes; ones that are not UTF-8 must not become a name with
    // U+FFFD in it unnoticed.
    void aCommandLineNameThatIsNotUtf8IsRefused()
    {
        HERALD_TEST_DB(tdb);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        env.remove(u"LANGUAGE"_s);
        env.remove(u"LC_ALL"_s);
        p.setProcessEnvironment(env);
        p.start(u"/bin/sh"_s, {u"-c"_s,
                               u"exec \"$0\" --db \"$1\" campaign create --name \"$(printf 'Ren\\351e')\" "
                               "--template order_update --lang en_US"_s,
                               QString::fromUtf8(HERALD_CLI_PATH), tdb->url()});
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 6);
        QVERIFY2(err.contains(u"not valid UTF-8"_s), qPrintable(err));
        verifySchemaIntact(tdb->db(), 0);
    }

    void aContactFileWithNulIsRefusedNamingFileAndLine()
    {
        HERALD_TEST_DB(tdb);
        const QString csv = m_home.filePath(u"nul.csv"_s);
        QVERIFY(writeFile(csv, "Name,Phone\nAnn,+4915123456001\nBob\0by,+4915123456002\n"_ba));
        QCOMPARE(cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, u"N"_s, u"--template"_s, kTemplate,
                            u"--lang"_s, kLanguage})
                     .exitCode,
                 0);
        const CliRun r = cli(*tdb, {u"import"_s, csv, u"--campaign"_s, u"N"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 7);
        const QJsonObject error = r.json().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"line"_s).toInteger(), 3);
        QVERIFY2(!error.value(u"message"_s).toString().isEmpty(), qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"file"_s).toString().endsWith(u"nul.csv"_s), true);
        const CliRun plain = cli(*tdb, {u"import"_s, csv, u"--campaign"_s, u"N"_s});
        QCOMPARE(plain.exitCode, 7);
        QVERIFY2(plain.err.contains(u"nul.csv"_s) && plain.err.contains(u"3"_s),
                 qPrintable(plain.describe()));
        QCOMPARE(tdb->db().scalar(u"SELECT count(*) FROM send_queue"_s).toInt(), 0);
    }

    void invalidUtf8InAContactFileIsReplacedAndReportedWithItsLine()
    {
        HERALD_TEST_DB(tdb);
        const QString csv = m_home.filePath(u"latin.csv"_s);
        // E9 80 is one cut-short sequence (one U+FFFD), FF never occurs in UTF-8 (another).
        QVERIFY(writeFile(
            csv, "\xEF\xBB\xBFName,Phone\nAnn,+4915123456001\nRen\xE9\x80 \xFF,+4915123456002\n"_ba));
        QCOMPARE(cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, u"U"_s, u"--template"_s, kTemplate,
                            u"--lang"_s, kLanguage})
                     .exitCode,
                 0);
        const CliRun r = cli(*tdb, {u"import"_s, csv, u"--campaign"_s, u"U"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray warnings = r.json().value(u"warnings"_s).toArray();
        QCOMPARE(warnings.size(), 1);
        const QString warning = warnings.first().toString();
        QVERIFY2(warning.contains(u"latin.csv, line 3"_s) && warning.contains(u"not valid utf-8"_s),
                 qPrintable(warning));
        QCOMPARE(tdb->db()
                     .scalar(u"SELECT contact_name FROM send_queue WHERE phone = ?"_s, {u"+4915123456002"_s})
                     .toString(),
                 u"Ren\uFFFD \uFFFD"_s);
    }

    void unpairedSurrogatesInAUtf16ContactFileAreReplacedAndReported()
    {
        HERALD_TEST_DB(tdb);
        const QString text = u"Name,Phone\nAnn,+4915123456001\nBob"_s + QChar(0xD800) +
                             u"x,+4915123456002\n"_s + u"Cy"_s + QChar(0xDC00) +
                             u",+4915123456003\nDee 🎉,+4915123456004\n"_s;
        QByteArray bytes = byteOrderMark(TextEncoding::Utf16LE);
        TextEncoder(TextEncoding::Utf16LE).encode(text, bytes);
        const QString csv = m_home.filePath(u"utf16.csv"_s);
        QVERIFY(writeFile(csv, bytes));
        QCOMPARE(cli(*tdb, {u"campaign"_s, u"create"_s, u"--name"_s, u"S"_s, u"--template"_s, kTemplate,
                            u"--lang"_s, kLanguage})
                     .exitCode,
                 0);
        const CliRun r = cli(*tdb, {u"import"_s, csv, u"--campaign"_s, u"S"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().value(u"imported"_s).toInteger(), 4);
        const QString warning = r.json().value(u"warnings"_s).toArray().first().toString();
        QVERIFY2(warning.contains(u"utf16.csv, line 3"_s) && warning.contains(u"2 sequences"_s),
                 qPrintable(warning));
        QSqlQuery q = tdb->db().run(u"SELECT contact_name FROM send_queue ORDER BY phone"_s);
        QStringList stored;
        while (q.next()) {
            stored << q.value(0).toString();
        }
        QCOMPARE(stored, (QStringList{u"Ann"_s, u"Bob\uFFFDx"_s, u"Cy\uFFFD"_s, u"Dee 🎉"_s}));
    }

    // The decoder streams: a pair split across chunks is kept, and only a surrogate without
    // its other half is replaced, whatever the chunk size.
    void theUtf16DecoderReplacesOnlyUnpairedSurrogatesAcrossChunks()
    {
        const QString text =
            u"a🎉b"_s + QChar(0xD83D) + u"c"_s + QChar(0xDE00) + u"👍🏽"_s + QChar(0xD800);
        for (TextEncoding e : {TextEncoding::Utf16LE, TextEncoding::Utf16BE}) {
            QByteArray bytes;
            TextEncoder(e).encode(text, bytes);
            for (qsizetype piece : {1, 2, 3, 4, 5, 64}) {
                TextDecoder d(e);
                QString out;
                for (qsizetype i = 0; i < bytes.size(); i += piece) {
                    const qsizetype n = std::min(piece, bytes.size() - i);
                    d.decode(QByteArrayView(bytes).sliced(i, n), out, i + n >= bytes.size());
                }
                QCOMPARE(out, u"a🎉b\uFFFDc\uFFFD👍🏽\uFFFD"_s);
                QCOMPARE(d.takeReplacements(), 3);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileStrings)
#include "test_hostilestrings.moc"
