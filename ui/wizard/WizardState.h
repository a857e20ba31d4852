#pragma once

#include "cloudapi/CampaignMessage.h"
#include "import/ContactImporter.h"
#include "import/CsvReader.h"
#include "phone/PhoneNormalizer.h"
#include "templates/TemplateParser.h"
#include "templates/TemplateRecord.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace herald::ui {

// What page 1 read of the contact file: its layout as the reader detected it, the header and
// the first rows, or the reader's precise error.
struct FileLook
{
    QString path;
    CsvDetection detection;
    QStringList header; // empty without a header row
    QList<QStringList> rows;
    qsizetype columnCount = 0;
    qint64 fileBytes = 0;
    qint64 estimatedRows = 0; // exact when the whole file fitted in the look (estimateExact)
    bool estimateExact = false;
    QString error; // the reader's message: "contacts.csv, line 12: <reason>"
    QStringList warnings;

    bool ok() const { return !path.isEmpty() && error.isEmpty(); }
    // The header name, or "Column 3" when the file has no header.
    QString columnName(qsizetype column) const;
    // What ImportOptions and the stored settings name a column by: the header name when
    // there is one, else its 1-based number.
    QString columnKey(qsizetype column) const;
};

// One template variable's value: a column of the file, or the same text for everyone.
struct VariableSource
{
    int column = -1; // -1: fixed text
    QString text;
};

// Everything the pages decided, read by the pages after them and by the import.
struct WizardState
{
    FileLook file;
    std::optional<TextEncoding> encoding; // the user's override; unset: detected
    std::optional<QChar> delimiter;

    int phoneColumn = -1;
    QString phoneReason;
    QString region;
    bool mobileOnly = false;
    // The frequency cap across campaigns: numbers another campaign sent to in this many days
    // are left out of the import; 0: off.
    int skipRecentDays = 0;
    // The settings of the campaign this one copies (Duplicate, Change mapping): the review
    // starts from its rate, retry choice and quiet hours. Empty for a new campaign.
    QJsonObject carried;

    QString campaignName;
    std::optional<TemplateRecord> templ;
    ParsedTemplate parsed;
    QMap<QString, VariableSource> mapping; // template key → source

    // The file read exactly as the preview read it (the detections become explicit).
    ImportOptions importOptions(const QString &campaignId, const QString &rejectsPath) const;
    // Fixed texts: the campaign's defaults (settings["defaults"]).
    QJsonObject defaults() const;
    // The campaign's settings: defaults, the mapping and how the file was read, so that
    // Duplicate and Edit can reuse them.
    QJsonObject settings() const;
    CampaignMessage message() const;
    // A row's values in the importer's format: mapped columns only, trimmed, empty ones left
    // out (the importer rejects a row missing one).
    QJsonObject valuesForRow(int row) const;
    // The number a row will be sent to, chosen as the importer chooses; the rejection when none.
    PhoneNumberResult numberForRow(int row) const;
    PhoneNormalizer normalizer() const;
};

} // namespace herald::ui
