#include "import/ContactImporter.h"

#include "cloudapi/JsonWriter.h"
#include "db/DbError.h"
#include "import/CsvWriter.h"
#include "import/FrequencyCap.h"
#include "import/ImportWriter.h"
#include "import/PhoneColumnDetector.h"
#include "log/LogCategories.h"
#include "phone/PhoneCell.h"
#include "phone/PhoneNormalizer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QThread>
#include <QThreadPool>

#ifdef Q_OS_UNIX
#include <time.h>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

constexpr int kSampleRecords = 200; // rows the phone column is detected from

// Processor time of the calling thread in microseconds; -1 where unknown.
qint64 threadCpuMicros()
{
#if defined(Q_OS_UNIX) && defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) {
        return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
    }
    return -1;
#elif defined(Q_OS_WIN)
    FILETIME created, exited, kernel, user;
    if (GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user)) {
        auto micros = [](const FILETIME &f) {
            return ((qint64(f.dwHighDateTime) << 32) | f.dwLowDateTime) / 10; // 100 ns units
        };
        return micros(kernel) + micros(user);
    }
    return -1;
#else
    return -1;
#endif
}

// Text the reader copied into a chunk, or UTF-8 a validation thread wrote into it.
struct Span
{
    qsizetype offset = 0;
    qsizetype size = 0;
};

// A row as read. Its text (the raw row, for the report, and the fields the import needs) is
// in its chunk's buffer, so that a row costs no allocation of its own on the reader thread and
// no free on another.
struct RawRow
{
    qint64 line = 0;
    Span raw;
    qsizetype firstField = -1; // index of its first field in Chunk::fields; -1 for a reader reject
    QString readerRejection;   // the reader's reason (a field count that does not match)
};

// A row after validation.
struct Item
{
    enum Kind { Ok, Rejected, DuplicateInFile, RecentlyMessaged, InCampaign, OptedOut };
    Kind kind = Ok;
    qint64 line = 0;
    quint64 key = 0; // the E.164 digits as a number: a compact key for the in-file dedup
    Span raw;        // in Chunk::text
    Span phone;      // E.164, in Chunk::out
    Span name;       // UTF-8, in Chunk::out; empty: none
    Span params;     // compact JSON object, UTF-8, in Chunk::out
    Span region;     // ISO 3166 alpha-2, in Chunk::out; empty: none (non-geographic numbers)
    QString reason;  // for rows that are not imported
    QString message;
};

// A unit of parallel work. Chunks are reused, buffers and all: they are large enough that
// malloc would hand them back to the system and fault them in again for every chunk.
struct Chunk
{
    QString text;             // the rows' raw text and needed fields, back to back
    std::vector<Span> fields; // Layout::columns.size() per row that has fields
    std::vector<RawRow> rows;
    QByteArray out; // what validation produced for the writer
    std::vector<Item> items;

    Span append(QStringView s)
    {
        const Span span{text.size(), s.size()};
        text.append(s);
        return span;
    }
    QStringView view(Span s) const { return QStringView(text).sliced(s.offset, s.size); }
    QByteArrayView bytes(Span s) const { return QByteArrayView(out).sliced(s.offset, s.size); }
    void clear()
    {
        // resize keeps the capacity; clear() would release it.
        text.resize(0);
        out.resize(0);
        fields.clear();
        rows.clear();
        items.clear();
    }
};

// What the validation of a row needs to know: where its fields are among the row's spans.
struct Layout
{
    QList<QString> paramKeys;       // field 1 + i
    QList<QString> paramColumns;    // as the user named them, for messages
    qsizetype nameParts = 0;        // fields 1 + params ..
    std::vector<qsizetype> columns; // file columns to copy, in field order
};

Span appendLatin1(QStringView s, QByteArray &out)
{
    const Span span{out.size(), s.size()};
    for (QChar c : s) {
        out += char(c.unicode());
    }
    return span;
}

Item validate(Chunk &chunk, RawRow &row, const Layout &layout, const PhoneNormalizer &normalizer)
{
    Item item;
    item.line = row.line;
    item.raw = row.raw;
    if (row.firstField < 0) {
        item.kind = Item::Rejected;
        item.reason = u"ragged"_s;
        item.message = std::move(row.readerRejection);
        return item;
    }
    auto field = [&](qsizetype i) {
        return chunk.view(chunk.fields[size_t(row.firstField + i)]);
    };
    // The cell's numbers by PhoneCell's rule (one normalize() for a cell with one number), and
    // the one the contact is messaged on.
    const PhoneCellNumbers cell = PhoneCell::read(field(0), normalizer);
    const PhoneNumberResult *chosen = &cell.chosen();
    if (!chosen->ok) {
        item.kind = Item::Rejected;
        item.reason = QString(PhoneNormalizer::reasonName(chosen->reason));
        item.message = chosen->message;
        return item;
    }
    // The parameters as a compact JSON object in UTF-8, written directly: QJsonDocument would
    // cost more than the rest of the row's work together. Encoded here, on a validation thread,
    // so that the writer's thread only binds.
    QByteArray &out = chunk.out;
    const qsizetype start = out.size();
    out += '{';
    for (qsizetype i = 0; i < layout.paramKeys.size(); ++i) {
        const QStringView value = field(1 + i).trimmed();
        if (value.isEmpty()) {
            out.resize(start);
            item.kind = Item::Rejected;
            item.reason = u"missing_parameter"_s;
            item.message = ContactImporter::tr("missing value for %1 (column %2)")
                               .arg(layout.paramKeys.at(i), layout.paramColumns.at(i));
            return item;
        }
        if (i > 0) {
            out += ',';
        }
        JsonWriter::appendString(out, layout.paramKeys.at(i));
        out += ':';
        JsonWriter::appendString(out, value);
    }
    out += '}';
    item.params = {start, out.size() - start};
    item.name.offset = out.size();
    for (qsizetype i = 0; i < layout.nameParts; ++i) {
        const QStringView part = field(1 + layout.paramKeys.size() + i).trimmed();
        if (!part.isEmpty()) {
            if (out.size() > item.name.offset) {
                out += ' ';
            }
            JsonWriter::appendUtf8(out, part);
        }
    }
    item.name.size = out.size() - item.name.offset;
    item.phone = appendLatin1(chosen->e164, out);
    // Stored now so that quiet hours find every row's country without a pass of their own
    // (RecipientRegions::fill). libphonenumber says "001" for non-geographic numbers: none.
    if (chosen->region.size() == 2 && chosen->region != u"ZZ"_s) {
        item.region = appendLatin1(chosen->region, out);
    }
    item.key = chosen->digits.toULongLong();
    return item;
}

// The name column(s): a full-name column when there is one, else first + last name.
std::vector<qsizetype> nameColumns(const QStringList &header, qsizetype phoneColumn)
{
    static const QStringList full = {u"name"_s,    u"full name"_s, u"display name"_s, u"contact name"_s,
                                     u"contact"_s, u"nome"_s,      u"nombre"_s,       u"nom"_s};
    static const QStringList first = {u"first name"_s, u"given name"_s, u"firstname"_s,
                                      u"vorname"_s,    u"prenom"_s,     u"primeiro nome"_s};
    static const QStringList last = {u"last name"_s, u"family name"_s, u"lastname"_s, u"surname"_s,
                                     u"nachname"_s,  u"sobrenome"_s,   u"apellido"_s, u"apellidos"_s};
    auto find = [&](const QStringList &names) -> qsizetype {
        for (qsizetype i = 0; i < header.size(); ++i) {
            if (i != phoneColumn && names.contains(PhoneColumnDetector::normalizeName(header.at(i)))) {
                return i;
            }
        }
        return -1;
    };
    if (const qsizetype f = find(full); f >= 0) {
        return {f};
    }
    std::vector<qsizetype> out;
    if (const qsizetype f = find(first); f >= 0) {
        out.push_back(f);
    }
    if (const qsizetype l = find(last); l >= 0) {
        out.push_back(l);
    }
    return out;
}

// Hands chunks from the reader thread through the pool to the writer in file order, with at
// most `maxInFlight` chunks alive so that memory stays bounded.
class Pipeline
{
public:
    explicit Pipeline(int maxInFlight)
        : m_maxInFlight(maxInFlight)
    {}

    // Reader: blocks while too many chunks are in flight; false when the import stopped.
    bool reserve()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stop && m_inFlight >= m_maxInFlight) {
            m_cond.wait(lock);
        }
        if (m_stop) {
            return false;
        }
        ++m_inFlight;
        return true;
    }
    void done(qint64 seq, std::unique_ptr<Chunk> chunk)
    {
        std::unique_lock lock(m_mutex);
        m_done.emplace(seq, std::move(chunk));
        m_cond.notify_all();
    }
    void readerFinished(qint64 chunks, const CsvError &error)
    {
        std::unique_lock lock(m_mutex);
        m_chunks = chunks;
        m_error = error;
        m_cond.notify_all();
    }
    // Writer: the next chunk in order, or null when everything has been handed over.
    std::unique_ptr<Chunk> next()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            auto it = m_done.find(m_next);
            if (it != m_done.end()) {
                std::unique_ptr<Chunk> c = std::move(it->second);
                m_done.erase(it);
                ++m_next;
                --m_inFlight;
                m_cond.notify_all();
                return c;
            }
            if (m_chunks >= 0 && m_next >= m_chunks) {
                return nullptr;
            }
            m_cond.wait(lock);
        }
    }
    // Chunks are reused: their vectors are large enough that malloc would hand them back to
    // the system and fault them in again (zeroed pages) for every chunk.
    std::unique_ptr<Chunk> fresh()
    {
        std::unique_lock lock(m_mutex);
        if (m_free.empty()) {
            return std::make_unique<Chunk>();
        }
        std::unique_ptr<Chunk> c = std::move(m_free.back());
        m_free.pop_back();
        return c;
    }
    void recycle(std::unique_ptr<Chunk> chunk)
    {
        chunk->clear();
        std::unique_lock lock(m_mutex);
        m_free.push_back(std::move(chunk));
    }
    void stop()
    {
        std::unique_lock lock(m_mutex);
        m_stop = true;
        m_cond.notify_all();
    }
    bool stopped()
    {
        std::unique_lock lock(m_mutex);
        return m_stop;
    }
    CsvError error()
    {
        std::unique_lock lock(m_mutex);
        return m_error;
    }

private:
    // std:: rather than QMutex/QWaitCondition: QWaitCondition::wait releases the mutex inside
    // Debian's uninstrumented QtCore, where ThreadSanitizer cannot see it, and would report
    // every access under the lock as a race (docs/RELIABILITY.md, "Sanitizers").
    std::mutex m_mutex;
    std::condition_variable m_cond;
    const int m_maxInFlight;
    int m_inFlight = 0;
    bool m_stop = false;
    qint64 m_next = 0;
    qint64 m_chunks = -1; // known once the reader has finished
    CsvError m_error;
    std::map<qint64, std::unique_ptr<Chunk>> m_done;
    std::vector<std::unique_ptr<Chunk>> m_free;
};

// The rejected-rows report: written to a temporary file, kept only if the import completes.
class RejectReport
{
public:
    explicit RejectReport(const QString &path)
        : m_file(path)
    {}
    void add(const Item &item, QStringView raw, ImportSummary &summary)
    {
        if (summary.notImported.size() < ImportSummary::kMaxListedRows) {
            summary.notImported.append({item.line, item.reason, item.message});
        }
        if (m_file.fileName().isEmpty() || m_failed) {
            return;
        }
        if (!m_writer) {
            if (!m_file.open(QIODevice::WriteOnly)) {
                m_failed = true;
                summary.warnings << ContactImporter::tr(
                                        "The report of rows not imported could not be written to "
                                        "%1: %2")
                                        .arg(m_file.fileName(), m_file.errorString());
                return;
            }
            m_writer = std::make_unique<CsvWriter>(&m_file);
            m_writer->writeRow(QStringList{ContactImporter::tr("line"), ContactImporter::tr("reason"),
                                           ContactImporter::tr("explanation"), ContactImporter::tr("row")});
        }
        m_writer->writeRow(
            QStringList{QString::number(item.line), item.reason, item.message, raw.toString()});
    }
    // The file name when a report was written.
    QString commit()
    {
        if (!m_writer || m_failed) {
            return {};
        }
        m_writer.reset();
        return m_file.commit() ? m_file.fileName() : QString();
    }
    void discard()
    {
        if (m_writer) {
            m_writer.reset();
            m_file.cancelWriting();
            m_file.commit();
        }
    }

private:
    QSaveFile m_file;
    std::unique_ptr<CsvWriter> m_writer;
    bool m_failed = false;
};

QString columnLabel(const QStringList &header, qsizetype column)
{
    const QString name = header.value(column);
    return name.isEmpty() ? ContactImporter::tr("column %1").arg(column + 1) : name;
}

} // namespace

ContactImporter::ContactImporter(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString ContactImporter::defaultRejectsPath(const QString &path)
{
    const QFileInfo info(path);
    return info.dir().filePath(info.completeBaseName() + u".rejects.csv"_s);
}

ImportSummary ContactImporter::run(const QString &path, const ImportOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    m_added = {};
    ImportSummary summary;
    summary.file = QFileInfo(path).fileName();
    auto badFile = [&](const QString &message) {
        summary.outcome = ImportSummary::Outcome::BadFile;
        summary.errorMessage = message;
        summary.elapsedMs = timer.elapsed();
        qCWarning(lcImport).noquote() << "not imported:" << message;
        return summary;
    };

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        summary.error.kind = CsvError::Kind::CannotOpen;
        return badFile(tr("%1: cannot be opened: %2").arg(summary.file, file.errorString()));
    }
    const qint64 bytesTotal = file.size();
    CsvReader reader(options.csv);
    if (!reader.open(&file, summary.file)) {
        summary.error = reader.error();
        summary.detection = reader.detection();
        return badFile(reader.error().message);
    }
    summary.detection = reader.detection();

    // Read the first rows to find the phone column; they are imported like all the others.
    std::vector<std::pair<CsvRecord, CsvReject>> first; // a reject has line != 0
    QList<QStringList> samples;
    bool atEnd = false;
    while (int(first.size()) < kSampleRecords) {
        CsvRecord rec;
        CsvReject rej;
        const CsvReader::Status st = reader.next(rec, rej);
        if (st == CsvReader::Status::End) {
            atEnd = true;
            break;
        }
        if (st == CsvReader::Status::Error) {
            summary.error = reader.error();
            return badFile(reader.error().message);
        }
        if (st == CsvReader::Status::Record) {
            samples << rec.fields();
        }
        first.emplace_back(std::move(rec), std::move(rej));
    }

    const QStringList header = reader.header();
    QString why;
    const PhoneColumnChoice choice = PhoneColumnDetector::detect(header, samples, options.phoneColumn, &why);
    if (!choice.isValid()) {
        return badFile(
            why.isEmpty()
                ? tr("%1: no column holds phone numbers; name it with --phone-column.").arg(summary.file)
                : tr("%1: %2").arg(summary.file, why));
    }
    summary.phoneColumn = columnLabel(header, choice.column);
    summary.phoneColumnReason = choice.explanation;

    Layout layout;
    layout.columns.push_back(choice.column);
    for (const auto &[key, column] : options.params) {
        const auto resolved = PhoneColumnDetector::resolveColumn(column, header, reader.columnCount(), &why);
        if (!resolved) {
            return badFile(tr("%1: parameter %2: %3").arg(summary.file, key, why));
        }
        layout.paramKeys << key;
        layout.paramColumns << column;
        layout.columns.push_back(*resolved);
    }
    const std::vector<qsizetype> names = nameColumns(header, choice.column);
    QStringList nameLabels;
    for (qsizetype c : names) {
        layout.columns.push_back(c);
        nameLabels << columnLabel(header, c);
    }
    layout.nameParts = qsizetype(names.size());
    summary.nameColumns = nameLabels.join(u" + "_s);

    PhoneNormalizer::Options normOptions;
    normOptions.defaultRegion = options.region;
    normOptions.mobileOnly = options.mobileOnly;
    // The region is stored with the row (send_queue.region, for quiet hours). For a calling code
    // of one region it costs nothing; for shared ones (+1, +44) libphonenumber matches the
    // number against the regions' patterns, which is cheaper than a pass over the rows later.
    normOptions.withRegion = true;
    const PhoneNormalizer normalizer(normOptions);

    auto addRecord = [&layout](Chunk &chunk, const CsvRecord &rec) {
        RawRow row;
        row.line = rec.line();
        row.raw = chunk.append(rec.raw());
        row.firstField = qsizetype(chunk.fields.size());
        for (qsizetype c : layout.columns) {
            chunk.fields.push_back(chunk.append(rec.field(c)));
        }
        chunk.rows.push_back(std::move(row));
    };
    auto addReject = [](Chunk &chunk, const CsvReject &rej) {
        RawRow row;
        row.line = rej.line;
        row.raw = chunk.append(rej.raw);
        row.readerRejection = rej.reason;
        chunk.rows.push_back(std::move(row));
    };

    const int threads = options.threads > 0 ? options.threads : std::max(1, QThread::idealThreadCount());
    const qsizetype chunkRecords = std::max<qsizetype>(1, options.chunkRecords);
    Pipeline pipeline(threads * 2 + 2);
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    std::atomic<qint64> bytesRead{0};
    const std::atomic<bool> *cancel = m_cancel;

    // The reader thread: the sampled rows first, then the rest of the file.
    std::atomic<qint64> readerCpu{-1};
    std::atomic<qint64> validationCpu{0};
    std::thread readerThread([&] {
        const qint64 cpuAtStart = threadCpuMicros();
        qint64 seq = 0;
        auto submit = [&](std::unique_ptr<Chunk> chunk) {
            if (!pipeline.reserve()) {
                return false;
            }
            const qint64 s = seq++;
            pool.start([&pipeline, &layout, &normalizer, &validationCpu, s, c = chunk.release()]() mutable {
                const qint64 taskCpuAtStart = threadCpuMicros();
                std::unique_ptr<Chunk> owned(c);
                owned->items.reserve(owned->rows.size());
                // A cancelled or failed import waits for these tasks before it returns: once the
                // pipeline stopped, the rest of the chunk is not worth validating.
                for (RawRow &row : owned->rows) {
                    if (owned->items.size() % 512 == 0 && pipeline.stopped()) {
                        break;
                    }
                    owned->items.push_back(validate(*owned, row, layout, normalizer));
                }
                if (taskCpuAtStart >= 0) {
                    validationCpu.fetch_add(threadCpuMicros() - taskCpuAtStart, std::memory_order_relaxed);
                }
                pipeline.done(s, std::move(owned));
            });
            return true;
        };
        auto chunk = pipeline.fresh();
        chunk->rows.reserve(size_t(chunkRecords));
        // After a row was added to the chunk: hands the chunk on when it is full.
        auto added = [&] {
            if (qsizetype(chunk->rows.size()) < chunkRecords) {
                return true;
            }
            bytesRead.store(file.pos(), std::memory_order_relaxed);
            if (!submit(std::move(chunk)) || (cancel && cancel->load())) {
                return false;
            }
            chunk = pipeline.fresh();
            chunk->rows.reserve(size_t(chunkRecords));
            return true;
        };
        bool go = true;
        for (auto &[rec, rej] : first) {
            if (go) {
                if (rej.line != 0) {
                    addReject(*chunk, rej);
                } else {
                    addRecord(*chunk, rec);
                }
                go = added();
            }
        }
        first.clear();
        CsvRecord rec;
        CsvReject rej;
        while (go && !atEnd) {
            const CsvReader::Status st = reader.next(rec, rej);
            if (st == CsvReader::Status::End || st == CsvReader::Status::Error) {
                break;
            }
            if (st == CsvReader::Status::Rejected) {
                addReject(*chunk, rej);
            } else {
                addRecord(*chunk, rec);
            }
            go = added();
        }
        bytesRead.store(file.pos(), std::memory_order_relaxed);
        if (go && !chunk->rows.empty()) {
            submit(std::move(chunk));
        }
        if (cpuAtStart >= 0) {
            readerCpu.store(threadCpuMicros() - cpuAtStart);
        }
        pipeline.readerFinished(seq, reader.error());
    });
    // Whatever happens on this thread, the reader and the pool stop before their state goes.
    struct Joiner
    {
        Pipeline &pipeline;
        std::thread &thread;
        QThreadPool &pool;
        ~Joiner()
        {
            pipeline.stop();
            thread.join();
            pool.waitForDone();
        }
    } joiner{pipeline, readerThread, pool};

    RejectReport report(options.writeRejects
                            ? (options.rejectsPath.isEmpty() ? defaultRejectsPath(path) : options.rejectsPath)
                            : QString());
    const qint64 writerCpuAtStart = threadCpuMicros();
    ImportWriter writer(m_db, m_clock, options.campaignId, options.sqliteApi);
    writer.begin();
    summary.skipRecentDays = std::max(0, options.skipRecentDays);
    const QSet<quint64> recent =
        summary.skipRecentDays > 0
            ? FrequencyCap(m_db).recentlyMessaged(FrequencyCap::windowStart(m_clock, summary.skipRecentDays),
                                                  options.campaignId)
            : QSet<quint64>();
    QHash<quint64, qint64> seen; // phone digits → first line
    seen.reserve(1024);
    QList<ImportWriter::Row> rows;
    bool cancelled = false;
    while (std::unique_ptr<Chunk> chunk = pipeline.next()) {
        if (cancel && cancel->load()) {
            cancelled = true; // not worth writing: it would be rolled back
            break;
        }
        std::vector<Item> &items = chunk->items;
        rows.clear();
        for (Item &item : items) {
            ++summary.rowsRead;
            if (item.kind != Item::Ok) {
                continue;
            }
            if (const auto it = seen.constFind(item.key); it != seen.cend()) {
                item.kind = Item::DuplicateInFile;
                item.reason = u"duplicate_in_file"_s;
                item.message = tr("the same number (%1) as line %2")
                                   .arg(QString::fromLatin1(chunk->bytes(item.phone)))
                                   .arg(*it);
                continue;
            }
            seen.insert(item.key, item.line);
            if (recent.contains(item.key)) {
                item.kind = Item::RecentlyMessaged;
                item.reason = u"recently_messaged"_s;
                item.message = tr("a campaign sent to this number in the last %n day(s)", nullptr,
                                  summary.skipRecentDays);
                continue;
            }
            rows.append({chunk->bytes(item.phone), chunk->bytes(item.name), chunk->bytes(item.params),
                         item.line, chunk->bytes(item.region)});
        }
        writer.write(rows, [&](qint64 line, bool opted) {
            auto it = std::lower_bound(items.begin(), items.end(), line,
                                       [](const Item &i, qint64 l) { return i.line < l; });
            Q_ASSERT(it != items.end() && it->line == line);
            it->kind = opted ? Item::OptedOut : Item::InCampaign;
            it->reason = opted ? u"opted_out"_s : u"duplicate_in_campaign"_s;
            it->message =
                opted ? tr("the number is on the opt-out list") : tr("the number is already in the campaign");
        });
        for (const Item &item : std::as_const(items)) {
            switch (item.kind) {
            case Item::Ok:
                continue;
            case Item::Rejected:
                ++summary.rejected;
                ++summary.rejectedByReason[item.reason];
                break;
            case Item::DuplicateInFile:
                ++summary.duplicatesInFile;
                break;
            case Item::RecentlyMessaged:
                ++summary.recentlyMessaged;
                break;
            case Item::InCampaign:
                ++summary.duplicatesInCampaign;
                break;
            case Item::OptedOut:
                ++summary.optedOut;
                break;
            }
            report.add(item, chunk->view(item.raw), summary);
        }
        pipeline.recycle(std::move(chunk));
        if (m_progress) {
            m_progress({summary.rowsRead, bytesRead.load(std::memory_order_relaxed), bytesTotal});
        }
        if (cancel && cancel->load()) {
            cancelled = true;
            break;
        }
    }
    pipeline.stop();
    auto takeCpu = [&] {
        // Taken once the pipeline has ended: the reader has stored its time, and every chunk's
        // validation time was added before the chunk reached the writer.
        summary.cpu.readerMs = readerCpu.load() < 0 ? -1 : readerCpu.load() / 1000;
        summary.cpu.validationMs = writerCpuAtStart < 0 ? -1 : validationCpu.load() / 1000;
        summary.cpu.writerMs = writerCpuAtStart < 0 ? -1 : (threadCpuMicros() - writerCpuAtStart) / 1000;
    };
    summary.imported = writer.inserted();
    summary.elapsedMs = timer.elapsed();
    if (cancelled || (cancel && cancel->load())) {
        writer.abort();
        report.discard();
        summary.outcome = ImportSummary::Outcome::Cancelled;
        summary.imported = 0;
        return summary;
    }
    if (const CsvError error = pipeline.error(); error.kind != CsvError::Kind::None) {
        writer.abort();
        report.discard();
        summary.error = error;
        summary.imported = 0;
        return badFile(error.message);
    }
    // The reader thread is done with the reader: the pipeline only ends after it finished.
    summary.warnings << reader.warnings();
    writer.finish(!options.dryRun);
    m_added = writer.added();
    takeCpu();
    summary.outcome = options.dryRun ? ImportSummary::Outcome::DryRun : ImportSummary::Outcome::Imported;
    summary.rejectsFile = report.commit();
    summary.elapsedMs = timer.elapsed();
    // Counts only: the log never holds a contact's number or name.
    qCInfo(lcImport).noquote() << (options.dryRun ? "dry run of" : "imported") << summary.file << "rows"
                               << summary.rowsRead << "imported" << summary.imported << "duplicates"
                               << summary.duplicatesInFile << "in" << summary.elapsedMs << "ms";
    return summary;
}

} // namespace herald
