#include "import/CsvWriter.h"

#include <QCoreApplication>
#include <QIODevice>

using namespace Qt::StringLiterals;

namespace herald {

CsvWriter::CsvWriter(QIODevice *device, CsvWriterOptions options)
    : m_device(device)
    , m_options(options)
    , m_encoder(options.encoding)
{}

bool CsvWriter::isFormulaTrigger(QStringView field)
{
    if (field.isEmpty()) {
        return false;
    }
    const QChar c = field.front();
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

QString CsvWriter::formatField(QStringView field, QChar delimiter, bool neutralizeFormulas)
{
    QString value = (neutralizeFormulas && isFormulaTrigger(field)) ? u"'"_s + field : field.toString();
    bool quote = false;
    for (QChar c : std::as_const(value)) {
        if (c == delimiter || c == u'"' || c == u'\r' || c == u'\n') {
            quote = true;
            break;
        }
    }
    // Surrounding spaces survive RFC 4180 readers, but some tools trim unquoted fields. A
    // leading "sep=" would be taken by Excel (and CsvReader) as a delimiter hint line.
    quote = quote || (!value.isEmpty() && (value.front().isSpace() || value.back().isSpace())) ||
            value.startsWith(u"sep="_s, Qt::CaseInsensitive);
    if (!quote) {
        return value;
    }
    value.replace(u"\""_s, u"\"\""_s);
    return u'"' + value + u'"';
}

template <typename Fields>
bool CsvWriter::write(const Fields &fields)
{
    if (hasError()) {
        return false;
    }
    m_line.clear();
    bool allEmpty = true;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            m_line.append(m_options.delimiter);
        }
        m_line.append(formatField(fields.at(i), m_options.delimiter, m_options.neutralizeFormulas));
        allEmpty = allEmpty && QStringView(fields.at(i)).isEmpty();
    }
    if (allEmpty) {
        m_line.prepend(u"\"\""_s);
    }
    m_line.append(m_options.crlf ? u"\r\n"_s : u"\n"_s);

    m_bytes.clear();
    if (!m_started) {
        m_started = true;
        if (m_options.byteOrderMark || m_options.encoding == TextEncoding::Utf16LE ||
            m_options.encoding == TextEncoding::Utf16BE) {
            m_bytes = byteOrderMark(m_options.encoding);
        }
    }
    m_encoder.encode(m_line, m_bytes);
    if (m_device->write(m_bytes) != m_bytes.size()) {
        m_error =
            QCoreApplication::translate("CsvWriter", "writing failed (%1)").arg(m_device->errorString());
        return false;
    }
    ++m_rows;
    return true;
}

bool CsvWriter::writeRow(const QStringList &fields)
{
    return write(fields);
}

bool CsvWriter::writeRow(const QList<QStringView> &fields)
{
    return write(fields);
}

} // namespace herald
