#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `erase --phone P [--opt-out]`: removes one person's number, name and parameters from every
// campaign while keeping the counts (core/privacy/Erasure).
class EraseCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(EraseCommand)

public:
    EraseCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_phone;
    QCommandLineOption m_region;
    QCommandLineOption m_optOut;
};

// `purge [--days N]`: applies the retention setting (privacy.retention_days) now.
class PurgeCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(PurgeCommand)

public:
    PurgeCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_days;
};

} // namespace herald::cli
