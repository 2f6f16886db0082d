// The query paths ChainApp::query answers (the HTTP API and the CLI call these). Payloads are
// protobuf: requests and responses from allora/{auth,bank,chain}/v1/*.proto (and cosmos Coin).
// Only the latest committed state is served (request.height must be 0 or the latest height).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/hash.h"
#include "core/result.h"

namespace allora::node::query_paths {

// QueryAccountRequest{address} → allora.auth.v1.Account (NotFound code 9 if absent)
constexpr std::string_view kAccount = "/cosmos.auth.v1beta1.Query/Account";
// (empty) → allora.auth.v1.Params
constexpr std::string_view kAuthParams = "/cosmos.auth.v1beta1.Query/Params";
// QueryBalanceRequest{address, denom} → QueryBalanceResponse{balance}
constexpr std::string_view kBalance = "/cosmos.bank.v1beta1.Query/Balance";
// QueryAllBalancesRequest{address} → QueryAllBalancesResponse{balances}
constexpr std::string_view kAllBalances = "/cosmos.bank.v1beta1.Query/AllBalances";
// QueryAllBalancesRequest{address} → QuerySpendableBalancesResponse{balances} (at the last block
// time)
constexpr std::string_view kSpendableBalances = "/cosmos.bank.v1beta1.Query/SpendableBalances";
// (empty) → QueryTotalSupplyResponse{supply}
constexpr std::string_view kTotalSupply = "/cosmos.bank.v1beta1.Query/TotalSupply";
// (empty) → allora.bank.v1.Params
constexpr std::string_view kBankParams = "/cosmos.bank.v1beta1.Query/Params";
// (empty) → allora.chain.v1.Params
constexpr std::string_view kChainParams = "/allora.chain.v1.Query/Params";
// (empty) → allora.chain.v1.GenesisInfo (chain id, genesis time, initial height, validators)
constexpr std::string_view kGenesisInfo = "/allora.chain.v1.Query/GenesisInfo";
// QueryTxRequest{hash} → QueryTxResponse{hash, height, index, tx, result}
constexpr std::string_view kTx = "/cosmos.tx.v1beta1.Service/GetTx";
// QueryBlockRequest{height | hash} → QueryBlockResponse
constexpr std::string_view kBlock = "/cosmos.base.tendermint.v1beta1.Service/GetBlockByHeight";
// (empty) → QueryBlockResponse of the latest block
constexpr std::string_view kLatestBlock = "/cosmos.base.tendermint.v1beta1.Service/GetLatestBlock";
// TxsByAddressRequest → TxsByAddressResponse (below): the txs an address sent or received (it is
// named by the result's sender / recipient / fee_payer events), newest first, a page at a time.
// Shaped after cosmos.tx.v1beta1.Service/GetTxsEvent, paged by (height, index) instead of an
// offset so that new blocks do not shift the pages.
constexpr std::string_view kTxsByAddress = "/allora.chain.v1.Query/TxsByAddress";

}  // namespace allora::node::query_paths

namespace allora::node {

// Request, protobuf wire format: address = 1 (string), before_height = 2 (uint64; 0 = from the
// latest), before_index = 3 (uint32), limit = 4 (uint32; 0 or above kMaxTxsPerPage = that).
struct TxsByAddressRequest {
    static constexpr uint32_t kMaxTxsPerPage = 100;
    std::string address;
    uint64_t beforeHeight = 0;
    uint32_t beforeIndex = 0;
    uint32_t limit = 0;
};

// Response: repeated Entry txs = 1; Entry: tx = 1 (allora.chain.v1.QueryTxResponse bytes: hash,
// height, index, tx, result) and time_unix_nanos = 2 (int64, the block's time). A page shorter
// than the limit is the last one.
struct TxsByAddressEntry {
    Hash256 hash{};
    uint64_t height = 0;
    uint32_t index = 0;
    int64_t timeUnixNanos = 0;
    Bytes tx;      // TxRaw
    Bytes result;  // allora.chain.v1.TxResultRecord (decodeTxResult in block_store.h)
};

Bytes encodeTxsByAddressRequest(const TxsByAddressRequest& request);
Result<TxsByAddressRequest> decodeTxsByAddressRequest(ByteSpan bytes);
Bytes encodeTxsByAddressResponse(const std::vector<TxsByAddressEntry>& entries);
Result<std::vector<TxsByAddressEntry>> decodeTxsByAddressResponse(ByteSpan bytes);

}  // namespace allora::node
