// allorad's commands, one function each; main.cpp dispatches by the first word. Errors and exit
// codes as allora-cli's (app/cli/cli_errors.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

#include "app/cli/cli_args.h"
#include "app/cli/cli_errors.h"
#include "core/bytes.h"
#include "core/result.h"

namespace allora::daemon {

using cli::kExitFailure;
using cli::kExitOk;
using cli::kExitUsage;
using cli::reportError;
using cli::usageError;

// --home DIR, else the default home.
std::filesystem::path homeFrom(const cli::Options& options);

// The wall clock in Unix seconds (a new genesis's time).
inline int64_t nowUnixSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int runInit(cli::ArgStream& args);     // allorad init MONIKER --chain-id ID
int runGenesis(cli::ArgStream& args);  // allorad genesis add-genesis-account ADDRESS COINS
int runStart(cli::ArgStream& args);    // allorad start
int runStatus(cli::ArgStream& args);   // allorad status
int runDevnet(cli::ArgStream& args);   // allorad devnet: create a one-node devnet if needed,
                                       // start it

// The password of the validator key: from --validator-password-file (its first line), else the
// terminal, else one line of stdin.
Result<SecureBytes> validatorPassword(const cli::Options& options);
// Runs the node of --home in the foreground until SIGINT/SIGTERM (flags: --api-port, --log-level,
// --validator-password-file); `knownPassword` (may be null) skips asking for the key's password.
// `participants` also runs the devnet's reference workers and reputers (devnet_participants.h).
int runNodeInForeground(const cli::Options& options, const SecureBytes* knownPassword,
                        bool participants = false);

}  // namespace allora::daemon
