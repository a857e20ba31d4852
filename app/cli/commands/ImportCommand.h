#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `import FILE --campaign NAME`: queues a contact file's valid numbers in one transaction and
// says what became of every row (imported, duplicate, opted out, rejected with the reason),
// writing the rows not imported to a report beside the file.
class ImportCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(ImportCommand)

public:
    ImportCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    int maxPositionalArguments() const override { return 1; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_campaign;
    QCommandLineOption m_region;
    QCommandLineOption m_delimiter;
    QCommandLineOption m_encoding;
    QCommandLineOption m_phoneColumn;
    QCommandLineOption m_param;
    QCommandLineOption m_mobileOnly;
    QCommandLineOption m_dryRun;
    QCommandLineOption m_rejects;
    QCommandLineOption m_skipRecentDays;
};

} // namespace herald::cli
