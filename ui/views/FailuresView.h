#pragma once

#include "views/CampaignView.h"

#include <QStringList>
#include <QWidget>

namespace herald::ui {

class DataService;

// One row per failure reason of the campaign: how many, what Meta's code means in plain words
// and what to do (from ErrorPolicy: one table for the command line and the console). Selecting
// a reason filters the recipients; reasons can be resent from here.
class FailuresView : public QWidget, public CampaignView
{
    Q_OBJECT

public:
    explicit FailuresView(DataService &data, QWidget *parent = nullptr);
    ~FailuresView() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;

Q_SIGNALS:
    void reasonSelected(const QString &reason); // empty: no reason selected
    void resendRequested(const QStringList &reasons);

private:
    DataService &m_data;
};

} // namespace herald::ui
