#include "node/chain/decoded_tx_cache.h"

#include <algorithm>

namespace allora::node {

bool DecodedTxCache::SpanEqual::operator()(ByteSpan a, ByteSpan b) const {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

std::shared_ptr<const DecodedTx> DecodedTxCache::decode(ByteSpan txBytes, TxStatus& failure) {
    if (const auto it = entries_.find(txBytes); it != entries_.end()) return it->second;
    auto tx = std::make_shared<DecodedTx>();
    if (TxStatus s = decodeTx(txBytes, *tx); !s.ok()) {
        failure = std::move(s);
        return nullptr;
    }
    if (maxEntries_ == 0) return tx;
    if (entries_.size() >= maxEntries_) entries_.clear();
    entries_.emplace(Bytes(txBytes.begin(), txBytes.end()), tx);
    return tx;
}

void DecodedTxCache::erase(ByteSpan txBytes) {
    if (const auto it = entries_.find(txBytes); it != entries_.end()) entries_.erase(it);
}

}  // namespace allora::node
