// Genesis: the chain's first state, read from a genesis.json shaped like a Cosmos one:
//
//   { "chain_id": "allora-devnet-1", "genesis_time": "2026-01-01T00:00:00Z", "initial_height": "1",
//     "app_state": {
//       "auth":  { "params": { "max_memo_characters": "256", "tx_sig_limit": "7",
//                              "tx_size_cost_per_byte": "10", "sig_verify_cost_secp256k1": "1000",
//                              "max_tx_bytes": "1048576" },
//                  "accounts": [ { "address": "allo1…",
//                                  "vesting": { "kind": "continuous" | "delayed",
//                                               "original_vesting": [{"denom","amount"}],
//                                               "start_time": "…", "end_time": "…",
//                                               "cliff_time": "…" } } ] },   (vesting optional)
//       "bank":  { "params": { "default_send_enabled": true },
//                  "balances": [ { "address": "allo1…", "coins": [ {"denom","amount"} ] } ],
//                  "supply": [ … ] },                      (empty/absent supply = computed)
//       "chain": { "params": { "min_gas_price": "10", "block_max_bytes": "…", "block_max_gas": "…"
//       } } },
//     "validators": [ { "pub_key": { "type": "tendermint/PubKeyEd25519", "value": base64 },
//                       "power": "1", "name": "…" } ] }
//
// Integers may be JSON numbers or decimal strings (Cosmos writes strings). Times are RFC 3339 UTC
// or Unix seconds. Account numbers are given in the order of auth.accounts; the fee collector
// module account comes after them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "allora/auth/v1/auth.pb.h"
#include "allora/bank/v1/bank.pb.h"
#include "allora/chain/v1/chain.pb.h"
#include "core/bytes.h"
#include "core/civil_time.h"
#include "core/result.h"
#include "node/modules/coins.h"

namespace allora::node {

struct GenesisAccount {
    std::string address;
    std::optional<allora::auth::v1::VestingSchedule> vesting;
};

struct GenesisBalance {
    std::string address;
    Coins coins;
};

struct GenesisValidator {
    Bytes pubKey;  // 32-byte Ed25519
    int64_t power = 0;
    std::string name;
};

struct Genesis {
    std::string chainId;
    int64_t genesisTimeUnix = 0;  // seconds
    uint64_t initialHeight = 1;
    allora::auth::v1::Params authParams;
    std::vector<GenesisAccount> accounts;
    allora::bank::v1::Params bankParams;
    std::vector<GenesisBalance> balances;
    Coins supply;  // empty: the sum of balances
    allora::chain::v1::Params chainParams;
    std::vector<GenesisValidator> validators;
    // The app_state sections of the other modules (emissions, mint, …) as compact JSON text by
    // section name, kept verbatim for the module's genesis initializer (ChainApp::
    // addGenesisInitializer), which parses and validates its own section; written back by toJson().
    std::map<std::string, std::string> moduleStates;

    // The x/auth defaults of PROTOCOL.md §2, send enabled, min gas price 10 uallo, 4 MiB blocks.
    static Genesis withDefaults(std::string chainId, int64_t genesisTimeUnix);

    // Parses the JSON (structure and value formats); validate() checks the contents.
    static Result<Genesis> fromJson(std::string_view json);
    std::string toJson() const;

    // Chain id, params, addresses, duplicates (accounts, balances), coins, vesting shapes (and
    // locked ≤ balance), validators, and the supply equal to the sum of balances.
    Status validate() const;
};

// RFC 3339 times (core/civil_time.h), re-exported for the genesis code that reads and writes them.
using allora::formatRfc3339;
using allora::parseRfc3339;

}  // namespace allora::node
