// The console's log files with a clock the test moves: a file per day, a new one at midnight,
// files older than 14 days deleted at start and at the change of day, passwords and tokens
// masked, whole lines from many threads, and messages passed on to the previous handler.
#include "db/Clock.h"
#include "log/LogCategories.h"
#include "log/LogFiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <vector>

using namespace Qt::StringLiterals;
using namespace herald;

namespace {
std::atomic<int> g_passedOn{0};
QtMessageHandler g_testHandler = nullptr;

void countingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (QByteArray(context.category ? context.category : "").startsWith("herald.")) {
        ++g_passedOn;
    }
    if (g_testHandler) {
        g_testHandler(type, context, message);
    }
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Local noon on `day`, so the local date is `day` whatever the machine's time zone.
QDateTime noonOf(const QDate &day)
{
    return QDateTime(day, QTime(12, 0)).toUTC();
}

void touch(const QString &folder, const QDate &day)
{
    QFile f(QDir(folder).filePath(LogFiles::fileNameFor(day)));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("old\n");
}
} // namespace

class TestLogFiles : public QObject
{
    Q_OBJECT

    const QDate m_today{2026, 12, 2};

private Q_SLOTS:
    void aDayHasItsOwnFileNamedAfterTheDate()
    {
        QTemporaryDir dir;
        ManualClock clock(noonOf(m_today));
        LogFiles logs(dir.path() + u"/logs"_s, clock);
        logs.install();
        qCInfo(lcDb) << "opened";
        QCOMPARE(logs.currentFile(), dir.path() + u"/logs/herald-2026-12-02.log"_s);
        QVERIFY(readAll(logs.currentFile()).contains(u"opened"_s));
    }

    void eachLineCarriesTimeLevelCategoryAndMessage()
    {
        QTemporaryDir dir;
        ManualClock clock(noonOf(m_today));
        LogFiles logs(dir.path(), clock);
        logs.install();
        qCWarning(lcSender, "could not renew leases: %s", "database is locked");
        qCInfo(lcImport) << "two\nlines";
        const QStringList lines = readAll(logs.currentFile()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        const QString time = clock.now().toLocalTime().toString(Qt::ISODateWithMs);
        QCOMPARE(lines.at(0), time + u" WARN  herald.sender: could not renew leases: database is locked"_s);
        QCOMPARE(lines.at(1), time + u" INFO  herald.import: two"_s);
        QCOMPARE(lines.at(2), u"    lines"_s);
    }

    void debugMessagesAreOffUnlessARuleTurnsThemOn()
    {
        QVERIFY(!lcSender().isDebugEnabled());
        QVERIFY(lcSender().isInfoEnabled());
        QLoggingCategory::setFilterRules(u"herald.sender.debug=true"_s);
        QVERIFY(lcSender().isDebugEnabled());
        QVERIFY(!lcDb().isDebugEnabled());
        QLoggingCategory::setFilterRules(QString());
    }

    void aNewFileStartsWhenTheDayChanges()
    {
        QTemporaryDir dir;
        ManualClock clock(QDateTime(m_today, QTime(23, 59, 59)).toUTC());
        LogFiles logs(dir.path(), clock);
        logs.install();
        qCInfo(lcUi) << "before midnight";
        clock.advanceMs(2000);
        qCInfo(lcUi) << "after midnight";
        const QString before = readAll(QDir(dir.path()).filePath(LogFiles::fileNameFor(m_today)));
        const QString after = readAll(QDir(dir.path()).filePath(LogFiles::fileNameFor(m_today.addDays(1))));
        QVERIFY(before.contains(u"before midnight"_s));
        QVERIFY(!before.contains(u"after midnight"_s));
        QVERIFY(after.contains(u"after midnight"_s));
        QCOMPARE(logs.currentFile(), QDir(dir.path()).filePath(u"herald-2026-12-03.log"_s));
    }

    void filesOlderThanFourteenDaysAreRemovedAtStart()
    {
        QTemporaryDir dir;
        for (int age = 1; age <= 20; ++age) {
            touch(dir.path(), m_today.addDays(-age));
        }
        QFile other(dir.filePath(u"notes.txt"_s)); // not ours: never touched
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.close();
        ManualClock clock(noonOf(m_today));
        LogFiles logs(dir.path(), clock);
        logs.install();
        for (int age = 1; age <= 20; ++age) {
            const bool exists = QFile::exists(dir.filePath(LogFiles::fileNameFor(m_today.addDays(-age))));
            QVERIFY2(exists == (age <= 14), qPrintable(u"a file %1 days old"_s.arg(age)));
        }
        QVERIFY(QFile::exists(dir.filePath(u"notes.txt"_s)));
        QVERIFY(QFile::exists(logs.currentFile()));
    }

    void filesOlderThanFourteenDaysAreRemovedAtTheChangeOfDay()
    {
        QTemporaryDir dir;
        ManualClock clock(QDateTime(m_today, QTime(23, 0)).toUTC());
        LogFiles logs(dir.path(), clock);
        logs.install();
        touch(dir.path(), m_today.addDays(-14)); // kept today, 15 days old tomorrow
        touch(dir.path(), m_today.addDays(-13));
        qCInfo(lcUi) << "late";
        QVERIFY(QFile::exists(dir.filePath(LogFiles::fileNameFor(m_today.addDays(-14)))));
        clock.advanceMs(2 * 3600 * 1000);
        qCInfo(lcUi) << "next day";
        QVERIFY(!QFile::exists(dir.filePath(LogFiles::fileNameFor(m_today.addDays(-14)))));
        QVERIFY(QFile::exists(dir.filePath(LogFiles::fileNameFor(m_today.addDays(-13)))));
        QVERIFY(QFile::exists(dir.filePath(LogFiles::fileNameFor(m_today))));
    }

    void passwordsInUrlsAndTokensNeverReachTheFile()
    {
        QTemporaryDir dir;
        ManualClock clock(noonOf(m_today));
        LogFiles logs(dir.path(), clock);
        logs.addSecret(u"plain-known-secret"_s);
        logs.install();
        qCWarning(lcDb) << "cannot connect to postgresql://herald:s3cr:et@w0rd@db.example.com:5432/herald";
        qCDebug(lcCloudApi) << "no rule: not written";
        qCWarning(lcCloudApi) << "Authorization: Bearer abcdef123456 for"
                              << "https://graph.example.com/v19.0/1/messages?access_token=xyz987654";
        qCWarning(lcCloudApi) << "Malformed access token EAAGm0PX4ZCpsBAAbCdEfGhIjKlMnOpQr";
        qCWarning(lcDb) << "options host=db password='pa ss' sslmode=require";
        qCWarning(lcSettings) << "the token plain-known-secret was refused";
        const QString text = readAll(logs.currentFile());
        for (const QString &secret :
             {u"s3cr:et@w0rd"_s, u"et@w0rd"_s, u"abcdef123456"_s, u"xyz987654"_s,
              u"EAAGm0PX4ZCpsBAAbCdEfGhIjKlMnOpQr"_s, u"pa ss"_s, u"plain-known-secret"_s}) {
            QVERIFY2(!text.contains(secret), qPrintable(secret + u" in:\n"_s + text));
        }
        QVERIFY(text.contains(u"postgresql://herald:[redacted]@db.example.com:5432/herald"_s));
        QVERIFY(text.contains(u"Bearer [redacted]"_s));
        QVERIFY(text.contains(u"the token [redacted] was refused"_s));
        QVERIFY(!text.contains(u"no rule"_s));
    }

    void linesFromManyThreadsStayWhole()
    {
        QTemporaryDir dir;
        ManualClock clock(noonOf(m_today));
        LogFiles logs(dir.path(), clock);
        g_testHandler = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
        logs.install(); // 2,000 lines on the test's output would hide its result
        constexpr int threads = 4;
        constexpr int perThread = 500;
        std::vector<std::unique_ptr<QThread>> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back(QThread::create([t] {
                for (int i = 0; i < perThread; ++i) {
                    qCInfo(lcSender, "thread %d message %d of a line long enough to interleave", t, i);
                }
            }));
            workers.back()->start();
        }
        for (auto &w : workers) {
            QVERIFY(w->wait(30000));
        }
        logs.uninstall();
        qInstallMessageHandler(g_testHandler);
        const QStringList lines = readAll(logs.currentFile()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), threads * perThread);
        for (const QString &line : lines) {
            QVERIFY2(line.endsWith(u" of a line long enough to interleave"_s), qPrintable(line));
        }
    }

    void messagesGoOnToThePreviousHandler()
    {
        g_testHandler = qInstallMessageHandler(countingHandler);
        {
            QTemporaryDir dir;
            ManualClock clock(noonOf(m_today));
            LogFiles logs(dir.path(), clock);
            logs.install();
            g_passedOn = 0;
            qCInfo(lcUi) << "one";
            qCWarning(lcUi) << "two";
            QCOMPARE(g_passedOn.load(), 2);
        }
        // Uninstalled with the object: the counting handler is back on its own.
        g_passedOn = 0;
        qCInfo(lcUi) << "three";
        QCOMPARE(g_passedOn.load(), 1);
        qInstallMessageHandler(g_testHandler);
    }

    void aFolderThatCannotBeCreatedLosesNoMessageOnStderr()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(u"file"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        ManualClock clock(noonOf(m_today));
        LogFiles logs(dir.filePath(u"file/logs"_s), clock); // a file where the folder should be
        g_testHandler = qInstallMessageHandler(countingHandler);
        logs.install();
        g_passedOn = 0;
        qCWarning(lcUi) << "still shown";
        QCOMPARE(g_passedOn.load(), 1);
        logs.uninstall();
        qInstallMessageHandler(g_testHandler);
    }
};

QTEST_GUILESS_MAIN(TestLogFiles)
#include "test_logfiles.moc"
