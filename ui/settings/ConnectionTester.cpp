#include "settings/ConnectionTester.h"

#include "db/Database.h"
#include "db/DbError.h"
#include "db/Migrator.h"

#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace herald::ui {

ConnectionTester::Outcome ConnectionTester::probe(const DatabaseConfig &config)
{
    const QString name = config.displayName();
    if (config.dialect() == Dialect::Sqlite && !QFileInfo::exists(config.sqlitePath())) {
        return {true,
                tr("There is no database at %1 yet; Herald creates it there when it starts.").arg(name)};
    }
    try {
        Database db(config, u"connection test"_s);
        Migrator migrator(db);
        const int current = migrator.currentVersion();
        const int latest = migrator.latestVersion();
        if (current == 0) {
            return {true,
                    tr("Connected to %1. It holds no Herald data yet; Herald creates its tables when it "
                       "starts.")
                        .arg(name)};
        }
        if (current < latest) {
            return {true, tr("Connected to %1: Herald's schema version %2, which this Herald upgrades to %3 "
                             "when it starts.")
                              .arg(name)
                              .arg(current)
                              .arg(latest)};
        }
        if (current > latest) {
            return {false, tr("Connected to %1, but its schema (version %2) is newer than this Herald knows "
                              "(%3): update Herald before using it.")
                               .arg(name)
                               .arg(current)
                               .arg(latest)};
        }
        return {true, tr("Connected to %1: Herald's schema version %2, up to date.").arg(name).arg(current)};
    } catch (const DbError &e) {
        return {false, e.message()};
    } catch (const std::exception &e) {
        return {false, QString::fromUtf8(e.what())};
    }
}

void ConnectionTester::test(const DatabaseConfig &config, QObject *context,
                            std::function<void(const Outcome &)> done)
{
    // The answer is posted to the application object and checks `context` there, on the GUI
    // thread: whether a QObject is still alive can only be asked on its own thread.
    QPointer<QObject> guard(context);
    QThread *worker = QThread::create([config, guard, done = std::move(done)] {
        const Outcome outcome = probe(config);
        if (QCoreApplication *app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app,
                [guard, done, outcome] {
                    if (guard) {
                        done(outcome);
                    }
                },
                Qt::QueuedConnection);
        }
    });
    worker->setObjectName(u"connection test"_s);
    QObject::connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

} // namespace herald::ui
