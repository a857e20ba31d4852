#pragma once

#include "import/CsvReader.h"
#include "wizard/WizardState.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace herald {
struct Campaign;
}

namespace herald::ui {

// What a campaign's settings say about how its contacts were read and its message filled,
// applied to a new file: Duplicate, Change mapping and Add contacts open the wizard with it.
// The file differs, so columns are matched by the key the settings stored (the header name,
// or the 1-based number of a file without a header); a column the new file lacks is left
// unmapped and said so.
class WizardPreset
{
    Q_DECLARE_TR_FUNCTIONS(WizardPreset)

public:
    // One stored variable source: a column by key, or fixed text.
    struct Source
    {
        QString column; // empty: fixed text
        QString text;
    };

    // A mapped column the new file does not have.
    struct Missing
    {
        QString key;    // template key, "body.2"
        QString column; // the stored column key, "order"
    };

    // What applying found in the new file.
    struct Outcome
    {
        bool phoneColumnFound = false; // by its stored key; else detected
        QList<Missing> missing;
    };

    WizardPreset() = default;
    WizardPreset(const QString &campaignName, const QString &templateName, const QString &templateLanguage,
                 const QJsonObject &settings);
    static WizardPreset fromCampaign(const Campaign &campaign);

    QString campaignName() const { return m_campaignName; }
    QString templateName() const { return m_templateName; }
    QString templateLanguage() const { return m_templateLanguage; }
    std::optional<TextEncoding> encoding() const { return m_encoding; }
    std::optional<QChar> delimiter() const { return m_delimiter; }
    QString phoneColumn() const { return m_phoneColumn; }
    QString region() const { return m_region; }
    bool mobileOnly() const { return m_mobileOnly; }
    const QMap<QString, Source> &mapping() const { return m_mapping; }
    QJsonObject settings() const { return m_settings; }

    // The reading the stored file had, as overrides for the new one.
    CsvReaderOptions readOptions() const;
    // "<name> (copy)", or "(copy 2)", … when that name is taken.
    QString copyName(const QStringList &taken) const;

    // Once the new file's look is known: the phone column by its stored key (else detected,
    // with why), the mapping by column key (fixed texts as they were), and — with
    // `everything` — the region and "mobile only" too (the first file only: a later file
    // keeps what the user changed on page 2).
    Outcome apply(WizardState &state, bool everything) const;

private:
    QString m_campaignName;
    QString m_templateName;
    QString m_templateLanguage;
    QJsonObject m_settings;
    std::optional<TextEncoding> m_encoding;
    std::optional<QChar> m_delimiter;
    QString m_phoneColumn;
    QString m_region;
    bool m_mobileOnly = false;
    QMap<QString, Source> m_mapping;
};

} // namespace herald::ui
