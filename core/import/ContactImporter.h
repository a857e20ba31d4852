#pragma once

#include "import/CsvReader.h"
#include "import/ImportSummary.h"
#include "import/ImportWriter.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <utility>

namespace herald {

class Clock;
class Database;

// What to import and how. Everything but the file and the campaign is optional: the reader
// detects encoding, delimiter and header, PhoneColumnDetector finds the phone column.
struct ImportOptions
{
    QString campaignId;
    CsvReaderOptions csv;
    QString phoneColumn; // a header name or a 1-based number; empty: detect
    QString region;      // default region for national numbers ("DE"); empty: none
    bool mobileOnly = false;
    // Frequency cap: leave out numbers another campaign sent to in the last this many days
    // (FrequencyCap); 0: off.
    int skipRecentDays = 0;
    // Template parameter key ("body.1", "header.1", "button.0", "body.first_name") → column
    // (header name or 1-based number), in the order given.
    QList<std::pair<QString, QString>> params;
    bool dryRun = false;           // everything but the commit
    QString rejectsPath;           // empty: beside the input, "<name>.rejects.csv"
    bool writeRejects = true;      // the rejected-rows report
    qsizetype chunkRecords = 8192; // records per unit of parallel work
    int threads = 0;               // validation threads; 0: one per core
    // Auto: SQLite's C API where that is sound (see SqliteStatement); QtSql: always Qt SQL, the
    // path of Qt builds that bundle SQLite (the tests run both).
    ImportWriter::SqliteApi sqliteApi = ImportWriter::SqliteApi::Auto;
};

struct ImportProgress
{
    qint64 rowsRead = 0; // rows that have gone all the way through (validated and written)
    qint64 bytesRead = 0;
    qint64 bytesTotal = 0; // 0 when unknown
};

// Imports a contact file into a campaign's queue, in one transaction: it either completes or
// leaves nothing behind (no rows, counters unchanged) when it is cancelled, finds a bad file,
// or fails.
//
// Pipeline: a reader thread streams the file through CsvReader and cuts it into chunks; a
// QThreadPool normalizes the phone numbers of the chunks in parallel (PhoneNormalizer is
// thread-safe); the calling thread, which owns the Database, takes the chunks in file order,
// removes numbers already seen in the file, inserts the rest and writes the report. At most a
// few chunks are in flight, so memory is bounded whatever the file size.
class ContactImporter
{
    Q_DECLARE_TR_FUNCTIONS(ContactImporter)

public:
    using ProgressFn = std::function<void(const ImportProgress &)>;

    ContactImporter(Database &db, const Clock &clock);

    // Called on the calling thread about once per chunk.
    void setProgressCallback(ProgressFn fn) { m_progress = std::move(fn); }
    // Set from any thread to stop; the import then rolls back and reports Cancelled.
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }

    // A file that cannot be imported, or a phone or parameter column it does not have, is
    // reported as Outcome::BadFile with the reason. Throws DbError for database failures
    // (after rolling back) and for a campaign that cannot take contacts (unknown: NotFound;
    // completed or cancelled: Refused).
    ImportSummary run(const QString &path, const ImportOptions &options);

    // After run() imported: the ids of the rows it added (AddedRows::remove undoes them).
    const AddedRows &added() const { return m_added; }

    // "contacts.csv" → "contacts.rejects.csv" in the same folder.
    static QString defaultRejectsPath(const QString &path);

private:
    Database &m_db;
    const Clock &m_clock;
    ProgressFn m_progress;
    const std::atomic<bool> *m_cancel = nullptr;
    AddedRows m_added;
};

} // namespace herald
