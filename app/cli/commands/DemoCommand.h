#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `demo`: creates a sample campaign and sends it through the real HTTP client to the
// built-in Cloud API simulator, with live progress and a final summary. No Meta account is
// needed; the database is the one selected as usual (the embedded one by default).
class DemoCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(DemoCommand)

public:
    DemoCommand();
    QString name() const override;
    QString summary() const override;
    Needs needs() const override { return Needs::Database; }
    bool createsDatabase() const override { return true; }
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    QCommandLineOption m_contacts;
    QCommandLineOption m_rate;
    QCommandLineOption m_latency;
};

} // namespace herald::cli
