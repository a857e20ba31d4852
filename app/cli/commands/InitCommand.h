#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace herald::cli {

// `init`: creates the schema in an empty database or brings an older one up to this
// program's version; running it again changes nothing. Afterwards the doctor checks the
// result, because migrations only add what a version lacks: an object dropped by hand
// later is reported, not silently recreated.
class InitCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(InitCommand)

public:
    QString name() const override;
    QString summary() const override;
    Needs needs() const override { return Needs::Database; }
    bool createsDatabase() const override { return true; }
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;
};

} // namespace herald::cli
