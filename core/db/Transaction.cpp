#include "db/Transaction.h"

#include "db/Database.h"
#include "db/DbError.h"

#include <QCoreApplication>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace herald {

Transaction::Transaction(Database &db)
    : m_db(db)
{
    QSqlQuery q(m_db.handle());
    const QString begin = m_db.isPostgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s;
    if (!q.exec(begin)) {
        throw DbError(QCoreApplication::translate("Transaction", "Cannot start a transaction: %1")
                          .arg(q.lastError().text()));
    }
    m_open = true;
}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery q(m_db.handle());
        q.exec(u"ROLLBACK"_s);
    }
}

void Transaction::commit()
{
    QSqlQuery q(m_db.handle());
    if (!q.exec(u"COMMIT"_s)) {
        const QString reason = q.lastError().text();
        q.exec(u"ROLLBACK"_s);
        m_open = false;
        throw DbError(
            QCoreApplication::translate("Transaction", "Cannot commit a transaction: %1").arg(reason));
    }
    m_open = false;
}

} // namespace herald
