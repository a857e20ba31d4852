#pragma once

#include <QtGlobal>

namespace herald {

class Database;

// A write transaction that rolls back unless committed. On SQLite it begins IMMEDIATE, so
// the write lock is taken up front and a concurrent writer waits on the busy timeout
// instead of failing half-way through with SQLITE_BUSY.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();

private:
    Database &m_db;
    bool m_open = false;
    quint64 m_failuresAtBegin = 0;
};

// Reads that must see the database as of one moment while others write (a counter beside its
// recount): one read-only transaction, rolled back at the end. PostgreSQL: REPEATABLE READ,
// whose snapshot is taken at the first statement; SQLite: a deferred BEGIN, whose first read
// fixes the snapshot (WAL) without taking the write lock. Inside a Transaction it adds nothing:
// that one already sees one moment (SQLite) or holds the locks its caller took.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(Database &db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    Database &m_db;
    bool m_open = false;
};

} // namespace herald
