#include "wizard/WizardState.h"

#include "phone/PhoneCell.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace herald::ui {

QString FileLook::columnName(qsizetype column) const
{
    if (column >= 0 && column < header.size() && !header.at(column).trimmed().isEmpty()) {
        return header.at(column);
    }
    return QCoreApplication::translate("NewCampaignWizard", "Column %1").arg(column + 1);
}

QString FileLook::columnKey(qsizetype column) const
{
    if (column >= 0 && column < header.size() && !header.at(column).trimmed().isEmpty()) {
        return header.at(column);
    }
    return QString::number(column + 1);
}

ImportOptions WizardState::importOptions(const QString &campaignId, const QString &rejectsPath) const
{
    ImportOptions o;
    o.campaignId = campaignId;
    o.csv.encoding = file.detection.encoding;
    o.csv.delimiter = file.detection.delimiter;
    o.csv.hasHeader = file.detection.hasHeader;
    o.phoneColumn = file.columnKey(phoneColumn);
    o.region = region;
    o.mobileOnly = mobileOnly;
    o.skipRecentDays = skipRecentDays;
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        if (it->column >= 0) {
            o.params.append({it.key(), file.columnKey(it->column)});
        }
    }
    o.rejectsPath = rejectsPath;
    return o;
}

QJsonObject WizardState::defaults() const
{
    QJsonObject d;
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        if (it->column < 0) {
            d.insert(it.key(), it->text);
        }
    }
    return d;
}

QJsonObject WizardState::settings() const
{
    QJsonObject map;
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        map.insert(it.key(), it->column >= 0 ? QJsonObject{{u"column"_s, file.columnKey(it->column)}}
                                             : QJsonObject{{u"text"_s, it->text}});
    }
    const QJsonObject read{
        {u"file"_s, file.path},
        {u"encoding"_s, textEncodingName(file.detection.encoding)},
        {u"delimiter"_s, QString(file.detection.delimiter)},
        {u"header"_s, file.detection.hasHeader},
        {u"phone_column"_s, file.columnKey(phoneColumn)},
        {u"region"_s, region},
        {u"mobile_only"_s, mobileOnly},
        {u"skip_recent_days"_s, skipRecentDays},
    };
    return QJsonObject{{u"defaults"_s, defaults()}, {u"mapping"_s, map}, {u"import"_s, read}};
}

CampaignMessage WizardState::message() const
{
    return CampaignMessage{templ ? templ->name : QString(), templ ? templ->language : QString(),
                           parsed.templateSlots, defaults()};
}

QJsonObject WizardState::valuesForRow(int row) const
{
    QJsonObject values;
    if (row < 0 || row >= file.rows.size()) {
        return values;
    }
    const QStringList &fields = file.rows.at(row);
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        if (it->column >= 0 && it->column < fields.size()) {
            const QString value = fields.at(it->column).trimmed();
            if (!value.isEmpty()) {
                values.insert(it.key(), value);
            }
        }
    }
    return values;
}

PhoneNormalizer WizardState::normalizer() const
{
    PhoneNormalizer::Options o;
    o.defaultRegion = region;
    o.mobileOnly = mobileOnly;
    return PhoneNormalizer(o);
}

PhoneNumberResult WizardState::numberForRow(int row) const
{
    if (row < 0 || row >= file.rows.size() || phoneColumn < 0 || phoneColumn >= file.rows.at(row).size()) {
        return {};
    }
    return PhoneCell::read(file.rows.at(row).at(phoneColumn), normalizer()).chosen();
}

} // namespace herald::ui
