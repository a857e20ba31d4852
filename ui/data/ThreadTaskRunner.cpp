#include "data/ThreadTaskRunner.h"

#include <QThread>

namespace herald::ui {

ThreadTaskRunner::ThreadTaskRunner(const QString &threadName, QObject *parent)
    : QObject(parent)
    , m_threadName(threadName)
{}

ThreadTaskRunner::~ThreadTaskRunner()
{
    stopThread();
}

bool ThreadTaskRunner::startTask(ThreadTask *task)
{
    if (isRunning()) {
        delete task;
        return false;
    }
    m_thread = new QThread;
    m_thread->setObjectName(m_threadName);
    m_task = task;
    m_task->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_task, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(
        task, [task] { task->run(); }, Qt::QueuedConnection);
    return true;
}

void ThreadTaskRunner::cancel()
{
    if (ThreadTask *task = m_task) {
        // The task lives until its thread is joined, which only this thread does.
        QMetaObject::invokeMethod(
            task, [task] { task->cancel(); }, Qt::QueuedConnection);
    }
}

void ThreadTaskRunner::stopThread()
{
    if (!m_thread) {
        return;
    }
    ThreadTask *task = m_task;
    QThread *thread = m_thread;
    // Cancel and quit in one call on the thread itself, so a reply in flight is aborted before
    // the loop ends; the task is deleted as the thread finishes.
    QMetaObject::invokeMethod(
        task,
        [task, thread] {
            task->cancel();
            thread->quit();
        },
        Qt::QueuedConnection);
    thread->wait();
    delete thread;
    m_thread = nullptr;
    m_task = nullptr;
}

} // namespace herald::ui
