#include "import/CsvReader.h"

#include "import/CsvSniffer.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QIODevice>

#include <algorithm>
#include <climits>
#include <cstring>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QString emptyReason()
{
    return CsvReader::tr("the file is empty; there are no rows to import");
}

// What the import report keeps of a row rejected for its size.
constexpr qsizetype kOverLimitExcerpt = 1000;

QString binaryReason()
{
    return CsvReader::tr("this is not a text file: it contains binary data (zero bytes); "
                         "save the spreadsheet as CSV and import that file");
}

} // namespace

QStringView CsvRecord::field(qsizetype index) const
{
    if (index < 0 || index >= size()) {
        return {};
    }
    const auto [offset, length] = m_spans[size_t(index)];
    return QStringView(m_useUnescaped ? m_unescaped : m_raw).sliced(offset, length);
}

QStringList CsvRecord::fields() const
{
    QStringList out;
    out.reserve(size());
    for (qsizetype i = 0; i < size(); ++i) {
        out.append(field(i).toString());
    }
    return out;
}

QString CsvDetection::summary() const
{
    QString enc;
    switch (encoding) {
    case TextEncoding::Utf8:
        enc = byteOrderMark ? CsvReader::tr("UTF-8 with byte order mark") : CsvReader::tr("UTF-8");
        break;
    case TextEncoding::Utf16LE:
        enc = CsvReader::tr("UTF-16 little-endian");
        break;
    case TextEncoding::Utf16BE:
        enc = CsvReader::tr("UTF-16 big-endian");
        break;
    case TextEncoding::Windows1252:
        enc = CsvReader::tr("Windows-1252 (Western European)");
        break;
    }
    return CsvReader::tr("%1, %2, %3")
        .arg(enc, CsvSniffer::delimiterDescription(delimiter),
             hasHeader ? CsvReader::tr("first row is a header") : CsvReader::tr("no header row"));
}

CsvReader::CsvReader(CsvReaderOptions options)
    : m_options(std::move(options))
{
    m_options.chunkSize = std::max<qsizetype>(m_options.chunkSize, 1);
    m_options.sniffBytes = std::max<qsizetype>(m_options.sniffBytes, 16);
    m_options.delimiterSniffBytes = std::max<qsizetype>(m_options.delimiterSniffBytes, 16);
}

CsvReader::~CsvReader() = default;

bool CsvReader::open(const QString &path)
{
    m_displayName = QFileInfo(path).fileName();
    auto file = std::make_unique<QFile>(path);
    // Unbuffered: the reader does its own chunking and QFile's buffer would be a second copy.
    if (!file->open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        return fail(CsvError::Kind::CannotOpen, 0,
                    tr("the file cannot be opened (%1)").arg(file->errorString()));
    }
    m_ownedDevice = std::move(file);
    m_device = m_ownedDevice.get();
    return start();
}

bool CsvReader::open(QIODevice *device, const QString &displayName)
{
    m_displayName = displayName;
    m_device = device;
    if (!device || !device->isReadable()) {
        return fail(CsvError::Kind::CannotOpen, 0, tr("the file is not open for reading"));
    }
    return start();
}

bool CsvReader::fail(CsvError::Kind kind, qint64 line, const QString &reason)
{
    m_error.kind = kind;
    m_error.line = line;
    m_error.message = line > 0 ? tr("%1, line %2: %3.").arg(m_displayName, QString::number(line), reason)
                               : tr("%1: %2.").arg(m_displayName, reason);
    return false;
}

void CsvReader::notePeak()
{
    const qint64 bytes = m_text.capacity() * qint64(sizeof(QChar)) + m_prefix.capacity() + m_chunk.capacity();
    m_peakBuffer = std::max(m_peakBuffer, bytes);
}

bool CsvReader::start()
{
    if (m_options.delimiter) {
        const QChar d = *m_options.delimiter;
        if (d.unicode() >= 128 || d == u'"' || d == u'\r' || d == u'\n' || d.isNull()) {
            return fail(CsvError::Kind::BadOption, 0, tr("“%1” cannot be used as the delimiter").arg(d));
        }
    }
    if (!readPrefix() || !checkPrefix()) {
        return false;
    }
    chooseEncoding();
    bool wholeFile = false;
    const QString window = decodeSniffWindow(&wholeFile);
    m_peakBuffer = std::max(m_peakBuffer, window.capacity() * qint64(sizeof(QChar)) + m_prefix.capacity());
    if (!sniffText(window, wholeFile)) {
        return false;
    }

    m_decoder = std::make_unique<TextDecoder>(m_detection.encoding);
    m_scanner = std::make_unique<CsvScanner>(m_detection.delimiter.unicode(), m_options.maxFieldLength,
                                             m_options.maxRecordLength);
    if (m_detection.excelSeparatorLine) {
        Raw sep;
        const Status st = nextRaw(sep);
        if (st == Status::Rejected) {
            failScan(sep);
        }
        if (st == Status::Error || st == Status::Rejected) {
            return false;
        }
    }
    if (!readHeader()) {
        return false;
    }
    // One record of lookahead lets open() refuse a header-only or empty file outright, so
    // the caller never starts an import that has nothing in it.
    const Status first = nextRecord(m_lookRecord, m_lookReject);
    if (first == Status::Error) {
        return false;
    }
    if (first == Status::End) {
        return m_detection.hasHeader ? fail(CsvError::Kind::HeaderOnly, m_detection.headerLine,
                                            tr("the file has a header row but no data rows below it"))
                                     : fail(CsvError::Kind::EmptyFile, 1, emptyReason());
    }
    m_lookahead = first;
    m_started = true;
    return true;
}

bool CsvReader::readPrefix()
{
    // reserve() first: resize() alone on an empty array allocates room to grow, doubling it.
    m_prefix.reserve(m_options.sniffBytes);
    m_prefix.resize(m_options.sniffBytes);
    qsizetype have = 0;
    while (have < m_prefix.size()) {
        qint64 n = m_device->read(m_prefix.data() + have, m_prefix.size() - have);
        if (n == 0 && m_device->isSequential() && m_device->waitForReadyRead(30000)) {
            n = m_device->read(m_prefix.data() + have, m_prefix.size() - have);
        }
        if (n < 0) {
            return fail(CsvError::Kind::ReadFailed, 0,
                        tr("reading failed (%1)").arg(m_device->errorString()));
        }
        if (n == 0) {
            m_deviceEof = true;
            break;
        }
        have += n;
    }
    m_prefix.truncate(have);
    return true;
}

bool CsvReader::checkPrefix()
{
    if (m_prefix.isEmpty()) {
        return fail(CsvError::Kind::EmptyFile, 1, emptyReason());
    }
    // Marketing staff often pick the workbook instead of the CSV they exported from it.
    if (m_prefix.startsWith("PK\x03\x04") || m_prefix.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        return fail(CsvError::Kind::SpreadsheetFile, 1,
                    tr("this is a spreadsheet workbook (such as .xlsx or .xls), not a CSV file; "
                       "in the spreadsheet use “Save As” with the type “CSV UTF-8” and import that file"));
    }
    return true;
}

void CsvReader::chooseEncoding()
{
    const QByteArrayView p(m_prefix);
    std::optional<TextEncoding> bom;
    if (p.startsWith("\xEF\xBB\xBF")) {
        bom = TextEncoding::Utf8;
    } else if (p.startsWith("\xFF\xFE")) {
        bom = TextEncoding::Utf16LE;
    } else if (p.startsWith("\xFE\xFF")) {
        bom = TextEncoding::Utf16BE;
    }
    TextEncoding enc = TextEncoding::Utf8;
    if (m_options.encoding) {
        enc = *m_options.encoding;
    } else if (bom) {
        enc = *bom;
    } else {
        // UTF-16 without a BOM shows as ASCII with a zero byte beside every character.
        const qsizetype pairs = std::min<qsizetype>(p.size(), 4096) / 2;
        qsizetype zeroEven = 0;
        qsizetype zeroOdd = 0;
        for (qsizetype i = 0; i < pairs; ++i) {
            zeroEven += p[2 * i] == 0;
            zeroOdd += p[2 * i + 1] == 0;
        }
        if (pairs >= 2 && zeroOdd * 10 >= pairs * 4 && zeroEven * 50 <= pairs) {
            enc = TextEncoding::Utf16LE;
        } else if (pairs >= 2 && zeroEven * 10 >= pairs * 4 && zeroOdd * 50 <= pairs) {
            enc = TextEncoding::Utf16BE;
        } else {
            const bool valid = textencoding::validUtf8Prefix(p, !m_deviceEof) == p.size();
            enc = valid ? TextEncoding::Utf8 : TextEncoding::Windows1252;
        }
    }
    m_detection.encoding = enc;
    m_detection.encodingDetected = !m_options.encoding.has_value();
    m_detection.byteOrderMark = bom == enc;
    m_prefixPos = m_detection.byteOrderMark ? byteOrderMark(enc).size() : 0;
}

QString CsvReader::decodeSniffWindow(bool *wholeFile) const
{
    const qsizetype available = m_prefix.size() - m_prefixPos;
    const qsizetype take = std::min(available, m_options.delimiterSniffBytes);
    *wholeFile = m_deviceEof && take == available;
    TextDecoder decoder(m_detection.encoding);
    QString text;
    decoder.decode(QByteArrayView(m_prefix).sliced(m_prefixPos, take), text, *wholeFile);
    return text;
}

bool CsvReader::sniffText(const QString &text, bool wholeFile)
{
    const CsvSniffer sniffer(text, wholeFile, m_options.maxFieldLength, m_options.maxRecordLength);
    if (const qsizetype nul = sniffer.firstNul(); nul >= 0) {
        return fail(CsvError::Kind::BinaryFile, CsvSniffer::lineAt(text, nul), binaryReason());
    }
    if (sniffer.mostlyControlCharacters()) {
        return fail(CsvError::Kind::BinaryFile, 1,
                    tr("this is not a text file: it is full of control characters; "
                       "save the spreadsheet as CSV and import that file"));
    }
    if (wholeFile && sniffer.isBlank()) {
        return fail(CsvError::Kind::EmptyFile, 1, emptyReason());
    }
    qsizetype body = 0;
    const std::optional<QChar> excel = sniffer.excelSeparator(&body);
    m_detection.excelSeparatorLine = excel.has_value();
    m_detection.delimiterDetected = !m_options.delimiter && !excel;
    m_detection.delimiter = m_options.delimiter ? *m_options.delimiter
                            : excel             ? *excel
                                    : sniffer.detectDelimiter(body, m_options.delimiterSniffRecords);
    m_detection.headerDetected = !m_options.hasHeader.has_value();
    m_detection.hasHeader = m_options.hasHeader
                                ? *m_options.hasHeader
                                : sniffer.firstRowLooksLikeHeader(body, m_detection.delimiter);
    return true;
}

bool CsvReader::readHeader()
{
    if (!m_detection.hasHeader) {
        return true;
    }
    Raw raw;
    for (;;) {
        const Status st = nextRaw(raw);
        if (st == Status::Rejected) {
            failScan(raw); // without its names there is nothing to import
            return false;
        }
        if (st == Status::Error) {
            return false;
        }
        if (st == Status::End) {
            return fail(CsvError::Kind::EmptyFile, 1, emptyReason());
        }
        if (!isBlank(raw)) {
            break;
        }
        ++m_blankSkipped;
    }
    m_detection.headerLine = raw.line;
    QHash<QString, QList<qsizetype>> seen;
    QStringList order;
    for (const CsvFieldSpan &span : m_spans) {
        QString name;
        CsvScanner::appendUnescaped(m_text, span, name);
        name = name.trimmed();
        if (!name.isEmpty()) {
            const QString key = name.toCaseFolded();
            if (!seen.contains(key)) {
                order.append(name);
            }
            seen[key].append(m_header.size() + 1);
        }
        m_header.append(name);
    }
    m_columns = m_header.size();
    QStringList described;
    for (const QString &name : std::as_const(order)) {
        const QList<qsizetype> &cols = seen[name.toCaseFolded()];
        if (cols.size() > 1) {
            QStringList numbers;
            for (qsizetype c : cols) {
                numbers.append(QString::number(c));
            }
            m_error.duplicateNames.append(name);
            described.append(tr("“%1” (columns %2)").arg(name, numbers.join(u", "_s)));
        }
    }
    if (!described.isEmpty()) {
        return fail(CsvError::Kind::DuplicateHeader, raw.line,
                    tr("the header names a column more than once: %1; every column needs a distinct name")
                        .arg(described.join(u", "_s)));
    }
    return true;
}

bool CsvReader::fill()
{
    if (m_pos > 0) {
        m_text.remove(0, m_pos);
        m_pos = 0;
    }
    if (m_prefixPos < m_prefix.size()) {
        const qsizetype take = std::min(m_options.chunkSize, m_prefix.size() - m_prefixPos);
        const bool last = m_deviceEof && m_prefixPos + take == m_prefix.size();
        m_decoder->decode(QByteArrayView(m_prefix).sliced(m_prefixPos, take), m_text, last);
        m_prefixPos += take;
        m_textEof = last;
        if (m_prefixPos == m_prefix.size()) {
            m_prefix = QByteArray(); // the prefix has been replayed; give the memory back
            m_prefixPos = 0;
        }
    } else if (!m_deviceEof) {
        if (m_chunk.isEmpty()) {
            m_chunk.reserve(m_options.chunkSize);
            m_chunk.resize(m_options.chunkSize);
        }
        qint64 n = m_device->read(m_chunk.data(), m_chunk.size());
        if (n == 0 && m_device->isSequential() && m_device->waitForReadyRead(30000)) {
            n = m_device->read(m_chunk.data(), m_chunk.size());
        }
        if (n < 0) {
            return fail(CsvError::Kind::ReadFailed, m_line,
                        tr("reading failed (%1)").arg(m_device->errorString()));
        }
        m_deviceEof = n == 0;
        m_decoder->decode(QByteArrayView(m_chunk.constData(), n), m_text, m_deviceEof);
        m_textEof = m_deviceEof;
    } else {
        m_decoder->decode({}, m_text, true);
        m_textEof = true;
    }
    m_pendingReplacements += m_decoder->takeReplacements();
    notePeak();
    return true;
}

CsvReader::Status CsvReader::nextRaw(Raw &raw)
{
    for (;;) {
        if (m_pos >= m_text.size() && m_textEof) {
            return Status::End;
        }
        const CsvScan s = m_scanner->scan(m_text, m_pos, m_textEof, m_spans);
        if (s.status == CsvScan::NeedMore) {
            if (!fill()) {
                return Status::Error;
            }
            continue;
        }
        if (s.status == CsvScan::FieldTooLong || s.status == CsvScan::RecordTooLong) {
            raw.scan = s;
            raw.begin = m_pos;
            raw.line = m_line;
            return skipOverLimit(raw);
        }
        if (s.status != CsvScan::Record) {
            raw.scan = s;
            raw.line = m_line;
            return failScan(raw);
        }
        raw.scan = s;
        raw.begin = m_pos;
        raw.line = m_line;
        m_pos = s.next;
        m_line += s.lineBreaks;
        if (s.replacements > 0 && m_pendingReplacements > 0) {
            const qint64 decoded = std::min<qint64>(s.replacements, m_pendingReplacements);
            m_pendingReplacements -= decoded;
            m_replacedSequences += decoded;
            if (m_firstReplacementLine == 0) {
                m_firstReplacementLine = raw.line;
            }
        }
        return Status::Record;
    }
}

// Reads past a row the scanner found over a limit, from its start, keeping only its first
// characters: the rest is dropped chunk by chunk, so memory stays at one chunk plus the limit.
// The same quoting rules as CsvScanner; a line break inside quotes stops it, since the row's
// end is then uncertain (mostly a quote that is never closed, swallowing the rows below).
CsvReader::Status CsvReader::skipOverLimit(Raw &raw)
{
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    const char16_t delimiter = m_detection.delimiter.unicode();
    raw.excerpt.clear();
    qsizetype length = 0; // characters of the row seen so far
    qint64 replacements = 0;
    qsizetype i = m_pos;
    for (;;) {
        if (i >= m_text.size()) {
            if (m_textEof) {
                m_pos = i; // the last row, without a line break
                if (state == State::Quoted) {
                    raw.scan.status = CsvScan::UnterminatedQuote;
                    raw.scan.problemLine = 0;
                    return failScan(raw);
                }
                break;
            }
            m_pos = i;
            if (!fill()) {
                return Status::Error;
            }
            i = m_pos;
            continue;
        }
        const char16_t c = m_text.at(i).unicode();
        if (c == 0) {
            raw.scan.status = CsvScan::NulCharacter;
            raw.scan.problemLine = 0;
            return failScan(raw);
        }
        if (c == 0xFFFD) {
            ++replacements;
        }
        if (c == u'\r' || c == u'\n') {
            if (state == State::Quoted) {
                return failScan(raw);
            }
            if (c == u'\r' && i + 1 >= m_text.size() && !m_textEof) {
                m_pos = i; // a CRLF may be cut in two: keep the CR and read on
                if (!fill()) {
                    return Status::Error;
                }
                i = m_pos;
                continue;
            }
            i += (c == u'\r' && i + 1 < m_text.size() && m_text.at(i + 1) == u'\n') ? 2 : 1;
            ++m_line;
            m_pos = i;
            break;
        }
        switch (state) {
        case State::FieldStart:
            state = c == u'"' ? State::Quoted : c == delimiter ? State::FieldStart : State::Unquoted;
            break;
        case State::Unquoted:
            state = c == delimiter ? State::FieldStart : State::Unquoted;
            break;
        case State::Quoted:
            state = c == u'"' ? State::QuoteInQuoted : State::Quoted;
            break;
        case State::QuoteInQuoted:
            state = c == u'"' ? State::Quoted : c == delimiter ? State::FieldStart : State::Unquoted;
            break;
        }
        if (raw.excerpt.size() < kOverLimitExcerpt) {
            raw.excerpt += QChar(c);
        }
        ++length;
        ++i;
    }
    if (replacements > 0 && m_pendingReplacements > 0) {
        const qint64 decoded = std::min<qint64>(replacements, m_pendingReplacements);
        m_pendingReplacements -= decoded;
        m_replacedSequences += decoded;
        if (m_firstReplacementLine == 0) {
            m_firstReplacementLine = raw.line;
        }
    }
    if (length > raw.excerpt.size()) {
        raw.excerpt += u'…';
    }
    return Status::Rejected;
}

QString CsvReader::overLimitReason(const CsvScan &scan) const
{
    if (scan.status == CsvScan::RecordTooLong) {
        return tr("the row starting on this line is longer than %1 characters, the limit for one row")
            .arg(m_options.maxRecordLength);
    }
    return tr("a field on this line is longer than %1 characters, the limit for one field")
        .arg(QString::number(m_options.maxFieldLength));
}

CsvReader::Status CsvReader::failScan(const Raw &raw)
{
    const qint64 line = raw.line + raw.scan.problemLine;
    const QString limit = QString::number(m_options.maxFieldLength);
    switch (raw.scan.status) {
    case CsvScan::UnterminatedQuote:
        fail(CsvError::Kind::UnterminatedQuote, line,
             tr("a quoted field starts on this line but its closing quote is missing"));
        break;
    case CsvScan::FieldTooLong:
        fail(CsvError::Kind::FieldTooLong, line,
             raw.scan.problemQuoted
                 ? tr("a field starting on this line is longer than %1 characters, the limit for one field; "
                      "this usually means a quote opened on this line is never closed")
                       .arg(limit)
                 : overLimitReason(raw.scan));
        break;
    case CsvScan::RecordTooLong:
        fail(CsvError::Kind::RecordTooLong, line, overLimitReason(raw.scan));
        break;
    case CsvScan::NulCharacter:
        fail(CsvError::Kind::BinaryFile, line, binaryReason());
        break;
    case CsvScan::Record:
    case CsvScan::NeedMore:
        break;
    }
    return Status::Error;
}

bool CsvReader::isBlank(const Raw &raw) const
{
    if (raw.scan.anyQuoted) {
        return false;
    }
    const QChar delimiter = m_detection.delimiter;
    for (qsizetype i = raw.begin; i < raw.scan.end; ++i) {
        const QChar c = m_text[i];
        if (c != delimiter && !c.isSpace()) {
            return false;
        }
    }
    return true;
}

void CsvReader::fillRecord(const Raw &raw, CsvRecord &record) const
{
    record.m_line = raw.line;
    const qsizetype length = raw.scan.end - raw.begin;
    record.m_raw.resize(length);
    std::memcpy(record.m_raw.data(), m_text.constData() + raw.begin, size_t(length) * sizeof(QChar));
    record.m_spans.clear();
    record.m_useUnescaped = raw.scan.anyQuoted;
    if (!raw.scan.anyQuoted) {
        for (const CsvFieldSpan &span : m_spans) {
            record.m_spans.emplace_back(span.begin - raw.begin, span.end - span.begin);
        }
        return;
    }
    record.m_unescaped.resize(0);
    for (const CsvFieldSpan &span : m_spans) {
        const qsizetype offset = record.m_unescaped.size();
        CsvScanner::appendUnescaped(m_text, span, record.m_unescaped);
        record.m_spans.emplace_back(offset, record.m_unescaped.size() - offset);
    }
}

CsvReader::Status CsvReader::nextRecord(CsvRecord &record, CsvReject &reject)
{
    Raw raw;
    for (;;) {
        const Status st = nextRaw(raw);
        if (st == Status::Rejected) {
            reject.line = raw.line;
            reject.key = u"too_long"_s;
            reject.raw = std::move(raw.excerpt);
            reject.reason = overLimitReason(raw.scan);
            reject.message =
                tr("%1, line %2: %3.").arg(m_displayName, QString::number(raw.line), reject.reason);
            return Status::Rejected;
        }
        if (st != Status::Record) {
            return st;
        }
        if (isBlank(raw)) {
            ++m_blankSkipped;
            continue;
        }
        break;
    }
    if (m_columns < 0) {
        m_columns = qsizetype(m_spans.size());
    }
    // Excel pads rows with empty trailing cells when some row further down is longer; those
    // carry nothing, so they are dropped rather than rejecting the row.
    while (qsizetype(m_spans.size()) > m_columns && m_spans.back().begin == m_spans.back().end) {
        m_spans.pop_back();
    }
    const qsizetype fields = qsizetype(m_spans.size());
    if (fields != m_columns) {
        reject.line = raw.line;
        reject.key = u"ragged"_s;
        reject.raw = m_text.sliced(raw.begin, raw.scan.end - raw.begin);
        reject.reason =
            m_detection.hasHeader
                ? tr("the row has %1 fields but the header has %2 columns").arg(fields).arg(m_columns)
                : tr("the row has %1 fields but the first row has %2").arg(fields).arg(m_columns);
        reject.message = tr("%1, line %2: %3.").arg(m_displayName, QString::number(raw.line), reject.reason);
        return Status::Rejected;
    }
    fillRecord(raw, record);
    return Status::Record;
}

CsvReader::Status CsvReader::next(CsvRecord &record, CsvReject &reject)
{
    if (hasError() || !m_started) {
        return Status::Error;
    }
    Status st;
    if (m_lookahead) {
        st = *std::exchange(m_lookahead, std::nullopt);
        if (st == Status::Record) {
            std::swap(record, m_lookRecord);
        } else {
            std::swap(reject, m_lookReject);
        }
    } else {
        st = nextRecord(record, reject);
    }
    // Counted here rather than when read, so the lookahead does not show up early.
    m_recordCount += st == Status::Record;
    m_rejectCount += st == Status::Rejected;
    return st;
}

bool CsvReader::readRecord(CsvRecord &record)
{
    for (;;) {
        CsvReject reject;
        switch (next(record, reject)) {
        case Status::Record:
            return true;
        case Status::Rejected:
            m_rejects.append(std::move(reject));
            continue;
        case Status::End:
        case Status::Error:
            return false;
        }
    }
}

QStringList CsvReader::warnings() const
{
    QStringList out;
    if (m_replacedSequences > 0) {
        // Computed apart: lupdate 6.4 loops forever on a template argument inside translate().
        const int replaced = int(std::min<qint64>(m_replacedSequences, INT_MAX));
        out.append(QCoreApplication::translate("CsvReader",
                                               "%1, line %2: %n sequence(s) of bytes that are not valid %3 "
                                               "were replaced with “\uFFFD”; if names look wrong, import the "
                                               "file again with the encoding windows-1252.",
                                               nullptr, replaced)
                       .arg(m_displayName, QString::number(m_firstReplacementLine),
                            textEncodingName(m_detection.encoding)));
    }
    return out;
}

CsvTable CsvReader::readAll(const QString &path, const CsvReaderOptions &options)
{
    CsvTable table;
    CsvReader reader(options);
    if (reader.open(path)) {
        CsvRecord record;
        while (reader.readRecord(record)) {
            table.records.append(record);
        }
    }
    table.detection = reader.detection();
    table.header = reader.header();
    table.rejects = reader.rejects();
    table.error = reader.error();
    table.warnings = reader.warnings();
    if (reader.hasError()) {
        table.records.clear();
        table.rejects.clear();
    }
    return table;
}

} // namespace herald
