#pragma once

#include <QChar>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QIODevice;

namespace herald {

class Database;

struct ExportOptions
{
    QChar delimiter = u',';
    bool byteOrderMark = true; // Excel reads UTF-8 only with it
    qsizetype pageSize = 5000; // rows fetched per query: memory stays bounded on both engines
};

struct ExportResult
{
    qint64 rows = 0;
    QString error; // empty on success
};

// Writes a campaign's per-recipient results as CSV that opens correctly in Excel.
//
// Formula neutralization (OWASP CSV injection): every cell that starts with = + - @ tab or
// CR gets a leading ' — names, parameters, error texts — except a phone cell that is exactly
// an E.164 number ("+" and 7–15 digits). Such a cell is written unchanged: Excel evaluates
// "+4915123456789" as the number 4915123456789, which runs nothing and references nothing,
// so there is nothing to neutralize, whereas "'+4915…" would show the apostrophe in the
// cell and in every copy of it. The price is that Excel, opening the file by double-click,
// shows that column as a number (without "+", in scientific notation once it is wide);
// importing it with Data > From Text/CSV and the column set to Text keeps it as written.
// Herald itself (CsvReader) reads it back exactly.
class ResultExporter
{
    Q_DECLARE_TR_FUNCTIONS(ResultExporter)

public:
    explicit ResultExporter(Database &db);

    static QStringList columns();
    // Streams the campaign's rows in queue order. Throws DbError on a database failure.
    ExportResult exportCampaign(const QString &campaignId, QIODevice *device,
                                const ExportOptions &options = {});
    // To a file, written atomically (a failed export leaves no half file behind).
    ExportResult exportCampaign(const QString &campaignId, const QString &path,
                                const ExportOptions &options = {});

    // The cell as exported: ' before a formula trigger, except for an E.164 phone.
    static QString neutralize(const QString &cell, bool isPhone);
    static bool isE164(const QString &cell);

private:
    Database &m_db;
};

} // namespace herald
