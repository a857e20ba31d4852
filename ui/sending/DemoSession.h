#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace herald {
class CloudApiSimulator;
}

namespace herald::ui {

class DataService;
class SendController;

// "Try the demo": the built-in Cloud API simulator in this process, its templates synced the
// way Meta's are (on a thread of its own), a sample campaign created on the data thread, and
// this console sending it through the real HTTP client — so a new user sees a campaign run
// before having a Meta account. Nothing about the simulator is stored in the settings.
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
    void syncTemplates();
    void createCampaign();

    DataService &m_data;
    SendController &m_sender;
    std::unique_ptr<CloudApiSimulator> m_simulator;
    int m_contacts = 0;
    double m_rate = 0;
};

} // namespace herald::ui
