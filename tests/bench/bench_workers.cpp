// Headless workers against the Cloud API simulator on one database (PostgreSQL for a team):
// one worker with one number, one worker with a pool of three numbers, and three workers sharing
// that pool. Each configuration sends its own campaign of --messages to the end; the simulator
// answers after --latency-ms and every number's ceiling is --ceiling. Prints one key=value line
// per configuration: messages per second from the first accepted send to the last, and the CPU
// the workers, the simulator (this process) and the database server used per message.
//   bench_workers --db URL --cli PATH [--messages N] [--latency-ms MS] [--ceiling R]
// run-workers-benchmark.sh starts a throwaway PostgreSQL and runs it with the bare client beside.
#include "../kill/KillHarness.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/Migrator.h"
#include "queue/CampaignStore.h"
#include "queue/NumberPool.h"
#include "settings/PhoneNumberStore.h"
#include "simulator/CloudApiSimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;

namespace {

// utime + stime of a process, in seconds (/proc/PID/stat); 0 when it is gone.
double cpuOf(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / ticks;
}

// Every process named "postgres": the database server's share.
double postgresCpu()
{
    double total = 0;
    for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric) {
            continue;
        }
        QFile comm(u"/proc/%1/comm"_s.arg(pid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "postgres") {
            total += cpuOf(pid);
        }
    }
    return total;
}

double selfCpu()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void waitMs(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(5);
    }
}

struct Config
{
    QString name;
    int workers = 1;
    int numbers = 1;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{u"db"_s, u"Database URL or file."_s, u"url"_s},
                       {u"cli"_s, u"herald-cli to run as the workers."_s, u"path"_s},
                       {u"messages"_s, u"Messages per campaign (default 30000)."_s, u"n"_s},
                       {u"latency-ms"_s, u"The simulator's answer delay (default 200)."_s, u"ms"_s},
                       {u"ceiling"_s, u"Each number's ceiling, messages/s (default 1000)."_s, u"r"_s}});
    parser.process(app);
    const int messages = parser.value(u"messages"_s).isEmpty() ? 30000 : parser.value(u"messages"_s).toInt();
    const int latency = parser.value(u"latency-ms"_s).isEmpty() ? 200 : parser.value(u"latency-ms"_s).toInt();
    const int ceiling = parser.value(u"ceiling"_s).isEmpty() ? 1000 : parser.value(u"ceiling"_s).toInt();
    const QString cli = parser.value(u"cli"_s);
    const QString url = parser.value(u"db"_s);
    DatabaseConfig config;
    QString error;
    if (cli.isEmpty() || !DatabaseConfig::parse(url, &config, &error)) {
        std::fprintf(stderr, "need --db and --cli %s\n", qPrintable(error));
        return 2;
    }

    const QStringList numbers{u"106540352242922"_s, u"106540352242923"_s, u"106540352242924"_s};
    SimulatorConfig sc;
    sc.latencyMs = latency;
    sc.phoneNumberId = numbers.at(0);
    sc.extraPhoneNumberIds = numbers.mid(1);
    sc.threads = 2;
    CloudApiSimulator sim(sc);
    if (!sim.start(0, &error)) {
        std::fprintf(stderr, "simulator: %s\n", qPrintable(error));
        return 1;
    }
    QTemporaryDir home;
    Database db(config, u"bench"_s);
    Migrator(db).migrate();
    storeSimulatorSettings(db, sim, ceiling);
    for (const QString &n : numbers) {
        PhoneNumberStore(db, Clock::system()).add(n, ceiling, QString());
    }
    {
        Child sync(cli, {u"--db"_s, url, u"templates"_s, u"sync"_s}, home.path(), sc.accessToken,
                   u"sync.out"_s);
        if (!sync.start() || sync.finish(60'000) != 0) {
            std::fprintf(stderr, "templates sync failed:\n%s\n", qPrintable(sync.output()));
            return 1;
        }
    }

    const QList<Config> configs{
        {u"1-worker-1-number"_s, 1, 1}, {u"1-worker-3-numbers"_s, 1, 3}, {u"3-workers-3-numbers"_s, 3, 3}};
    int first = 0;
    for (const Config &c : configs) {
        const Campaign campaign = readyCampaign(db, u"bench %1"_s.arg(c.name), messages, first);
        first += messages;
        if (c.numbers > 1) {
            NumberPool(db, Clock::system()).set(campaign.id, numbers.mid(0, c.numbers));
        }
        CampaignStore store(db, Clock::system());
        store.transition(campaign.id, CampaignStatus::Running);

        const double pgBefore = postgresCpu();
        const double selfBefore = selfCpu();
        std::vector<std::unique_ptr<Child>> workers;
        for (int w = 0; w < c.workers; ++w) {
            workers.push_back(std::make_unique<Child>(
                cli,
                QStringList{u"--db"_s, url, u"worker"_s, u"--name"_s, u"bench-%1"_s.arg(w), u"--campaigns"_s,
                            campaign.name},
                home.path(), sc.accessToken, u"worker-%1-%2.out"_s.arg(c.name).arg(w)));
            workers.back()->start();
        }
        QElapsedTimer clock;
        clock.start();
        qint64 firstSentMs = -1;
        qint64 sentAtFirst = 0;
        double workerCpu = 0;
        Campaign now;
        while (clock.elapsed() < 600'000) {
            waitMs(100);
            now = store.byId(campaign.id);
            if (firstSentMs < 0 && now.totalSent > 0) {
                firstSentMs = clock.elapsed();
                sentAtFirst = now.totalSent;
            }
            if (now.status != CampaignStatus::Running) {
                break;
            }
        }
        const qint64 endMs = clock.elapsed();
        for (auto &w : workers) {
            workerCpu += cpuOf(w->pid());
        }
        const double pgCpu = postgresCpu() - pgBefore;
        const double simCpu = selfCpu() - selfBefore;
        for (auto &w : workers) {
            w->terminate();
            w->finish(60'000);
        }
        const qint64 done = now.totalSent + now.totalFailed;
        const double seconds = double(endMs - std::max<qint64>(firstSentMs, 0)) / 1000.0;
        const double rate = seconds > 0 ? double(now.totalSent - sentAtFirst) / seconds : 0;
        std::printf(
            "workers config=%s workers=%d numbers=%d status=%s sent=%lld failed=%lld msg_per_s=%.0f "
            "target=%d worker_cpu_us_per_msg=%.0f worker_cpu_s_per_process=%.1f sim_cpu_us_per_msg=%.0f "
            "postgres_cpu_us_per_msg=%.0f seconds=%.1f\n",
            qPrintable(c.name), c.workers, c.numbers, qPrintable(CampaignStatusMachine::toString(now.status)),
            now.totalSent, now.totalFailed, rate, c.numbers * ceiling,
            done > 0 ? workerCpu * 1e6 / double(done) : 0, workerCpu / double(c.workers),
            done > 0 ? simCpu * 1e6 / double(done) : 0, done > 0 ? pgCpu * 1e6 / double(done) : 0, seconds);
        std::fflush(stdout);
    }
    return 0;
}
