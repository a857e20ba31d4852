#pragma once

#include "Command.h"

#include <QCoreApplication>

namespace herald::cli {

// `simulate`: runs the built-in Cloud API simulator on 127.0.0.1 until Ctrl+C, so that
// `run` (or any client) can be tried without a Meta account. Every knob of the simulator
// is an option (see --help).
class SimulateCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(SimulateCommand)

public:
    QString name() const override;
    QString summary() const override;
    Needs needs() const override { return Needs::Nothing; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;
};

} // namespace herald::cli
