// The query paths ChainApp::query answers (the HTTP API and the CLI call these). Payloads are
// protobuf: requests and responses from allora/{auth,bank,chain}/v1/*.proto (and cosmos Coin).
// Only the latest committed state is served (request.height must be 0 or the latest height).
#pragma once

#include <string_view>

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

}  // namespace allora::node::query_paths
