#include "import/CsvSniffer.h"

#include "import/CsvScanner.h"
#include "import/PhoneColumnDetector.h"

#include <QCoreApplication>
#include <QHash>

#include <array>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

constexpr std::array<char16_t, 4> kCandidateDelimiters = {u',', u';', u'\t', u'|'};

bool isNumberLike(QStringView s)
{
    // Amounts and counts, with either decimal separator and an optional sign or currency.
    qsizetype digits = 0;
    for (QChar c : s) {
        if (c.isDigit()) {
            ++digits;
        } else if (c != u'.' && c != u',' && c != u'-' && c != u'+' && c != u' ' && c != u'%' &&
                   c.category() != QChar::Symbol_Currency) {
            return false;
        }
    }
    return digits > 0;
}

bool isEmailLike(QStringView s)
{
    const qsizetype at = s.indexOf(u'@');
    return at > 0 && s.indexOf(u'.', at) > at + 1 && !s.contains(u' ');
}

bool isDateLike(QStringView s)
{
    // 2024-01-31, 31.01.2024, 1/31/24, optionally followed by a time.
    qsizetype digits = 0;
    qsizetype separators = 0;
    for (QChar c : s.left(10)) {
        if (c.isDigit()) {
            ++digits;
        } else if (c == u'-' || c == u'.' || c == u'/') {
            ++separators;
        } else {
            break;
        }
    }
    return digits >= 4 && separators == 2;
}

} // namespace

CsvSniffer::CsvSniffer(QStringView text, bool wholeFile, qsizetype maxFieldLength, qsizetype maxRecordLength)
    : m_text(text)
    , m_wholeFile(wholeFile)
    , m_maxField(maxFieldLength)
    , m_maxRecord(maxRecordLength)
{}

qsizetype CsvSniffer::firstNul() const
{
    return m_text.indexOf(QChar(0));
}

bool CsvSniffer::mostlyControlCharacters() const
{
    qsizetype controls = 0;
    for (QChar ch : m_text) {
        const char16_t c = ch.unicode();
        // 0x1A is the end-of-file mark old DOS tools append; harmless.
        controls += c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r' && c != u'\f' && c != 0x1A;
    }
    return controls * 50 > m_text.size();
}

bool CsvSniffer::isBlank() const
{
    return m_text.trimmed().isEmpty();
}

std::optional<QChar> CsvSniffer::excelSeparator(qsizetype *bodyStart) const
{
    *bodyStart = 0;
    const QStringView t = m_text;
    if (t.size() < 5 || t.first(4).compare(u"sep=", Qt::CaseInsensitive) != 0 || t[4] == u'\r' ||
        t[4] == u'\n' || t[4] == u'"') {
        return std::nullopt;
    }
    if (t.size() > 5 && t[5] != u'\r' && t[5] != u'\n') {
        return std::nullopt;
    }
    *bodyStart = (t.size() > 6 && t[5] == u'\r' && t[6] == u'\n') ? 7 : std::min<qsizetype>(6, t.size());
    return t[4];
}

QList<QStringList> CsvSniffer::sampleRows(qsizetype bodyStart, QChar delimiter, int maxRecords) const
{
    const CsvScanner scanner(delimiter.unicode(), m_maxField, m_maxRecord);
    std::vector<CsvFieldSpan> spans;
    QList<QStringList> rows;
    qsizetype pos = bodyStart;
    while (pos < m_text.size() && rows.size() < maxRecords) {
        const CsvScan s = scanner.scan(m_text, pos, m_wholeFile, spans);
        if (s.status != CsvScan::Record) {
            break;
        }
        QStringList row;
        bool blank = true;
        for (const CsvFieldSpan &span : spans) {
            QString v;
            CsvScanner::appendUnescaped(m_text, span, v);
            blank = blank && !span.quoted && v.trimmed().isEmpty();
            row.append(v);
        }
        if (!blank) {
            rows.append(row);
        }
        pos = s.next;
    }
    return rows;
}

QChar CsvSniffer::detectDelimiter(qsizetype bodyStart, int maxRecords) const
{
    struct Score
    {
        char16_t delimiter;
        double consistency;
        qsizetype columns;
    };
    std::vector<Score> scores;
    for (char16_t d : kCandidateDelimiters) {
        const QList<QStringList> rows = sampleRows(bodyStart, QChar(d), maxRecords);
        QHash<qsizetype, int> counts;
        for (const QStringList &row : rows) {
            ++counts[row.size()];
        }
        qsizetype modal = 0;
        int freq = 0;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (it.value() > freq || (it.value() == freq && it.key() > modal)) {
                modal = it.key();
                freq = it.value();
            }
        }
        if (modal > 1) {
            scores.push_back({d, double(freq) / double(rows.size()), modal});
        }
    }
    double best = 0;
    for (const Score &s : scores) {
        best = std::max(best, s.consistency);
    }
    QChar chosen(u',');
    qsizetype columns = 0;
    for (const Score &s : scores) {
        if (s.consistency >= best - 0.1 && s.columns > columns) {
            columns = s.columns;
            chosen = QChar(s.delimiter);
        }
    }
    return chosen;
}

bool CsvSniffer::firstRowLooksLikeHeader(qsizetype bodyStart, QChar delimiter) const
{
    const QList<QStringList> first = sampleRows(bodyStart, delimiter, 1);
    if (first.isEmpty()) {
        return false;
    }
    for (const QString &f : first.front()) {
        if (looksLikeData(f)) {
            return false;
        }
    }
    return true;
}

bool CsvSniffer::looksLikeData(QStringView field)
{
    const QStringView s = field.trimmed();
    return !s.isEmpty() && (PhoneColumnDetector::looksLikePhoneNumber(s) || isNumberLike(s) ||
                            isEmailLike(s) || isDateLike(s));
}

qint64 CsvSniffer::lineAt(QStringView text, qsizetype pos)
{
    qint64 line = 1;
    for (qsizetype i = 0; i < pos && i < text.size(); ++i) {
        if (text[i] == u'\n' || (text[i] == u'\r' && (i + 1 >= text.size() || text[i + 1] != u'\n'))) {
            ++line;
        }
    }
    return line;
}

QString CsvSniffer::delimiterDescription(QChar delimiter)
{
    switch (delimiter.unicode()) {
    case u',':
        return QCoreApplication::translate("CsvReader", "comma-separated");
    case u';':
        return QCoreApplication::translate("CsvReader", "semicolon-separated");
    case u'\t':
        return QCoreApplication::translate("CsvReader", "tab-separated");
    case u'|':
        return QCoreApplication::translate("CsvReader", "separated by vertical bars");
    default:
        return QCoreApplication::translate("CsvReader", "separated by “%1”").arg(delimiter);
    }
}

} // namespace herald
