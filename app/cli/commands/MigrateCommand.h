#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `migrate --from FILE.db --to postgresql://…`: moves a desktop's SQLite database into an
// empty PostgreSQL database for a team (MoveToPostgres), then reports the doctor's and a
// recount's verdict on the copy. The source file is only read.
class MigrateCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(MigrateCommand)

public:
    MigrateCommand();
    QString name() const override;
    QString summary() const override;
    // Both databases come from its own options, not from --db.
    Needs needs() const override { return Needs::Nothing; }
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_from;
    QCommandLineOption m_to;
};

} // namespace herald::cli
