#pragma once

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
    QString variableLabel(const QString &key) const; // "Body {{1}}", "Button “Track”"

    struct Variable
    {
        QString key;
        QComboBox *source = nullptr;
        QLineEdit *text = nullptr;
        QLabel *missing = nullptr;
    };

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
};

} // namespace herald::ui
