#include "wizard/WizardPreset.h"

#include "import/PhoneColumnDetector.h"
#include "queue/Campaign.h"

using namespace Qt::StringLiterals;

namespace herald::ui {

WizardPreset::WizardPreset(const QString &campaignName, const QString &templateName,
                           const QString &templateLanguage, const QJsonObject &settings)
    : m_campaignName(campaignName)
    , m_templateName(templateName)
    , m_templateLanguage(templateLanguage)
    , m_settings(settings)
{
    const QJsonObject read = settings.value(u"import"_s).toObject();
    m_encoding = textEncodingFromName(read.value(u"encoding"_s).toString());
    const QString delimiter = read.value(u"delimiter"_s).toString();
    if (delimiter.size() == 1) {
        m_delimiter = delimiter.at(0);
    }
    m_phoneColumn = read.value(u"phone_column"_s).toString();
    m_region = read.value(u"region"_s).toString();
    m_mobileOnly = read.value(u"mobile_only"_s).toBool();
    const QJsonObject mapping = settings.value(u"mapping"_s).toObject();
    for (auto it = mapping.constBegin(); it != mapping.constEnd(); ++it) {
        const QJsonObject source = it.value().toObject();
        m_mapping.insert(it.key(),
                         Source{source.value(u"column"_s).toString(), source.value(u"text"_s).toString()});
    }
    // Settings from before the mapping was stored still have the fixed texts as defaults.
    const QJsonObject defaults = settings.value(u"defaults"_s).toObject();
    for (auto it = defaults.constBegin(); it != defaults.constEnd(); ++it) {
        if (!m_mapping.contains(it.key())) {
            m_mapping.insert(it.key(), Source{QString(), it.value().toString()});
        }
    }
}

WizardPreset WizardPreset::fromCampaign(const Campaign &campaign)
{
    return WizardPreset(campaign.name, campaign.templateName, campaign.templateLanguage, campaign.settings);
}

CsvReaderOptions WizardPreset::readOptions() const
{
    CsvReaderOptions o;
    o.encoding = m_encoding;
    o.delimiter = m_delimiter;
    return o;
}

QString WizardPreset::copyName(const QStringList &taken) const
{
    QString name = tr("%1 (copy)").arg(m_campaignName);
    for (int n = 2; taken.contains(name); ++n) {
        name = tr("%1 (copy %2)").arg(m_campaignName).arg(n);
    }
    return name;
}

WizardPreset::Outcome WizardPreset::apply(WizardState &state, bool everything) const
{
    Outcome outcome;
    const FileLook &file = state.file;
    auto column = [&file](const QString &key) -> int {
        if (key.isEmpty()) {
            return -1;
        }
        // As the importer resolves a column: by name, accents and case aside, or by number.
        const auto found = PhoneColumnDetector::resolveColumn(key, file.header, file.columnCount);
        return found ? int(*found) : -1;
    };

    const int phone = column(m_phoneColumn);
    outcome.phoneColumnFound = phone >= 0;
    if (phone >= 0) {
        state.phoneColumn = phone;
        state.phoneReason =
            tr("The column “%1”, as in the campaign “%2”.").arg(file.columnName(phone), m_campaignName);
    } else {
        const PhoneColumnChoice choice = PhoneColumnDetector::detect(file.header, file.rows);
        state.phoneColumn = int(choice.column);
        const QString note = m_phoneColumn.isEmpty()
                                 ? QString()
                                 : tr("This file has no column “%1”, which held the numbers in “%2”.")
                                       .arg(m_phoneColumn, m_campaignName);
        state.phoneReason =
            choice.isValid()
                ? (note.isEmpty() ? choice.explanation : note + u' ' + choice.explanation)
                : (note.isEmpty() ? tr("No column looks like phone numbers: choose the one that holds them.")
                                  : note + u' ' + tr("Choose the column that holds them."));
    }

    QMap<QString, VariableSource> mapping;
    for (auto it = m_mapping.cbegin(); it != m_mapping.cend(); ++it) {
        VariableSource source;
        if (it->column.isEmpty()) {
            source.text = it->text;
        } else {
            source.column = column(it->column);
            if (source.column < 0) {
                outcome.missing.append({it.key(), it->column});
            }
        }
        mapping.insert(it.key(), source);
    }
    state.mapping = mapping;

    if (everything) {
        if (!m_region.isEmpty()) { // else the country from Settings stays
            state.region = m_region;
        }
        state.mobileOnly = m_mobileOnly;
    }
    return outcome;
}

} // namespace herald::ui
