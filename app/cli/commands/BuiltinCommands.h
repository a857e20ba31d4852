#pragma once

#include "Command.h"

#include <memory>
#include <vector>

namespace herald::cli {

// Every command herald-cli knows, in the order --help lists them. A new command is one
// class and one line in BuiltinCommands.cpp.
std::vector<std::unique_ptr<Command>> builtinCommands();

} // namespace herald::cli
