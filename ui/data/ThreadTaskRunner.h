#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QThread;

namespace herald::ui {

// A piece of work that waits on the network (a template sync, a health check): it lives on a
// thread of its own, with its own database connection, and is deleted there when the thread
// finishes. It cannot be a DataService job: a job waiting in an event loop of its own would
// let the data thread's other jobs run inside it, and the GUI thread never waits on the network.
class ThreadTask : public QObject
{
public:
    // On the task's thread, once, right after the thread starts.
    virtual void run() = 0;
    // On the task's thread: abort what is in flight, store nothing.
    virtual void cancel() {}
};

// Starts one ThreadTask at a time on a new thread and joins it. Results come back by
// report(), queued to the runner's thread; a report arriving after the runner is gone is
// dropped. Subclasses give the tasks and the signals.
class ThreadTaskRunner : public QObject
{
    Q_OBJECT

public:
    ThreadTaskRunner(const QString &threadName, QObject *parent);
    ~ThreadTaskRunner() override; // cancels a running task and joins its thread

    bool isRunning() const { return m_thread != nullptr; }
    // The running task is asked to cancel; it still reports how it ended.
    void cancel();

    // Posts `f` to run on `runner`'s thread (from a task's thread).
    template <typename Runner>
    static void report(Runner *runner, std::function<void(Runner *)> f)
    {
        QMetaObject::invokeMethod(
            runner, [runner, f = std::move(f)] { f(runner); }, Qt::QueuedConnection);
    }

protected:
    // Takes `task`; false (and the task deleted) when one is running already.
    bool startTask(ThreadTask *task);
    // Cancels the task, ends its thread and joins it. Call it when the task has reported its
    // end, before telling anyone, so a new task may start from their slot.
    void stopThread();

private:
    QString m_threadName;
    QThread *m_thread = nullptr;
    ThreadTask *m_task = nullptr; // lives on m_thread until it is joined
};

} // namespace herald::ui
