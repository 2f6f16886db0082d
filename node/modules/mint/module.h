// The mint module wired into a ChainApp: its genesis initializer ("mint", from
// Genesis::moduleStates["mint"]; params.h), begin-block step (begin_block.h) and queries
// ("/mint.v1.Query/"; queries.h). It has no messages (params change with governance, later).
#pragma once

#include <memory>

#include "node/chain/chain_app.h"
#include "node/modules/mint/keeper.h"

namespace allora::mint {

// Reads, validates and stores the genesis section; creates the module accounts it pays from and
// to. Fails, naming the field, on a bad param, on ecosystem_tokens_minted above the ecosystem's
// allotment, or when the genesis supply already exceeds max_supply.
Status initMintGenesis(const MintKeeper& keeper, const node::auth::AuthKeeper& auth,
                       node::KvStore& store, const node::Genesis& genesis);

// Registers everything on `app` (before initChain and the first block) and returns the keeper,
// which the app's handlers share.
std::shared_ptr<const MintKeeper> registerMintModule(node::ChainApp& app);

}  // namespace allora::mint
