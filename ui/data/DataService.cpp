#include "data/DataService.h"

#include "data/DataWorker.h"
#include "db/DbError.h"

#include <exception>

using namespace Qt::StringLiterals;

namespace herald::ui {

DataService::DataService(const DatabaseConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    m_thread.setObjectName(u"herald-data"_s);
    m_worker = new DataWorker(config);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DataWorker::unavailable, this, &DataService::unavailable);
    m_thread.start();
}

DataService::~DataService()
{
    DataWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->close(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void DataService::post(std::function<void(Database *, const QString &)> job)
{
    DataWorker *worker = m_worker;
    worker->pending.fetchAndAddOrdered(1);
    QMetaObject::invokeMethod(
        worker, [worker, job = std::move(job)] { worker->runJob(job); }, Qt::QueuedConnection);
}

void DataService::deliver(std::function<void()> answer)
{
    // Posted to this object, which lives on the GUI thread and outlives the data thread; the
    // context's guard is checked there, where the context lives.
    QMetaObject::invokeMethod(this, std::move(answer), Qt::QueuedConnection);
}

void DataService::runGuarded(const std::function<void()> &f, QString *error)
{
    try {
        f();
    } catch (const DbError &e) {
        *error = e.message();
    } catch (const std::exception &e) {
        *error = QString::fromLocal8Bit(e.what());
    }
}

void DataService::run(QObject *context, std::function<void(Database &)> job,
                      std::function<void(DataResult<Done>)> done)
{
    submit<Done>(
        context,
        [job = std::move(job)](Database &db) {
            job(db);
            return Done{};
        },
        std::move(done));
}

int DataService::pendingJobs() const
{
    return m_worker->pending.loadAcquire();
}

} // namespace herald::ui
