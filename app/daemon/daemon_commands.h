// allorad's commands, one function each; main.cpp dispatches by the first word. Errors and exit
// codes as allora-cli's (app/cli/cli_errors.h).
#pragma once

#include <filesystem>

#include "app/cli/cli_args.h"
#include "app/cli/cli_errors.h"

namespace allora::daemon {

using cli::kExitFailure;
using cli::kExitOk;
using cli::kExitUsage;
using cli::reportError;
using cli::usageError;

// --home DIR, else the default home.
std::filesystem::path homeFrom(const cli::Options& options);

int runInit(cli::ArgStream& args);     // allorad init MONIKER --chain-id ID
int runGenesis(cli::ArgStream& args);  // allorad genesis add-genesis-account ADDRESS COINS
int runStart(cli::ArgStream& args);    // allorad start
int runStatus(cli::ArgStream& args);   // allorad status

}  // namespace allora::daemon
