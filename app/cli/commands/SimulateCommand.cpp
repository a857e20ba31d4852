#include "commands/SimulateCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "SignalWatcher.h"
#include "simulator/CloudApiSimulator.h"
#include "simulator/SimulatorOptions.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

QString SimulateCommand::name() const
{
    return u"simulate"_s;
}

QString SimulateCommand::summary() const
{
    return tr("Runs the built-in Cloud API simulator on 127.0.0.1 until Ctrl+C.");
}

void SimulateCommand::addOptions(QCommandLineParser &parser)
{
    SimulatorOptions::addTo(parser);
}

ExitCode SimulateCommand::run(CliContext &context)
{
    SimulatorConfig config;
    quint16 port = 0;
    QString error;
    if (!SimulatorOptions::fromParser(context.args(), &config, &error) ||
        !SimulatorOptions::port(context.args(), &port, &error)) {
        throw CliError(ExitCode::Usage, error);
    }
    CloudApiSimulator simulator(config);
    if (!simulator.start(port, &error)) {
        throw CliError(ExitCode::Refused, tr("the simulator could not start: %1").arg(error));
    }
    QTextStream &out = context.out();
    out << tr("Cloud API simulator listening on %1 (%2 server threads).")
               .arg(simulator.baseUrl().toString())
               .arg(simulator.threadCount())
        << '\n'
        << tr("  API version %1, phone number id %2, WABA id %3")
               .arg(config.apiVersion, config.phoneNumberId, config.wabaId)
        << '\n'
        << tr("  Its access token (a demo value, not a secret): export HERALD_ACCESS_TOKEN=%1")
               .arg(config.accessToken)
        << '\n'
        << tr("  Try: herald-cli run --campaign NAME --api-base %1 --phone-number-id %2")
               .arg(simulator.baseUrl().toString(), config.phoneNumberId)
        << '\n'
        << tr("Ctrl+C stops it.") << '\n';
    out.flush();

    SignalWatcher signals;
    QEventLoop loop;
    QObject::connect(&signals, &SignalWatcher::interrupted, &loop, &QEventLoop::quit);
    loop.exec();
    const RequestLogTotals totals = simulator.log().totals();
    simulator.stop();
    out << tr("Stopped. %1 requests, %2 send requests, %3 accepted.")
               .arg(totals.requests)
               .arg(totals.sendRequests)
               .arg(totals.accepted)
        << '\n';
    return ExitCode::Success;
}

} // namespace herald::cli
