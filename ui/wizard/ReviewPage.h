#pragma once

#include "AppContext.h"
#include "cloudapi/PhoneNumberCheck.h"
#include "wizard/WizardImport.h"
#include "wizard/WizardState.h"

#include <QWizardPage>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace herald::ui {

class DataService;

// Page 4: the import, once and for real, into the draft campaign (progress, cancel), then
// what it did (imported, duplicates, already in the campaign, opted out, rejected by reason,
// with the rejected rows' file), whether the campaign can start, the access token and phone
// number checked against the API, a test send to the user's own phone, and how to send.
//
// Scheduling, the cost estimate and the frequency cap have places of their own here
// (scheduleSlot(), costSlot(), exclusionSlot()): empty containers their parts fill.
class ReviewPage : public QWizardPage
{
    Q_OBJECT

public:
    ReviewPage(WizardState &state, DataService &data, const AppContext &app, QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    const WizardImportResult &result() const { return m_result; }
    bool importing() const { return m_import->isRunning(); }
    bool apiChecked() const { return m_apiOk; }
    bool startNow() const;
    double rate() const;
    bool retryNoResponse() const;
    // The settings Finish writes (the import's, plus rate and retry choice).
    QJsonObject finalSettings() const;
    // The campaign the import created and that Finish keeps; taken by the wizard.
    QString takeCampaign();

    QWidget *scheduleSlot() const { return m_scheduleSlot; }
    QWidget *costSlot() const { return m_costSlot; }
    QWidget *exclusionSlot() const { return m_exclusionSlot; }

private:
    void startImport();
    void imported(const WizardImportResult &result);
    void checkApi();
    void sendTest();
    int firstSendableRow() const;

    WizardState &m_state;
    DataService &m_data;
    AppContext m_app;
    WizardImport *m_import;
    WizardImportResult m_result;
    bool m_apiOk = false;

    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QLabel *m_importStatus;
    QWidget *m_counts;
    QLabel *m_imported;
    QLabel *m_duplicates;
    QLabel *m_inCampaign;
    QLabel *m_optedOut;
    QLabel *m_rejected;
    QLabel *m_reasons;
    QPushButton *m_openRejects;
    QLabel *m_readiness;
    QWidget *m_exclusionSlot;
    QLabel *m_apiCheck;
    QPushButton *m_recheck;
    QLineEdit *m_testNumber;
    QPushButton *m_testSend;
    QLabel *m_testResult;
    QDoubleSpinBox *m_rate;
    QCheckBox *m_retry;
    QCheckBox *m_startNow;
    QWidget *m_scheduleSlot;
    QWidget *m_costSlot;
};

} // namespace herald::ui
