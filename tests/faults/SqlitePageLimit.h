#pragma once

// The full disk where the test may not mount a small tmpfs (it is not root): SQLite's own page
// limit, PRAGMA max_page_count, which fails a write that would grow the database past it with
// SQLITE_FULL — the very error a full disk gives, taking the same paths through SQLite and Herald.
//
// The limit belongs to a connection, and the sender opens its own on its own thread. Herald has
// no hook for it and needs none: SQLite runs every function registered with
// sqlite3_auto_extension() on each connection the process opens, Qt's driver included, since on
// Linux distributions it links the same shared libsqlite3 as this test (HERALD_SQLITE_DIRECT; the
// build defines HERALD_SQLITE_PAGE_LIMIT only then). Raising the limit reaches the connections
// already open on their own threads, between two events of their loops, where none is in the
// middle of a statement — as space coming back reaches a program that keeps its file open.
#include <QAbstractEventDispatcher>
#include <QHash>
#include <QString>
#include <QThread>

#ifdef HERALD_SQLITE_PAGE_LIMIT
#include <mutex>
#include <sqlite3.h>
#endif

namespace herald::test {

#ifdef HERALD_SQLITE_PAGE_LIMIT

class SqlitePageLimit
{
public:
    static QString unavailableReason() { return {}; }

    SqlitePageLimit() { sqlite3_auto_extension(reinterpret_cast<void (*)()>(&onOpen)); }
    ~SqlitePageLimit()
    {
        sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(&onOpen));
        const std::lock_guard lock(state().mutex);
        state().pages = 0;
    }
    SqlitePageLimit(const SqlitePageLimit &) = delete;
    SqlitePageLimit &operator=(const SqlitePageLimit &) = delete;

    // Every connection opened from now on may grow its database to `pages` pages at most.
    void limitNewConnections(qint64 pages)
    {
        const std::lock_guard lock(state().mutex);
        state().pages = pages;
    }

    // The limit becomes `pages` for new connections and for every limited connection still
    // open, each on its own thread. Returns how many open connections it was sent to.
    int raise(qint64 pages)
    {
        State &s = state();
        const std::lock_guard lock(s.mutex);
        s.pages = pages;
        int sent = 0;
        for (auto it = s.live.cbegin(); it != s.live.cend(); ++it) {
            // A connection closes on its own thread, which waits for this lock in forget():
            // the thread, and so its dispatcher, outlives this loop.
            QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(it.value());
            if (!dispatcher) {
                continue;
            }
            sqlite3 *db = it.key();
            QMetaObject::invokeMethod(
                dispatcher,
                [db, pages] {
                    // Still open, and still this thread's (not a new connection at a freed address).
                    const std::lock_guard inner(state().mutex);
                    if (state().live.value(db) == QThread::currentThread()) {
                        apply(db, pages);
                    }
                },
                Qt::QueuedConnection);
            ++sent;
        }
        return sent;
    }

private:
    struct State
    {
        std::mutex mutex;
        qint64 pages = 0; // 0: connections opened now are not limited
        QHash<sqlite3 *, QThread *> live;
    };
    static State &state()
    {
        static State s;
        return s;
    }

    static void apply(sqlite3 *db, qint64 pages)
    {
        const QByteArray sql = "PRAGMA max_page_count = " + QByteArray::number(pages);
        sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr);
    }

    static void noop(sqlite3_context *, int, sqlite3_value **) {}

    // SQLite destroys a connection's functions when it closes it: how a closed one leaves the map.
    static void forget(void *db)
    {
        const std::lock_guard lock(state().mutex);
        state().live.remove(static_cast<sqlite3 *>(db));
    }

    static int onOpen(sqlite3 *db, const char **, const sqlite3_api_routines *)
    {
        State &s = state();
        qint64 applied = 0;
        {
            const std::lock_guard lock(s.mutex);
            if (s.pages <= 0) {
                return SQLITE_OK;
            }
            applied = s.pages;
            apply(db, applied);
        }
        // Outside the lock: SQLite calls forget() at once when it cannot create the function.
        if (sqlite3_create_function_v2(db, "herald_test_page_limit", 0, SQLITE_UTF8, db, &noop, nullptr,
                                       nullptr, &forget) == SQLITE_OK) {
            const std::lock_guard lock(s.mutex);
            s.live.insert(db, QThread::currentThread());
            if (s.pages != applied) { // raised meanwhile
                apply(db, s.pages);
            }
        }
        return SQLITE_OK;
    }
};

#else

// Qt's SQLite driver does not share this build's libsqlite3 (or it was not found): the limit
// could not reach the connections Herald opens.
class SqlitePageLimit
{
public:
    static QString unavailableReason()
    {
        return QStringLiteral("Qt's SQLite driver does not link the shared libsqlite3 this test could "
                              "reach (HERALD_SQLITE_DIRECT is off), so SQLite's page limit cannot stand in "
                              "for a full disk");
    }
    void limitNewConnections(qint64) {}
    int raise(qint64) { return 0; }
};

#endif

} // namespace herald::test
