#include "import/ImportSummary.h"

#include "import/CsvSniffer.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace herald {

QString ImportSummary::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Imported:
        return u"imported"_s;
    case Outcome::DryRun:
        return u"dry_run"_s;
    case Outcome::Cancelled:
        return u"cancelled"_s;
    case Outcome::BadFile:
        return u"bad_file"_s;
    }
    return {};
}

QJsonObject ImportSummary::toJson() const
{
    QJsonObject reasons;
    for (auto it = rejectedByReason.cbegin(); it != rejectedByReason.cend(); ++it) {
        reasons.insert(it.key(), it.value());
    }
    QJsonArray rows;
    for (const ImportRejectedRow &r : notImported) {
        rows.append(QJsonObject{{u"line"_s, r.line}, {u"reason"_s, r.reason}, {u"message"_s, r.message}});
    }
    QJsonObject o{
        {u"file"_s, file},
        {u"outcome"_s, outcomeName(outcome)},
        {u"encoding"_s, textEncodingName(detection.encoding)},
        {u"byte_order_mark"_s, detection.byteOrderMark},
        {u"delimiter"_s, QString(detection.delimiter)},
        {u"header"_s, detection.hasHeader},
        {u"layout"_s, detection.summary()},
        {u"phone_column"_s, phoneColumn},
        {u"phone_column_reason"_s, phoneColumnReason},
        {u"name_columns"_s, nameColumns},
        {u"rows_read"_s, rowsRead},
        {u"imported"_s, imported},
        {u"duplicates_in_file"_s, duplicatesInFile},
        {u"duplicates_in_campaign"_s, duplicatesInCampaign},
        {u"opted_out"_s, optedOut},
        {u"recently_messaged"_s, recentlyMessaged},
        {u"skip_recent_days"_s, skipRecentDays},
        {u"rejected"_s, rejected},
        {u"rejected_by_reason"_s, reasons},
        {u"not_imported"_s, rows},
        {u"rejects_file"_s, rejectsFile.isEmpty() ? QJsonValue() : QJsonValue(rejectsFile)},
        {u"elapsed_ms"_s, elapsedMs},
        {u"warnings"_s, QJsonArray::fromStringList(warnings)},
    };
    if (outcome == Outcome::BadFile) {
        o.insert(u"error"_s, QJsonObject{{u"line"_s, error.line}, {u"message"_s, errorMessage}});
    }
    return o;
}

QStringList ImportSummary::describe() const
{
    QStringList lines;
    switch (outcome) {
    case Outcome::Imported:
        lines << tr("Imported %1 of %2 rows from %3.").arg(imported).arg(rowsRead).arg(file);
        break;
    case Outcome::DryRun:
        lines << tr("Dry run: %1 of %2 rows from %3 would be imported; nothing was saved.")
                     .arg(imported)
                     .arg(rowsRead)
                     .arg(file);
        break;
    case Outcome::Cancelled:
        lines << tr("Import of %1 cancelled after %2 rows; nothing was saved.").arg(file).arg(rowsRead);
        return lines;
    case Outcome::BadFile:
        lines << errorMessage << tr("Nothing was imported.");
        return lines;
    }
    lines << tr("File: %1.").arg(detection.summary());
    lines << tr("Phone column: %1 (%2).").arg(phoneColumn, phoneColumnReason);
    if (!nameColumns.isEmpty()) {
        lines << tr("Contact name from: %1.").arg(nameColumns);
    }
    lines << tr("Duplicates in the file: %1; already in the campaign: %2; opted out: %3; rejected: %4.")
                 .arg(duplicatesInFile)
                 .arg(duplicatesInCampaign)
                 .arg(optedOut)
                 .arg(rejected);
    if (skipRecentDays > 0) {
        lines << tr("Messaged by a campaign in the last %n day(s), left out: %1.", nullptr, skipRecentDays)
                     .arg(recentlyMessaged);
    }
    for (auto it = rejectedByReason.cbegin(); it != rejectedByReason.cend(); ++it) {
        lines << u"  %1: %2"_s.arg(it.key()).arg(it.value());
    }
    if (!rejectsFile.isEmpty()) {
        lines << tr("Every row not imported is listed with its line and reason in %1.").arg(rejectsFile);
    }
    lines << warnings;
    lines << tr("Took %1 ms.").arg(elapsedMs);
    return lines;
}

} // namespace herald
