// allorad init and allorad genesis add-genesis-account: building a node home before the first
// start.
#include <array>
#include <chrono>
#include <iostream>

#include "app/cli/terminal.h"
#include "app/daemon/daemon_commands.h"
#include "core/amount.h"
#include "core/encoding.h"
#include "core/file_util.h"
#include "core/paths.h"
#include "node/chain/genesis.h"
#include "node/modules/address.h"
#include "node/node_config.h"
#include "node/node_setup.h"

namespace allora::daemon {

namespace {

using cli::OptionSpec;

constexpr std::array kInitOptions = {
    OptionSpec{"home", true},
    OptionSpec{"chain-id", true},
    OptionSpec{"overwrite", false},
    OptionSpec{"help", false},
};

constexpr std::array kGenesisOptions = {
    OptionSpec{"home", true},
    OptionSpec{"vesting-amount", true},
    OptionSpec{"vesting-start-time", true},
    OptionSpec{"vesting-end-time", true},
    OptionSpec{"help", false},
};

constexpr size_t kMaxGenesisBytes = 64 * 1024 * 1024;

Status writeText(const std::filesystem::path& file, const std::string& text, IfExists ifExists) {
    return writeFileAtomic(file, asBytes(text), kOwnerReadWrite, ifExists);
}

// "1.5ALLO" or "1000uallo" (plain numbers are uallo) → uallo coins.
Result<node::Coins> parseUalloCoins(std::string_view text, std::string_view what) {
    auto amount = Amount::parse(text);
    if (!amount)
        return makeError(ErrorCode::InvalidArgument,
                         std::string(what) + ": " + amount.error().message);
    if (amount->isZero())
        return makeError(ErrorCode::InvalidArgument, std::string(what) + " must be positive");
    return node::Coins{node::Coin{std::string(node::kBondDenom), *amount}};
}

// RFC 3339 or Unix seconds.
Result<int64_t> parseTime(std::string_view text, std::string_view flag) {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos)
        return static_cast<int64_t>(std::stoll(std::string(text)));
    auto t = node::parseRfc3339(text);
    if (!t)
        return makeError(ErrorCode::InvalidArgument,
                         "--" + std::string(flag) + ": expected RFC 3339 (2027-01-01T00:00:00Z) " +
                             "or Unix seconds, got '" + std::string(text) + "'");
    return t;
}

}  // namespace

int runInit(cli::ArgStream& args) {
    cli::Options options;
    auto words = args.rest(kInitOptions, options);
    if (!words) return reportError(words.error());
    if (options.has("help")) {
        std::cout << "Usage: allorad init MONIKER --chain-id ID [--home DIR] [--overwrite]\n\n"
                     "Creates HOME/config/config.json, an encrypted validator key\n"
                     "(HOME/config/priv_validator_key.json; the password is asked twice on a\n"
                     "terminal, or read as one line from stdin) and HOME/config/genesis.json with\n"
                     "this node as the only validator. --overwrite replaces an existing home's\n"
                     "config, key and genesis (never its chain data).\n";
        return kExitOk;
    }
    if (words->size() != 1) return usageError("usage: allorad init MONIKER --chain-id ID");
    const std::string moniker = (*words)[0];
    const auto chainId = options.value("chain-id");
    if (!chainId || chainId->empty()) return usageError("--chain-id is required");

    node::NodeHome home{homeFrom(options)};
    node::HomeSetup setup;
    setup.moniker = moniker;
    setup.chainId = *chainId;
    setup.genesisTimeUnix = nowUnixSeconds();
    setup.ifExists = options.has("overwrite") ? IfExists::Replace : IfExists::Fail;
    // Check what can be checked before asking for a password.
    node::NodeConfig config;
    config.moniker = moniker;
    config.chainId = *chainId;
    if (Status s = config.validate(); !s) return reportError(s.error());
    if (setup.ifExists == IfExists::Fail && std::filesystem::exists(home.configFile()))
        return reportError(makeError(ErrorCode::AlreadyExists,
                                     home.root.string() +
                                         " already holds a node (use --overwrite to replace its "
                                         "config, key and genesis)"));
    auto password = cli::readNewSecret(
        "Password for the validator key: ", "the validator key password", true, true);
    if (!password) return reportError(password.error());
    auto created = node::createNodeHome(home, setup, *password);
    if (!created) return reportError(created.error());
    const ed25519::PubKey& publicKey = created->validatorPublicKey;
    const Bytes& validatorAddress = created->validatorAddress;
    std::cout << "{\"moniker\":\"" << moniker << "\",\"chain_id\":\"" << *chainId
              << "\",\"home\":\"" << home.root.string() << "\",\"validator_address\":\""
              << toHex(validatorAddress) << "\",\"validator_pub_key\":\"" << toBase64(publicKey)
              << "\"}" << std::endl;
    return kExitOk;
}

int runGenesis(cli::ArgStream& args) {
    cli::Options options;
    auto words = args.rest(kGenesisOptions, options);
    if (!words) return reportError(words.error());
    if (options.has("help") || words->empty()) {
        std::cout << "Usage: allorad genesis add-genesis-account ADDRESS COINS [--home DIR]\n"
                     "         [--vesting-amount COINS --vesting-end-time T "
                     "[--vesting-start-time T]]\n\n"
                     "Adds ADDRESS with COINS (1000uallo or 1.5ALLO) to HOME/config/genesis.json.\n"
                     "With --vesting-amount, that part of COINS is locked: released linearly from\n"
                     "the start time to the end time (continuous), or all at the end time when no\n"
                     "start time is given (delayed). Times are RFC 3339 or Unix seconds.\n";
        return options.has("help") ? kExitOk : kExitUsage;
    }
    if ((*words)[0] != "add-genesis-account")
        return usageError("unknown genesis command '" + (*words)[0] +
                          "' (try 'allorad genesis --help')");
    if (words->size() != 3)
        return usageError("usage: allorad genesis add-genesis-account ADDRESS COINS");
    const std::string& address = (*words)[1];
    if (auto parsed = node::parseAddress(address); !parsed)
        return usageError(parsed.error().message);
    auto coins = parseUalloCoins((*words)[2], "COINS");
    if (!coins) return reportError(coins.error());

    node::NodeHome home{homeFrom(options)};
    auto bytes = readFile(home.genesisFile(), kMaxGenesisBytes);
    if (!bytes) return reportError(bytes.error());
    if (std::filesystem::exists(home.databaseFile()))
        return reportError(makeError(ErrorCode::AlreadyExists,
                                     "the chain has started (" + home.databaseFile().string() +
                                         " exists); genesis accounts can only be added before"));
    auto genesis = node::Genesis::fromJson(
        std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
    if (!genesis) return reportError(genesis.error());
    for (const auto& a : genesis->accounts)
        if (a.address == address)
            return reportError(
                makeError(ErrorCode::AlreadyExists, address + " is already in the genesis"));

    node::GenesisAccount account{address, std::nullopt};
    if (auto vesting = options.value("vesting-amount")) {
        auto locked = parseUalloCoins(*vesting, "--vesting-amount");
        if (!locked) return reportError(locked.error());
        if ((*locked)[0].amount > (*coins)[0].amount)
            return usageError("--vesting-amount is more than COINS");
        auto endText = options.value("vesting-end-time");
        if (!endText) return usageError("--vesting-amount needs --vesting-end-time");
        auto end = parseTime(*endText, "vesting-end-time");
        if (!end) return reportError(end.error());
        allora::auth::v1::VestingSchedule schedule;
        node::coinsToProto(*locked, schedule.mutable_original_vesting());
        schedule.set_end_time(*end);
        if (auto startText = options.value("vesting-start-time")) {
            auto start = parseTime(*startText, "vesting-start-time");
            if (!start) return reportError(start.error());
            schedule.set_kind(allora::auth::v1::VestingSchedule::KIND_CONTINUOUS);
            schedule.set_start_time(*start);
        } else {
            schedule.set_kind(allora::auth::v1::VestingSchedule::KIND_DELAYED);
        }
        account.vesting = std::move(schedule);
    } else if (options.has("vesting-end-time") || options.has("vesting-start-time")) {
        return usageError("vesting times need --vesting-amount");
    }
    genesis->accounts.push_back(std::move(account));
    genesis->balances.push_back(node::GenesisBalance{address, *coins});
    // An explicit supply must keep matching the balances; an empty one is computed.
    if (!genesis->supply.empty()) {
        auto supply = node::addCoins(genesis->supply, *coins);
        if (!supply) return reportError(supply.error());
        genesis->supply = std::move(*supply);
    }
    if (Status s = genesis->validate(); !s) return reportError(s.error());
    if (Status s = writeText(home.genesisFile(), genesis->toJson(), IfExists::Replace); !s)
        return reportError(s.error());
    std::cout << "added " << address << " with " << node::coinsToString(*coins) << std::endl;
    return kExitOk;
}

}  // namespace allora::daemon
