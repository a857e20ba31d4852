#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `export --campaign NAME --out FILE`: every recipient's result as CSV for Excel.
class ExportCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(ExportCommand)

public:
    ExportCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_campaign;
    QCommandLineOption m_out;
    QCommandLineOption m_noBom;
    QCommandLineOption m_delimiter;
};

} // namespace herald::cli
