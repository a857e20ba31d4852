#pragma once

#include "import/CsvReader.h"
#include "import/ImportSummary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace herald {

class Clock;
class Database;

struct OptOut
{
    QString phone;  // E.164
    QString source; // manual | import | api
    QString reason;
    QDateTime createdAt;
};

// What importing a file of opted-out phones did: the rows reuse ImportSummary (imported =
// rows that added a number, duplicatesInCampaign = rows whose numbers were all on the list
// already, rejected = rows without a valid number). It counts rows, so that rowsRead =
// imported + duplicatesInCampaign + rejected as for a contact import: a row whose cell holds
// several numbers (see PhoneCell) adds all of them and counts once, so count() can grow by
// more than `imported`.
using OptOutImportSummary = ImportSummary;

// The opt-out list: phones that are never queued or resent. Phones are stored in E.164;
// callers normalize with PhoneNormalizer first (importFile() does it itself).
class OptOutStore
{
    Q_DECLARE_TR_FUNCTIONS(OptOutStore)

public:
    enum class Source { Manual, Import, Api };

    OptOutStore(Database &db, const Clock &clock);

    static QString sourceName(Source source);

    // True when added, false when the phone was already on the list (left unchanged).
    bool add(const QString &e164, Source source, const QString &reason = {});
    // True when it was on the list.
    bool remove(const QString &e164);
    bool contains(const QString &e164) const;
    // `search` narrows both: written like a phone number ("151 234", "+49 (151)"), to the phones
    // that hold its digits in that order; otherwise to the entries whose reason or source holds
    // the text, ignoring case. Empty: all.
    qint64 count(const QString &search = {}) const;
    // Newest first, then by phone.
    QList<OptOut> list(qint64 offset = 0, qint64 limit = 100, const QString &search = {}) const;

    // Adds every phone of a CSV file (the phone column is detected, or named by
    // `phoneColumn`), normalized in `region`, in one transaction: every number of a cell that
    // holds several (PhoneCell::read()). Rows without a valid number are reported with line and
    // the whole cell's reason like a contact import; `rejectsPath` empty writes no report file.
    ImportSummary importFile(const QString &path, const QString &region, const CsvReaderOptions &csv = {},
                             const QString &phoneColumn = {}, const QString &rejectsPath = {});

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace herald
