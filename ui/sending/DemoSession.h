#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace herald {
class CloudApiSimulator;
class WebhookReceiver;
} // namespace herald

namespace herald::ui {

class DataService;
class SendController;

// "Try the demo": the built-in Cloud API simulator in this process, its templates synced the
// way Meta's are (on a thread of its own), a sample campaign created on the data thread, and
// this console sending it through the real HTTP client — so a new user sees a campaign run
// before having a Meta account. The simulator's delivery callbacks go to a webhook receiver
// started for the demo on loopback, on a thread of its own (it opens its own connection), so
// delivered and read move too. Nothing about either is stored in the settings.
class DemoSession : public QObject
{
    Q_OBJECT

public:
    DemoSession(DataService &data, SendController &sender, QObject *parent = nullptr);
    ~DemoSession() override;

    void start(int contacts = 1500, double rate = 40);
    bool isRunning() const { return m_simulator != nullptr; }
    const CloudApiSimulator *simulator() const { return m_simulator.get(); }

Q_SIGNALS:
    void campaignCreated(const QString &campaignId);
    void failed(const QString &why);

private:
    void startReceiver();
    void startSimulator(const QString &webhookUrl, const QString &problem);
    void syncTemplates();
    void createCampaign();

    DataService &m_data;
    SendController &m_sender;
    std::unique_ptr<CloudApiSimulator> m_simulator;
    QThread *m_hooksThread = nullptr;
    WebhookReceiver *m_receiver = nullptr; // lives on m_hooksThread
    QByteArray m_secret;
    bool m_starting = false;
    int m_contacts = 0;
    double m_rate = 0;
};

} // namespace herald::ui
