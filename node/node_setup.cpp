#include "node/node_setup.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/amount.h"
#include "node/modules/address.h"
#include "node/modules/coins.h"
#include "node/modules/emissions/genesis.h"
#include "node/validator_key.h"

namespace allora::node {

Result<CreatedHome> createNodeHome(const NodeHome& home, const HomeSetup& setup,
                                   const SecureBytes& password) {
    CreatedHome out;
    out.config.moniker = setup.moniker;
    out.config.chainId = setup.chainId;
    if (setup.blockTime) out.config.blockTime = *setup.blockTime;
    if (Status s = out.config.validate(); !s) return s.error();

    if (setup.ifExists == IfExists::Fail && std::filesystem::exists(home.configFile()))
        return makeError(ErrorCode::AlreadyExists,
                         home.root.string() + " already holds a node (its config.json exists)");
    if (std::filesystem::exists(home.databaseFile()))
        return makeError(ErrorCode::AlreadyExists,
                         home.databaseFile().string() +
                             " holds chain data; remove HOME/data before re-initialising");

    out.genesis = Genesis::withDefaults(setup.chainId, setup.genesisTimeUnix);
    for (const auto& [module, state] : setup.moduleStates) out.genesis.moduleStates[module] = state;
    for (const GenesisBalance& b : setup.funded) {
        out.genesis.accounts.push_back(GenesisAccount{b.address, std::nullopt});
        out.genesis.balances.push_back(b);
    }
    const ed25519::KeyPair key = ed25519::generate();
    out.genesis.validators.push_back(
        GenesisValidator{Bytes(key.publicKey.begin(), key.publicKey.end()), 1, setup.moniker});
    if (Status s = out.genesis.validate(); !s) return s.error();
    auto sealed = ValidatorKeyFile::seal(key, password);
    if (!sealed) return sealed.error();
    out.validatorPublicKey = key.publicKey;
    out.validatorAddress = sealed->address();

    std::error_code ec;
    std::filesystem::create_directories(home.configDir(), ec);
    if (ec)
        return makeError(ErrorCode::Io,
                         "cannot create " + home.configDir().string() + ": " + ec.message());
    // The key first: a config without its key would be a home that cannot start.
    if (Status s = sealed->save(home.validatorKeyFile(), setup.ifExists); !s) return s.error();
    const std::string genesisJson = out.genesis.toJson();
    if (Status s = writeFileAtomic(home.genesisFile(), asBytes(genesisJson), kOwnerReadWrite,
                                   setup.ifExists);
        !s)
        return s.error();
    if (Status s = saveNodeConfig(home.configFile(), out.config); !s) return s.error();
    return out;
}

std::string devnetEmissionsGenesis() {
    return R"({"params": {"min_epoch_length": 2}})";
}

uint64_t devnetBlocksPerMonth(std::chrono::milliseconds blockTime) {
    if (blockTime.count() <= 0) return 1;
    return std::max<uint64_t>(1, static_cast<uint64_t>(kDevnetMonth / blockTime));
}

std::string devnetMintGenesis(std::chrono::milliseconds blockTime) {
    // The emissions module's value in the devnet genesis (its default unless the devnet sets it).
    auto emissionsParams = emissions::paramsFromGenesisJson(devnetEmissionsGenesis());
    const std::string validators =
        emissionsParams ? emissionsParams->validators_vs_allora_percent_reward()
                        : emissions::defaultParams().validators_vs_allora_percent_reward();
    return R"({"params": {"blocks_per_month": )" + std::to_string(devnetBlocksPerMonth(blockTime)) +
           R"(, "validators_vs_allora_percent_reward": ")" + validators + R"("}})";
}

Result<HomeSetup> devnetHomeSetup(const std::vector<std::string>& fund, int64_t genesisTimeUnix,
                                  std::optional<std::chrono::milliseconds> blockTime) {
    HomeSetup setup;
    setup.moniker = kDevnetMoniker;
    setup.chainId = kDevnetChainId;
    setup.genesisTimeUnix = genesisTimeUnix;
    setup.blockTime = blockTime;
    setup.moduleStates["emissions"] = devnetEmissionsGenesis();
    setup.moduleStates["mint"] = devnetMintGenesis(blockTime.value_or(NodeConfig{}.blockTime));
    auto amount = Amount::parse(kDevnetFunding);
    if (!amount) return amount.error();
    for (const std::string& address : fund) {
        if (auto parsed = parseAddress(address); !parsed)
            return makeError(ErrorCode::InvalidArgument,
                             "'" + address + "' is not an account address: " + parsed.message());
        setup.funded.push_back(
            GenesisBalance{address, Coins{Coin{std::string(kBondDenom), *amount}}});
    }
    return setup;
}

}  // namespace allora::node
