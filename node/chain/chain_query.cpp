// ChainApp::query: read-only answers from the last committed state and the block store.
#include <algorithm>

#include "allora/bank/v1/bank.pb.h"
#include "allora/chain/v1/chain.pb.h"
#include "core/encoding.h"
#include "node/chain/chain_app.h"
#include "node/chain/chain_params.h"
#include "node/chain/chain_query.h"
#include "node/modules/address.h"
#include "node/modules/proto_util.h"

namespace allora::node {

namespace {

QueryResponse answer(const google::protobuf::MessageLite& msg, uint64_t height) {
    QueryResponse r;
    r.value = node::toBytes(msg);
    r.height = height;
    return r;
}

QueryResponse failure(TxCode code, std::string log, uint64_t height) {
    QueryResponse r;
    r.code = static_cast<uint32_t>(code);
    r.log = std::move(log);
    r.height = height;
    return r;
}

template <typename Request>
bool parseRequest(Request& request, const Bytes& data) {
    return parseStrict(request, data);
}

allora::chain::v1::QueryBlockResponse blockResponse(const StoredBlock& b) {
    allora::chain::v1::QueryBlockResponse r;
    r.set_height(b.height);
    r.set_hash(std::string(b.hash.begin(), b.hash.end()));
    r.set_time_unix_nanos(b.timeUnixNanos);
    r.set_app_hash(std::string(b.appHash.begin(), b.appHash.end()));
    r.set_block(std::string(b.bytes.begin(), b.bytes.end()));
    for (const auto& h : b.txHashes) r.add_tx_hashes(std::string(h.begin(), h.end()));
    return r;
}

}  // namespace

QueryResponse ChainApp::query(const QueryRequest& request) const {
    namespace paths = query_paths;
    const uint64_t height = info().lastBlockHeight;
    if (request.height != 0 && request.height != height)
        return failure(
            TxCode::InvalidRequest,
            "historical queries are not supported; latest height is " + std::to_string(height),
            height);
    // Queries read through an overlay that nothing writes to: the committed state as it is.
    StateOverlay view(*state_);
    KvStore kv(view);
    const std::string_view path = request.path;
    auto internal = [&](const Error& e) { return failure(TxCode::Internal, e.message, height); };
    auto badRequest = [&]() {
        return failure(TxCode::TxDecode, "malformed query request for " + request.path, height);
    };

    if (path == paths::kAccount || path == paths::kBalance || path == paths::kAllBalances ||
        path == paths::kSpendableBalances) {
        std::string addressText, denom;
        if (path == paths::kBalance) {
            allora::bank::v1::QueryBalanceRequest req;
            if (!parseRequest(req, request.data)) return badRequest();
            addressText = req.address();
            denom = req.denom();
        } else if (path == paths::kAccount) {
            allora::chain::v1::QueryAccountRequest req;
            if (!parseRequest(req, request.data)) return badRequest();
            addressText = req.address();
        } else {
            allora::bank::v1::QueryAllBalancesRequest req;
            if (!parseRequest(req, request.data)) return badRequest();
            addressText = req.address();
        }
        auto address = parseAddress(addressText);
        if (!address) return failure(TxCode::InvalidAddress, address.message(), height);
        if (path == paths::kAccount) {
            auto account = auth_.account(kv, *address);
            if (!account) return internal(account.error());
            if (!*account)
                return failure(TxCode::UnknownAddress, "account " + addressText + " not found",
                               height);
            return answer(**account, height);
        }
        if (path == paths::kBalance) {
            if (!isValidDenom(denom))
                return failure(TxCode::InvalidCoins, "invalid denom: \"" + denom + "\"", height);
            auto amount = bank_.balance(kv, *address, denom);
            if (!amount) return internal(amount.error());
            allora::bank::v1::QueryBalanceResponse resp;
            resp.mutable_balance()->set_denom(denom);
            resp.mutable_balance()->set_amount(amount->toUalloString());
            return answer(resp, height);
        }
        auto coins = path == paths::kAllBalances
                         ? bank_.allBalances(kv, *address)
                         : bank_.spendableCoins(kv, *address, lastBlockTimeNanos_ / 1'000'000'000);
        if (!coins) return internal(coins.error());
        allora::bank::v1::QueryAllBalancesResponse resp;
        coinsToProto(*coins, resp.mutable_balances());
        return answer(resp, height);  // same field layout as QuerySpendableBalancesResponse
    }
    if (path == paths::kTotalSupply) {
        auto supply = bank_.totalSupply(kv);
        if (!supply) return internal(supply.error());
        allora::bank::v1::QueryTotalSupplyResponse resp;
        coinsToProto(*supply, resp.mutable_supply());
        return answer(resp, height);
    }
    if (path == paths::kAuthParams) {
        auto p = auth_.params(kv);
        if (!p) return internal(p.error());
        return answer(*p, height);
    }
    if (path == paths::kBankParams) {
        auto p = bank_.params(kv);
        if (!p) return internal(p.error());
        return answer(*p, height);
    }
    if (path == paths::kChainParams) {
        auto p = loadChainParams(kv);
        if (!p) return internal(p.error());
        return answer(*p, height);
    }
    if (path == paths::kGenesisInfo) {
        auto raw = kv.get(allora::toBytes("chain/genesis"));
        if (!raw) return internal(raw.error());
        if (!*raw) return failure(TxCode::InvalidRequest, "the chain has no genesis yet", height);
        QueryResponse r;
        r.value = **raw;
        r.height = height;
        return r;
    }
    if (path == paths::kTx) {
        allora::chain::v1::QueryTxRequest req;
        if (!parseRequest(req, request.data) || req.hash().size() != 32) return badRequest();
        Hash256 hash{};
        std::copy(req.hash().begin(), req.hash().end(), hash.begin());
        auto tx = blocks_->txByHash(hash);
        if (!tx) return internal(tx.error());
        if (!*tx) return failure(TxCode::InvalidRequest, "tx not found: " + toHex(hash), height);
        allora::chain::v1::QueryTxResponse resp;
        resp.set_hash(req.hash());
        resp.set_height((*tx)->height);
        resp.set_index((*tx)->index);
        resp.set_tx(std::string((*tx)->tx.begin(), (*tx)->tx.end()));
        auto encoded = encodeTxResult((*tx)->result);
        resp.mutable_result()->ParseFromArray(encoded.data(), static_cast<int>(encoded.size()));
        return answer(resp, height);
    }
    if (path == paths::kBlock || path == paths::kLatestBlock) {
        allora::chain::v1::QueryBlockRequest req;
        if (path == paths::kBlock && !parseRequest(req, request.data)) return badRequest();
        Result<std::optional<StoredBlock>> block = std::optional<StoredBlock>{};
        if (!req.hash().empty()) {
            if (req.hash().size() != 32) return badRequest();
            Hash256 hash{};
            std::copy(req.hash().begin(), req.hash().end(), hash.begin());
            block = blocks_->blockByHash(hash);
        } else {
            uint64_t h = req.height();
            if (h == 0) {
                auto latest = blocks_->latestHeight();
                if (!latest) return internal(latest.error());
                h = *latest;
            }
            block = blocks_->blockByHeight(h);
        }
        if (!block) return internal(block.error());
        if (!*block) return failure(TxCode::InvalidRequest, "block not found", height);
        return answer(blockResponse(**block), height);
    }
    for (const auto& [prefix, handler] : queryHandlers_) {
        if (!path.starts_with(prefix)) continue;
        QueryResponse r = handler(kv, request);
        r.height = height;
        return r;
    }
    return failure(TxCode::UnknownRequest, "unknown query path: " + request.path, height);
}

}  // namespace allora::node
