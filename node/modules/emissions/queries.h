// The emissions module's queries: path "/emissions.v9.Query/<Name>", request data
// emissions.v9.<Name>Request, answer <Name>Response (core/proto/allora/emissions/v9/query.proto).
// Unknown names are UnknownRequest; malformed requests TxDecode; bad addresses InvalidAddress;
// a missing topic or record InvalidRequest ("topic 7 does not exist").
#pragma once

#include <string_view>

#include "node/chain/abci_types.h"
#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

constexpr std::string_view kQueryPrefix = "/emissions.v9.Query/";

QueryResponse emissionsQuery(const EmissionsKeeper& keeper, const KvStore& store,
                             const QueryRequest& request);

}  // namespace allora::node::emissions
