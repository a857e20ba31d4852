#include "KillHarness.h"

#include "../secrets/SecretSearch.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Transaction.h"
#include "queue/CampaignStatus.h"
#include "queue/CampaignStore.h"
#include "queue/Counters.h"
#include "queue/QueueEngine.h"
#include "sender/WorkerIdentity.h"
#include "settings/SettingKeys.h"
#include "simulator/RequestLog.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <cstdio>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace herald::test {

quint64 killSeed(const char *what)
{
    bool ok = false;
    quint64 seed = qEnvironmentVariable("HERALD_KILL_SEED").toULongLong(&ok);
    if (!ok) {
        seed = QRandomGenerator::system()->generate64();
    }
    std::fprintf(stderr, "%s: HERALD_KILL_SEED=%llu\n", what, static_cast<unsigned long long>(seed));
    return seed;
}

KillSize killSize(int shortMessages, int shortKills, int fullMessages, int fullKills)
{
    KillSize size;
    size.full = qEnvironmentVariableIntValue("HERALD_KILL_FULL") == 1;
    size.messages = size.full ? fullMessages : shortMessages;
    size.kills = size.full ? fullKills : shortKills;
    bool ok = false;
    if (const int m = qEnvironmentVariable("HERALD_KILL_MESSAGES").toInt(&ok); ok && m > 0) {
        size.messages = m;
    }
    if (const int k = qEnvironmentVariable("HERALD_KILL_KILLS").toInt(&ok); ok && k >= 0) {
        size.kills = k;
    }
    return size;
}

Child::Child(const QString &program, const QStringList &args, const QString &home, const QString &token,
             const QString &outputName)
    : m_process(std::make_unique<QProcess>())
    , m_program(program)
    , m_args(args)
    , m_outputFile(home + u'/' + outputName)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/cache"_s);
    env.insert(u"XDG_STATE_HOME"_s, home + u"/state"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"HERALD_ACCESS_TOKEN"_s, token);
    env.remove(u"HERALD_DB"_s);
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_outputFile, QIODevice::Append);
}

Child::~Child()
{
    if (isRunning()) {
        m_process->kill();
        m_process->waitForFinished(10'000);
    }
}

bool Child::start()
{
    m_process->start(m_program, m_args);
    if (!m_process->waitForStarted(30'000)) {
        return false;
    }
    m_pid = m_process->processId();
    return true;
}

bool Child::kill()
{
    const bool wasRunning = isRunning();
    m_process->kill();
    m_process->waitForFinished(30'000);
    return wasRunning && m_process->exitStatus() == QProcess::CrashExit;
}

bool Child::terminate()
{
    if (!isRunning()) {
        return false;
    }
    m_process->terminate();
    return true;
}

int Child::finish(int ms)
{
    if (!m_process->waitForFinished(ms) && isRunning()) {
        // Hung: what every thread was doing goes to the test's log before the kill, with the end
        // of what the child wrote (a failure message shows only its beginning).
        std::fprintf(stderr, "%s did not end within %d ms; its threads:\n%s\nthe end of its output:\n%s\n",
                     qPrintable(QFileInfo(m_program).fileName()), ms, qPrintable(stacks()),
                     qPrintable(output().right(4000)));
        m_process->kill();
        m_process->waitForFinished(10'000);
        return -1;
    }
    const int code = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -2;
    if (code != 0) {
        std::fprintf(stderr, "%s ended with %d; the end of its output:\n%s\n",
                     qPrintable(QFileInfo(m_program).fileName()), code, qPrintable(output().right(4000)));
    }
    return code;
}

QString Child::stacks() const
{
    const QString gdb = QStandardPaths::findExecutable(u"gdb"_s);
    if (gdb.isEmpty()) {
        return u"(gdb is not installed: no stacks)"_s;
    }
    if (m_pid <= 0) {
        return u"(the child never started: no stacks)"_s;
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(gdb,
            {u"-p"_s, QString::number(m_pid), u"-batch"_s, u"-nx"_s, u"-ex"_s, u"thread apply all bt 30"_s});
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished(5'000);
    }
    return QString::fromLocal8Bit(p.readAll());
}

QString Child::output() const
{
    QFile f(m_outputFile);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

WriteProbe::WriteProbe(const TestDatabase &tdb)
    : m_tdb(tdb)
{
    if (tdb.isPostgres()) {
        m_pg = tdb.open(u"kill-probe"_s);
    } else if (sqlite3_open_v2(TestDatabase::sqlitePath(tdb).toUtf8().constData(), &m_sqlite,
                               SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        qWarning("the write probe could not open the SQLite file");
    }
}

WriteProbe::~WriteProbe()
{
    if (m_sqlite) {
        sqlite3_close(m_sqlite);
    }
}

bool WriteProbe::otherIsWriting()
{
    if (m_pg) {
        return m_pg->scalar(u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"_s)
                   .toLongLong() > 0;
    }
    if (!m_sqlite) {
        return false;
    }
    // No busy timeout: refused at once while another connection holds the write lock. Taken, the
    // lock is given back at once (the child's busy handler waits those microseconds).
    const int rc = sqlite3_exec(m_sqlite, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_exec(m_sqlite, "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

void storeSimulatorSettings(Database &db, const CloudApiSimulator &sim, int ceiling)
{
    AppSettings s(db);
    s.set(SettingKeys::ApiBase, sim.baseUrl().toString());
    s.set(SettingKeys::ApiVersion, sim.config().apiVersion);
    s.set(SettingKeys::PhoneNumberId, sim.config().phoneNumberId);
    s.set(SettingKeys::WabaId, sim.config().wabaId);
    s.set(SettingKeys::RateCeiling, QString::number(ceiling));
}

Campaign readyCampaign(Database &db, const QString &name, int recipients, int firstNumber,
                       const QString &phoneNumberId)
{
    CampaignStore store(db, Clock::system());
    const QJsonObject settings{{u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/a.jpg"_s},
                                                           {u"body.2"_s, u"A12345"_s},
                                                           {u"button.0"_s, u"A12345"_s}}}};
    const Campaign c = store.create({name, u"order_update"_s, u"en_US"_s, phoneNumberId, settings});
    QList<Recipient> list;
    list.reserve(recipients);
    for (int i = 0; i < recipients; ++i) {
        Recipient r;
        r.phone = u"+4915%1"_s.arg(100000000 + firstNumber + i);
        r.params = QJsonObject{{u"body.1"_s, u"Contact %1"_s.arg(firstNumber + i)}};
        r.sourceLine = i + 2;
        list << r;
    }
    QueueEngine(db, Clock::system()).enqueue(c.id, list);
    return store.byId(c.id);
}

QSet<QString> recipientKeys(Database &db, const QString &campaignId)
{
    QSet<QString> keys;
    QSqlQuery q = db.run(u"SELECT phone FROM send_queue WHERE campaign_id = ?"_s, {campaignId});
    while (q.next()) {
        keys.insert(RequestLog::recipientKey(q.value(0).toString()));
    }
    return keys;
}

KillCheck checkAfterKill(Database &db, const QString &campaignId, const CloudApiSimulator &sim,
                         const QSet<QString> &campaignKeys, std::chrono::seconds lease)
{
    KillCheck check;
    QStringList why;
    // One snapshot: other senders may still be writing (a team), and the counters, the recount
    // and the history must be read as of one moment.
    ReadSnapshot snapshot(db);
    const Campaign c = CampaignStore(db, Clock::system()).byId(campaignId);
    const CounterValues r = Counters::recount(db, campaignId);
    const CounterValues h = Counters::historyTotals(db, campaignId);
    check.countersEqualRecount = c.totalContacts == r.contacts && c.totalSent == r.sent &&
                                 c.totalFailed == r.failed && h.sent == r.sent && h.failed == r.failed &&
                                 c.totalDelivered == r.delivered && c.totalRead == r.read &&
                                 c.totalFailedAfterSend == r.failedAfterSend;
    if (!check.countersEqualRecount) {
        why << u"counters %1/%2/%3 (history %4/%5), recount %6/%7/%8"_s.arg(c.totalContacts)
                   .arg(c.totalSent)
                   .arg(c.totalFailed)
                   .arg(h.sent)
                   .arg(h.failed)
                   .arg(r.contacts)
                   .arg(r.sent)
                   .arg(r.failed);
    }
    const QDateTime cutoff = Clock::system().now().addSecs(-lease.count());
    check.processingPastLease =
        db.scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND status = 'processing' AND "
                  "claimed_at < ?"_s,
                  {campaignId, db.timeValue(cutoff)})
            .toLongLong();
    if (check.processingPastLease > 0) {
        why << u"%1 rows in processing past their lease"_s.arg(check.processingPastLease);
    }
    const auto recipients = sim.log().recipients();
    for (auto it = recipients.cbegin(); it != recipients.cend(); ++it) {
        if (it->accepted > 1) {
            ++check.duplicates;
            why << u"%1 accepted %2 times"_s.arg(it.key()).arg(it->accepted);
        }
        if (it->accepted > 0 && !campaignKeys.contains(it.key())) {
            ++check.wrongRecipients;
            why << u"%1 is not in the campaign but was messaged"_s.arg(it.key());
        }
    }
    check.why = why.join(u"; "_s);
    return check;
}

EndCheck checkAtEnd(Database &db, const QString &campaignId, const CloudApiSimulator &sim, qint64 messages,
                    bool onlyCampaignServed)
{
    EndCheck end;
    QStringList why;
    const Campaign c = CampaignStore(db, Clock::system()).byId(campaignId);
    end.sent = c.totalSent;
    end.failed = c.totalFailed;
    if (c.status != CampaignStatus::Completed) {
        why << u"the campaign is %1, not completed"_s.arg(CampaignStatusMachine::toString(c.status));
    }
    if (c.totalSent + c.totalFailed != messages) {
        why << u"%1 sent + %2 failed of %3"_s.arg(c.totalSent).arg(c.totalFailed).arg(messages);
    }
    auto count = [&](const QString &condition) {
        return db
            .scalar(u"SELECT count(*) FROM send_queue WHERE campaign_id = ? AND "_s + condition, {campaignId})
            .toLongLong();
    };
    if (const qint64 n = count(u"NOT (status = 'sent' OR (status = 'failed' AND error_reason <> ''))"_s);
        n > 0) {
        why << u"%1 rows neither sent nor failed with a reason"_s.arg(n);
    }
    if (const qint64 n = count(u"status = 'failed' AND error_reason <> 'interrupted'"_s); n > 0) {
        why << u"%1 rows failed for another reason than a kill"_s.arg(n);
    }
    QSqlQuery q = db.run(u"SELECT phone, status FROM send_queue WHERE campaign_id = ?"_s, {campaignId});
    int unaccepted = 0;
    while (q.next()) {
        const int accepted = sim.log().acceptedFor(q.value(0).toString());
        if (q.value(1).toString() == u"sent"_s) {
            if (accepted != 1 && unaccepted++ < 5) {
                why << u"%1 is sent but was accepted %2 times"_s.arg(q.value(0).toString()).arg(accepted);
            }
        } else {
            end.acceptedInterrupted += accepted;
        }
    }
    if (const qint64 accepted = sim.log().totals().accepted;
        onlyCampaignServed && accepted != end.sent + end.acceptedInterrupted) {
        why << u"the simulator accepted %1, the database has %2 sent and %3 accepted interrupted"_s
                   .arg(accepted)
                   .arg(end.sent)
                   .arg(end.acceptedInterrupted);
    }
    end.why = why.join(u"; "_s);
    return end;
}

qint64 processingHeldByOthers(Database &db, const QString &campaignId, qint64 livePid)
{
    qint64 n = 0;
    QSqlQuery q =
        db.run(u"SELECT claimed_by, count(*) FROM send_queue WHERE campaign_id = ? AND status = 'processing' "
               "GROUP BY claimed_by"_s,
               {campaignId});
    while (q.next()) {
        if (livePid == 0 || WorkerIdentity::pidOf(q.value(0).toString()) != livePid) {
            n += q.value(1).toLongLong();
        }
    }
    return n;
}

QStringList filesWrittenBy(TestDatabase &tdb, const QString &home)
{
    QStringList roots{home};
    if (!tdb.isPostgres()) {
        roots << QFileInfo(TestDatabase::sqlitePath(tdb)).absolutePath();
        return roots;
    }
    Database &db = tdb.db();
    const QString data = db.scalar(u"SELECT current_setting('data_directory')"_s).toString();
    const QString oid =
        db.scalar(u"SELECT oid FROM pg_database WHERE datname = current_database()"_s).toString();
    roots << data + u"/base/"_s + oid << data + u"/pg_wal"_s;
    const QString serverLog = QFileInfo(data).absolutePath() + u"/server.log"_s;
    if (QFile::exists(serverLog)) {
        roots << serverLog;
    }
    return roots;
}

QStringList filesWithText(const QStringList &roots, const QString &needle, int *filesRead)
{
    QStringList dirs;
    QStringList found;
    int read = 0;
    for (const QString &root : roots) {
        if (QFileInfo(root).isDir()) {
            dirs << root;
            continue;
        }
        QFile f(root);
        if (f.open(QIODevice::ReadOnly)) {
            ++read;
            if (f.readAll().contains(needle.toUtf8())) {
                found << root;
            }
        }
    }
    found += filesContaining(dirs, needle);
    if (filesRead) {
        *filesRead = read + fileCount(dirs);
    }
    return found;
}

bool waitFor(const std::function<bool()> &condition, int ms, int stepMs)
{
    QDeadlineTimer deadline(ms);
    while (!condition()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, stepMs);
        QThread::msleep(stepMs);
    }
    return true;
}

} // namespace herald::test
