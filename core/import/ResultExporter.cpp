#include "import/ResultExporter.h"

#include "db/Database.h"
#include "import/CsvWriter.h"

#include <QDateTime>
#include <QSaveFile>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace herald {

ResultExporter::ResultExporter(Database &db)
    : m_db(db)
{}

QStringList ResultExporter::columns()
{
    return {
        u"phone"_s, u"name"_s, u"status"_s, u"wamid"_s, u"error_code"_s, u"error_reason"_s,
        u"error_details"_s, u"fbtrace_id"_s, u"attempts"_s, u"sent_at"_s, u"updated_at"_s, u"source_line"_s,
        // From Meta's status webhooks (DeliveryWriter); appended so older readers keep their columns.
        u"delivered_at"_s, u"read_at"_s, u"late_failed_at"_s, u"late_error_code"_s, u"late_error_reason"_s};
}

bool ResultExporter::isE164(const QString &cell)
{
    if (cell.size() < 8 || cell.size() > 16 || cell.front() != u'+') {
        return false;
    }
    for (qsizetype i = 1; i < cell.size(); ++i) {
        if (cell.at(i) < u'0' || cell.at(i) > u'9') {
            return false;
        }
    }
    return cell.at(1) != u'0';
}

QString ResultExporter::neutralize(const QString &cell, bool isPhone)
{
    if (isPhone && isE164(cell)) {
        return cell;
    }
    return CsvWriter::isFormulaTrigger(cell) ? u"'"_s + cell : cell;
}

ExportResult ResultExporter::exportCampaign(const QString &campaignId, QIODevice *device,
                                            const ExportOptions &options)
{
    ExportResult result;
    CsvWriterOptions wo;
    wo.delimiter = options.delimiter;
    wo.byteOrderMark = options.byteOrderMark;
    wo.neutralizeFormulas = false; // done per cell here, see the class comment
    CsvWriter writer(device, wo);
    writer.writeRow(columns());
    // Keyset pages by id: bounded memory on both engines, whatever the driver buffers.
    QSqlQuery q = m_db.prepare(
        u"SELECT id, phone, contact_name, status, wamid, error_code, error_reason, error_details, "
        u"fbtrace_id, "
        "attempts, sent_at, updated_at, source_line, delivered_at, read_at, late_failed_at, late_error_code, "
        "late_error_reason FROM send_queue WHERE campaign_id = ? AND id > ? "
        "ORDER BY id LIMIT ?"_s);
    q.setForwardOnly(true);
    auto time = [](const QVariant &v) {
        const QDateTime t = Database::readTime(v);
        return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
    };
    qint64 after = 0;
    for (;;) {
        Database::exec(q, {campaignId, after, options.pageSize});
        qint64 n = 0;
        QStringList row;
        while (q.next()) {
            ++n;
            after = q.value(0).toLongLong();
            row.clear();
            row << neutralize(q.value(1).toString(), true) << neutralize(q.value(2).toString(), false)
                << q.value(3).toString() << neutralize(q.value(4).toString(), false)
                << (q.value(5).isNull() ? QString() : q.value(5).toString())
                << neutralize(q.value(6).toString(), false) << neutralize(q.value(7).toString(), false)
                << neutralize(q.value(8).toString(), false) << q.value(9).toString() << time(q.value(10))
                << time(q.value(11)) << (q.value(12).isNull() ? QString() : q.value(12).toString())
                << time(q.value(13)) << time(q.value(14)) << time(q.value(15))
                << (q.value(16).isNull() ? QString() : q.value(16).toString())
                << neutralize(q.value(17).toString(), false);
            if (!writer.writeRow(row)) {
                result.error = writer.errorString();
                return result;
            }
            ++result.rows;
        }
        q.finish();
        if (n < options.pageSize) {
            break;
        }
    }
    return result;
}

ExportResult ResultExporter::exportCampaign(const QString &campaignId, const QString &path,
                                            const ExportOptions &options)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {0, tr("%1 cannot be written: %2").arg(path, file.errorString())};
    }
    ExportResult result = exportCampaign(campaignId, &file, options);
    if (!result.error.isEmpty()) {
        file.cancelWriting();
        file.commit();
        return result;
    }
    if (!file.commit()) {
        result.error = tr("%1 cannot be written: %2").arg(path, file.errorString());
    }
    return result;
}

} // namespace herald
