#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QJsonObject>

namespace herald {
struct Campaign;
}

namespace herald::cli {

// `status`: every campaign (or one) with its counters, what is still queued, progress and
// times; as a table or as {"campaigns": […]}. A campaign sent from a pool of numbers adds each
// number's share and state ("numbers") and the recorded moves ("reassignments").
class StatusCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(StatusCommand)

public:
    StatusCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    // A campaign sent from a pool of numbers: each number's share and state, and the recorded
    // reassignments (JSON), or one line per number (text).
    static void addPool(CliContext &context, const Campaign &campaign, QJsonObject &json);
    static void printPool(CliContext &context, const Campaign &campaign);

    QCommandLineOption m_campaign;
};

} // namespace herald::cli
