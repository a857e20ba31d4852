#pragma once

#include "simulator/SimAnswer.h"
#include "simulator/SimulatorRouter.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <map>
#include <memory>
#include <vector>

class QTcpSocket;

namespace herald {

class SimulatorState;

// One HTTP server instance; CloudApiSimulator runs one per thread, all accepting on the same
// port through SO_REUSEPORT. Built on QAbstractHttpServer rather than QHttpServer: two fixed
// routes do not need the regex router, and handleRequest() hands over the socket, which the
// deferred and held answers need.
//
// Delayed answers wait in a time-ordered map served by one precise timer (no thread ever
// sleeps); each keeps a QPointer to its socket and is dropped unwritten if the client went
// away. Held answers ("timeouts") are kept until their socket disconnects, checked each second.
class SimulatorHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    SimulatorHttpServer(SimulatorState &state, int instance);
    ~SimulatorHttpServer() override;

    // Called in the server's thread.
    bool adoptListener(qintptr descriptor, QString *error);
    void shutdown(); // stops accepting, drops every pending answer, closes every connection

    // Any thread.
    int pendingAnswers() const { return m_pendingCount.load(std::memory_order_relaxed); }
    int heldAnswers() const { return m_heldCount.load(std::memory_order_relaxed); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Waiting
    {
        QPointer<QTcpSocket> socket;
        QHttpServerResponder responder;
        SimAnswer answer;
    };

    static void write(QHttpServerResponder &responder, const SimAnswer &answer);
    static void resetConnection(QTcpSocket *socket);
    void writeIfConnected(Waiting &waiting);
    void armDueTimer();
    void answerDue();
    void sweepHeld();
    void updateCounts();

    SimulatorState &m_state;
    SimulatorRouter m_router;
    const int m_instance;
    std::multimap<qint64, std::unique_ptr<Waiting>> m_due; // key: steady-clock ns when due
    std::vector<std::unique_ptr<Waiting>> m_held;
    QTimer m_dueTimer;
    QTimer m_sweepTimer;
    std::atomic<int> m_pendingCount{0};
    std::atomic<int> m_heldCount{0};
};

} // namespace herald
