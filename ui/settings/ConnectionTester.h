#pragma once

#include "db/DatabaseConfig.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

class QObject;

namespace herald::ui {

// "Test connection": opens a database on a thread of its own (never the GUI thread, which
// must not wait for a server) and says in words what it found — the schema version, or why
// it cannot be opened. It changes nothing: a SQLite file that does not exist is not created.
class ConnectionTester
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionTester)

public:
    struct Outcome
    {
        bool ok = false;
        QString message;
    };

    // `done` runs on `context`'s thread, and not at all once `context` is gone.
    static void test(const DatabaseConfig &config, QObject *context,
                     std::function<void(const Outcome &)> done);

    // What the worker thread does, for tests that want it without a thread.
    static Outcome probe(const DatabaseConfig &config);
};

} // namespace herald::ui
