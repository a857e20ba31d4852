// Runs the Cloud API simulator until SIGINT/SIGTERM or --duration-s, then prints what it
// served as key=value lines. Usage: simulator_runner [simulator options] [--duration-s N]

#include "simulator/CloudApiSimulator.h"
#include "simulator/SimulatorOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Cloud API simulator for benchmarks"_s);
    parser.addHelpOption();
    herald::SimulatorOptions::addTo(parser);
    parser.addOption(QCommandLineOption(u"duration-s"_s,
                                        u"Stop after this many seconds (default: run until "
                                        "SIGINT/SIGTERM)."_s,
                                        u"s"_s));
    parser.process(app);

    herald::SimulatorConfig config;
    quint16 port = 0;
    QString error;
    if (!herald::SimulatorOptions::port(parser, &port, &error) ||
        !herald::SimulatorOptions::fromParser(parser, &config, &error)) {
        err << error << Qt::endl;
        return 2;
    }

    herald::CloudApiSimulator simulator(config);
    if (!simulator.start(port, &error)) {
        err << error << Qt::endl;
        return 1;
    }
    out << "base_url=" << simulator.baseUrl().toString() << Qt::endl;
    out << "messages_url=" << simulator.messagesUrl().toString() << Qt::endl;
    out << "threads=" << simulator.threadCount() << Qt::endl;

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        err << "socketpair failed" << Qt::endl;
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    if (parser.isSet(u"duration-s"_s))
        QTimer::singleShot(parser.value(u"duration-s"_s).toInt() * 1000, &app, &QCoreApplication::quit);

    app.exec();
    simulator.stop();

    const herald::RequestLogTotals totals = simulator.log().totals();
    out << "requests=" << totals.requests << Qt::endl;
    out << "accepted=" << totals.accepted << Qt::endl;
    for (qsizetype i = 0; i < totals.requestsByInstance.size(); ++i)
        out << "requests_instance_" << i << '=' << totals.requestsByInstance.at(i) << Qt::endl;
    for (auto it = totals.byOutcome.cbegin(); it != totals.byOutcome.cend(); ++it)
        out << "outcome_" << it.key() << '=' << it.value() << Qt::endl;
    return 0;
}
