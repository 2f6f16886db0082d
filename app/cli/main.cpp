// allora-cli: keys, transactions and queries from a terminal, with allorad's command names.
//
// Each command group lives in its own cmd_<group>.cpp and is one line in kGroups below; a group
// parses its own words and flags (cli_args.h) and returns the exit code (cli_context.h).
#include <exception>
#include <iostream>

#include "app/cli/cli_context.h"
#include "app/cli/cmd_debug.h"
#include "app/cli/cmd_keys.h"
#include "app/cli/cmd_query.h"
#include "app/cli/cmd_tx.h"
#include "core/bytes.h"
#include "core/paths.h"

namespace {

using allora::cli::CommandGroup;

constexpr CommandGroup kGroups[] = {
    {"keys", "manage the keys of the local keyring", allora::cli::runKeys},
    {"tx", "build, sign and broadcast transactions", allora::cli::runTx},
    {"q", "query the chain (alias: query)", allora::cli::runQuery},
    {"query", "", allora::cli::runQuery},
    {"status", "show the node's status", allora::cli::runStatus},
    {"debug", "check the node's computations offline (synthesize)", allora::cli::runDebug},
};

void printHelp() {
    std::cout << "allora-cli " << allora::versionString()
              << ": keys, transactions and queries for the Allora network\n\n"
              << "Usage: allora-cli COMMAND [ARGS] [flags]\n\nCommands:\n";
    for (const CommandGroup& g : kGroups)
        if (!g.summary.empty())  // an alias has none: its group's line names it
            std::cout << "  " << g.name << std::string(10 - g.name.size(), ' ') << g.summary
                      << "\n";
    std::cout
        << "  version   print the version\n"
        << "  help      this text\n\n"
        << "Global flags: --home DIR, --keyring-dir DIR, --keyring-backend file|test,\n"
        << "              --output text|json (see 'allora-cli keys --help').\n"
        << "Node flags (tx, q, status): --node URL (default http://127.0.0.1:1317),\n"
        << "              --chain-id ID, --api-token-file FILE (see 'allora-cli tx --help').\n"
        << "Default home: " << allora::defaultHome().string() << "\n";
}

int run(int argc, char** argv) {
    using namespace allora::cli;
    allora::initCrypto();
    ArgStream args(argc, argv);
    CliContext ctx;
    auto word = args.nextWord(globalOptions(), ctx.options);
    if (!word) return reportError(word.error());
    if (!*word || **word == "help") {
        printHelp();
        return kExitOk;
    }
    if (**word == "version") {
        std::cout << allora::versionString() << std::endl;
        return kExitOk;
    }
    for (const CommandGroup& g : kGroups)
        if (g.name == **word) return g.run(ctx, args);
    return usageError("unknown command '" + **word + "' (see 'allora-cli help')");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        // Only allocation failures and library bugs get here; still one line and a failure code.
        std::cerr << "Error: internal error: " << e.what() << std::endl;
        return allora::cli::kExitFailure;
    }
}
