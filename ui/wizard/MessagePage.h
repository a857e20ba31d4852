#pragma once

#include "wizard/WizardPreset.h"
#include "wizard/WizardState.h"

#include <QList>
#include <QWizardPage>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;

namespace herald {
class Clock;
}

namespace herald::ui {

class DataService;
class MessagePreview;

// Page 3: the campaign's name, its template (with status and category; paused, disabled and
// rejected ones listed but not choosable, with why), each variable mapped to a column or to
// fixed text, and the live preview stepping through the rows.
class MessagePage : public QWizardPage
{
    Q_OBJECT

public:
    MessagePage(WizardState &state, DataService &data, const Clock &clock, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override { return isComplete(); } // next() asks this, not isComplete()

    // From a campaign: its template is chosen once the list arrives. `locked` (adding contacts
    // to it): the name, template and fixed texts cannot change, and a variable the campaign
    // fills from a column (`columnKeys`) stays filled from a column.
    void setPreset(const QString &templateName, const QString &language, const QStringList &columnKeys,
                   bool locked);
    // The campaign's mapped columns the new file lacks: shown above the variables.
    void setMissingColumns(const QList<WizardPreset::Missing> &missing);

    MessagePreview *preview() const { return m_preview; }
    bool templatesLoaded() const { return m_loaded; }
    // Why a template cannot be chosen; empty when it can.
    static QString refusal(const TemplateRecord &t, const ParsedTemplate &parsed);

private:
    void loadTemplates();
    void templateChosen(int index);
    void rebuildMapping();
    void mappingEdited();
    void countMissing();
    void showPresetNote();
    QString variableLabel(const QString &key) const; // "Body {{1}}", "Button “Track”"

    struct Variable
    {
        QString key;
        QComboBox *source = nullptr;
        QLineEdit *text = nullptr;
        QLabel *missing = nullptr;
    };
    void lockVariable(const Variable &v) const;

    WizardState &m_state;
    DataService &m_data;
    const Clock &m_clock;
    QLineEdit *m_name;
    QComboBox *m_template;
    QLabel *m_status;
    QLabel *m_badge;
    QWidget *m_mappingArea;
    QGridLayout *m_mapping;
    MessagePreview *m_preview;
    QList<TemplateRecord> m_templates;
    QList<Variable> m_variables;
    bool m_loaded = false;
    bool m_filling = false;
    QLabel *m_presetNote = nullptr;
    QString m_presetTemplate;
    QString m_presetLanguage;
    QStringList m_presetColumns;
    bool m_locked = false;
    QList<WizardPreset::Missing> m_missingColumns;
};

} // namespace herald::ui
