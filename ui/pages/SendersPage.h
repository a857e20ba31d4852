#pragma once

#include "data/CampaignSnapshot.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace herald::ui {

class SendersModel;

// Who sends from this database: this console, other consoles, herald-cli run and headless
// workers, each with the campaigns it holds, its rate and when it was last heard; a silent one is
// marked. Read with the campaigns (the snapshot), so it needs no query of its own.
class SendersPage : public QWidget
{
    Q_OBJECT

public:
    explicit SendersPage(QWidget *parent = nullptr);

    void setLocalSender(const QString &senderId);
    void setSnapshot(const CampaignsSnapshot &snapshot);

    SendersModel &model() const { return *m_model; }
    QString summaryText() const;

private:
    SendersModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
};

} // namespace herald::ui
