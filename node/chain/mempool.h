// Mempool: the transactions waiting for a block (DESIGN.md: node/chain; issue 3 item 6).
//
// Entry: every tx passes Application::checkTx(New) before it is kept. Rejected without asking the
// app: a tx seen recently (by hash, in a bounded cache), a tx over maxTxBytes, and any tx when the
// pool holds maxTxs txs or maxTotalBytes bytes (MempoolIsFull).
//
// Order: the proposer reaps by priority (fee per gas, from CheckTxResult) and then arrival, but a
// sender's txs always leave in sequence order: the pool keeps one queue per sender, and reaping
// repeatedly takes the best *head* of those queues (the Ethereum "price and nonce" rule). A tx
// paying more can therefore never jump ahead of an earlier sequence of its own sender, which the
// chain would reject.
//
// Replacement: a tx with the sender and sequence of one already pooled replaces it if its priority
// is strictly higher; otherwise it is rejected (InsufficientFee) with the fee it has to beat.
// Whether the app's checkTx lets a second tx with the same sequence through is the app's call: a
// Cosmos-style ante handler that advances the sender's sequence in its check state will reject it
// with InvalidSequence before the pool sees it.
//
// After each block (update): the block's txs leave the pool, txs older than ttlBlocks expire, and
// every remaining tx is re-checked (checkTx(Recheck), in reap order so each sender's sequences are
// checked in order against the new state); failing ones are dropped.
//
// Locking. Two mutexes, always taken in this order:
//   1. appMutex_ ("the application lock"): the Application is not thread-safe, so every call into
//      it from the pool or the consensus engine happens under this lock. The engine holds it, via
//      lockApplication(), from PrepareProposal to the end of update(), so no CheckTx ever sees a
//      half-committed block and the app is used by one thread at a time: this lock *is* the apply
//      strand's ownership of the Application. checkTx() from RPC threads takes it for the app call.
//   2. mu_: the pool's own containers. Held only briefly, never while calling the app, so size()
//      and reap() never wait for a CheckTx or a block.
// Functions that need the application lock take the held lock as a parameter, which documents the
// requirement and lets them assert it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/bytes.h"
#include "core/hash.h"
#include "node/chain/abci_types.h"
#include "node/chain/application.h"

namespace allora::node {

struct MempoolConfig {
    size_t maxTxs = 5000;                 // CometBFT's default size
    uint64_t maxTotalBytes = 1ull << 30;  // 1 GiB, CometBFT's default max_txs_bytes
    uint64_t maxTxBytes = 1ull << 20;     // 1 MiB per tx
    size_t cacheSize = 10000;             // recently seen tx hashes remembered
    uint64_t ttlBlocks = 0;               // expire after this many blocks in the pool; 0 = never
    bool recheck = true;                  // re-run checkTx(Recheck) on the rest after a block
};

class Mempool {
public:
    static constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();

    // `app` must outlive the pool.
    Mempool(Application& app, MempoolConfig config);
    Mempool(const Mempool&) = delete;
    Mempool& operator=(const Mempool&) = delete;

    // Checks `tx` with the app (mode New) and keeps it if it passes. Takes the application lock:
    // callable from any thread. The result is the app's, or the pool's own reason for refusing it.
    CheckTxResult checkTx(ByteSpan tx);

    // The application lock (see the header comment). The consensus engine holds it for a whole
    // block; anyone else who calls the Application directly (queries) takes it too.
    std::unique_lock<std::mutex> lockApplication();

    // Up to maxBytes (sum of tx sizes) and maxGas (sum of gas wanted) of txs in reap order;
    // kNoLimit for no limit. The txs stay in the pool until update() removes them.
    std::vector<Bytes> reap(uint64_t maxBytes, uint64_t maxGas) const;

    // After block `height` is committed: removes `blockTxs`, expires old txs, rechecks the rest.
    // `appLock` must be the held application lock (the recheck calls the app).
    void update(const std::unique_lock<std::mutex>& appLock, uint64_t height,
                std::span<const Bytes> blockTxs);

    size_t size() const;
    uint64_t totalBytes() const;
    bool contains(const Hash256& txHash) const;
    // Removes every tx (the seen-cache too); for tests and operator commands.
    void flush();

private:
    struct Entry {
        Bytes tx;
        Hash256 hash{};
        std::string sender;
        uint64_t sequence = 0;
        uint64_t gasWanted = 0;
        uint64_t priority = 0;
        uint64_t arrival = 0;  // order of entry; a replacement keeps the arrival of its victim
        uint64_t heightAdded = 0;
    };
    // One sender's txs by sequence.
    using SenderQueue = std::map<uint64_t, Entry>;

    // Entries in reap order (the merge of the sender queues' heads) within the limits.
    std::vector<const Entry*> orderedLocked(uint64_t maxBytes, uint64_t maxGas) const;
    void removeLocked(const std::string& sender, uint64_t sequence);
    void rememberLocked(const Hash256& hash);
    void forgetLocked(const Hash256& hash);
    static CheckTxResult refuse(TxCode code, std::string log);

    Application& app_;
    const MempoolConfig config_;
    std::mutex appMutex_;

    mutable std::mutex mu_;  // guards everything below
    std::map<std::string, SenderQueue> senders_;
    // Hashes are looked up, never iterated (so no order to keep): hash tables, keyed by the
    // first 8 bytes of the SHA-256.
    struct HashOfHash {
        size_t operator()(const Hash256& h) const {
            size_t v = 0;
            for (size_t i = 0; i < sizeof v; ++i) v = (v << 8) | h[i];
            return v;
        }
    };
    std::unordered_map<Hash256, std::pair<std::string, uint64_t>, HashOfHash>
        byHash_;  // -> (sender, sequence)
    // Pooled txs by their bytes (views into Entry::tx, which stays put while pooled) -> hash, so
    // update() finds a block's txs without hashing each again.
    std::unordered_map<std::string_view, Hash256> byBytes_;
    uint64_t totalBytes_ = 0;
    size_t count_ = 0;
    uint64_t nextArrival_ = 0;
    uint64_t height_ = 0;  // last block height seen by update()
    // Recently seen hashes, oldest first, bounded by cacheSize (CometBFT's LRU tx cache).
    std::deque<Hash256> cacheOrder_;
    std::unordered_set<Hash256, HashOfHash> cache_;
};

}  // namespace allora::node
