#pragma once

#include "views/CampaignView.h"

#include <QWidget>

namespace herald::ui {

class DataService;

// Every recipient of the campaign — phone, name, status, sent time, wamid, error — filtered by
// status and reason, searchable by phone. Over a million rows it opens at once and scrolls
// smoothly: the row count comes from a count, and only the pages in view are fetched, on the
// data thread.
class RecipientsView : public QWidget, public CampaignView
{
    Q_OBJECT

public:
    explicit RecipientsView(DataService &data, QWidget *parent = nullptr);
    ~RecipientsView() override;

    void showCampaign(const CampaignRow &row) override;
    void clear() override;
    void setReasonFilter(const QString &reason); // from the failures view; empty: any

private:
    DataService &m_data;
};

} // namespace herald::ui
