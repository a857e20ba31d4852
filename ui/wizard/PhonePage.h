#pragma once

#include "wizard/WizardState.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace herald::ui {

class NumberSampleModel;

// Page 2: which column holds the phone numbers (and why Herald chose it), the country for
// numbers written without one, "mobile only", and a sample of numbers as read and as sent.
class PhonePage : public QWizardPage
{
    Q_OBJECT

public:
    PhonePage(WizardState &state, QWidget *parent = nullptr);

    void initializePage() override;
    // The country from Settings, which arrives from the database after the wizard opens; the
    // user's own choice wins.
    void setDefaultRegion(const QString &region);
    bool isComplete() const override;
    bool validatePage() override { return isComplete(); } // next() asks this, not isComplete()

private:
    void columnChosen(int index);
    void regionEdited();
    void refreshSample();

    WizardState &m_state;
    QComboBox *m_column;
    QLabel *m_reason;
    QLineEdit *m_region;
    QLabel *m_regionProblem;
    QCheckBox *m_mobileOnly;
    QLabel *m_summary;
    QTableView *m_table;
    NumberSampleModel *m_model;
    bool m_regionOk = true;
    bool m_filling = false;
    bool m_regionEdited = false;
};

} // namespace herald::ui
