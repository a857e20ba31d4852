#pragma once

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

    QString senderText() const;
    QString databaseText() const;

private:
    QStatusBar *m_bar;
    QLabel *m_sender;
    QLabel *m_rate;
    QLabel *m_inFlight;
    QLabel *m_database;
};

} // namespace herald::ui
