// The LCD routes: request parsing and validation, one chain query per answer (two for a tx, whose
// timestamp is its block's time), and the mapping of chain codes to gateway errors. The JSON
// shapes are in lcd_json.h.
#include "node/api/lcd_routes.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "allora/auth/v1/auth.pb.h"
#include "allora/bank/v1/bank.pb.h"
#include "allora/chain/v1/chain.pb.h"
#include "core/encoding.h"
#include "node/api/lcd_emissions_routes.h"
#include "node/api/lcd_json.h"
#include "node/api/proto_json.h"
#include "node/chain/chain_query.h"
#include "node/modules/address.h"
#include "node/modules/proto_util.h"

namespace allora::node::api {

namespace json = boost::json;
using rpc::GrpcCode;
using rpc::Request;
using rpc::Response;

// The gateway's answer to a query the chain refused. The chain speaks sdkerrors codes (TxCode);
// the gateway speaks gRPC codes, chosen here as the SDK's query handlers choose them.
Response queryFailure(const QueryResponse& r) {
    GrpcCode code = GrpcCode::Internal;
    switch (static_cast<TxCode>(r.code)) {
        case TxCode::InvalidAddress:
        case TxCode::InvalidCoins:
        case TxCode::TxDecode:
        case TxCode::InvalidRequest:
            code = GrpcCode::InvalidArgument;
            break;
        case TxCode::UnknownAddress:
            code = GrpcCode::NotFound;
            break;
        case TxCode::UnknownRequest:
            code = GrpcCode::Unimplemented;
            break;
        default:
            // A storage failure's log can name files or SQL; the API may be reachable by other
            // local users, so it says only what kind of failure it was (as Router::invoke does).
            return Response::error(GrpcCode::Internal, "internal error while reading the chain");
    }
    return Response::error(code, r.log);
}

// Runs a query and parses its answer into `out`; nullopt on success, else the response to send.
std::optional<Response> runQuery(NodeApi& api, std::string_view path,
                                 const google::protobuf::Message* request,
                                 google::protobuf::Message& out, QueryResponse* raw) {
    QueryRequest q;
    q.path = std::string(path);
    if (request) q.data = node::toBytes(*request);
    QueryResponse r = api.query(q);
    if (r.code != 0) {
        Response failure = queryFailure(r);
        if (raw) *raw = std::move(r);
        return failure;
    }
    if (!out.ParseFromArray(r.value.data(), static_cast<int>(r.value.size())))
        return Response::error(GrpcCode::Internal,
                               "the chain's answer to " + std::string(path) + " does not decode");
    if (raw) *raw = std::move(r);
    return std::nullopt;
}

// A decimal uint64 with no sign, no spaces and no leading '+'.
std::optional<uint64_t> parseU64(std::string_view text) {
    uint64_t v = 0;
    if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != text.npos)
        return std::nullopt;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

namespace {

// The {address} parameter, checked before it reaches the chain so that the message names it.
std::optional<Response> checkAddress(const Request& req, std::string& address) {
    address = std::string(req.param("address").value_or(""));
    if (auto parsed = parseAddress(address); !parsed)
        return Response::error(GrpcCode::InvalidArgument, parsed.message());
    return std::nullopt;
}

// Every route calls NodeApi, which may wait for the block being applied: none runs on an io thread.
constexpr rpc::RouteOptions kRead{.requiresAuth = false, .blocking = true};
constexpr rpc::RouteOptions kWrite{.requiresAuth = true, .blocking = true};

// --- bank --------------------------------------------------------------------------------------

Response balances(NodeApi& api, const Request& req, std::string_view path) {
    std::string address;
    if (auto bad = checkAddress(req, address)) return *bad;
    allora::bank::v1::QueryAllBalancesRequest q;
    q.set_address(address);
    allora::bank::v1::QueryAllBalancesResponse r;  // same layout as the spendable response
    if (auto err = runQuery(api, path, &q, r)) return *err;
    json::object o;
    o["balances"] = coinsJson(r.balances());
    o["pagination"] = paginationJson(static_cast<uint64_t>(r.balances_size()));
    return Response::json(o);
}

Response balanceByDenom(NodeApi& api, const Request& req) {
    std::string address;
    if (auto bad = checkAddress(req, address)) return *bad;
    const auto denom = req.queryValue("denom");
    if (!denom || denom->empty())
        return Response::error(GrpcCode::InvalidArgument,
                               "missing query parameter 'denom' (e.g. ?denom=uallo)");
    allora::bank::v1::QueryBalanceRequest q;
    q.set_address(address);
    q.set_denom(std::string(*denom));
    allora::bank::v1::QueryBalanceResponse r;
    if (auto err = runQuery(api, query_paths::kBalance, &q, r)) return *err;
    json::object o;
    o["balance"] = coinJson(r.balance());
    return Response::json(o);
}

Response supply(NodeApi& api, const Request&) {
    allora::bank::v1::QueryTotalSupplyResponse r;
    if (auto err = runQuery(api, query_paths::kTotalSupply, nullptr, r)) return *err;
    json::object o;
    o["supply"] = coinsJson(r.supply());
    o["pagination"] = paginationJson(static_cast<uint64_t>(r.supply_size()));
    return Response::json(o);
}

Response supplyByDenom(NodeApi& api, const Request& req) {
    const auto denom = req.queryValue("denom");
    if (!denom || denom->empty())
        return Response::error(GrpcCode::InvalidArgument,
                               "missing query parameter 'denom' (e.g. ?denom=uallo)");
    allora::bank::v1::QueryTotalSupplyResponse r;
    if (auto err = runQuery(api, query_paths::kTotalSupply, nullptr, r)) return *err;
    cosmos::base::v1beta1::Coin coin;
    coin.set_denom(std::string(*denom));
    coin.set_amount("0");  // the SDK answers zero for a denom nobody holds
    for (const auto& c : r.supply())
        if (c.denom() == *denom) coin = c;
    json::object o;
    o["amount"] = coinJson(coin);
    return Response::json(o);
}

Response params(NodeApi& api, std::string_view path, google::protobuf::Message& out) {
    if (auto err = runQuery(api, path, nullptr, out)) return *err;
    json::object o;
    o["params"] = protoToJson(out);
    return Response::json(o);
}

// --- auth --------------------------------------------------------------------------------------

Response account(NodeApi& api, const Request& req) {
    std::string address;
    if (auto bad = checkAddress(req, address)) return *bad;
    allora::chain::v1::QueryAccountRequest q;
    q.set_address(address);
    allora::auth::v1::Account r;
    if (auto err = runQuery(api, query_paths::kAccount, &q, r)) return *err;
    json::object o;
    o["account"] = accountJson(r);
    return Response::json(o);
}

// --- tx ----------------------------------------------------------------------------------------

// The broadcast modes of cosmos.tx.v1beta1.BroadcastMode, by name or number (the gateway takes
// both).
enum class Mode { Unspecified, Block, Sync, Async, Unknown };

Mode parseMode(const json::value* v) {
    if (!v || v->is_null()) return Mode::Unspecified;
    if (v->is_string()) {
        const std::string_view s = v->get_string();
        if (s == "BROADCAST_MODE_UNSPECIFIED") return Mode::Unspecified;
        if (s == "BROADCAST_MODE_BLOCK") return Mode::Block;
        if (s == "BROADCAST_MODE_SYNC") return Mode::Sync;
        if (s == "BROADCAST_MODE_ASYNC") return Mode::Async;
        return Mode::Unknown;
    }
    if (v->is_int64() || v->is_uint64()) {
        const int64_t n = v->is_int64() ? v->get_int64() : -1;
        switch (n) {
            case 0:
                return Mode::Unspecified;
            case 1:
                return Mode::Block;
            case 2:
                return Mode::Sync;
            case 3:
                return Mode::Async;
            default:
                return Mode::Unknown;
        }
    }
    return Mode::Unknown;
}

Response broadcast(NodeApi& api, const Request& req) {
    json::error_code ec;
    json::value body = json::parse(req.body, ec);
    if (ec)
        return Response::error(GrpcCode::InvalidArgument,
                               "the request body is not valid JSON: " + ec.message());
    if (!body.is_object())
        return Response::error(GrpcCode::InvalidArgument,
                               "the request body must be a JSON object {\"tx_bytes\", \"mode\"}");
    const json::object& o = body.get_object();
    for (const auto& [key, value] : o) {
        // The gateway's JSON accepts proto names and their camelCase forms, and nothing else: a
        // misspelt field must not be ignored silently.
        if (key != "tx_bytes" && key != "txBytes" && key != "mode")
            return Response::error(
                GrpcCode::InvalidArgument,
                "unknown field \"" + std::string(key) + "\" in the request body");
    }
    const json::value* txField = o.if_contains("tx_bytes");
    if (!txField) txField = o.if_contains("txBytes");
    if (txField && !txField->is_string() && !txField->is_null())
        return Response::error(GrpcCode::InvalidArgument, "tx_bytes must be a base64 string");
    if (!txField || txField->is_null() || txField->get_string().empty())
        return Response::error(GrpcCode::InvalidArgument, "invalid empty tx");
    auto tx = fromBase64(txField->get_string());
    if (!tx)
        return Response::error(GrpcCode::InvalidArgument,
                               "tx_bytes is not valid base64: " + tx.message());

    switch (parseMode(o.if_contains("mode"))) {
        case Mode::Sync:
        case Mode::Async:
            // ASYNC returns before CheckTx in the SDK; CheckTx is quick here, and its verdict is
            // more useful to the caller than no verdict.
            break;
        case Mode::Block:
            return Response::error(GrpcCode::InvalidArgument,
                                   "BROADCAST_MODE_BLOCK is deprecated (removed in Cosmos SDK "
                                   "v0.50): use BROADCAST_MODE_SYNC and then query the tx by its "
                                   "hash at GET /cosmos/tx/v1beta1/txs/{hash}");
        case Mode::Unspecified:
        case Mode::Unknown:
            return Response::error(GrpcCode::InvalidArgument,
                                   "unsupported broadcast mode: \"mode\" must be "
                                   "BROADCAST_MODE_SYNC or BROADCAST_MODE_ASYNC");
    }

    const Hash256 hash = sha256(*tx);
    const CheckTxResult result = api.broadcastTxSync(*tx);
    // A CheckTx rejection is still HTTP 200: the tx_response carries the code, as the LCD does.
    json::object out;
    out["tx_response"] = checkTxResponseJson(hash, result);
    return Response::json(out);
}

Response txByHash(NodeApi& api, const Request& req) {
    const std::string_view hashText = req.param("hash").value_or("");
    auto hash = fromHex(hashText);
    if (hashText.size() != 64 || !hash)
        return Response::error(GrpcCode::InvalidArgument,
                               "invalid tx hash \"" + std::string(hashText) +
                                   "\": expected 64 hexadecimal digits (the SHA-256 of the tx)");
    allora::chain::v1::QueryTxRequest q;
    q.set_hash(std::string(hash->begin(), hash->end()));
    allora::chain::v1::QueryTxResponse tx;
    QueryResponse raw;
    if (auto err = runQuery(api, query_paths::kTx, &q, tx, &raw)) {
        if (static_cast<TxCode>(raw.code) == TxCode::InvalidRequest)
            return Response::error(GrpcCode::NotFound, "tx not found: " + upperHex(*hash));
        return *err;
    }
    // The tx response carries its block's time.
    allora::chain::v1::QueryBlockRequest bq;
    bq.set_height(tx.height());
    allora::chain::v1::QueryBlockResponse block;
    if (auto err = runQuery(api, query_paths::kBlock, &bq, block)) return *err;

    json::object o;
    o["tx"] = txJson(asBytes(tx.tx()));
    o["tx_response"] = deliveredTxResponseJson(tx, block.time_unix_nanos());
    return Response::json(o);
}

// --- blocks, node ------------------------------------------------------------------------------

Response blockAnswer(const allora::chain::v1::QueryBlockResponse& block) {
    auto o = blockJson(block);
    if (!o) return Response::error(GrpcCode::DataLoss, o.message());
    return Response::json(*o);
}

Response latestBlock(NodeApi& api, const Request&) {
    allora::chain::v1::QueryBlockResponse block;
    QueryResponse raw;
    if (auto err = runQuery(api, query_paths::kLatestBlock, nullptr, block, &raw)) {
        if (static_cast<TxCode>(raw.code) == TxCode::InvalidRequest)
            return Response::error(GrpcCode::NotFound,
                                   "no block yet: the chain has not committed its first block");
        return *err;
    }
    return blockAnswer(block);
}

Response blockByHeight(NodeApi& api, const Request& req) {
    const std::string_view text = req.param("height").value_or("");
    const auto height = parseU64(text);
    if (!height)
        return Response::error(GrpcCode::InvalidArgument,
                               "invalid height \"" + std::string(text) +
                                   "\": expected a positive integer (or 'latest')");
    if (*height == 0)
        return Response::error(GrpcCode::InvalidArgument, "height must be greater than 0");
    const NodeStatus status = api.status();
    if (*height > status.latestHeight)
        return Response::error(GrpcCode::InvalidArgument, "requested block height " +
                                                              std::to_string(*height) +
                                                              " is bigger than the chain length " +
                                                              std::to_string(status.latestHeight));
    allora::chain::v1::QueryBlockRequest q;
    q.set_height(*height);
    allora::chain::v1::QueryBlockResponse block;
    QueryResponse raw;
    if (auto err = runQuery(api, query_paths::kBlock, &q, block, &raw)) {
        if (static_cast<TxCode>(raw.code) == TxCode::InvalidRequest)
            return Response::error(GrpcCode::NotFound,
                                   "block " + std::to_string(*height) +
                                       " is not stored by this node (earliest stored height: " +
                                       std::to_string(status.earliestHeight) + ")");
        return *err;
    }
    return blockAnswer(block);
}

Response nodeConfig(NodeApi& api, const Request&) {
    allora::chain::v1::Params p;
    if (auto err = runQuery(api, query_paths::kChainParams, nullptr, p)) return *err;
    json::object o;
    // A DecCoins string, as the SDK prints its minimum gas prices: amount then denom.
    o["minimum_gas_price"] = p.min_gas_price() + std::string(kBondDenom);
    return Response::json(o);
}

Response status(NodeApi& api, const Request&) {
    return Response::json(statusJson(api.status()));
}

}  // namespace

rpc::Router makeLcdRouter(NodeApi& api) {
    using Route = Response (*)(NodeApi&, const Request&);
    rpc::Router r;
    NodeApi* a = &api;
    auto read = [&](std::string pattern, Route route) {
        r.get(
            std::move(pattern), [a, route](const Request& q) { return route(*a, q); }, kRead);
    };
    read("/cosmos/bank/v1beta1/balances/{address}",
         [](NodeApi& n, const Request& q) { return balances(n, q, query_paths::kAllBalances); });
    read("/cosmos/bank/v1beta1/spendable_balances/{address}", [](NodeApi& n, const Request& q) {
        return balances(n, q, query_paths::kSpendableBalances);
    });
    read("/cosmos/bank/v1beta1/balances/{address}/by_denom", balanceByDenom);
    read("/cosmos/bank/v1beta1/supply", supply);
    read("/cosmos/bank/v1beta1/supply/by_denom", supplyByDenom);
    read("/cosmos/bank/v1beta1/params", [](NodeApi& n, const Request&) {
        allora::bank::v1::Params p;
        return params(n, query_paths::kBankParams, p);
    });
    read("/cosmos/auth/v1beta1/accounts/{address}", account);
    read("/cosmos/auth/v1beta1/params", [](NodeApi& n, const Request&) {
        allora::auth::v1::Params p;
        return params(n, query_paths::kAuthParams, p);
    });
    r.post(
        "/cosmos/tx/v1beta1/txs", [a](const Request& q) { return broadcast(*a, q); }, kWrite);
    read("/cosmos/tx/v1beta1/txs/{hash}", txByHash);
    read("/cosmos/base/tendermint/v1beta1/blocks/latest", latestBlock);
    read("/cosmos/base/tendermint/v1beta1/blocks/{height}", blockByHeight);
    read("/cosmos/base/node/v1beta1/config", nodeConfig);
    read("/status", status);
    addEmissionsRoutes(r, api);
    return r;
}

}  // namespace allora::node::api
