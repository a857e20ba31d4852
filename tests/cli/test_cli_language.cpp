// herald-cli speaks the user's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) in its messages,
// while --json, its tables and its exit codes stay exactly as scripts know them. The real
// binary as a child process, on SQLite and PostgreSQL.
#include "TestDatabase.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/QueueEngine.h"
#include "templates/TemplateStore.h"

#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return u"exit %1\nstdout:\n%2\nstderr:\n%3"_s.arg(exitCode).arg(QString::fromUtf8(out),
                                                                        QString::fromUtf8(err));
    }
};

enum class Language { English, German };

Run runIn(Language language, const QString &home, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         {"HERALD_DB", "HERALD_ACCESS_TOKEN", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        env.remove(QString::fromLatin1(name));
    }
    if (language == Language::German) {
        env.insert(u"LANG"_s, u"de_DE.UTF-8"_s);
        env.insert(u"LANGUAGE"_s, u"de"_s);
    } else {
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
    }
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    p.setProcessEnvironment(env);
    p.start(QString::fromUtf8(HERALD_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit) {
        r.err = "herald-cli did not finish normally";
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// When the estimate was made differs from run to run; nothing else may.
QByteArray withoutTimes(QByteArray json)
{
    static const QRegularExpression madeAt(u"\"made_at\":\"[^\"]*\""_s);
    return QString::fromUtf8(json).replace(madeAt, u"\"made_at\":\"…\""_s).toUtf8();
}

// The lines of `text` from the one starting with `first` up to the first empty line.
QByteArray tableStartingWith(const QByteArray &text, const QByteArray &first)
{
    const QByteArray line = QByteArray("\n") + first;
    const qsizetype at = text.startsWith(first) ? 0 : text.indexOf(line) + 1;
    if (at <= 0 && !text.startsWith(first)) {
        return {};
    }
    const qsizetype end = text.indexOf("\n\n", at);
    return text.mid(at, end < 0 ? -1 : end - at + 1);
}

} // namespace

class TestCliLanguage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    // A campaign with recipients in Germany, the US and a non-geographic number, whose name
    // core translates ("non-geographic numbers").
    void seed(TestDatabase &tdb)
    {
        const Clock &clock = Clock::system();
        TemplateRecord t;
        t.name = u"spring_promo"_s;
        t.language = u"en_US"_s;
        t.status = u"APPROVED"_s;
        t.category = u"UTILITY"_s;
        TemplateStore(tdb.db(), clock).upsert(t);
        const Campaign c =
            CampaignStore(tdb.db(), clock).create({u"Spring"_s, u"spring_promo"_s, u"en_US"_s, {}, {}});
        QList<Recipient> list;
        for (const QString &p : {u"+4915112345670"_s, u"+16502530000"_s, u"+80012345678"_s}) {
            list << Recipient{p, {}, {}, 0};
        }
        QueueEngine(tdb.db(), clock).enqueue(c.id, list);
        CampaignStore(tdb.db(), clock).create({u"Autumn"_s, u"spring_promo"_s, u"en_US"_s, {}, {}});
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void anErrorComesOutInGermanUnderAGermanLocaleWithTheSameExitCode()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != "sqlite"_L1) {
            QSKIP("no database involved");
        }
        // A database address core rejects; its message is translated in herald_de.ts.
        const QStringList args{u"--db"_s, u"postgresql://herald@localhost:5432"_s, u"status"_s};
        const Run english = runIn(Language::English, m_home.path(), args);
        const Run german = runIn(Language::German, m_home.path(), args);
        QVERIFY2(english.err.contains("The PostgreSQL URL names no database"),
                 qPrintable(english.describe()));
        QVERIFY2(QString::fromUtf8(german.err).contains(u"Die PostgreSQL-URL nennt keine Datenbank"_s),
                 qPrintable(german.describe()));
        QCOMPARE(german.exitCode, english.exitCode);
        QCOMPARE(german.exitCode, 2);
        QVERIFY(german.out.isEmpty());

        // With --json nothing is translated: a script reads the error as well.
        const Run germanJson = runIn(Language::German, m_home.path(), args + QStringList{u"--json"_s});
        QVERIFY2(germanJson.err.contains("The PostgreSQL URL names no database"),
                 qPrintable(germanJson.describe()));
        QCOMPARE(germanJson.exitCode, english.exitCode);
    }

    void jsonTablesAndExitCodesAreTheSameInGerman()
    {
        HERALD_TEST_DB(tdb);
        seed(*tdb);
        const QStringList db{u"--db"_s, tdb->url()};
        struct Case
        {
            QStringList args;
            QByteArray table; // the first column title of the table compared; empty: all output
        };
        const QList<Case> cases{
            {{u"status"_s, u"--json"_s}, {}},
            {{u"status"_s}, {}},
            {{u"campaign"_s, u"estimate"_s, u"--campaign"_s, u"Spring"_s, u"--json"_s}, {}},
            {{u"campaign"_s, u"estimate"_s, u"--campaign"_s, u"Spring"_s}, "Country"},
            {{u"campaign"_s, u"estimate"_s, u"--campaign"_s, u"Spring"_s}, "Market"},
            {{u"repair"_s, u"--dry-run"_s}, "Campaign"},
            {{u"templates"_s, u"list"_s}, {}},
            {{u"status"_s, u"--campaign"_s, u"Nobody"_s, u"--json"_s}, {}},
        };
        for (const Case &c : cases) {
            const Run english = runIn(Language::English, m_home.path(), db + c.args);
            const Run german = runIn(Language::German, m_home.path(), db + c.args);
            const QString what = c.args.join(u' ');
            QVERIFY2(english.exitCode == german.exitCode, qPrintable(what + u'\n' + german.describe()));
            if (c.table.isEmpty()) {
                QVERIFY2(withoutTimes(english.out) == withoutTimes(german.out),
                         qPrintable(what + u"\n"_s + english.describe() + u"\n"_s + german.describe()));
                QVERIFY2(!english.out.isEmpty() || english.exitCode != 0, qPrintable(what));
            } else {
                const QByteArray expected = tableStartingWith(english.out, c.table);
                QVERIFY2(!expected.isEmpty(), qPrintable(what + u'\n' + english.describe()));
                QVERIFY2(expected == tableStartingWith(german.out, c.table),
                         qPrintable(what + u"\n"_s + english.describe() + u"\n"_s + german.describe()));
            }
        }
        // The non-geographic number's row, which core names in the user's language elsewhere.
        const Run german =
            runIn(Language::German, m_home.path(),
                  db + QStringList{u"campaign"_s, u"estimate"_s, u"--campaign"_s, u"Spring"_s});
        QVERIFY2(german.out.contains("001 non-geographic numbers"), qPrintable(german.describe()));
        // A missing campaign: the same exit code, and the JSON error document is untouched.
        const Run missing = runIn(Language::German, m_home.path(),
                                  db + QStringList{u"status"_s, u"--campaign"_s, u"Nobody"_s});
        QCOMPARE(missing.exitCode, 5);
    }
};

QTEST_GUILESS_MAIN(TestCliLanguage)
#include "test_cli_language.moc"
