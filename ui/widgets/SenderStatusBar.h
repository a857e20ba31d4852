#pragma once

#include "data/CampaignSnapshot.h"

#include <QObject>

class QLabel;
class QStatusBar;

namespace herald::ui {

// The window's status bar: what this console's sender is doing (campaigns, rate, requests in
// flight), notices, and which database is in use — its file or postgresql://user@host/db,
// never a password.
class SenderStatusBar : public QObject
{
    Q_OBJECT

public:
    SenderStatusBar(QStatusBar *bar, const QString &databaseName, QObject *parent = nullptr);

    void setSending(int campaigns, double rate, int inFlight);
    void showNotice(const QString &text);
    // Warns while a running campaign whose number has delivery tracking configured has had no
    // callback for 10 minutes (CampaignRow::callbacksQuiet); hidden otherwise, and never for a
    // number without a receiver.
    void showDelivery(const CampaignsSnapshot &snapshot);

    QString senderText() const;
    QString databaseText() const;
    QString deliveryText() const; // empty while hidden

private:
    QStatusBar *m_bar;
    QLabel *m_sender;
    QLabel *m_rate;
    QLabel *m_inFlight;
    QLabel *m_delivery;
    QLabel *m_database;
};

} // namespace herald::ui
