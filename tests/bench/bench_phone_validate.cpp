// bench_phone_validate: the reference for the import benchmark. On one thread, the bare cost
// of libphonenumber for every number of a list: Parse + IsValidNumber + Format(E164), called
// directly, so that the import pipeline can be compared with what the library alone needs.
// --mode normalizer runs the same list through herald::PhoneNormalizer instead (same default
// region), and --mode both runs the two one after the other, bare first.
//
//   bench_phone_validate --generate N [--seed S] [--write FILE] [--region CC] [--mode M] [--threads T]
//   bench_phone_validate FILE [--column K] [--delimiter C] [--header] [--region CC] [--mode M]
//
// FILE is read naively: one row per line, fields split on the delimiter, surrounding quotes
// dropped; no quoted delimiters or line breaks. Generated lists mix regions and writing styles
// (national, +, 00, dashes, dots, parentheses) and hold exactly 2% invalid numbers. Output is
// one key=value line per mode. elapsed_ms is wall time; cpu_ms (process CPU time, all threads)
// is the steadier figure on a busy machine. peak_rss_mib is the process's VmHWM so far: it
// includes the input list (twice in normalizer mode, as std::string and as QString), and with
// --mode both the second line includes the first run's peak.
#include "BenchUtil.h"
#include "phone/PhoneNormalizer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <atomic>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::bench;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

struct RegionPlan
{
    const char *region;
    const char *callingCode;
    // National prefixes (with trunk 0 where the country has one) and digits to add after them.
    std::vector<std::pair<const char *, int>> national;
};

// Ranges that are valid in libphonenumber 8.12 metadata; the generator still checks every number.
const std::vector<RegionPlan> &plans()
{
    static const std::vector<RegionPlan> p = {
        {"DE", "49", {{"0151", 8}, {"0160", 7}, {"0171", 7}, {"0176", 8}, {"030", 7}, {"089", 7}}},
        {"BR", "55", {{"0119", 8}, {"0219", 8}, {"0113", 7}}},
        {"IN", "91", {{"098", 8}, {"099", 8}, {"070", 8}}},
        {"US", "1", {{"201", 7}, {"212", 7}, {"415", 7}, {"617", 7}}},
        {"GB", "44", {{"074", 8}, {"075", 8}, {"020", 8}}},
        {"ID", "62", {{"0812", 8}, {"0813", 7}, {"021", 7}}},
        {"MX", "52", {{"55", 8}, {"33", 8}, {"81", 8}}},
        {"ES", "34", {{"6", 8}, {"91", 7}}},
    };
    return p;
}

// One number as a person might have typed it. `defaultRegion` numbers are written nationally
// half of the time, the others always with + or 00.
std::string writeNumber(const RegionPlan &plan, const std::string &defaultRegion, std::mt19937_64 &rng)
{
    std::uniform_int_distribution<size_t> pick(0, plan.national.size() - 1);
    std::uniform_int_distribution<int> digit(0, 9);
    std::uniform_int_distribution<int> style(0, 5);
    const auto &[prefix, count] = plan.national[pick(rng)];
    std::string national = prefix;
    for (int i = 0; i < count; ++i) {
        national.push_back(char('0' + digit(rng)));
    }
    // The US plan's exchange must not start with 0 or 1.
    if (plan.callingCode == std::string("1")) {
        national[3] = char('2' + digit(rng) % 8);
    }
    const bool hasTrunkZero = national[0] == '0';
    const std::string nsn = hasTrunkZero ? national.substr(1) : national;
    const int s = style(rng);
    if (plan.region == defaultRegion && s < 3) {
        switch (s) {
        case 0:
            return group(national, ' ', rng);
        case 1:
            return group(national, '-', rng);
        default:
            return '(' + national.substr(0, 3) + ") " + group(national.substr(3), ' ', rng);
        }
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

std::vector<std::string> generate(qint64 count, quint64 seed, const std::string &defaultRegion)
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<size_t> region(0, plans().size() - 1);
    std::vector<std::string> numbers;
    numbers.reserve(size_t(count));
    for (qint64 i = 0; i < count; ++i) {
        const RegionPlan &plan = plans()[region(rng)];
        std::string s;
        // Redraw until the number is what it should be, so that the invalid share is exact.
        const bool wantInvalid = i % 50 == 49;
        for (;;) {
            s = writeNumber(plan, defaultRegion, rng);
            if (wantInvalid) {
                s.resize(s.size() - 4); // too short for any of the plans
            }
            PhoneNumber n;
            const bool valid = util.Parse(s, defaultRegion, &n) == PhoneNumberUtil::NO_PARSING_ERROR &&
                               util.IsValidNumber(n);
            if (valid != wantInvalid) {
                break;
            }
        }
        numbers.push_back(std::move(s));
    }
    return numbers;
}

bool readColumn(const QString &path, int column, QChar delimiter, bool header,
                std::vector<std::string> *numbers, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    bool first = true;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine();
        if (std::exchange(first, false) && header) {
            continue;
        }
        const QList<QByteArray> fields = line.trimmed().split(char(delimiter.unicode()));
        QByteArray cell = column < fields.size() ? fields[column].trimmed() : QByteArray();
        if (cell.size() >= 2 && cell.startsWith('"') && cell.endsWith('"')) {
            cell = cell.mid(1, cell.size() - 2);
        }
        numbers->emplace_back(cell.constData(), size_t(cell.size()));
    }
    return true;
}

struct Tally
{
    qint64 valid = 0;
    qint64 invalid = 0;
    quint64 checksum = 0; // keeps the formatting from being optimised away
};

Tally bareSlice(const std::vector<std::string> &numbers, size_t begin, size_t end, const std::string &region)
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    Tally t;
    std::string e164;
    for (size_t i = begin; i < end; ++i) {
        PhoneNumber n;
        if (util.Parse(numbers[i], region, &n) == PhoneNumberUtil::NO_PARSING_ERROR &&
            util.IsValidNumber(n)) {
            util.Format(n, PhoneNumberUtil::E164, &e164);
            t.checksum += e164.size() + quint64(e164.back());
            ++t.valid;
        } else {
            ++t.invalid;
        }
    }
    return t;
}

Tally normalizerSlice(const QList<QString> &numbers, qsizetype begin, qsizetype end,
                      const PhoneNormalizer &normalizer)
{
    Tally t;
    for (qsizetype i = begin; i < end; ++i) {
        const PhoneNumberResult r = normalizer.normalize(numbers[i]);
        if (r.ok) {
            t.checksum += quint64(r.e164.size()) + r.e164.back().unicode();
            ++t.valid;
        } else {
            ++t.invalid;
        }
    }
    return t;
}

// Runs `slice(begin, end)` on `threads` threads over equal shares and adds the tallies.
template <typename Slice>
Tally runSplit(qint64 count, int threads, Slice slice)
{
    if (threads <= 1) {
        return slice(0, count);
    }
    std::vector<Tally> tallies(static_cast<size_t>(threads));
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        const qint64 begin = count * t / threads;
        const qint64 end = count * (t + 1) / threads;
        workers.emplace_back([&, t, begin, end] { tallies[size_t(t)] = slice(begin, end); });
    }
    Tally sum;
    for (int t = 0; t < threads; ++t) {
        workers[size_t(t)].join();
        sum.valid += tallies[size_t(t)].valid;
        sum.invalid += tallies[size_t(t)].invalid;
        sum.checksum += tallies[size_t(t)].checksum;
    }
    return sum;
}

void report(const char *mode, const QString &source, const QString &region, int threads, qint64 count,
            const Tally &t, const Stopwatch &sw)
{
    const double seconds = sw.wallSeconds();
    const double cpu = sw.cpuSecondsUsed();
    out() << "bench=phone_validate mode=" << mode << " source=" << source << " region=" << region
          << " threads=" << threads << " numbers=" << count << " valid=" << t.valid
          << " invalid=" << t.invalid << " elapsed_ms=" << QString::number(seconds * 1000.0, 'f', 1)
          << " numbers_per_s=" << qRound64(double(count) / seconds)
          << " ns_per_number=" << QString::number(seconds * 1e9 / double(count), 'f', 0)
          << " cpu_ms=" << QString::number(cpu * 1000.0, 'f', 1)
          << " numbers_per_cpu_s=" << qRound64(double(count) / cpu)
          << " peak_rss_mib=" << QString::number(peakRssMiB(), 'f', 1) << " checksum=" << t.checksum
          << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Single-thread reference cost of libphonenumber validation."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"file"_s, u"CSV or text file with one number per row."_s);
    parser.addOption({u"generate"_s, u"Generate N numbers instead of reading a file."_s, u"n"_s});
    parser.addOption({u"seed"_s, u"Seed for --generate (default 20240601)."_s, u"s"_s, u"20240601"_s});
    parser.addOption(
        {u"write"_s, u"Also write the generated numbers to this file, one per line."_s, u"file"_s});
    parser.addOption({u"region"_s, u"Default region for national numbers (default DE)."_s, u"cc"_s, u"DE"_s});
    parser.addOption(
        {u"column"_s, u"0-based column of FILE holding the number (default 0)."_s, u"k"_s, u"0"_s});
    parser.addOption({u"delimiter"_s, u"Field delimiter of FILE (default ,)."_s, u"c"_s, u","_s});
    parser.addOption({u"header"_s, u"FILE's first line is a header."_s});
    parser.addOption({u"mode"_s, u"bare (default), normalizer or both."_s, u"m"_s, u"bare"_s});
    parser.addOption({u"threads"_s, u"Split the list over T threads (default 1)."_s, u"t"_s, u"1"_s});
    parser.process(app);

    const RegionCodeCheck region = PhoneNormalizer::checkRegionCode(parser.value(u"region"_s));
    if (!region.ok) {
        qCritical("%s", qPrintable(region.message));
        return 2;
    }
    const std::string regionStd = region.region.toStdString();
    const QString mode = parser.value(u"mode"_s);
    if (mode != u"bare"_s && mode != u"normalizer"_s && mode != u"both"_s) {
        qCritical("--mode must be bare, normalizer or both");
        return 2;
    }
    const int threads = std::max(1, parser.value(u"threads"_s).toInt());

    std::vector<std::string> numbers;
    QString source;
    if (parser.isSet(u"generate"_s)) {
        const qint64 count = parser.value(u"generate"_s).toLongLong();
        numbers = generate(count, parser.value(u"seed"_s).toULongLong(), regionStd);
        source = u"generated"_s;
        if (parser.isSet(u"write"_s)) {
            QFile f(parser.value(u"write"_s));
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                qCritical("cannot write %s: %s", qPrintable(f.fileName()), qPrintable(f.errorString()));
                return 1;
            }
            for (const std::string &s : numbers) {
                f.write(s.data(), qint64(s.size()));
                f.write("\n", 1);
            }
        }
    } else if (parser.positionalArguments().size() == 1) {
        QString error;
        const QString delimiter = parser.value(u"delimiter"_s);
        if (delimiter.size() != 1 || delimiter[0].unicode() >= 0x80) {
            qCritical("--delimiter must be one ASCII character");
            return 2;
        }
        if (!readColumn(parser.positionalArguments().first(), parser.value(u"column"_s).toInt(), delimiter[0],
                        parser.isSet(u"header"_s), &numbers, &error)) {
            qCritical("%s", qPrintable(error));
            return 1;
        }
        source = u"file"_s;
    } else {
        parser.showHelp(2);
    }
    const auto count = qint64(numbers.size());
    if (count == 0) {
        qCritical("no numbers to validate");
        return 2;
    }

    // The library loads its metadata on first use; that one-off cost is not per number.
    (void)PhoneNumberUtil::GetInstance();
    (void)PhoneNormalizer({region.region, false}).normalize(u"+49 30 1234567"_s);

    if (mode != u"normalizer"_s) {
        Stopwatch sw;
        const Tally t = runSplit(count, threads, [&](qint64 b, qint64 e) {
            return bareSlice(numbers, size_t(b), size_t(e), regionStd);
        });
        report("bare", source, region.region, threads, count, t, sw);
    }
    if (mode != u"bare"_s) {
        // The import hands the normalizer QStrings from the CSV reader; converting is not part of it.
        QList<QString> texts;
        texts.reserve(count);
        for (const std::string &s : numbers) {
            texts.append(QString::fromUtf8(s.data(), qsizetype(s.size())));
        }
        const PhoneNormalizer normalizer({region.region, false});
        Stopwatch sw;
        const Tally t = runSplit(
            count, threads, [&](qint64 b, qint64 e) { return normalizerSlice(texts, b, e, normalizer); });
        report("normalizer", source, region.region, threads, count, t, sw);
    }
    return 0;
}
