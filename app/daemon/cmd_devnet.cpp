// allorad devnet: a one-node development network in one command. The first run creates the home
// (chain allora-devnet-1, this node the only validator, the given addresses or the home keyring's
// keys funded; with --participants also the reference workers' and reputers' keys, sealed under
// the validator key's password and funded); every run then starts the node in the foreground,
// like `allorad start`, with --participants running them inside the node's process.
#include <algorithm>
#include <array>
#include <charconv>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/terminal.h"
#include "app/daemon/daemon_commands.h"
#include "node/modules/address.h"
#include "node/node_setup.h"
#include "node/participants/devnet_participants.h"
#include "node/participants/participant_keys.h"
#include "wallet/keyring.h"

namespace allora::daemon {

namespace {

using cli::OptionSpec;

constexpr std::array kDevnetOptions = {
    OptionSpec{"home", true},          OptionSpec{"fund", true},
    OptionSpec{"block-time-ms", true}, OptionSpec{"validator-password-file", true},
    OptionSpec{"api-port", true},      OptionSpec{"log-level", true},
    OptionSpec{"participants", false}, OptionSpec{"help", false},
};

constexpr const char* kHelp =
    "Usage: allorad devnet [--home DIR] [--fund ADDRESS[,ADDRESS...]] [--block-time-ms N]\n"
    "                      [--validator-password-file FILE] [--api-port N]\n"
    "                      [--log-level debug|info|warn|error] [--participants]\n\n"
    "Runs a development network with this node as its only validator. The first run\n"
    "creates the home: chain allora-devnet-1, an encrypted validator key (the password\n"
    "is asked twice on a terminal, or read from FILE or stdin), and a genesis that\n"
    "gives 1,000,000 ALLO to each --fund address, or, without --fund, to every key of\n"
    "the home's keyring (allora-cli keys add NAME --home DIR). Later runs start the\n"
    "same network again; stop it with Ctrl-C or SIGTERM.\n\n"
    "--participants: reference workers (five models) and reputers run inside the node\n"
    "on three demo topics that replay real series (S&P 500, Seattle weather, Mauna Loa\n"
    "CO2; resources/data). Their keys are created with the devnet in HOME/participants,\n"
    "sealed under the validator key's password, and funded in the genesis; at their\n"
    "first start they create the topics, register and stake by transactions.\n";

// The addresses to fund: --fund's list, else the keys of HOME's file keyring (which may be empty
// when the participants are funded anyway).
Result<std::vector<std::string>> fundedAddresses(const cli::Options& options,
                                                 const std::filesystem::path& home,
                                                 bool participants) {
    std::vector<std::string> out;
    if (auto list = options.value("fund")) {
        size_t start = 0;
        while (start <= list->size()) {
            const size_t comma = std::min(list->find(',', start), list->size());
            const std::string address = list->substr(start, comma - start);
            if (auto parsed = node::parseAddress(address); !parsed)
                return makeError(ErrorCode::InvalidArgument,
                                 "--fund: '" + address + "': " + parsed.error().message);
            out.push_back(address);
            start = comma + 1;
        }
        return out;
    }
    auto keyring = wallet::openKeyring(home, wallet::KeyringBackend::File);
    if (!keyring) return keyring.error();
    auto keys = (*keyring)->list();
    if (!keys) return keys.error();
    for (const auto& key : *keys) out.push_back(key.address);
    if (out.empty() && !participants)
        return makeError(ErrorCode::InvalidArgument,
                         "nothing to fund: give --fund ADDRESS, or create a key first with "
                         "'allora-cli keys add NAME --home " +
                             home.string() + "'");
    return out;
}

}  // namespace

int runDevnet(cli::ArgStream& args) {
    cli::Options options;
    auto words = args.rest(kDevnetOptions, options);
    if (!words) return reportError(words.error());
    if (options.has("help")) {
        std::cout << kHelp;
        return kExitOk;
    }
    if (!words->empty()) return usageError("allorad devnet takes no arguments (see --help)");

    const node::NodeHome home{homeFrom(options)};
    const bool participants = options.has("participants");
    if (std::filesystem::exists(home.configFile())) {
        if (options.has("fund") || options.has("block-time-ms"))
            return usageError(home.root.string() +
                              " already holds a node: --fund and --block-time-ms only apply "
                              "when the devnet is created");
        if (participants && !participants::hasParticipantKeys(home.root))
            return usageError(home.root.string() +
                              " was created without --participants: the reference participants "
                              "are funded in the genesis, so they need a new devnet home");
        return runNodeInForeground(options, nullptr, participants);
    }

    std::optional<std::chrono::milliseconds> blockTime;
    if (auto ms = options.value("block-time-ms")) {
        uint64_t value = 0;
        const auto [p, ec] = std::from_chars(ms->data(), ms->data() + ms->size(), value);
        if (ec != std::errc() || p != ms->data() + ms->size() || value == 0 || value > 3'600'000)
            return usageError("--block-time-ms: expected 1 to 3600000, got '" + *ms + "'");
        blockTime = std::chrono::milliseconds(value);
    }
    auto addresses = fundedAddresses(options, home.root, participants);
    if (!addresses) return reportError(addresses.error());

    auto password = options.has("validator-password-file")
                        ? validatorPassword(options)
                        : cli::readNewSecret("Password for the devnet's validator key: ",
                                             "the validator key password", true, true);
    if (!password) return reportError(password.error());
    if (participants) {
        if (Status st =
                participants::createParticipantDevnet(home.root, *addresses, *password, blockTime);
            !st)
            return reportError(st.error());
    } else {
        auto setup = node::devnetHomeSetup(*addresses, nowUnixSeconds(), blockTime);
        if (!setup) return reportError(setup.error());
        if (auto created = node::createNodeHome(home, *setup, *password); !created)
            return reportError(created.error());
    }
    std::cerr << "created a devnet in " << home.root.string() << " (chain " << node::kDevnetChainId
              << "); funded with " << node::kDevnetFunding << ":";
    for (const std::string& address : *addresses) std::cerr << ' ' << address;
    if (participants)
        std::cerr << " and the reference participants' accounts (keys in "
                  << participants::participantKeyringDir(home.root).string() << ", encrypted)";
    std::cerr << std::endl;
    return runNodeInForeground(options, &*password, participants);
}

}  // namespace allora::daemon
