#include "import/CsvScanner.h"

namespace herald {

namespace {

constexpr char16_t kQuote = u'"';
constexpr char16_t kReplacement = 0xFFFD;

CsvScan failed(CsvScan r, CsvScan::Status status, qint64 line, bool quoted = false)
{
    r.status = status;
    r.problemLine = line;
    r.problemQuoted = quoted;
    return r;
}

} // namespace

CsvScanner::CsvScanner(char16_t delimiter, qsizetype maxFieldLength, qsizetype maxRecordLength)
    : m_delimiter(delimiter)
    , m_maxField(maxFieldLength)
    , m_maxRecord(maxRecordLength)
{
    // U+FFFD is tracked too (outside the table) so the reader can tell which line a
    // decoding replacement landed on.
    m_special[0] = true;
    m_special[u'\r'] = true;
    m_special[u'\n'] = true;
    if (delimiter < 128) {
        m_special[delimiter] = true;
    }
}

CsvScan CsvScanner::scan(QStringView text, qsizetype pos, bool atEof, std::vector<CsvFieldSpan> &fields) const
{
    CsvScan r;
    fields.clear();
    const char16_t *const d = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = pos;
    qint64 lines = 0;
    for (;;) {
        const qsizetype fieldBegin = i;
        const qint64 fieldLine = lines;
        const bool quoted = i < n && d[i] == kQuote;
        if (quoted) {
            r.anyQuoted = true;
            ++i;
            for (;;) {
                while (i < n) {
                    const char16_t c = d[i];
                    if (c == kQuote || c == u'\r' || c == u'\n' || c == 0 || c == kReplacement) {
                        break;
                    }
                    ++i;
                }
                if (i - fieldBegin > m_maxField) {
                    return failed(r, CsvScan::FieldTooLong, fieldLine, true);
                }
                if (i >= n) {
                    return atEof ? failed(r, CsvScan::UnterminatedQuote, fieldLine) : r;
                }
                const char16_t c = d[i];
                if (c == kQuote) {
                    if (i + 1 < n) {
                        if (d[i + 1] == kQuote) {
                            i += 2;
                            continue;
                        }
                    } else if (!atEof) {
                        return r; // cannot tell a closing quote from a doubled one yet
                    }
                    ++i;
                    break;
                }
                if (c == u'\r') {
                    if (i + 1 >= n && !atEof) {
                        return r; // a CRLF may be cut in two
                    }
                    ++lines;
                    i += (i + 1 < n && d[i + 1] == u'\n') ? 2 : 1;
                } else if (c == u'\n') {
                    ++lines;
                    ++i;
                } else if (c == 0) {
                    return failed(r, CsvScan::NulCharacter, lines);
                } else {
                    ++r.replacements;
                    ++i;
                }
            }
        }
        for (;;) {
            while (i < n) {
                const char16_t c = d[i];
                if (c < 128 ? m_special[c] : c == kReplacement) {
                    break;
                }
                ++i;
            }
            if (i < n && d[i] == kReplacement) {
                ++r.replacements;
                ++i;
                continue;
            }
            break;
        }
        if (i - fieldBegin > m_maxField) {
            return failed(r, CsvScan::FieldTooLong, fieldLine, quoted);
        }
        if (i - pos > m_maxRecord) {
            return failed(r, CsvScan::RecordTooLong, 0);
        }
        if (i >= n && !atEof) {
            return r;
        }
        if (i < n && d[i] == 0) {
            return failed(r, CsvScan::NulCharacter, lines);
        }
        fields.push_back({fieldBegin, i, quoted});
        if (i < n && d[i] == m_delimiter) {
            ++i;
            continue;
        }
        r.end = i;
        if (i < n) {
            if (d[i] == u'\r') {
                if (i + 1 >= n && !atEof) {
                    return r;
                }
                i += (i + 1 < n && d[i + 1] == u'\n') ? 2 : 1;
            } else {
                ++i;
            }
            ++lines;
        }
        r.status = CsvScan::Record;
        r.next = i;
        r.lineBreaks = lines;
        return r;
    }
}

void CsvScanner::appendUnescaped(QStringView text, const CsvFieldSpan &span, QString &out)
{
    if (!span.quoted) {
        out.append(text.sliced(span.begin, span.end - span.begin));
        return;
    }
    qsizetype i = span.begin + 1;
    while (i < span.end) {
        const qsizetype q = text.indexOf(kQuote, i);
        if (q < 0 || q >= span.end) {
            out.append(text.sliced(i, span.end - i));
            return;
        }
        out.append(text.sliced(i, q - i));
        if (q + 1 < span.end && text[q + 1] == kQuote) {
            out.append(QChar(kQuote));
            i = q + 2;
            continue;
        }
        out.append(text.sliced(q + 1, span.end - q - 1));
        return;
    }
}

} // namespace herald
