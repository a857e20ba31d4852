#pragma once

#include "db/DatabaseConfig.h"
#include "queue/Campaign.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

class QCommandLineOption;
class QCommandLineParser;
class QJsonObject;
class QTextStream;

namespace herald {
class Clock;
class Database;
} // namespace herald

namespace herald::cli {

// What a running command works with: its parsed arguments, the open database, the clock,
// and where to write. Commands write results to out() and never print errors themselves:
// they throw CliError and CliApplication prints "herald-cli: <message>" to err().
class CliContext
{
    Q_DECLARE_TR_FUNCTIONS(CliContext)

public:
    CliContext(QTextStream &out, QTextStream &err);
    ~CliContext();
    CliContext(const CliContext &) = delete;
    CliContext &operator=(const CliContext &) = delete;

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    const QCommandLineParser &args() const;
    void setArgs(const QCommandLineParser *parser) { m_args = parser; }

    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }

    const DatabaseConfig &config() const { return m_config; }
    void setConfig(const DatabaseConfig &config) { m_config = config; }
    // Opened by CliApplication before run() for commands that need it.
    Database &db();
    void setDatabase(std::unique_ptr<Database> db);

    const Clock &clock() const;

    // The value of an option the command cannot do without; a usage error when absent.
    QString requiredValue(const QCommandLineOption &option) const;
    // The campaign with this exact name; exit code 5 when there is none.
    Campaign campaignNamed(const QString &name);

    // Writes one JSON document on one line, so that scripts can read it with any parser.
    void printJson(const QJsonObject &object);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    const QCommandLineParser *m_args = nullptr;
    bool m_json = false;
    DatabaseConfig m_config;
    std::unique_ptr<Database> m_db;
};

} // namespace herald::cli
