#pragma once

#include "import/CsvReader.h"

#include <QBuffer>
#include <QIODevice>
#include <QString>

#include <functional>

namespace herald::test {

inline QString importData(const char *name)
{
    return QString::fromUtf8(HERALD_IMPORT_DATA) + u'/' + QString::fromUtf8(name);
}

// Reads everything from an in-memory file; like CsvReader::readAll() but for bytes.
inline CsvTable readBytes(const QByteArray &bytes, const CsvReaderOptions &options = {},
                          const QString &name = QStringLiteral("test.csv"))
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvTable table;
    CsvReader reader(options);
    if (reader.open(&buffer, name)) {
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
    }
    return table;
}

// A sequential device that produces rows on demand, so a large input never exists in memory.
class GeneratedDevice : public QIODevice
{
public:
    using RowFn = std::function<QByteArray(qint64)>;
    GeneratedDevice(qint64 rows, RowFn row)
        : m_rows(rows)
        , m_row(std::move(row))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 produced() const { return m_produced; }

protected:
    qint64 readData(char *data, qint64 max) override
    {
        while (m_pending.size() < max && m_next < m_rows) {
            m_pending += m_row(m_next++);
        }
        const qint64 n = std::min<qint64>(max, m_pending.size());
        std::memcpy(data, m_pending.constData(), size_t(n));
        m_pending.remove(0, n);
        m_produced += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_rows;
    RowFn m_row;
    qint64 m_next = 0;
    qint64 m_produced = 0;
    QByteArray m_pending;
};

} // namespace herald::test
