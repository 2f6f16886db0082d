// ChainApp::query: read-only answers from the last committed state and the block store.
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <cctype>

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

using google::protobuf::io::CodedInputStream;
using google::protobuf::io::CodedOutputStream;
using google::protobuf::io::StringOutputStream;

constexpr uint32_t tag(uint32_t field, uint32_t wireType) {
    return (field << 3) | wireType;
}
constexpr uint32_t kVarint = 0, kBytes = 2;

Bytes fromString(const std::string& s) {
    return Bytes(s.begin(), s.end());
}

// Reads a length-delimited field into `out`.
bool readBytes(CodedInputStream& in, std::string& out) {
    uint32_t length = 0;
    return in.ReadVarint32(&length) && in.ReadString(&out, static_cast<int>(length));
}

Error malformed(const char* what) {
    return makeError(ErrorCode::InvalidArgument, std::string("malformed ") + what);
}

}  // namespace

Bytes encodeTxsByAddressRequest(const TxsByAddressRequest& request) {
    std::string buffer;
    {
        StringOutputStream stream(&buffer);
        CodedOutputStream out(&stream);
        out.WriteTag(tag(1, kBytes));
        out.WriteVarint32(static_cast<uint32_t>(request.address.size()));
        out.WriteString(request.address);
        if (request.beforeHeight != 0) {
            out.WriteTag(tag(2, kVarint));
            out.WriteVarint64(request.beforeHeight);
        }
        if (request.beforeIndex != 0) {
            out.WriteTag(tag(3, kVarint));
            out.WriteVarint32(request.beforeIndex);
        }
        if (request.limit != 0) {
            out.WriteTag(tag(4, kVarint));
            out.WriteVarint32(request.limit);
        }
    }
    return fromString(buffer);
}

Result<TxsByAddressRequest> decodeTxsByAddressRequest(ByteSpan bytes) {
    CodedInputStream in(bytes.data(), static_cast<int>(bytes.size()));
    TxsByAddressRequest r;
    while (uint32_t t = in.ReadTag()) {
        bool ok = false;
        switch (t) {
            case tag(1, kBytes):
                ok = readBytes(in, r.address);
                break;
            case tag(2, kVarint):
                ok = in.ReadVarint64(&r.beforeHeight);
                break;
            case tag(3, kVarint):
                ok = in.ReadVarint32(&r.beforeIndex);
                break;
            case tag(4, kVarint):
                ok = in.ReadVarint32(&r.limit);
                break;
            default:
                ok = false;
        }
        if (!ok) return malformed("TxsByAddress request");
    }
    if (!in.ConsumedEntireMessage()) return malformed("TxsByAddress request");
    return r;
}

Bytes encodeTxsByAddressResponse(const std::vector<TxsByAddressEntry>& entries) {
    std::string buffer;
    {
        StringOutputStream stream(&buffer);
        CodedOutputStream out(&stream);
        for (const TxsByAddressEntry& e : entries) {
            allora::chain::v1::QueryTxResponse tx;
            tx.set_hash(std::string(e.hash.begin(), e.hash.end()));
            tx.set_height(e.height);
            tx.set_index(e.index);
            tx.set_tx(std::string(e.tx.begin(), e.tx.end()));
            tx.mutable_result()->ParseFromArray(e.result.data(), static_cast<int>(e.result.size()));
            const std::string txBytes = tx.SerializeAsString();
            std::string entry;
            {
                StringOutputStream entryStream(&entry);
                CodedOutputStream eo(&entryStream);
                eo.WriteTag(tag(1, kBytes));
                eo.WriteVarint32(static_cast<uint32_t>(txBytes.size()));
                eo.WriteString(txBytes);
                if (e.timeUnixNanos != 0) {
                    eo.WriteTag(tag(2, kVarint));
                    eo.WriteVarint64(static_cast<uint64_t>(e.timeUnixNanos));
                }
            }
            out.WriteTag(tag(1, kBytes));
            out.WriteVarint32(static_cast<uint32_t>(entry.size()));
            out.WriteString(entry);
        }
    }
    return fromString(buffer);
}

Result<std::vector<TxsByAddressEntry>> decodeTxsByAddressResponse(ByteSpan bytes) {
    CodedInputStream in(bytes.data(), static_cast<int>(bytes.size()));
    std::vector<TxsByAddressEntry> out;
    while (uint32_t t = in.ReadTag()) {
        std::string entryBytes;
        if (t != tag(1, kBytes) || !readBytes(in, entryBytes))
            return malformed("TxsByAddress response");
        CodedInputStream entry(reinterpret_cast<const uint8_t*>(entryBytes.data()),
                               static_cast<int>(entryBytes.size()));
        TxsByAddressEntry e;
        while (uint32_t et = entry.ReadTag()) {
            if (et == tag(1, kBytes)) {
                std::string txBytes;
                allora::chain::v1::QueryTxResponse tx;
                if (!readBytes(entry, txBytes) || !tx.ParseFromString(txBytes) ||
                    tx.hash().size() != e.hash.size())
                    return malformed("TxsByAddress entry");
                std::copy(tx.hash().begin(), tx.hash().end(), e.hash.begin());
                e.height = tx.height();
                e.index = tx.index();
                e.tx = fromString(tx.tx());
                e.result = fromString(tx.result().SerializeAsString());
            } else if (et == tag(2, kVarint)) {
                uint64_t v = 0;
                if (!entry.ReadVarint64(&v)) return malformed("TxsByAddress entry");
                e.timeUnixNanos = static_cast<int64_t>(v);
            } else {
                return malformed("TxsByAddress entry");
            }
        }
        out.push_back(std::move(e));
    }
    if (!in.ConsumedEntireMessage()) return malformed("TxsByAddress response");
    return out;
}

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
    if (path == paths::kTxsByAddress) {
        auto req = decodeTxsByAddressRequest(request.data);
        if (!req) return badRequest();
        // Bech32 is case-insensitive; the events carry the lower-case form.
        std::string address = req->address;
        std::transform(address.begin(), address.end(), address.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (auto a = parseAddress(address); !a)
            return failure(TxCode::InvalidAddress, a.message(), height);
        const uint32_t limit = req->limit == 0
                                   ? TxsByAddressRequest::kMaxTxsPerPage
                                   : std::min(req->limit, TxsByAddressRequest::kMaxTxsPerPage);
        TxCursor before;
        if (req->beforeHeight != 0) before = TxCursor{req->beforeHeight, req->beforeIndex};
        auto txs = blocks_->txsByAddress(address, before, limit);
        if (!txs) return internal(txs.error());
        std::vector<TxsByAddressEntry> entries;
        entries.reserve(txs->size());
        for (AddressTx& t : *txs)
            entries.push_back(TxsByAddressEntry{t.tx.hash, t.tx.height, t.tx.index,
                                                t.blockTimeUnixNanos, std::move(t.tx.tx),
                                                encodeTxResult(t.tx.result)});
        QueryResponse r;
        r.value = encodeTxsByAddressResponse(entries);
        r.height = height;
        return r;
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
