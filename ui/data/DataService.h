#pragma once

#include "data/DataResult.h"
#include "db/DatabaseConfig.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace herald {
class Database;
}

namespace herald::ui {

class DataWorker;

// The console's one way to the database. A thread of its own holds the console's connection
// (its own QSqlDatabase); everything that reads or writes — polling the campaigns, a page of
// recipients, a repair, a template sync — is a job posted to it, and its result comes back to
// the GUI thread by a queued call. The GUI thread never runs SQL (Database refuses it there)
// and never waits: jobs run one after another on the data thread, in the order submitted.
//
// Jobs are functions of the connection. They must not keep the Database beyond their call,
// and must not touch widgets. A DbError or std::exception thrown by a job becomes the
// result's error. `context` (a GUI-thread object) bounds the answer's life: when it is gone,
// the answer is dropped.
class DataService : public QObject
{
    Q_OBJECT

public:
    explicit DataService(const DatabaseConfig &config, QObject *parent = nullptr);
    ~DataService() override; // lets the running job finish, drops the rest, joins the thread

    const DatabaseConfig &config() const { return m_config; }

    template <typename T>
    void submit(QObject *context, std::function<T(Database &)> job, std::function<void(DataResult<T>)> done)
    {
        QPointer<QObject> guard(context);
        post([this, guard, job = std::move(job), done = std::move(done)](Database *db,
                                                                         const QString &openError) {
            DataResult<T> result;
            if (!db) {
                result.error = openError;
            } else {
                runGuarded([&] { result.value.emplace(job(*db)); }, &result.error);
            }
            deliver([guard, done, result = std::move(result)] {
                if (guard && done) {
                    done(result);
                }
            });
        });
    }

    // The same for a job whose only result is whether it worked.
    void run(QObject *context, std::function<void(Database &)> job,
             std::function<void(DataResult<Done>)> done = {});

    // Jobs not yet started (for tests and the benchmarks' lag probe).
    int pendingJobs() const;

Q_SIGNALS:
    // Emitted on the GUI thread when the connection could not be opened, with why.
    void unavailable(const QString &why);

private:
    void post(std::function<void(Database *, const QString &)> job);
    void deliver(std::function<void()> answer);
    static void runGuarded(const std::function<void()> &f, QString *error);

    DatabaseConfig m_config;
    QThread m_thread;
    DataWorker *m_worker = nullptr; // lives on m_thread
};

} // namespace herald::ui
