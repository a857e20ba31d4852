#include "data/DataWorker.h"

#include "db/Database.h"
#include "db/DbError.h"

using namespace Qt::StringLiterals;

namespace herald::ui {

DataWorker::DataWorker(DatabaseConfig config)
    : m_config(std::move(config))
{}

DataWorker::~DataWorker() = default;

Database *DataWorker::connection(QString *error)
{
    if (m_db) {
        return m_db.get();
    }
    try {
        m_db = std::make_unique<Database>(m_config, u"console"_s);
        // The console's writes (pause, repair, settings) may meet an import or a sender holding
        // SQLite's write lock; it waits on this thread, the window does not.
        m_db->setBusyTimeout(std::chrono::seconds(30));
        m_openError.clear();
    } catch (const DbError &e) {
        if (m_openError != e.message()) {
            m_openError = e.message();
            Q_EMIT unavailable(m_openError);
        }
        *error = m_openError;
        return nullptr;
    }
    return m_db.get();
}

void DataWorker::runJob(const std::function<void(Database *, const QString &)> &job)
{
    pending.fetchAndSubOrdered(1);
    QString error;
    Database *db = connection(&error);
    job(db, error);
}

void DataWorker::close()
{
    m_db.reset();
}

} // namespace herald::ui
