// The emissions module's genesis: its params from Genesis::moduleStates["emissions"], a JSON
// object {"params": {...}, "admins": ["allo1…", …], "rewards_per_block": "uallo"} whose params keys
// are the Params field names (numbers or strings; integers of uallo and decimals as strings, as
// allorad exports them). Missing params take the PROTOCOL.md §8 defaults; an unknown key or an
// invalid value fails the genesis with a message naming it.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "node/chain/genesis.h"
#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

// The module's params (PROTOCOL.md §8): defaults, validation and the uallo amounts in them.
// The defaults.
Params defaultParams();
// Every field in range; a clear message naming the first that is not.
Status validateParams(const Params& params);

struct ParsedParams {
    Amount requiredMinimumStake, createTopicFee, registrationFee, dataSendingFee;
};
Result<ParsedParams> parseParamAmounts(const Params& params);

// The params of a genesis section (JSON text); defaults for an empty text.
Result<Params> paramsFromGenesisJson(std::string_view json);
// The admins (who may send UpdateParams) of a genesis section; none for an empty text.
Result<std::vector<Bytes>> adminsFromGenesisJson(std::string_view json);
// "rewards_per_block": the per-block reward emission (reward_pool.h) the chain starts with, for a
// devnet whose allorarewards account is funded at genesis and that runs no mint; the mint, when
// it runs, overwrites it every block.
Result<std::optional<Amount>> rewardsPerBlockFromGenesisJson(std::string_view json);
// Reads, validates and stores the params; creates the module accounts.
Status initEmissionsGenesis(const EmissionsKeeper& keeper, const auth::AuthKeeper& auth,
                            KvStore& store, const Genesis& genesis);

}  // namespace allora::node::emissions
