#pragma once

// What the kill tests share: the seed and the size of a run, children of the project started in a
// home folder of their own (so every file they write can be searched afterwards), a probe that
// tells when a child is inside a write transaction, and the checks that must hold after every
// kill.

#include "TestDatabase.h"
#include "queue/Campaign.h"
#include "simulator/CloudApiSimulator.h"

#include <QProcess>
#include <QRandomGenerator64>
#include <QSet>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

struct sqlite3;

namespace herald::test {

// The seed of this run: HERALD_KILL_SEED when set, else a fresh one. Printed, so that a failing
// run can be replayed exactly (the moments of the kills follow from it).
quint64 killSeed(const char *what);

// How big a run is: the short version by default (CI), the full one with HERALD_KILL_FULL=1;
// HERALD_KILL_MESSAGES and HERALD_KILL_KILLS override either.
struct KillSize
{
    int messages = 0;
    int kills = 0;
    bool full = false;
};
KillSize killSize(int shortMessages, int shortKills, int fullMessages, int fullKills);

// A program of the project run as a child: HOME, XDG_* under `home` (its logs, settings and
// session markers land there), the access token only in HERALD_ACCESS_TOKEN, its output appended
// to `home`/<outputName>.
class Child
{
public:
    Child(const QString &program, const QStringList &args, const QString &home, const QString &token,
          const QString &outputName);
    ~Child();

    bool start();
    qint64 pid() const { return m_pid; }
    bool isRunning() const { return m_process->state() != QProcess::NotRunning; }
    // SIGKILL, then waits for the process to be reaped (so its pid counts as gone). False when
    // it had already ended by itself.
    bool kill();
    // SIGTERM: asks it to end (a worker drains and exits). False when it had already ended.
    bool terminate();
    // Waits up to `ms`; the exit code, -1 on a timeout (the child is killed then), -2 on a crash.
    // Anything but 0 writes the end of the child's output to stderr; a timeout its stacks too.
    int finish(int ms);
    QString output() const; // everything it wrote so far
    // Every thread's stack, by gdb attached to the running child (the text says when gdb is
    // missing or cannot attach).
    QString stacks() const;

private:
    std::unique_ptr<QProcess> m_process;
    QString m_program;
    QStringList m_args;
    QString m_outputFile;
    qint64 m_pid = 0;
};

// True while a connection other than the test's own holds a write transaction on the test
// database: a kill now lands inside a transaction. SQLite: another connection holds the write
// lock (BEGIN IMMEDIATE is refused at once); PostgreSQL: another backend of this database has a
// transaction id (it has written).
class WriteProbe
{
public:
    explicit WriteProbe(const TestDatabase &tdb);
    ~WriteProbe();
    bool otherIsWriting();

private:
    const TestDatabase &m_tdb;
    sqlite3 *m_sqlite = nullptr;
    std::unique_ptr<Database> m_pg;
};

// The promises checked after every kill and at the end.
struct KillCheck
{
    bool countersEqualRecount = false; // Counters::recount, and the per-minute history sums
    qint64 processingPastLease = 0;    // rows in processing claimed longer ago than the lease
    qint64 duplicates = 0;             // recipients the simulator accepted more than once
    qint64 wrongRecipients = 0;        // accepted sends to a phone that is not in the campaign
    QString why;                       // what did not hold, for the failure message

    bool ok() const
    {
        return countersEqualRecount && processingPastLease == 0 && duplicates == 0 && wrongRecipients == 0;
    }
};
KillCheck checkAfterKill(Database &db, const QString &campaignId, const CloudApiSimulator &sim,
                         const QSet<QString> &campaignKeys, std::chrono::seconds lease);

// The API settings a child reads from the database: the in-process simulator, with a ceiling of
// `ceiling` messages/s for the number.
void storeSimulatorSettings(Database &db, const CloudApiSimulator &sim, int ceiling);
// A campaign of the simulator's order_update template with `recipients` contacts queued (phones
// +4915<100000000 + firstNumber + i>), ready to be sent.
// `phoneNumberId` sends it from a number other than the default one.
Campaign readyCampaign(Database &db, const QString &name, int recipients, int firstNumber = 0,
                       const QString &phoneNumberId = {});

// What must hold once the campaign ran to its end after the kills: completed, every row sent or
// failed with a reason, the only failures the rows in flight at a kill ("interrupted"), every sent
// row accepted by the simulator exactly once and nothing else accepted but interrupted rows.
struct EndCheck
{
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 acceptedInterrupted = 0; // interrupted rows the simulator had accepted (Meta has them)
    QString why;
    bool ok() const { return why.isEmpty(); }
};
// `onlyCampaignServed`: the simulator served this campaign alone, so everything it accepted must
// be one of the campaign's sent or interrupted rows (with several, the caller sums them).
EndCheck checkAtEnd(Database &db, const QString &campaignId, const CloudApiSimulator &sim, qint64 messages,
                    bool onlyCampaignServed = true);

// The campaign's phones as the simulator's log keys them (digits only).
QSet<QString> recipientKeys(Database &db, const QString &campaignId);

// Rows in processing held by a process other than `livePid` (0: any): a dead sender's rows that
// nobody recovered yet.
qint64 processingHeldByOthers(Database &db, const QString &campaignId, qint64 livePid);

// Where a run's files are: the children's home, the SQLite file's folder or, on PostgreSQL, the
// test database's own files, the write-ahead log and the server's log.
QStringList filesWrittenBy(TestDatabase &tdb, const QString &home);
// The files under `roots` (folders or single files) that contain `needle`, and how many were read.
QStringList filesWithText(const QStringList &roots, const QString &needle, int *filesRead = nullptr);

// Waits, processing events, until `condition` holds or `ms` pass.
bool waitFor(const std::function<bool()> &condition, int ms, int stepMs = 20);

} // namespace herald::test
