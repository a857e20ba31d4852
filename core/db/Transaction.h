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

} // namespace herald
