#pragma once

#include "import/TextEncoding.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

class QIODevice;

namespace herald {

struct CsvWriterOptions
{
    QChar delimiter = u',';
    TextEncoding encoding = TextEncoding::Utf8;
    // Excel only reads a CSV file as UTF-8 when it starts with a BOM. UTF-16 always gets one
    // (CsvReader needs it to recognise UTF-16); Windows-1252 has none.
    bool byteOrderMark = true;
    bool crlf = true; // RFC 4180 line ends; LF when false
    // Prefix cells Excel would evaluate (= + - @ tab CR first) with ' (OWASP CSV injection).
    bool neutralizeFormulas = true;
};

// RFC 4180 writer for the rejected-rows report and the campaign results export. Fields are
// quoted only when they must be. The writer never produces a row CsvReader would skip as
// blank: an all-empty row is written with one quoted empty field.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice *device, CsvWriterOptions options = {});

    bool writeRow(const QStringList &fields);
    bool writeRow(const QList<QStringView> &fields);

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    qint64 rowsWritten() const { return m_rows; }
    // Characters Windows-1252 cannot represent, written as '?'.
    qint64 unrepresentableCharacters() const { return m_encoder.unrepresentable(); }

    // The field as it appears in the file: neutralized if asked, then quoted if needed.
    static QString formatField(QStringView field, QChar delimiter, bool neutralizeFormulas);
    // Whether Excel, LibreOffice or Google Sheets would treat the cell as a formula.
    static bool isFormulaTrigger(QStringView field);

private:
    template <typename Fields>
    bool write(const Fields &fields);

    QIODevice *m_device;
    CsvWriterOptions m_options;
    TextEncoder m_encoder;
    QString m_line;
    QByteArray m_bytes;
    bool m_started = false;
    qint64 m_rows = 0;
    QString m_error;
};

} // namespace herald
