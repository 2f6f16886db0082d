// Creating a node home before its first start: config.json, the encrypted validator key and a
// genesis with this node as its only validator. Shared by `allorad init`, `allorad devnet` and
// allora-qt's "Try a local network", so a home made by one starts in the others.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/ed25519.h"
#include "core/file_util.h"
#include "core/result.h"
#include "node/chain/genesis.h"
#include "node/node_config.h"

namespace allora::node {

struct HomeSetup {
    std::string moniker;
    std::string chainId;
    int64_t genesisTimeUnix = 0;  // seconds
    // Accounts funded in the genesis (each becomes a genesis account with this balance).
    std::vector<GenesisBalance> funded;
    std::optional<std::chrono::milliseconds> blockTime;  // else NodeConfig's default
    // Genesis app_state sections of modules beyond auth and bank, by module name (JSON text),
    // e.g. "emissions" -> devnetEmissionsGenesis().
    std::map<std::string, std::string> moduleStates;
    // Fail: an existing config is an error. Replace: config, key and genesis are replaced (never
    // chain data: a home with a database is refused either way).
    IfExists ifExists = IfExists::Fail;
};

struct CreatedHome {
    NodeConfig config;
    Genesis genesis;
    ed25519::PubKey validatorPublicKey{};
    Bytes validatorAddress;  // CometBFT's 20-byte consensus address
};

// Validates everything first, then writes the key, the genesis and the config (in that order, each
// atomically, mode 0600), so a failure never leaves a config without its key. `password` seals the
// new validator key (at least 8 characters).
Result<CreatedHome> createNodeHome(const NodeHome& home, const HomeSetup& setup,
                                   const SecureBytes& password);

// The devnet defaults: chain id, moniker, and the amount each funded account receives.
inline constexpr const char* kDevnetChainId = "allora-devnet-1";
inline constexpr const char* kDevnetMoniker = "devnet";
inline constexpr const char* kDevnetFunding = "1000000ALLO";
// The devnet's epoch length for the demo topics (blocks): short, so the loop turns in seconds.
inline constexpr int64_t kDevnetEpochLength = 5;

// The emissions params of a devnet genesis: the defaults of PROTOCOL.md §8 except
// min_epoch_length 2, so demo topics may have short epochs (it is a chain parameter, never a
// constant in code).
std::string devnetEmissionsGenesis();

// A devnet "month" for the mint module: ten minutes of blocks (600 at 1 s blocks), so the monthly
// emission recalculation and the vesting months turn while one watches, and each block's share
// of the monthly emission (E_month / blocks_per_month) is large enough to see the supply rise.
inline constexpr std::chrono::milliseconds kDevnetMonth{600'000};
uint64_t devnetBlocksPerMonth(std::chrono::milliseconds blockTime);

// The mint genesis of a devnet: the defaults of PROTOCOL.md §7 and §8 except blocks_per_month
// (devnetBlocksPerMonth), and validators_vs_allora_percent_reward set to the emissions genesis'
// value, so both modules split the block reward alike.
std::string devnetMintGenesis(std::chrono::milliseconds blockTime);

// A devnet's home set-up (allorad devnet, allora-qt's "Try a local network"): chain
// allora-devnet-1, moniker "devnet", each of `fund` given kDevnetFunding, the devnet emissions
// and mint params (without them the mint would use a month of 864,000 blocks). With reference
// participants (node/participants/devnet_participants.h), their addresses are simply part of
// `fund`. Fails on an invalid address or funding amount.
Result<HomeSetup> devnetHomeSetup(const std::vector<std::string>& fund, int64_t genesisTimeUnix,
                                  std::optional<std::chrono::milliseconds> blockTime);

}  // namespace allora::node
