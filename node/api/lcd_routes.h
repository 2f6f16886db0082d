// The HTTP API's routes, shaped like the public Cosmos LCD (grpc-gateway JSON), over NodeApi.
//
// Read routes are open; write routes (broadcast) require the API token (DESIGN.md: Interfaces).
// Every failure is a gateway-shaped JSON error with a 4xx/5xx status (node/rpc/http_message.h).
// Every route calls NodeApi and may wait for a block, so all run on the server's blocking pool.
//
//   GET  /cosmos/bank/v1beta1/balances/{address}            {"balances", "pagination"}
//   GET  /cosmos/bank/v1beta1/spendable_balances/{address}  {"balances", "pagination"}
//   GET  /cosmos/bank/v1beta1/balances/{address}/by_denom?denom=D   {"balance"}
//   GET  /cosmos/bank/v1beta1/supply                        {"supply", "pagination"}
//   GET  /cosmos/bank/v1beta1/supply/by_denom?denom=D       {"amount"}
//   GET  /cosmos/bank/v1beta1/params, /cosmos/auth/v1beta1/params   {"params"}
//   GET  /cosmos/auth/v1beta1/accounts/{address}            {"account"} (404 code 5 if none)
//   POST /cosmos/tx/v1beta1/txs  {"tx_bytes", "mode"}       {"tx_response"} (token required;
//        a CheckTx rejection is 200 with a nonzero code, as the LCD answers)
//   GET  /cosmos/tx/v1beta1/txs/{hash}                      {"tx", "tx_response"}
//   GET  /cosmos/base/tendermint/v1beta1/blocks/latest, …/blocks/{height}  {"block_id", "block"}
//   GET  /cosmos/base/node/v1beta1/config                   {"minimum_gas_price": "10uallo"}
//   GET  /status                                            CometBFT-like node status
//   GET  /emissions/v9/…                                    the emissions module's queries
//                                                           (lcd_emissions_routes.h)
// The bodies' shapes: lcd_json.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "node/api/node_api.h"
#include "node/rpc/router.h"

namespace google::protobuf {
class Message;
}

namespace allora::node::api {

// `api` must outlive the router and any server serving it.
rpc::Router makeLcdRouter(NodeApi& api);

// Shared by the route files (lcd_routes.cpp, lcd_emissions_routes.cpp).

// The gateway's answer to a query the chain refused: its sdkerrors code mapped to the gRPC code
// the SDK's query handlers use (a storage failure says only that it was one).
rpc::Response queryFailure(const QueryResponse& r);
// Runs a query and parses its answer into `out`; nullopt on success, else the response to send.
// `raw`, when given, receives the chain's answer (its code tells failures apart).
std::optional<rpc::Response> runQuery(NodeApi& api, std::string_view path,
                                      const google::protobuf::Message* request,
                                      google::protobuf::Message& out, QueryResponse* raw = nullptr);
// A decimal uint64 with no sign, no spaces and no leading '+'.
std::optional<uint64_t> parseU64(std::string_view text);

}  // namespace allora::node::api
