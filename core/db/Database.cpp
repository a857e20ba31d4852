#include "db/Database.h"

#include "db/DbError.h"
#include "log/LogCategories.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Database", text);
}

QString errorText(const QSqlError &e)
{
    QString text = e.databaseText().trimmed();
    if (text.isEmpty()) {
        text = e.driverText().trimmed();
    }
    return text;
}

QAtomicInteger<quint64> s_serial;
thread_local quint64 t_failedStatements = 0;
QAtomicPointer<QThread> s_forbiddenThread;
QAtomicInteger<quint64> s_forbiddenUses;

// Closes and unregisters a connection. Qt keeps every added connection (and SQLite its open
// file) until removeDatabase(), so this also runs when opening fails.
void release(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen()) {
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
}
} // namespace

Database::Database(const DatabaseConfig &config, const QString &purpose)
    : m_config(config)
    , m_name(u"herald/%1/%2/%3"_s.arg(purpose)
                 .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
                 .arg(s_serial.fetchAndAddRelaxed(1)))
{
    checkThread(tr("open the database"));
    open();
    qCDebug(lcDb).noquote() << "opened" << m_config.displayName() << "for" << purpose;
}

void Database::open()
{
    try {
        if (m_config.dialect() == Dialect::Sqlite) {
            openSqlite();
        } else {
            openPostgres();
        }
    } catch (const DbError &e) {
        qCWarning(lcDb).noquote() << e.message();
        release(m_name);
        throw;
    } catch (...) {
        // No destructor runs for a constructor that throws: without this, every failed open
        // would leave its connection registered and a corrupt file held open.
        release(m_name);
        throw;
    }
}

void Database::reconnect()
{
    checkThread(tr("open the database"));
    // A transaction cannot survive its connection; its RAII owner has already given up.
    m_inTransaction = false;
    release(m_name);
    open();
    qCInfo(lcDb).noquote() << "reconnected to" << m_config.displayName();
}

bool Database::answers() const
{
    if (!isPostgres()) {
        return true;
    }
    checkThread(tr("run a statement"));
    QSqlDatabase db = handle();
    if (!db.isOpen()) {
        return false;
    }
    QSqlQuery probe(db);
    return probe.exec(u"SELECT 1"_s);
}

DbError::Cause Database::causeOf(const QSqlError &error) const
{
    return causeOf(error, handle().driver());
}

DbError::Cause Database::causeOf(const QSqlError &error, const QSqlDriver *driver)
{
    const QString code = error.nativeErrorCode();
    if (!driver || driver->dbmsType() != QSqlDriver::PostgreSQL) {
        bool numeric = false;
        const int value = code.toInt(&numeric);
        return numeric ? DbError::causeOfSqliteCode(value) : DbError::Cause::None;
    }
    if (!code.isEmpty()) {
        return DbError::causeOfSqlState(code);
    }
    // No SQLSTATE: libpq reports a connection that broke mid-statement that way, and once Qt's
    // driver has seen it broken it refuses statements with no error at all; but Qt's own errors
    // (an empty statement, a value it cannot bind) have none either, on a connection that is
    // fine. Only the connection can tell: a trivial query that gets any answer from the server
    // (even "transaction aborted", which has a SQLSTATE) proves it is there.
    if (!driver->isOpen()) {
        return DbError::Cause::ConnectionLost;
    }
    QSqlQuery probe(driver->createResult());
    if (probe.exec(u"SELECT 1"_s) || !probe.lastError().nativeErrorCode().isEmpty()) {
        return DbError::Cause::None;
    }
    return DbError::Cause::ConnectionLost;
}

QString Database::describe(DbError::Cause cause)
{
    switch (cause) {
    case DbError::Cause::Busy:
        return tr("another program holds the database's write lock");
    case DbError::Cause::DiskFull:
        return tr("the disk holding the database is full");
    case DbError::Cause::ConnectionLost:
        return tr("the connection to the database server was lost");
    case DbError::Cause::OutOfMemory:
        return tr("the database server is out of memory");
    case DbError::Cause::Conflict:
        return tr("another transaction conflicted with the sender's (a deadlock or serialization failure)");
    case DbError::Cause::None:
        break;
    }
    return tr("the database failed");
}

Database::~Database()
{
    release(m_name);
}

void Database::openSqlite()
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s)) {
        fail(tr("SQLite is not available"), tr("the Qt SQLite driver (QSQLITE) is not installed"));
    }
    const QString path = m_config.sqlitePath();
    const QFileInfo info(path);
    if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath())) {
        fail(tr("Cannot create the database folder"), info.absolutePath());
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
    db.setDatabaseName(path);
    // A writer that finds the database locked waits (10 s unless changed) instead of failing at once.
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT="_s + QString::number(m_busyTimeout.count()));
    if (!db.open()) {
        fail(tr("Cannot open the database"), errorText(db.lastError()));
    }
    // The first statement reads the file header: a corrupt or foreign file fails here,
    // before anything is written.
    QSqlQuery probe(db);
    const bool writable = info.exists() ? info.isWritable() : true;
    if (!probe.exec(u"SELECT count(*) FROM sqlite_master"_s)) {
        // A database in WAL mode cannot even be read when SQLite may not write next to it:
        // say so rather than blame the file.
        const bool folderWritable = QFileInfo(info.absolutePath()).isWritable();
        fail(writable && folderWritable ? tr("This file is not a usable Herald database")
                                        : tr("The database file or its folder is read-only"),
             errorText(probe.lastError()));
    }
    probe.finish();
    // WAL lets the GUI read while the sender writes; NORMAL sync is durable across
    // application crashes and loses at most the last transactions on power loss.
    for (const QString &pragma :
         {u"PRAGMA foreign_keys = ON"_s, u"PRAGMA synchronous = NORMAL"_s, u"PRAGMA temp_store = MEMORY"_s,
          // 32 MiB of page cache: a million-row campaign's indexes stay in memory.
          u"PRAGMA cache_size = -32768"_s}) {
        if (!probe.exec(pragma)) {
            fail(tr("Cannot configure the database"), errorText(probe.lastError()));
        }
    }
    if (writable) {
        if (!probe.exec(u"PRAGMA journal_mode = WAL"_s)) {
            fail(tr("Cannot configure the database"), errorText(probe.lastError()));
        }
        probe.finish();
    }
}

void Database::openPostgres()
{
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        fail(tr("PostgreSQL is not available"),
             tr("the Qt PostgreSQL driver (QPSQL) is not installed; on Debian/Ubuntu install "
                "libqt6sql6-psql"));
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_name);
    db.setHostName(m_config.host());
    db.setPort(m_config.port());
    db.setUserName(m_config.user());
    db.setPassword(m_config.password());
    db.setDatabaseName(m_config.databaseName());
    db.setConnectOptions(m_config.libpqOptions());
    if (!db.open()) {
        fail(tr("Cannot connect to PostgreSQL"), errorText(db.lastError()), DbError::Cause::ConnectionLost);
    }
    QSqlQuery q(db);
    if (!q.exec(u"SET TIME ZONE 'UTC'"_s)) {
        fail(tr("Cannot configure the PostgreSQL session"), errorText(q.lastError()),
             DbError::Cause::ConnectionLost);
    }
}

void Database::fail(const QString &what, const QString &detail, DbError::Cause cause) const
{
    QString message = what + " ("_L1 + m_config.displayName() + u')';
    if (!detail.isEmpty()) {
        message += ": "_L1 + detail;
    }
    throw DbError(DbError::Kind::Unavailable, message, cause);
}

void Database::failStatement(const QSqlError &error, const QString &sql) const
{
    ++t_failedStatements;
    throw DbError(
        DbError::Kind::Other,
        tr("Database statement failed: %1\nStatement: %2").arg(errorText(error), sql.simplified().left(200)),
        causeOf(error));
}

void Database::forbidThread(QThread *thread)
{
    s_forbiddenThread.storeRelease(thread);
}

quint64 Database::forbiddenThreadUses()
{
    return s_forbiddenUses.loadAcquire();
}

void Database::checkThread(const QString &what)
{
    QThread *forbidden = s_forbiddenThread.loadAcquire();
    if (forbidden && QThread::currentThread() == forbidden) {
        s_forbiddenUses.fetchAndAddRelaxed(1);
        throw DbError(tr("Refused to %1 on the user-interface thread: the console runs every database "
                         "statement on its data thread, so that the window never waits.")
                          .arg(what));
    }
}

QSqlQuery Database::prepare(const QString &sql) const
{
    checkThread(tr("run a statement"));
    QSqlQuery q(handle());
    if (!q.prepare(sql)) {
        ++t_failedStatements;
        throw DbError(DbError::Kind::Other,
                      tr("Database statement could not be prepared: %1\nStatement: %2")
                          .arg(errorText(q.lastError()), sql.simplified().left(200)),
                      causeOf(q.lastError()));
    }
    return q;
}

void Database::exec(QSqlQuery &query, const QVariantList &values)
{
    checkThread(tr("run a statement"));
    for (qsizetype i = 0; i < values.size(); ++i) {
        query.bindValue(int(i), values.at(i));
    }
    if (!query.exec()) {
        // The statement's own connection classifies its failure (SQLite codes or SQLSTATE).
        const QSqlError error = query.lastError();
        ++t_failedStatements;
        throw DbError(DbError::Kind::Other,
                      tr("Database statement failed: %1\nStatement: %2")
                          .arg(errorText(error), query.lastQuery().simplified().left(200)),
                      causeOf(error, query.driver()));
    }
}

QSqlQuery Database::run(const QString &sql, const QVariantList &values) const
{
    QSqlQuery q = prepare(sql);
    exec(q, values);
    return q;
}

void Database::execDirect(const QString &sql) const
{
    checkThread(tr("run a statement"));
    QSqlQuery q(handle());
    if (!q.exec(sql)) {
        failStatement(q.lastError(), sql);
    }
}

QVariant Database::scalar(const QString &sql, const QVariantList &values) const
{
    QSqlQuery q = run(sql, values);
    if (!q.next()) {
        throw DbError(tr("Database statement returned no row: %1").arg(sql.simplified().left(200)));
    }
    QVariant v = q.value(0);
    q.finish();
    return v;
}

void Database::setBusyTimeout(std::chrono::milliseconds timeout)
{
    m_busyTimeout = timeout; // kept for reconnect()
    if (!isPostgres()) {
        execDirect(u"PRAGMA busy_timeout = "_s + QString::number(timeout.count()));
    }
}

QVariant Database::timeValue(const QDateTime &t) const
{
    if (!t.isValid()) {
        return nullString();
    }
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime Database::readTime(const QVariant &v)
{
    if (v.isNull()) {
        return {};
    }
    if (v.typeId() == QMetaType::QDateTime) {
        return v.toDateTime().toUTC();
    }
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid()) {
        t = QDateTime::fromString(v.toString(), Qt::ISODate);
    }
    return t.toUTC();
}

quint64 Database::failedStatementsOnThisThread()
{
    return t_failedStatements;
}

QVariant Database::nullString()
{
    return QVariant(QMetaType::fromType<QString>());
}

QVariant Database::nullInt()
{
    return QVariant(QMetaType::fromType<qlonglong>());
}

} // namespace herald
