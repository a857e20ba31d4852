#pragma once

#include "import/CsvScanner.h"
#include "import/TextEncoding.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QIODevice;

namespace herald {

struct CsvReaderOptions
{
    std::optional<TextEncoding> encoding; // unset: detect (BOM, then UTF-8 validity, else 1252)
    std::optional<QChar> delimiter;       // unset: detect among , ; tab |
    std::optional<bool> hasHeader;        // unset: detect
    qsizetype maxFieldLength = 64 * 1024; // characters of one field as written in the file
    qsizetype maxRecordLength = 1024 * 1024;
    qsizetype chunkSize = 64 * 1024;    // bytes per read
    qsizetype sniffBytes = 1024 * 1024; // prefix checked to choose the encoding
    qsizetype delimiterSniffBytes = 64 * 1024;
    int delimiterSniffRecords = 50;
};

// What the reader found out about the file, so the user can be told and can override it.
struct CsvDetection
{
    TextEncoding encoding = TextEncoding::Utf8;
    bool encodingDetected = false; // false: it came from the options
    bool byteOrderMark = false;
    QChar delimiter = u',';
    bool delimiterDetected = false;
    bool excelSeparatorLine = false; // the file began with Excel's "sep=;" hint
    bool hasHeader = false;
    bool headerDetected = false;
    qint64 headerLine = 0; // 0 when there is no header

    // e.g. "UTF-8 with byte order mark, semicolon-separated, first row is a header"
    QString summary() const;
};

struct CsvError
{
    enum class Kind {
        None,
        CannotOpen,
        ReadFailed,
        BadOption,
        EmptyFile,
        BinaryFile,
        SpreadsheetFile,
        UnterminatedQuote,
        FieldTooLong,
        RecordTooLong,
        HeaderOnly,
        DuplicateHeader,
    };
    Kind kind = Kind::None;
    qint64 line = 0;            // 1-based; 0 when the problem has no line
    QString message;            // "contacts.csv, line 12: <reason>", translated
    QStringList duplicateNames; // DuplicateHeader: each repeated name once, as written
};

// A row the reader skipped without failing the import (today: a field count that does
// not match the header). `raw` is the row as it appeared in the file, for the report.
struct CsvReject
{
    qint64 line = 0;
    QString key; // machine key for reports: "ragged" (field count) or "too_long" (a limit)
    QString raw;
    QString reason;  // plain language, without file and line (the report has columns for those)
    QString message; // "contacts.csv, line 7: <reason>"
};

// One data record. Fields are views into storage the record owns; a record reused across
// next() calls keeps its buffers, so steady-state reading does not allocate per row.
class CsvRecord
{
public:
    qint64 line() const { return m_line; } // physical line the record starts on
    qsizetype size() const { return qsizetype(m_spans.size()); }
    QStringView field(qsizetype index) const;
    QStringList fields() const;
    const QString &raw() const { return m_raw; } // without its line break

private:
    friend class CsvReader;
    qint64 m_line = 0;
    QString m_raw;
    QString m_unescaped;
    bool m_useUnescaped = false;
    std::vector<std::pair<qsizetype, qsizetype>> m_spans; // offset, length
};

struct CsvTable;

// Streaming RFC 4180 reader. Memory stays bounded by the sniffed prefix plus one chunk plus
// the longest record, whatever the file size.
//
// Errors: a file that cannot be imported (binary, empty, header only, duplicate header names,
// an unterminated quote) is an error, reported by open() when it can be seen at the start and
// otherwise by next() returning Error. Records delivered before a late error must be
// discarded; the importer does this by running in one transaction.
//
// Limits: a data row with a field longer than maxFieldLength or longer than maxRecordLength
// in all is rejected (file, line, reason; the report keeps its first 1,000 characters) and
// reading goes on; the reader skips it without holding it. An over-long header, and an
// over-long row with a line break inside quotes (where it ends is then a guess: usually a
// quote is never closed), stay errors.
//
// Invalid UTF-8 beyond the sniffed prefix (so in a file detected or declared as UTF-8) does
// not fail the import: each invalid sequence becomes U+FFFD, is counted, and warnings()
// names the first line so the user can re-import as windows-1252 if names look wrong.
class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    enum class Status { Record, Rejected, End, Error };

    explicit CsvReader(CsvReaderOptions options = {});
    ~CsvReader();
    Q_DISABLE_COPY_MOVE(CsvReader)

    // Opens, detects the layout and reads the header and first record; false with error()
    // set when the file cannot be imported. Call once per reader.
    bool open(const QString &path);
    // `device` must be open for reading and outlive the reader; sequential devices work.
    bool open(QIODevice *device, const QString &displayName);

    const CsvDetection &detection() const { return m_detection; }
    const QStringList &header() const { return m_header; }
    // Fields every record must have: the header's, or the first record's without a header.
    qsizetype columnCount() const { return m_columns; }

    // Record: `record` holds the next data row. Rejected: `reject` describes a skipped row.
    // End: no more rows. Error: see error(); stop and discard what was read.
    Status next(CsvRecord &record, CsvReject &reject);
    // Like next() but rejects are collected into rejects(); false at the end or on error.
    // The list grows with the file, so the importer uses next() and streams rejects out.
    bool readRecord(CsvRecord &record);
    const QList<CsvReject> &rejects() const { return m_rejects; }

    bool hasError() const { return m_error.kind != CsvError::Kind::None; }
    const CsvError &error() const { return m_error; }
    QStringList warnings() const;
    qint64 replacedSequences() const { return m_replacedSequences; }
    qint64 firstReplacementLine() const { return m_firstReplacementLine; }

    qint64 recordCount() const { return m_recordCount; }
    qint64 rejectCount() const { return m_rejectCount; }
    qint64 blankLinesSkipped() const { return m_blankSkipped; }
    QString displayName() const { return m_displayName; }
    // Largest amount of memory the reader's buffers held at once, in bytes.
    qint64 peakBufferBytes() const { return m_peakBuffer; }

    // Reads a whole (small) file: the preview, tests and the command line. On error the
    // table has no records.
    static CsvTable readAll(const QString &path, const CsvReaderOptions &options = {});

private:
    struct Raw
    {
        CsvScan scan;
        qsizetype begin = 0;
        qint64 line = 0;
        QString excerpt; // Rejected (over the field or row limit): the row's start, for the report
    };

    bool start();
    bool readPrefix();
    bool checkPrefix();
    void chooseEncoding();
    QString decodeSniffWindow(bool *wholeFile) const;
    bool sniffText(const QString &text, bool wholeFile);
    bool readHeader();
    Status nextRaw(Raw &raw);
    Status skipOverLimit(Raw &raw);
    QString overLimitReason(const CsvScan &scan) const;
    Status nextRecord(CsvRecord &record, CsvReject &reject);
    bool fill();
    void fillRecord(const Raw &raw, CsvRecord &record) const;
    bool isBlank(const Raw &raw) const;
    Status failScan(const Raw &raw);
    bool fail(CsvError::Kind kind, qint64 line, const QString &reason);
    void notePeak();

    CsvReaderOptions m_options;
    CsvDetection m_detection;
    CsvError m_error;
    QString m_displayName;
    std::unique_ptr<QIODevice> m_ownedDevice;
    QIODevice *m_device = nullptr;

    QByteArray m_prefix; // replayed before the device is read further, then released
    qsizetype m_prefixPos = 0;
    bool m_deviceEof = false;
    QByteArray m_chunk;
    std::unique_ptr<TextDecoder> m_decoder;
    std::unique_ptr<CsvScanner> m_scanner;
    std::vector<CsvFieldSpan> m_spans;

    QString m_text; // decoded text not yet consumed
    qsizetype m_pos = 0;
    bool m_textEof = false;
    qint64 m_line = 1;
    qint64 m_pendingReplacements = 0;

    QStringList m_header;
    qsizetype m_columns = -1;
    bool m_started = false;
    std::optional<Status> m_lookahead;
    CsvRecord m_lookRecord;
    CsvReject m_lookReject;

    QList<CsvReject> m_rejects;
    qint64 m_recordCount = 0;
    qint64 m_rejectCount = 0;
    qint64 m_blankSkipped = 0;
    qint64 m_replacedSequences = 0;
    qint64 m_firstReplacementLine = 0;
    qint64 m_peakBuffer = 0;
};

struct CsvTable
{
    CsvDetection detection;
    QStringList header;
    QList<CsvRecord> records;
    QList<CsvReject> rejects;
    CsvError error;
    QStringList warnings;
};

} // namespace herald
