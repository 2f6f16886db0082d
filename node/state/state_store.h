// StateStore: the committed key-value state of the chain and its commitment, the app hash.
//
// Entries live in the SQLite table state_kv (key BLOB PRIMARY KEY, value BLOB), ordered by key,
// next to the MerkleTree (merkle_tree.h) whose root is the app hash. The chain never writes to the
// store directly: a block's execution writes into a StateOverlay made on the store, and commit()
// applies that overlay, updates the tree and records (height, app hash), all inside one SQLite
// transaction that the caller owns, so its block record goes into the very same transaction:
//
//     StateOverlay block(store);
//     ... execute transactions, each in a child overlay merged into `block` or dropped ...
//     auto txn = Transaction::begin(db);            // check the Result
//     auto appHash = store.commit(*txn, block, height);
//     blockStore.put(*txn, height, ..., *appHash);  // the block store's rows, same transaction
//     txn->commit();                                // all of it, or (on any failure) none of it
//
// A crash before COMMIT leaves the previous height, state and app hash, never a mix.
//
// height() and appHash() read the database each time rather than a cached copy: inside an open
// transaction they see its writes, and after a rollback they see the old values again, with no
// way for memory and disk to disagree.
//
// Read cache. get() keeps the values it reads (absent keys too) in memory, because a block reads
// the same accounts, balances and params thousands of times and each SQLite read costs a lock
// round trip. The cache only ever holds COMMITTED values, so it can never change what a read
// returns, only how fast:
//   - commit() erases every key it writes from the cache before writing it; its values are kept
//     aside as "unconfirmed", tagged with the (height, app hash) of that commit;
//   - while an unconfirmed commit exists, nothing read from SQLite enters the cache (the open
//     transaction may hold uncommitted rows, and may still roll back);
//   - outside any transaction the unconfirmed commit is settled by reading the commit record
//     once: if it shows that (height, app hash), the transaction committed and its values enter
//     the cache; otherwise it rolled back and they are dropped. settleReadCache() does this
//     right after the caller commits; the next get() outside a transaction does it anyway.
// This relies on commit() being the only writer of state_kv (no other code writes that table).
// The cache is bounded (kReadCacheMaxBytes); past the bound it is emptied and refills.
//
// Not thread-safe: used by one thread at a time, like its Database (the node's apply strand).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/row_batch.h"
#include "core/sqlite.h"
#include "node/state/merkle_proof.h"
#include "node/state/merkle_tree.h"
#include "node/state/state_overlay.h"
#include "node/state/state_reader.h"

namespace allora::node {

class StateStore final : public StateReader {
public:
    struct CommitInfo {
        uint64_t height = 0;
        Hash256 appHash{};
        bool operator==(const CommitInfo&) const = default;
    };

    struct ProvenValue {
        std::optional<Bytes> value;  // nullopt: the proof is an exclusion proof
        MerkleProof proof;
        CommitInfo at;  // the commit the proof is against
    };

    // Creates the tables if missing and checks that the recorded app hash matches the tree.
    // `db` must outlive the store and stay where it is. The store is handed out by pointer because
    // overlays refer to it by address.
    static Result<std::unique_ptr<StateStore>> open(Database& db);

    StateStore(const StateStore&) = delete;
    StateStore& operator=(const StateStore&) = delete;

    Result<std::optional<Bytes>> get(ByteSpan key) const override;
    Result<bool> getInto(ByteSpan key, Bytes& out) const override;
    Status forEachInRange(ByteSpan begin, std::optional<ByteSpan> end,
                          const Visitor& visit) const override;

    // The last commit, or nullopt before the first one.
    Result<std::optional<CommitInfo>> lastCommit() const;
    // Height of the last commit; 0 before the first.
    Result<uint64_t> height() const;
    // App hash of the last commit; the empty-tree hash (32 zero bytes) before the first.
    Result<Hash256> appHash() const;

    // Writes `block` (an overlay made directly on this store) as the state at `height`, inside
    // `txn`, which must be open on this store's database; returns the new app hash. Heights must
    // increase from one commit to the next (the first may be any). Nothing is durable until the
    // caller commits `txn`; if it rolls back instead, the store is as it was. On failure this call
    // undoes its own writes (a savepoint) and leaves `txn` usable. `block` is not cleared.
    Result<Hash256> commit(Transaction& txn, const StateOverlay& block, uint64_t height);
    // The same in a transaction of its own, committed before returning.
    Result<Hash256> commit(const StateOverlay& block, uint64_t height);

    // Moves the values of a commit whose transaction has been committed into the read cache (see
    // the header comment); does nothing inside a transaction or when nothing waits. Optional:
    // call it after committing the transaction given to commit() so the next reads of the keys
    // just written come from memory.
    void settleReadCache() const;

    // Read cache limit: keys, values and bookkeeping, in bytes (estimated).
    static constexpr size_t kReadCacheMaxBytes = 64u << 20;
    struct ReadCacheStats {
        uint64_t hits = 0;
        uint64_t misses = 0;
        size_t entries = 0;
        size_t bytes = 0;
    };
    ReadCacheStats readCacheStats() const;

    // A proof for `key` against the current app hash (inclusion if present, else exclusion).
    Result<MerkleProof> prove(ByteSpan key) const;
    Result<ProvenValue> getWithProof(ByteSpan key) const;

    // Read-only: writing to the tree directly would part it from state_kv and the recorded hash.
    const MerkleTree& tree() const { return tree_; }
    Database& database() const { return *db_; }

private:
    StateStore(Database& db, MerkleTree tree) : db_(&db), tree_(std::move(tree)) {}

    // Bytes hashed and compared as a byte string; transparent so a ByteSpan finds a Bytes key.
    struct SpanHash {
        using is_transparent = void;
        size_t operator()(ByteSpan b) const {
            return std::hash<std::string_view>()(
                std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
        }
    };
    struct SpanEqual {
        using is_transparent = void;
        bool operator()(ByteSpan a, ByteSpan b) const {
            return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
        }
    };
    // Only looked up, never iterated: its order cannot reach a result.
    using ReadCache = std::unordered_map<Bytes, std::optional<Bytes>, SpanHash, SpanEqual>;
    struct Unconfirmed {
        CommitInfo at;
        std::vector<std::pair<Bytes, std::optional<Bytes>>> values;
    };

    void cacheInsert(Bytes key, std::optional<Bytes> value) const;
    void cacheErase(ByteSpan key) const;

    Database* db_;
    MerkleTree tree_;
    mutable ReadCache cache_;
    mutable size_t cacheBytes_ = 0;
    mutable std::optional<Unconfirmed> unconfirmed_;
    mutable ReadCacheStats cacheStats_;
    // Point statements are prepared once. Range scans prepare their own statement per call, so an
    // iteration callback may read the store (even iterate it again) without disturbing the scan.
    mutable Statement selectValue_, deleteValue_, selectMeta_, upsertMeta_;
    // A block's upserts, several rows to one INSERT (core/row_batch.h).
    RowBatch<ByteSpan, ByteSpan> upsert_;
};

}  // namespace allora::node
