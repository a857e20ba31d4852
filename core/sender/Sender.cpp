#include "sender/Sender.h"

#include "sender/SendWorker.h"

namespace herald {

Sender::Sender(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SendProgress>();
    qRegisterMetaType<SendResult>();
}

Sender::~Sender() = default;

bool Sender::start(const SenderConfig &config)
{
    if (m_worker) {
        return false;
    }
    m_thread.reset(new QThread);
    m_thread->setObjectName(QStringLiteral("herald-sender"));
    auto *worker = new SendWorker(config);
    worker->moveToThread(m_thread.get());
    m_worker = worker;
    connect(m_thread.get(), &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &SendWorker::progress, this, &Sender::progress);
    connect(worker, &SendWorker::finished, this, [this](const SendResult &result) {
        m_worker.clear();
        m_thread.reset(); // quits and joins the thread; the worker is deleted on it
        Q_EMIT finished(result);
    });
    m_thread->start();
    QMetaObject::invokeMethod(worker, &SendWorker::start, Qt::QueuedConnection);
    return true;
}

void Sender::pause(const QString &reason)
{
    if (SendWorker *w = m_worker) {
        QMetaObject::invokeMethod(
            w, [w, reason] { w->requestPause(reason); }, Qt::QueuedConnection);
    }
}

void Sender::cancel(const QString &reason)
{
    if (SendWorker *w = m_worker) {
        QMetaObject::invokeMethod(
            w, [w, reason] { w->requestCancel(reason); }, Qt::QueuedConnection);
    }
}

} // namespace herald
