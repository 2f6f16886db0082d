// DecodedTxCache: decoded transactions by their exact bytes, so a tx is decoded once on its way
// through the node instead of at each step (checkTx, prepareProposal, processProposal,
// finalizeBlock each start from the raw bytes).
//
// Decoding is a pure function of the bytes: a hit returns what decoding the same bytes again
// would return, so the cache changes no outcome. Only successful decodes are kept (a failure is
// decoded again, with its message). Bounded: emptied when it reaches maxEntries. Not
// thread-safe: it belongs to the ChainApp, which is used by one thread at a time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "core/bytes.h"
#include "node/chain/tx_decoder.h"

namespace allora::node {

class DecodedTxCache {
public:
    explicit DecodedTxCache(size_t maxEntries) : maxEntries_(maxEntries) {}

    // The decoded tx, or nullptr with `failure` set (TxCode::TxDecode) when it does not decode.
    std::shared_ptr<const DecodedTx> decode(ByteSpan txBytes, TxStatus& failure);
    // Forgets one tx (e.g. once its block is committed).
    void erase(ByteSpan txBytes);
    void clear() { entries_.clear(); }
    size_t size() const { return entries_.size(); }

private:
    // Hashes the size and the last 64 bytes only: a signed tx ends with its signature, which
    // differs between any two txs, and a lookup then costs a fraction of hashing a whole tx (each
    // tx is looked up at every step). Equality still compares all the bytes, so the hash only
    // decides speed, never which entry is found.
    struct SpanHash {
        using is_transparent = void;
        size_t operator()(ByteSpan b) const {
            const size_t tail = std::min<size_t>(b.size(), 64);
            return std::hash<std::string_view>()(std::string_view(
                       reinterpret_cast<const char*>(b.data() + b.size() - tail), tail)) ^
                   b.size();
        }
    };
    struct SpanEqual {
        using is_transparent = void;
        bool operator()(ByteSpan a, ByteSpan b) const;
    };

    size_t maxEntries_;
    // Only looked up, never iterated.
    std::unordered_map<Bytes, std::shared_ptr<const DecodedTx>, SpanHash, SpanEqual> entries_;
};

}  // namespace allora::node
