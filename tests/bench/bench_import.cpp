// bench_import: the full contact import (read, detect, normalize in parallel, dedup, insert in
// one transaction, report) of a generated file into a fresh campaign on SQLite.
//
//   bench_import --generate FILE [--rows N] [--seed S]      writes the CSV and exits
//   bench_import FILE [--db PATH] [--threads T] [--chunk N] [--sqlite-api auto|qt]
//                                                            imports FILE and reports
//
// The generated file: first_name,last_name,phone,city,order_id; phones from DE, ID, BR, IN, US
// and GB written the way people type them (national for DE, the default region, half of the
// time; otherwise +CC or 00CC with spaces, dashes or dots); exactly 2% invalid (too short), 1%
// repeats of an earlier row's number; fixed seed. Output: one key=value line. The phone
// column is the 3rd (bench_phone_validate --column 2 --header reads the same numbers).
#include "BenchUtil.h"
#include "db/Clock.h"
#include "db/Database.h"
#include "db/DatabaseConfig.h"
#include "db/Migrator.h"
#include "import/ContactImporter.h"
#include "phone/PhoneNormalizer.h"
#include "queue/CampaignStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <random>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::bench;

namespace {

struct RegionPlan
{
    const char *region;
    const char *callingCode;
    std::vector<std::pair<const char *, int>> national; // prefix (with trunk 0), digits after it
};

const std::vector<RegionPlan> &plans()
{
    static const std::vector<RegionPlan> p = {
        {"DE", "49", {{"0151", 8}, {"0160", 7}, {"0171", 7}, {"0176", 8}, {"030", 7}, {"089", 7}}},
        {"ID", "62", {{"0812", 8}, {"0813", 7}, {"021", 7}}},
        {"BR", "55", {{"0119", 8}, {"0219", 8}, {"0113", 7}}},
        {"IN", "91", {{"098", 8}, {"099", 8}, {"070", 8}}},
        {"US", "1", {{"201", 7}, {"212", 7}, {"415", 7}, {"617", 7}}},
        {"GB", "44", {{"074", 8}, {"075", 8}, {"020", 8}}},
    };
    return p;
}

std::string writeNumber(const RegionPlan &plan, std::mt19937_64 &rng)
{
    std::uniform_int_distribution<size_t> pick(0, plan.national.size() - 1);
    std::uniform_int_distribution<int> digit(0, 9);
    std::uniform_int_distribution<int> style(0, 5);
    const auto &[prefix, count] = plan.national[pick(rng)];
    std::string national = prefix;
    for (int i = 0; i < count; ++i) {
        national.push_back(char('0' + digit(rng)));
    }
    if (plan.callingCode == std::string("1")) {
        national[3] = char('2' + digit(rng) % 8); // a US exchange never starts with 0 or 1
    }
    const std::string nsn = national[0] == '0' ? national.substr(1) : national;
    const int s = style(rng);
    if (plan.region == std::string("DE") && s < 3) {
        return s == 0 ? group(national, ' ', rng)
                      : (s == 1 ? group(national, '-', rng)
                                : '(' + national.substr(0, 3) + ") " + group(national.substr(3), ' ', rng));
    }
    switch (s % 3) {
    case 0:
        return std::string("+") + plan.callingCode + ' ' + group(nsn, ' ', rng);
    case 1:
        return std::string("00") + plan.callingCode + ' ' + group(nsn, '-', rng);
    default:
        return std::string("+") + plan.callingCode + '.' + group(nsn, '.', rng);
    }
}

bool generate(const QString &path, qint64 rows, quint64 seed)
{
    static const char *firstNames[] = {"Anna", "Budi", "Maria", "Priya", "John", "Emma", "Lukas", "Siti"};
    static const char *lastNames[] = {"Schmidt", "Santoso", "Silva", "Sharma", "Smith", "Jones", "Weber"};
    static const char *cities[] = {"Berlin", "Jakarta", "São Paulo", "Mumbai", "Boston", "London"};
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    const PhoneNormalizer normalizer({u"DE"_s, false});
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<size_t> region(0, plans().size() - 1);
    std::vector<std::string> phones;
    phones.reserve(size_t(rows));
    QByteArray buf;
    buf.reserve(1 << 20);
    buf += "first_name,last_name,phone,city,order_id\n";
    for (qint64 i = 0; i < rows; ++i) {
        std::string s;
        if (i % 100 == 57 && !phones.empty()) {
            s = phones[std::uniform_int_distribution<size_t>(0, phones.size() - 1)(rng)]; // 1% repeats
        } else {
            const bool wantInvalid = i % 50 == 49; // 2% invalid
            const RegionPlan &plan = plans()[region(rng)];
            for (;;) {
                s = writeNumber(plan, rng);
                if (wantInvalid) {
                    s.resize(s.size() - 4);
                }
                const PhoneNumberResult r = normalizer.normalize(QString::fromStdString(s));
                if (r.ok != wantInvalid) {
                    break;
                }
            }
            if (!wantInvalid) {
                phones.push_back(s);
            }
        }
        buf += firstNames[size_t(i) % 8];
        buf += ',';
        buf += lastNames[size_t(i) % 7];
        buf += ',';
        buf += s.c_str();
        buf += ',';
        buf += cities[size_t(i) % 6];
        buf += ",ORD-";
        buf += QByteArray::number(100000 + i);
        buf += '\n';
        if (buf.size() > (1 << 20) - 256) {
            f.write(buf);
            buf.clear();
        }
    }
    f.write(buf);
    return f.error() == QFile::NoError;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Full contact import benchmark on SQLite."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"file"_s, u"The CSV file to import."_s);
    parser.addOption({u"generate"_s, u"Write the benchmark CSV to this file and exit."_s, u"file"_s});
    parser.addOption({u"rows"_s, u"Rows to generate (default 1000000)."_s, u"n"_s, u"1000000"_s});
    parser.addOption({u"seed"_s, u"Generator seed (default 20240601)."_s, u"s"_s, u"20240601"_s});
    parser.addOption({u"db"_s, u"SQLite file to create (default: a temporary one)."_s, u"path"_s});
    parser.addOption({u"threads"_s, u"Validation threads (default: one per core)."_s, u"t"_s, u"0"_s});
    parser.addOption({u"chunk"_s, u"Records per chunk (default 8192)."_s, u"n"_s, u"8192"_s});
    parser.addOption({u"sqlite-api"_s,
                      u"How rows reach SQLite: auto (its C API where sound; default) or qt."_s, u"api"_s,
                      u"auto"_s});
    parser.process(app);

    if (parser.isSet(u"generate"_s)) {
        const qint64 rows = parser.value(u"rows"_s).toLongLong();
        if (!generate(parser.value(u"generate"_s), rows, parser.value(u"seed"_s).toULongLong())) {
            qCritical("cannot write %s", qPrintable(parser.value(u"generate"_s)));
            return 1;
        }
        out() << "bench=import_generate rows=" << rows << " file=" << parser.value(u"generate"_s) << Qt::endl;
        return 0;
    }
    if (parser.positionalArguments().size() != 1) {
        parser.showHelp(2);
    }
    const QString file = parser.positionalArguments().constFirst();
    QTemporaryDir dir;
    const QString dbPath = parser.isSet(u"db"_s) ? parser.value(u"db"_s) : dir.filePath(u"bench.db"_s);
    QFile::remove(dbPath);
    DatabaseConfig cfg;
    QString error;
    if (!DatabaseConfig::parse(dbPath, &cfg, &error)) {
        qCritical("%s", qPrintable(error));
        return 2;
    }
    Database db(cfg, u"bench"_s);
    Migrator(db).migrate();
    const Clock &clock = Clock::system();
    const QString campaign = CampaignStore(db, clock).create({u"bench"_s, u"t"_s, u"en"_s, {}, {}}).id;
    // The normalizer's metadata loads on first use; that one-off cost is not per row.
    (void)PhoneNormalizer({u"DE"_s, false}).normalize(u"+49 30 1234567"_s);

    ImportOptions o;
    o.campaignId = campaign;
    o.region = u"DE"_s;
    o.params = {{u"body.1"_s, u"first_name"_s}, {u"body.2"_s, u"city"_s}, {u"body.3"_s, u"order_id"_s}};
    o.threads = parser.value(u"threads"_s).toInt();
    o.chunkRecords = parser.value(u"chunk"_s).toLongLong();
    o.rejectsPath = dir.filePath(u"rejects.csv"_s);
    const QString sqliteApi = parser.value(u"sqlite-api"_s);
    if (sqliteApi != u"auto"_s && sqliteApi != u"qt"_s) {
        qCritical("--sqlite-api must be auto or qt");
        return 2;
    }
    o.sqliteApi = sqliteApi == u"qt"_s ? ImportWriter::SqliteApi::QtSql : ImportWriter::SqliteApi::Auto;

    const Stopwatch watch;
    const ImportSummary s = ContactImporter(db, clock).run(file, o);
    const double wall = watch.wallSeconds();
    const double cpu = watch.cpuSecondsUsed();
    out() << "bench=import rows=" << s.rowsRead << " imported=" << s.imported
          << " duplicates=" << s.duplicatesInFile << " rejected=" << s.rejected
          << " outcome=" << ImportSummary::outcomeName(s.outcome)
          << " threads=" << (o.threads > 0 ? o.threads : QThread::idealThreadCount())
          << " sqlite_api=" << sqliteApi << " wall_s=" << QString::number(wall, 'f', 2)
          << " cpu_s=" << QString::number(cpu, 'f', 2)
          << " rows_per_s=" << qRound64(double(s.rowsRead) / wall)
          << " reader_cpu_s=" << QString::number(double(s.cpu.readerMs) / 1000, 'f', 2)
          << " validation_cpu_s=" << QString::number(double(s.cpu.validationMs) / 1000, 'f', 2)
          << " writer_cpu_s=" << QString::number(double(s.cpu.writerMs) / 1000, 'f', 2)
          << " peak_rss_mib=" << QString::number(peakRssMiB(), 'f', 1) << Qt::endl;
    return s.outcome == ImportSummary::Outcome::Imported ? 0 : 1;
}
