#include "commands/BuiltinCommands.h"

#include "commands/CampaignCommand.h"
#include "commands/DoctorCommand.h"
#include "commands/InitCommand.h"
#include "commands/RepairCommand.h"
#include "commands/ResendCommand.h"
#include "commands/StatusCommand.h"
#include "commands/SummaryCommand.h"
#include "commands/TransitionCommand.h"

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
    return list;
}

} // namespace herald::cli
