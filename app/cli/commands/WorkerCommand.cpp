#include "commands/WorkerCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "WorkerLoop.h"

#include <QCommandLineParser>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace herald::cli {

WorkerCommand::WorkerCommand()
    : m_name(u"name"_s, tr("How the consoles list this worker (default: the host's name)."), tr("name"))
    , m_campaigns(u"campaigns"_s,
                  tr("A campaign this worker may send, by name; repeat it for several. \"all\" (the "
                     "default) takes every campaign, those created later included."),
                  tr("all|name"))
{}

QString WorkerCommand::name() const
{
    return u"worker"_s;
}

QString WorkerCommand::summary() const
{
    return tr("Sends every running campaign until stopped, with other workers on the same database; "
              "SIGTERM drains and leaves every campaign as it was.");
}

void WorkerCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({m_name, m_campaigns});
    m_api.addTo(parser);
}

ExitCode WorkerCommand::run(CliContext &context)
{
    WorkerOptions options;
    options.label.name =
        context.args().isSet(m_name) ? context.args().value(m_name).trimmed() : QSysInfo::machineHostName();
    if (options.label.name.isEmpty() || options.label.name.size() > MaxNameLength ||
        std::any_of(options.label.name.cbegin(), options.label.name.cend(),
                    [](QChar c) { return !c.isPrint(); })) {
        throw CliError(ExitCode::Usage, tr("--name must be 1 to %1 printable characters").arg(MaxNameLength));
    }
    const QStringList wanted = context.args().values(m_campaigns);
    if (!wanted.contains(u"all"_s)) {
        for (const QString &name : wanted) {
            if (name.trimmed().isEmpty()) {
                throw CliError(ExitCode::Usage, tr("--campaigns needs a campaign's name, or all"));
            }
            if (!options.campaigns.contains(name)) {
                options.campaigns << name;
            }
        }
    } else if (wanted.size() > 1) {
        throw CliError(ExitCode::Usage, tr("--campaigns all takes every campaign; name no others with it"));
    }
    options.label.scope = options.campaigns.join(u'\n');
    options.api = m_api.resolve(context, true);
    WorkerLoop loop(context, options);
    return loop.run();
}

} // namespace herald::cli
