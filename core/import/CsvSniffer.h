#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace herald {

// Guesses the layout of a CSV file from the decoded text of its first part. Used by
// CsvReader::open(); separate so the guesses can be tested and reused by a preview.
class CsvSniffer
{
public:
    // `wholeFile`: the text is the entire file, so its last record is complete.
    CsvSniffer(QStringView text, bool wholeFile, qsizetype maxFieldLength, qsizetype maxRecordLength);

    // Offset of the first NUL character, or -1. Text never contains NULs; binary files do.
    qsizetype firstNul() const;
    // More than 2% control characters (other than tab, line breaks and form feed).
    bool mostlyControlCharacters() const;
    bool isBlank() const;

    // Excel's "sep=;" first line: the delimiter it names; `bodyStart` is set past that line.
    std::optional<QChar> excelSeparator(qsizetype *bodyStart) const;

    // The candidate (, ; tab |) that splits the first records into the same number of fields
    // most consistently; among near-equals (within 10%) the one giving more columns. A file
    // no candidate splits is one column, reported as comma-separated.
    QChar detectDelimiter(qsizetype bodyStart, int maxRecords) const;

    // A contact export's first data row has a phone number in it, so a first row with
    // nothing that looks like data (phone, number, e-mail, date) is taken as a header.
    bool firstRowLooksLikeHeader(qsizetype bodyStart, QChar delimiter) const;

    // Up to `maxRecords` non-blank complete records, unescaped.
    QList<QStringList> sampleRows(qsizetype bodyStart, QChar delimiter, int maxRecords) const;

    static bool looksLikeData(QStringView field);
    // 1-based physical line of an offset into `text`.
    static qint64 lineAt(QStringView text, qsizetype pos);
    // "comma-separated", "semicolon-separated", ...
    static QString delimiterDescription(QChar delimiter);

private:
    QStringView m_text;
    bool m_wholeFile;
    qsizetype m_maxField;
    qsizetype m_maxRecord;
};

} // namespace herald
