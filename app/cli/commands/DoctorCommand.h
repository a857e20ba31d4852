#pragma once

#include "Command.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace herald {
struct SchemaReport;
}

namespace herald::cli {

// `doctor`: checks every table, column, index, trigger and function the program needs and
// says what is missing. It does not change anything; `init` creates and upgrades.
class DoctorCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(DoctorCommand)

public:
    QString name() const override;
    QString summary() const override;
    Needs needs() const override { return Needs::Database; }
    bool supportsJson() const override { return true; }
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

    // {"ok", "version", "expected_version", "problems": [{"kind", "object", "message"}]}
    static QJsonObject reportJson(const SchemaReport &report);
    // The problem lines followed by "schema OK (version N)" or the count of problems.
    static QString reportText(const SchemaReport &report);
};

} // namespace herald::cli
