#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `backup FILE [--force]`: a consistent copy of a SQLite database while Herald keeps running,
// checked after writing; on PostgreSQL, the pg_dump command to use instead.
class BackupCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(BackupCommand)

public:
    BackupCommand();
    QString name() const override;
    QString summary() const override;
    // The copy is checked by the doctor; the source only needs to open.
    Needs needs() const override { return Needs::Database; }
    bool supportsJson() const override { return true; }
    int maxPositionalArguments() const override { return 1; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_force;
};

} // namespace herald::cli
