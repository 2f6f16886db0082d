// The emissions module wired into a ChainApp: its messages (/emissions.v9.*Request), genesis
// initializer ("emissions"), end-block step (epoch.h) and queries ("/emissions.v9.Query/").
#pragma once

#include <memory>

#include "node/chain/chain_app.h"
#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

// Registers everything on `app` (before initChain and the first block) and returns the keeper,
// which the app's handlers share (it lives as long as the longest of them).
std::shared_ptr<const EmissionsKeeper> registerEmissionsModule(ChainApp& app);

}  // namespace allora::node::emissions
