#pragma once

#include "views/CampaignView.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace herald::ui {

class DataService;
class FailuresModel;

// One row per failure reason of the campaign: how many, what Meta's code means in plain words
// and what to do (from ErrorPolicy: one table for the command line and the console). Selecting
// a reason filters the recipients; reasons can be resent from here. Late failures — sent
// messages Meta reported failed afterwards, by webhook — are listed after them with their
// meaning; they are not resent from here (their rows are sent).
class FailuresView : public QWidget, public CampaignView
{
    Q_OBJECT

public:
    explicit FailuresView(DataService &data, QWidget *parent = nullptr);
    ~FailuresView() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;

    FailuresModel &model() const { return *m_model; }
    QTableView *table() const { return m_table; }
    QStringList selectedReasons() const;
    void selectReason(const QString &reason); // as a click on its row would

Q_SIGNALS:
    void reasonSelected(const QString &reason); // empty: no reason selected
    void resendRequested(const QStringList &reasons);
    void loaded(); // the reasons of the latest request arrived (tests, screenshots)

private:
    void load();
    void onSelectionChanged();
    void updateSummary();

    DataService &m_data;
    FailuresModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QPushButton *m_resend;
    QString m_campaignId;
    qint64 m_failed = -1; // the counts the shown reasons are from
    qint64 m_late = -1;
    quint64 m_generation = 0;
    QString m_error;
    QString m_emitted; // the reason last announced, so a refresh does not announce it again
    bool m_restoring = false;
    bool m_loading = false;
};

} // namespace herald::ui
