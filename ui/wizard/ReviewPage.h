#pragma once

#include "AppContext.h"
#include "cloudapi/PhoneNumberCheck.h"
#include "queue/QuietHours.h"
#include "wizard/ScheduleSection.h"
#include "wizard/WizardImport.h"
#include "wizard/WizardState.h"

#include <QWizardPage>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QFormLayout;
class QVBoxLayout;

namespace herald::ui {

class CostSection;
class DataService;
class FrequencyCapSection;
class QuietHoursSection;
class SendFromSection;

// Page 4: the import, once and for real, into the draft campaign (progress, cancel), then
// what it did (imported, duplicates, already in the campaign, opted out, rejected by reason,
// with the rejected rows' file), whether the campaign can start, the access token and phone
// number checked against the API, a test send to the user's own phone, and how to send.
//
// Scheduling and quiet hours (scheduleSlot()), the cost estimate (costSlot()) and the
// frequency cap (exclusionSlot(), beside the import's other exclusions) are sections of their
// own; a change of the frequency cap imports again into a new draft.
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
    ScheduleSection::When when() const;
    // The chosen start in UTC, for When::At.
    QDateTime startUtc() const;
    QuietHours quietHours() const;
    double rate() const;
    bool retryNoResponse() const;
    // The settings Finish writes (the import's, plus rate, retry choice and quiet hours).
    QJsonObject finalSettings() const;
    // The campaign the import created and that Finish keeps; taken by the wizard.
    QString takeCampaign();
    // Leaving without Finish: the import's draft, or the rows it added to an existing campaign,
    // go (in the chain of imports, before any later one starts).
    void undoImport();
    // Finish did not go through (a refused time): the draft stays the page's.
    void giveBackCampaign(const QString &campaignId);
    // Add contacts: the import goes into this draft or paused campaign instead of a new draft,
    // and Back (or a new frequency cap) takes exactly its rows out again.
    void setExistingCampaign(const QString &campaignId) { m_existing = campaignId; }

    QWidget *scheduleSlot() const { return m_scheduleSlot; }
    QWidget *costSlot() const { return m_costSlot; }
    QWidget *exclusionSlot() const { return m_exclusionSlot; }
    ScheduleSection *scheduleSection() const { return m_schedule; }
    QuietHoursSection *quietHoursSection() const { return m_quietHours; }
    CostSection *costSection() const { return m_cost; }
    FrequencyCapSection *frequencyCapSection() const { return m_cap; }
    SendFromSection *sendFromSection() const { return m_sendFrom; }
    // A copy or a change of mapping: the numbers of the campaign it comes from are ticked.
    void setNumbersFrom(const QString &campaignId) { m_numbersFrom = campaignId; }

private:
    void startImport();
    void imported(const WizardImportResult &result);
    void checkApi();
    void sendTest();
    int firstSendableRow() const;
    void capChanged(int days);
    void showSections(const QString &campaignId);

    WizardState &m_state;
    DataService &m_data;
    AppContext m_app;
    WizardImport *m_import;
    WizardImportResult m_result;
    bool m_apiOk = false;
    QString m_numbersFrom;

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
    QWidget *m_scheduleSlot;
    QWidget *m_costSlot;
    ScheduleSection *m_schedule;
    QuietHoursSection *m_quietHours;
    CostSection *m_cost;
    FrequencyCapSection *m_cap;
    SendFromSection *m_sendFrom;
    QFormLayout *m_sendLayout = nullptr;
    QString m_existing;
    // Adding contacts: a new import waits until the last one's rows are out, or it would count
    // them as already in the campaign.
};

} // namespace herald::ui
