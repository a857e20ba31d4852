#pragma once

#include "import/CsvReader.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace herald {

// One row that did not become a queued message, for the report and the GUI.
struct ImportRejectedRow
{
    qint64 line = 0;
    QString reason;  // machine key: a PhoneNormalizer::reasonName, "ragged", "missing_parameter", …
    QString message; // the explanation shown to the user
};

struct ImportSummary
{
    Q_DECLARE_TR_FUNCTIONS(ImportSummary)

public:
    enum class Outcome {
        Imported,  // committed
        DryRun,    // everything done, then rolled back on purpose
        Cancelled, // the cancel flag was set: nothing kept
        BadFile,   // the file cannot be imported (see error): nothing kept
    };

    Outcome outcome = Outcome::Imported;
    QString file;
    CsvDetection detection;
    CsvError error;            // BadFile from the reader (kind None when the problem was a column)
    QString errorMessage;      // BadFile: "contacts.csv, line 12: <reason>" or which column is missing
    QString phoneColumn;       // as written in the header, or "column 3"
    QString phoneColumnReason; // PhoneColumnDetector's explanation
    QString nameColumns;       // the columns the contact name came from; empty when none
    QStringList warnings;      // the reader's (invalid UTF-8 and the like)

    qint64 rowsRead = 0; // data rows, rejected ones included
    qint64 imported = 0;
    qint64 duplicatesInFile = 0;     // the same number earlier in the file: first one wins
    qint64 duplicatesInCampaign = 0; // already queued in this campaign
    qint64 optedOut = 0;
    qint64 recentlyMessaged = 0;            // left out by the frequency cap (ImportOptions::skipRecentDays)
    int skipRecentDays = 0;                 // the cap's window; 0: off
    qint64 rejected = 0;                    // invalid rows: the sum of rejectedByReason
    QMap<QString, qint64> rejectedByReason; // reason key → rows
    // Rows in the report (rejected, duplicate, opted out), in line order; the first
    // kMaxListedRows only, the report file has them all.
    QList<ImportRejectedRow> notImported;
    QString rejectsFile; // empty when nothing was reported or no report was asked for
    qint64 elapsedMs = 0;
    // Processor time by stage, for performance work: the reader thread, the validation threads
    // together, and the writer (the calling thread). Filled when the import ran to its end
    // (Imported, DryRun); -1 otherwise and where the platform cannot tell (Windows counts in
    // scheduler ticks of about 16 ms, so small imports read coarse there).
    struct CpuTime
    {
        qint64 readerMs = -1;
        qint64 validationMs = -1;
        qint64 writerMs = -1;
    } cpu;

    static constexpr qsizetype kMaxListedRows = 1000;

    static QString outcomeName(Outcome outcome);
    QJsonObject toJson() const;
    // The lines the command line prints.
    QStringList describe() const;
};

} // namespace herald
