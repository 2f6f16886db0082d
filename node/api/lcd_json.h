// The JSON bodies of the LCD routes (lcd_routes.cpp), built from query answers and NodeStatus in
// the shapes of the public Cosmos LCD (grpc-gateway) and CometBFT's /status:
//   - 64-bit integers as decimal strings, 32-bit ones (tx result code, commit round) as numbers;
//   - tx hashes as upper-case hex (as Cosmos shows them), block hashes, app hashes, addresses in
//     headers and signatures as base64 (as the gateway prints `bytes`), except in /status, which
//     follows CometBFT's RPC (upper-case hex hashes and address, base64 public key);
//   - times as RFC 3339 UTC, with 0, 3, 6 or 9 fractional digits as protojson prints them.
// Kept apart from the routes so that the routes file holds only request handling.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "allora/auth/v1/auth.pb.h"
#include "allora/chain/v1/chain.pb.h"
#include "allora/emissions/v9/types.pb.h"
#include "core/bytes.h"
#include "core/hash.h"
#include "core/result.h"
#include "node/api/node_api.h"
#include "node/chain/abci_types.h"
#include "node/modules/coins.h"

namespace allora::node::api {

// "2026-01-01T00:00:05.250Z": RFC 3339 in UTC with protojson's choice of fractional digits.
std::string timestampText(int64_t unixNanos);
// Upper-case hex, as Cosmos prints tx hashes and CometBFT prints hashes and addresses.
std::string upperHex(ByteSpan bytes);

boost::json::array coinsJson(const ProtoCoins& coins);
boost::json::object coinJson(const cosmos::base::v1beta1::Coin& coin);
// {"next_key": null, "total": "N"}: every list is answered in one page.
boost::json::object paginationJson(uint64_t total);

// The account as the LCD's `account` Any: a BaseAccount, or for a vesting account the SDK's
// ContinuousVestingAccount / DelayedVestingAccount with base_vesting_account. The SDK's
// continuous schedule has no cliff; ours may (PROTOCOL.md §7), so a nonzero cliff is added as
// "cliff_time" next to start_time (a field Cosmos clients do not know and ignore).
boost::json::object accountJson(const allora::auth::v1::Account& account);

// A TxRaw decoded for reading: {"body", "auth_info", "signatures"} with the messages expanded
// (proto_json.h). null when the bytes are not a transaction (a block may carry such a tx, with
// its decode failure as the result).
boost::json::value txJson(ByteSpan txRaw);

boost::json::array eventsJson(const std::vector<Event>& events);

// BROADCAST_MODE_SYNC's tx_response: height "0", CheckTx's code, log and gas.
boost::json::object checkTxResponseJson(const Hash256& txHash, const CheckTxResult& result);
// A delivered tx's tx_response (GET /cosmos/tx/v1beta1/txs/{hash}): with the block time as
// "timestamp" and the decoded tx as "tx" (an Any of /cosmos.tx.v1beta1.Tx).
boost::json::object deliveredTxResponseJson(const allora::chain::v1::QueryTxResponse& tx,
                                            int64_t blockTimeUnixNanos);

// {"block_id", "block": {"header", "data", "last_commit"}} from the stored block bytes
// (node/consensus/block_format.h). DataLoss-like Corrupt when the stored bytes do not decode.
Result<boost::json::object> blockJson(const allora::chain::v1::QueryBlockResponse& block);

// GET /emissions/v9/latest_network_inferences/{topic_id}: allora-chain's response shape, from the
// stored outputs of the topic's latest synthesis:
//   {"network_inferences": NetworkInferences as stored (combined and naive values, every
//      inferer's value, forecast-implied, one-out and one-in values, weights, mode),
//    "inferer_weights": [{"worker", "weight"}], "forecaster_weights": [{"worker", "weight"}],
//    "forecast_implied_inferences": [{"worker", "value"}],
//    "inference_block_height": "N",
//    "confidence_interval_raw_percentiles": ["2.28", "15.87", "50", "84.13", "97.72"],
//    "confidence_interval_values": [...]}  (both empty when the synthesis gave no band)
boost::json::object latestNetworkInferencesJson(const ::emissions::v9::NetworkInferences& n);

// CometBFT's /status result: node_info, sync_info, validator_info, plus mempool and engine.
boost::json::object statusJson(const NodeStatus& status);

}  // namespace allora::node::api
