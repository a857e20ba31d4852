#include "widgets/OptOutImportText.h"

#include "widgets/Formats.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

QStringList OptOutImportText::rejections(const OptOutImportSummary &summary, int examplesPerReason)
{
    QStringList lines;
    for (auto it = summary.rejectedByReason.cbegin(); it != summary.rejectedByReason.cend(); ++it) {
        QStringList examples;
        for (const ImportRejectedRow &row : summary.notImported) {
            if (row.reason == it.key() && examples.size() < examplesPerReason) {
                examples << tr("line %1: %2").arg(row.line).arg(row.message);
            }
        }
        lines << tr("Rejected: %1").arg(Formats::count(it.value())) +
                     (examples.isEmpty() ? QString() : u" — "_s + examples.join(u"; "_s));
    }
    return lines;
}

QString OptOutImportText::describe(const OptOutImportSummary &s)
{
    if (s.outcome == ImportSummary::Outcome::BadFile) {
        return tr("Nothing was added: %1").arg(s.errorMessage);
    }
    QStringList lines;
    lines << tr("Rows read from %1: %2. Added to the opt-out list: %3. Already on it: %4. Rejected: %5.")
                 .arg(s.file, Formats::count(s.rowsRead), Formats::count(s.imported),
                      Formats::count(s.duplicatesInCampaign), Formats::count(s.rejected));
    if (!s.phoneColumn.isEmpty()) {
        lines << tr("Numbers were read from the column “%1”.").arg(s.phoneColumn);
    }
    lines << rejections(s);
    if (!s.rejectsFile.isEmpty()) {
        lines << tr("Every rejected row is listed in %1.").arg(s.rejectsFile);
    }
    lines << s.warnings;
    return lines.join(u'\n');
}

} // namespace herald::ui
