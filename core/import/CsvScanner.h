#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <vector>

namespace herald {

// Where one field lies in the scanned text. A quoted span includes its quotes and any
// characters after the closing quote (kept, as Excel keeps them).
struct CsvFieldSpan
{
    qsizetype begin = 0;
    qsizetype end = 0;
    bool quoted = false;
};

struct CsvScan
{
    enum Status { Record, NeedMore, UnterminatedQuote, FieldTooLong, RecordTooLong, NulCharacter };

    Status status = NeedMore;
    qsizetype end = 0;          // end of the record's text, before its line break
    qsizetype next = 0;         // where the following record starts
    qint64 lineBreaks = 0;      // physical line breaks consumed, the terminating one included
    qint64 problemLine = 0;     // failures: lines from the record's first line to the problem
    bool anyQuoted = false;     // some field needs unescaping
    bool problemQuoted = false; // FieldTooLong: the field was inside quotes
    qsizetype replacements = 0; // U+FFFD characters in the record
};

// RFC 4180 record tokenizer over decoded text. It never copies: it reports field spans, and
// reports NeedMore when the text ends inside a record so the reader can append a chunk and
// scan the record again. Lenient where real exports are sloppy: a quote inside an unquoted
// field is literal, and text after a closing quote is kept. CR, LF and CRLF all end a
// record; line breaks inside quoted fields are kept verbatim.
class CsvScanner
{
public:
    CsvScanner(char16_t delimiter, qsizetype maxFieldLength, qsizetype maxRecordLength);

    CsvScan scan(QStringView text, qsizetype pos, bool atEof, std::vector<CsvFieldSpan> &fields) const;

    // Appends the field's value: quotes removed, doubled quotes collapsed.
    static void appendUnescaped(QStringView text, const CsvFieldSpan &span, QString &out);

    char16_t delimiter() const { return m_delimiter; }

private:
    char16_t m_delimiter;
    qsizetype m_maxField;
    qsizetype m_maxRecord;
    std::array<bool, 128> m_special{};
};

} // namespace herald
