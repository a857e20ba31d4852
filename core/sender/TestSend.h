#pragma once

#include "cloudapi/ApiSettings.h"
#include "cloudapi/ErrorPolicy.h"

#include <QObject>

class QNetworkAccessManager;

namespace herald {

struct TestSendResult
{
    bool accepted = false;
    QString wamid;          // when accepted
    ErrorDecision decision; // when not: what happened, in ErrorPolicy's words
    QString details;        // one line: the API's own message or the network error
};

// One message to one number through the real API — "send a test to my own phone" before a
// campaign starts — posted the way the sender posts (at most once), recorded nowhere: no
// campaign's counters or rows change. Asynchronous; the console runs it on a thread of its own.
class TestSend : public QObject
{
    Q_OBJECT

public:
    explicit TestSend(const ApiSettings &settings, QObject *parent = nullptr);

    // `body` is a built message (CampaignMessage::build) addressed to the test number.
    void send(const QByteArray &body);

Q_SIGNALS:
    void finished(const herald::TestSendResult &result);

private:
    ApiSettings m_settings;
    QNetworkAccessManager *m_network;
};

} // namespace herald

Q_DECLARE_METATYPE(herald::TestSendResult)
