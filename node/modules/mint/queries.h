// The mint module's queries: path "/mint.v1.Query/<Name>", request data mint.v1.<Name>Request,
// answer <Name>Response (core/proto/allora/mint/v1/query.proto):
//   Params             the params
//   Inflation          block_emission · blocks_per_month · 12 / circulating supply of the last
//                      recalculation (allora-chain's approximation), and the monthly rate e
//   BlockEmission      this month's per-block emission, its validator / allorarewards split, and
//                      the rewards per block last written for the emissions module
//   LastRecalculation  every figure of the last monthly recalculation
//   EmissionInfo       all of the above state in one answer (like mint.v5's EmissionInfo)
// Unknown names are UnknownRequest; malformed requests TxDecode.
#pragma once

#include <string_view>

#include "node/chain/abci_types.h"
#include "node/modules/mint/keeper.h"

namespace allora::mint {

inline constexpr std::string_view kQueryPrefix = "/mint.v1.Query/";

node::QueryResponse mintQuery(const MintKeeper& keeper, const node::KvStore& store,
                              const node::QueryRequest& request);

}  // namespace allora::mint
