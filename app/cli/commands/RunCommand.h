#pragma once

#include "ApiOptions.h"
#include "Command.h"
#include "queue/Campaign.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `run`: sends a campaign until it completes, pauses or stops, then exits with a code that
// says which (0 completed; 10–13 otherwise, see --help). The campaign is checked first
// (template synced and APPROVED, every placeholder mapped) and refused while another live
// process sends it; Ctrl+C pauses gracefully.
class RunCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RunCommand)

public:
    RunCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    // A scheduled campaign: waits until it is due (Ctrl+C leaves it scheduled), starts it and
    // returns it running; a late start prints the notice.
    Campaign startWhenDue(CliContext &context, const Campaign &campaign);
    ExitCode send(CliContext &context, const Campaign &campaign, const ApiSettings &api, double rate,
                  int concurrency);
    void refreshHealth(CliContext &context, ApiSettings api, const QString &phoneNumberId);

    ApiOptions m_api;
    QCommandLineOption m_campaign;
    QCommandLineOption m_rate;
    QCommandLineOption m_concurrency;
    QCommandLineOption m_retryNoResponse;
};

} // namespace herald::cli
