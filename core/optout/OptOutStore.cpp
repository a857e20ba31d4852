#include "optout/OptOutStore.h"

#include "db/Clock.h"
#include "db/Database.h"
#include "db/Transaction.h"
#include "import/CsvWriter.h"
#include "import/PhoneColumnDetector.h"
#include "phone/PhoneCell.h"
#include "phone/PhoneNormalizer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

// The WHERE clause (empty for everything) and its values for OptOutStore's `search`.
QString searchCondition(const QString &search, QVariantList *values)
{
    const QString text = search.trimmed().toLower();
    if (text.isEmpty()) {
        return {};
    }
    // Written like a phone number: its digits, wherever they are in the stored E.164 number.
    QString digits;
    bool phoneLike = true;
    for (const QChar c : text) {
        if (c >= u'0' && c <= u'9') {
            digits += c;
        } else if (!QStringView(u" +-()/.").contains(c)) {
            phoneLike = false;
        }
    }
    if (phoneLike && !digits.isEmpty()) {
        *values << QString(u'%' + digits + u'%');
        return u" WHERE phone LIKE ?"_s;
    }
    *values << likePattern(text) << likePattern(text);
    return u" WHERE lower(COALESCE(reason, '')) LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\'"_s;
}

} // namespace

OptOutStore::OptOutStore(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString OptOutStore::sourceName(Source source)
{
    switch (source) {
    case Source::Manual:
        return u"manual"_s;
    case Source::Import:
        return u"import"_s;
    case Source::Api:
        return u"api"_s;
    }
    return {};
}

bool OptOutStore::add(const QString &e164, Source source, const QString &reason)
{
    QSqlQuery q =
        m_db.run(u"INSERT INTO opt_outs (phone, source, reason, created_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (phone) DO NOTHING"_s,
                 {e164, sourceName(source), Database::textOrNull(reason), m_db.timeValue(m_clock.now())});
    return q.numRowsAffected() == 1;
}

bool OptOutStore::remove(const QString &e164)
{
    QSqlQuery q = m_db.run(u"DELETE FROM opt_outs WHERE phone = ?"_s, {e164});
    return q.numRowsAffected() == 1;
}

bool OptOutStore::contains(const QString &e164) const
{
    QSqlQuery q = m_db.run(u"SELECT 1 FROM opt_outs WHERE phone = ?"_s, {e164});
    return q.next();
}

qint64 OptOutStore::count(const QString &search) const
{
    QVariantList values;
    const QString where = searchCondition(search, &values);
    return m_db.scalar(u"SELECT count(*) FROM opt_outs"_s + where, values).toLongLong();
}

QList<OptOut> OptOutStore::list(qint64 offset, qint64 limit, const QString &search) const
{
    QVariantList values;
    const QString where = searchCondition(search, &values);
    values << limit << offset;
    QSqlQuery q = m_db.run(u"SELECT phone, source, reason, created_at FROM opt_outs"_s + where +
                               u" ORDER BY created_at DESC, phone LIMIT ? OFFSET ?"_s,
                           values);
    QList<OptOut> out;
    while (q.next()) {
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    Database::readTime(q.value(3))});
    }
    return out;
}

ImportSummary OptOutStore::importFile(const QString &path, const QString &region, const CsvReaderOptions &csv,
                                      const QString &phoneColumn, const QString &rejectsPath)
{
    QElapsedTimer timer;
    timer.start();
    ImportSummary summary;
    summary.file = QFileInfo(path).fileName();
    // Opt-out lists are small: the whole table is read first, then written in one transaction.
    const CsvTable table = CsvReader::readAll(path, csv);
    summary.detection = table.detection;
    summary.warnings = table.warnings;
    if (table.error.kind != CsvError::Kind::None) {
        summary.outcome = ImportSummary::Outcome::BadFile;
        summary.error = table.error;
        summary.errorMessage = table.error.message;
        return summary;
    }
    QList<QStringList> samples;
    for (qsizetype i = 0; i < std::min<qsizetype>(200, table.records.size()); ++i) {
        samples << table.records.at(i).fields();
    }
    QString why;
    const PhoneColumnChoice choice = PhoneColumnDetector::detect(table.header, samples, phoneColumn, &why);
    if (!choice.isValid()) {
        summary.outcome = ImportSummary::Outcome::BadFile;
        summary.errorMessage = why.isEmpty() ? tr("%1: no column holds phone numbers.").arg(summary.file)
                                             : tr("%1: %2").arg(summary.file, why);
        return summary;
    }
    summary.phoneColumn = table.header.value(choice.column, tr("column %1").arg(choice.column + 1));
    summary.phoneColumnReason = choice.explanation;

    PhoneNormalizer::Options options;
    options.defaultRegion = region;
    const PhoneNormalizer normalizer(options);

    // Every row that is not added goes to the report, in line order.
    struct Row
    {
        qint64 line;
        QString raw, reason, message;
    };
    QList<Row> report;
    for (const CsvReject &r : table.rejects) {
        report.append({r.line, r.raw, u"ragged"_s, r.reason});
    }
    Transaction tx(m_db);
    for (const CsvRecord &rec : table.records) {
        ++summary.rowsRead;
        // Every number of the cell: whoever opts out with two numbers opts out both. The row
        // counts once, as added when any of its numbers was new.
        const PhoneCellNumbers cell = PhoneCell::read(rec.field(choice.column), normalizer);
        if (cell.numbers.isEmpty()) {
            const PhoneNumberResult &r = cell.rejection;
            ++summary.rejected;
            ++summary.rejectedByReason[QString(PhoneNormalizer::reasonName(r.reason))];
            report.append({rec.line(), rec.raw(), QString(PhoneNormalizer::reasonName(r.reason)), r.message});
            continue;
        }
        bool added = false;
        for (const PhoneNumberResult &r : cell.numbers) {
            if (add(r.e164, Source::Import, tr("imported from %1").arg(summary.file))) {
                added = true;
            }
        }
        if (added) {
            ++summary.imported;
        } else {
            ++summary.duplicatesInCampaign;
        }
    }
    tx.commit();
    summary.rowsRead += table.rejects.size();
    summary.rejected += table.rejects.size();
    if (!table.rejects.isEmpty()) {
        summary.rejectedByReason[u"ragged"_s] += table.rejects.size();
    }
    std::sort(report.begin(), report.end(), [](const Row &a, const Row &b) { return a.line < b.line; });
    for (const Row &r : std::as_const(report)) {
        if (summary.notImported.size() < ImportSummary::kMaxListedRows) {
            summary.notImported.append({r.line, r.reason, r.message});
        }
    }
    if (!rejectsPath.isEmpty() && !report.isEmpty()) {
        QSaveFile out(rejectsPath);
        if (out.open(QIODevice::WriteOnly)) {
            CsvWriter writer(&out);
            writer.writeRow(QStringList{tr("line"), tr("reason"), tr("explanation"), tr("row")});
            for (const Row &r : std::as_const(report)) {
                writer.writeRow(QStringList{QString::number(r.line), r.reason, r.message, r.raw});
            }
            if (out.commit()) {
                summary.rejectsFile = rejectsPath;
            }
        }
    }
    summary.elapsedMs = timer.elapsed();
    return summary;
}

} // namespace herald
