#include "node/chain/mempool.h"

#include <cassert>
#include <queue>
#include <utility>

#include "core/encoding.h"
#include "node/chain/tx_decoder.h"

namespace allora::node {

namespace {

std::string_view bytesKey(ByteSpan tx) {
    return {reinterpret_cast<const char*>(tx.data()), tx.size()};
}

}  // namespace

Mempool::Mempool(Application& app, MempoolConfig config) : app_(app), config_(config) {}

CheckTxResult Mempool::refuse(TxCode code, std::string log) {
    CheckTxResult r;
    r.result.code = static_cast<uint32_t>(code);
    r.result.codespace = "mempool";
    r.result.log = std::move(log);
    return r;
}

std::unique_lock<std::mutex> Mempool::lockApplication() {
    return std::unique_lock<std::mutex>(appMutex_);
}

CheckTxResult Mempool::checkTx(ByteSpan tx) {
    if (tx.empty()) return refuse(TxCode::TxDecode, "empty transaction");
    if (tx.size() > config_.maxTxBytes) {
        return refuse(TxCode::TxTooLarge, "tx of " + std::to_string(tx.size()) +
                                              " bytes is over the mempool's limit of " +
                                              std::to_string(config_.maxTxBytes) + " bytes");
    }
    const Hash256 hash = txHash(tx);  // remembered: the app's decoder hashes the same bytes next
    auto fullReason = [&]() -> std::optional<std::string> {
        if (count_ >= config_.maxTxs) {
            return "mempool is full: " + std::to_string(count_) + " txs (max " +
                   std::to_string(config_.maxTxs) + ")";
        }
        if (totalBytes_ + tx.size() > config_.maxTotalBytes) {
            return "mempool is full: " + std::to_string(totalBytes_) + " bytes (max " +
                   std::to_string(config_.maxTotalBytes) + ")";
        }
        return std::nullopt;
    };
    {
        // Cheap refusals first, before the app spends a signature check on the tx. The hash goes
        // into the cache now so that a second copy arriving during our CheckTx is refused too.
        std::lock_guard lock(mu_);
        if (cache_.contains(hash) || byHash_.contains(hash)) {
            return refuse(TxCode::TxInMempoolCache, "tx already in mempool cache");
        }
        if (auto reason = fullReason()) return refuse(TxCode::MempoolIsFull, *reason);
        rememberLocked(hash);
    }

    // Insertion happens under the application lock too, so that a block's update() cannot slip in
    // between the app's verdict and the insertion (the tx would then miss its recheck).
    std::lock_guard appLock(appMutex_);
    CheckTxResult res = app_.checkTx(tx, CheckTxMode::New);
    std::lock_guard lock(mu_);
    if (!res.result.ok()) {
        // Forgotten, so that the same bytes may be tried again once the state allows them.
        forgetLocked(hash);
        return res;
    }
    // An app that names no sender gives each tx a queue of its own, so none is ever "replaced".
    std::string sender = res.sender.empty() ? "#" + toHex(hash) : res.sender;
    SenderQueue& queue = senders_[sender];
    uint64_t arrival = nextArrival_++;
    if (auto it = queue.find(res.sequence); it != queue.end()) {
        const Entry& old = it->second;
        if (res.priority <= old.priority) {
            forgetLocked(hash);
            return refuse(
                TxCode::InsufficientFee,
                "a tx from " + res.sender + " with sequence " + std::to_string(res.sequence) +
                    " is already in the mempool with fee per gas " + std::to_string(old.priority) +
                    "; a replacement must pay more per gas (this one pays " +
                    std::to_string(res.priority) + ")");
        }
        // The replacement takes its victim's place in arrival order. The victim's hash stays in
        // the cache: it was seen, and resubmitting it would only lose again.
        arrival = old.arrival;
        byHash_.erase(old.hash);
        byBytes_.erase(bytesKey(old.tx));
        totalBytes_ -= old.tx.size();
        --count_;
        queue.erase(it);
    }
    if (auto reason = fullReason()) {
        // The app's check state now counts this tx although the pool drops it; the recheck after
        // the next block brings the two back in line (CometBFT accepts the same gap).
        forgetLocked(hash);
        if (queue.empty()) senders_.erase(sender);
        return refuse(TxCode::MempoolIsFull, *reason);
    }
    Entry e;
    e.tx.assign(tx.begin(), tx.end());
    e.hash = hash;
    e.sender = sender;
    e.sequence = res.sequence;
    e.gasWanted = res.gasWanted;
    e.priority = res.priority;
    e.arrival = arrival;
    e.heightAdded = height_;
    totalBytes_ += e.tx.size();
    ++count_;
    byHash_[hash] = {sender, res.sequence};
    const auto placed = queue.emplace(res.sequence, std::move(e)).first;
    byBytes_.emplace(bytesKey(placed->second.tx), hash);
    return res;
}

std::vector<const Mempool::Entry*> Mempool::orderedLocked(uint64_t maxBytes,
                                                          uint64_t maxGas) const {
    // The heads of all sender queues compete; taking a head promotes that sender's next tx.
    struct Head {
        const Entry* entry;
        SenderQueue::const_iterator next;
        SenderQueue::const_iterator end;
    };
    auto worse = [](const Head& a, const Head& b) {
        if (a.entry->priority != b.entry->priority) return a.entry->priority < b.entry->priority;
        return a.entry->arrival > b.entry->arrival;
    };
    std::priority_queue<Head, std::vector<Head>, decltype(worse)> heads(worse);
    for (const auto& [sender, queue] : senders_) {
        if (queue.empty()) continue;
        heads.push(Head{&queue.begin()->second, std::next(queue.begin()), queue.end()});
    }
    std::vector<const Entry*> out;
    out.reserve(count_);
    uint64_t bytes = 0;
    uint64_t gas = 0;
    while (!heads.empty()) {
        Head h = heads.top();
        heads.pop();
        // A head that does not fit ends its sender's turn: the later sequences cannot go first.
        if (h.entry->tx.size() > maxBytes - bytes) continue;
        if (h.entry->gasWanted > maxGas - gas) continue;
        bytes += h.entry->tx.size();
        gas += h.entry->gasWanted;
        out.push_back(h.entry);
        if (h.next != h.end) {
            const Entry* nextEntry = &h.next->second;
            heads.push(Head{nextEntry, std::next(h.next), h.end});
        }
    }
    return out;
}

std::vector<Bytes> Mempool::reap(uint64_t maxBytes, uint64_t maxGas) const {
    std::lock_guard lock(mu_);
    std::vector<Bytes> txs;
    for (const Entry* e : orderedLocked(maxBytes, maxGas)) txs.push_back(e->tx);
    return txs;
}

void Mempool::removeLocked(const std::string& sender, uint64_t sequence) {
    auto s = senders_.find(sender);
    if (s == senders_.end()) return;
    auto it = s->second.find(sequence);
    if (it == s->second.end()) return;
    byHash_.erase(it->second.hash);
    byBytes_.erase(bytesKey(it->second.tx));
    totalBytes_ -= it->second.tx.size();
    --count_;
    s->second.erase(it);
    if (s->second.empty()) senders_.erase(s);
}

void Mempool::update(const std::unique_lock<std::mutex>& appLock, uint64_t height,
                     std::span<const Bytes> blockTxs) {
    assert(appLock.owns_lock() && appLock.mutex() == &appMutex_);
    (void)appLock;

    // (sender, sequence, tx) of what is left to recheck, in reap order.
    std::vector<std::pair<std::pair<std::string, uint64_t>, Bytes>> toCheck;
    {
        std::lock_guard lock(mu_);
        height_ = height;
        for (const Bytes& tx : blockTxs) {
            const auto pooled = byBytes_.find(bytesKey(tx));
            const Hash256 hash = pooled != byBytes_.end() ? pooled->second : sha256(tx);
            // Committed txs stay in the cache: a copy arriving later is a replay.
            if (!cache_.contains(hash)) rememberLocked(hash);
            auto it = byHash_.find(hash);
            if (it == byHash_.end()) continue;
            const auto key = it->second;
            removeLocked(key.first, key.second);
        }
        if (config_.ttlBlocks > 0) {
            std::vector<std::pair<std::string, uint64_t>> expired;
            for (const auto& [sender, queue] : senders_) {
                for (const auto& [seq, e] : queue) {
                    if (height >= e.heightAdded + config_.ttlBlocks)
                        expired.emplace_back(sender, seq);
                }
            }
            for (const auto& [sender, seq] : expired) {
                // Expired txs may come back: they were never wrong, only old.
                auto s = senders_.find(sender);
                forgetLocked(s->second.at(seq).hash);
                removeLocked(sender, seq);
            }
        }
        if (!config_.recheck) return;
        for (const Entry* e : orderedLocked(kNoLimit, kNoLimit)) {
            toCheck.push_back({{e->sender, e->sequence}, e->tx});
        }
    }

    // The app runs without mu_ held, so reap() and size() stay responsive; nothing can be added
    // meanwhile because insertion needs the application lock, which our caller holds.
    std::vector<std::pair<std::string, uint64_t>> failed;
    for (const auto& [key, tx] : toCheck) {
        CheckTxResult res = app_.checkTx(tx, CheckTxMode::Recheck);
        if (!res.result.ok()) failed.push_back(key);
    }
    std::lock_guard lock(mu_);
    for (const auto& [sender, seq] : failed) {
        auto s = senders_.find(sender);
        if (s == senders_.end() || !s->second.contains(seq)) continue;
        // Forgotten, as CometBFT does: the tx may become valid again (e.g. funds arrive).
        forgetLocked(s->second.at(seq).hash);
        removeLocked(sender, seq);
    }
}

size_t Mempool::size() const {
    std::lock_guard lock(mu_);
    return count_;
}

uint64_t Mempool::totalBytes() const {
    std::lock_guard lock(mu_);
    return totalBytes_;
}

bool Mempool::contains(const Hash256& txHash) const {
    std::lock_guard lock(mu_);
    return byHash_.contains(txHash);
}

void Mempool::flush() {
    std::lock_guard lock(mu_);
    senders_.clear();
    byHash_.clear();
    byBytes_.clear();
    totalBytes_ = 0;
    count_ = 0;
    cache_.clear();
    cacheOrder_.clear();
}

void Mempool::rememberLocked(const Hash256& hash) {
    if (config_.cacheSize == 0) return;
    if (!cache_.insert(hash).second) return;
    cacheOrder_.push_back(hash);
    while (cacheOrder_.size() > config_.cacheSize) {
        cache_.erase(cacheOrder_.front());
        cacheOrder_.pop_front();
    }
}

void Mempool::forgetLocked(const Hash256& hash) {
    // The order queue keeps a stale entry; it only makes that slot expire early, which is harmless
    // for a cache, and avoids a linear search here.
    cache_.erase(hash);
}

}  // namespace allora::node
