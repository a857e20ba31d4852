#include "commands/BuiltinCommands.h"

#include "commands/BackupCommand.h"
#include "commands/CampaignCommand.h"
#include "commands/ConfigCommand.h"
#include "commands/DemoCommand.h"
#include "commands/DoctorCommand.h"
#include "commands/EraseCommand.h"
#include "commands/ExportCommand.h"
#include "commands/ImportCommand.h"
#include "commands/InitCommand.h"
#include "commands/MigrateCommand.h"
#include "commands/NumbersCommand.h"
#include "commands/OptOutCommand.h"
#include "commands/RateCardCommand.h"
#include "commands/RepairCommand.h"
#include "commands/ResendCommand.h"
#include "commands/RunCommand.h"
#include "commands/SimulateCommand.h"
#include "commands/StatusCommand.h"
#include "commands/SummaryCommand.h"
#include "commands/TemplatesCommand.h"
#include "commands/TokenCommand.h"
#include "commands/TransitionCommand.h"
#include "commands/WebhooksCommand.h"
#include "commands/WorkerCommand.h"

namespace herald::cli {

std::vector<std::unique_ptr<Command>> builtinCommands()
{
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(std::make_unique<InitCommand>());
    list.push_back(std::make_unique<DoctorCommand>());
    list.push_back(std::make_unique<StatusCommand>());
    list.push_back(std::make_unique<SummaryCommand>());
    list.push_back(std::make_unique<RepairCommand>());
    list.push_back(std::make_unique<CampaignCommand>());
    list.push_back(TransitionCommand::pause());
    list.push_back(TransitionCommand::resume());
    list.push_back(TransitionCommand::cancel());
    list.push_back(std::make_unique<ResendCommand>());
    list.push_back(std::make_unique<ImportCommand>());
    list.push_back(std::make_unique<ExportCommand>());
    list.push_back(std::make_unique<OptOutCommand>());
    list.push_back(std::make_unique<RateCardCommand>());
    list.push_back(std::make_unique<EraseCommand>());
    list.push_back(std::make_unique<PurgeCommand>());
    list.push_back(std::make_unique<BackupCommand>());
    list.push_back(std::make_unique<MigrateCommand>());
    list.push_back(std::make_unique<TemplatesCommand>());
    list.push_back(std::make_unique<ConfigCommand>());
    list.push_back(std::make_unique<NumbersCommand>());
    list.push_back(std::make_unique<TokenCommand>());
    list.push_back(std::make_unique<RunCommand>());
    list.push_back(std::make_unique<WorkerCommand>());
    list.push_back(std::make_unique<DemoCommand>());
    list.push_back(std::make_unique<SimulateCommand>());
    list.push_back(std::make_unique<WebhooksCommand>());
    return list;
}

} // namespace herald::cli
