#pragma once

#include "db/DatabaseConfig.h"

#include <QAtomicInt>
#include <QObject>

#include <functional>
#include <memory>

namespace herald {
class Database;
}

namespace herald::ui {

// The data thread's side of DataService: it opens the console's connection on first use (so
// that the connection belongs to this thread) and runs the posted jobs.
class DataWorker : public QObject
{
    Q_OBJECT

public:
    explicit DataWorker(DatabaseConfig config);
    ~DataWorker() override;

    void runJob(const std::function<void(Database *, const QString &)> &job);
    void close(); // on the data thread, before it ends

    QAtomicInt pending;

Q_SIGNALS:
    void unavailable(const QString &why);

private:
    Database *connection(QString *error);

    DatabaseConfig m_config;
    std::unique_ptr<Database> m_db;
    QString m_openError;
};

} // namespace herald::ui
