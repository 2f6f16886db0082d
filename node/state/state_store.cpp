#include "node/state/state_store.h"

#include <algorithm>
#include <cassert>

#include "core/encoding.h"
#include "node/state/merkle_hash.h"

namespace allora::node {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS state_kv (
  key   BLOB PRIMARY KEY NOT NULL,
  value BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS state_meta (
  id       INTEGER PRIMARY KEY CHECK (id = 0),
  height   INTEGER NOT NULL CHECK (height >= 0),
  app_hash BLOB NOT NULL
);
)sql";

// What a read-cache entry holds: key and value allocations plus about 64 bytes of hash node and
// bucket (an estimate; the bound only has to be the right order of magnitude).
size_t cacheCost(const Bytes& key, const std::optional<Bytes>& value) {
    return key.size() + (value ? value->size() : 0) + 64;
}

class ResetOnExit {
public:
    explicit ResetOnExit(Statement& statement) : statement_(statement) {}
    ~ResetOnExit() { statement_.reset(); }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    Statement& statement_;
};

}  // namespace

Result<std::unique_ptr<StateStore>> StateStore::open(Database& db) {
    if (auto s = db.exec(kSchema); !s) return s.error();
    auto tree = MerkleTree::open(db);
    if (!tree) return tree.error();
    std::unique_ptr<StateStore> store(new StateStore(db, std::move(*tree)));
    struct Prepared {
        Statement* target;
        const char* sql;
    };
    const Prepared statements[] = {
        {&store->selectValue_, "SELECT value FROM state_kv WHERE key = ?1"},
        {&store->deleteValue_, "DELETE FROM state_kv WHERE key = ?1"},
        {&store->selectMeta_, "SELECT height, app_hash FROM state_meta WHERE id = 0"},
        {&store->upsertMeta_,
         "INSERT OR REPLACE INTO state_meta (id, height, app_hash) VALUES (0, ?1, ?2)"},
    };
    for (const Prepared& p : statements) {
        auto stmt = db.prepare(p.sql);
        if (!stmt) return stmt.error();
        *p.target = std::move(*stmt);
    }
    auto upsert = RowBatch<ByteSpan, ByteSpan>::prepare(
        db, "INSERT INTO state_kv (key, value) VALUES ",
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!upsert) return upsert.error();
    store->upsert_ = std::move(*upsert);

    // The recorded app hash and the tree are written in one transaction; if they disagree the file
    // was damaged or edited, and running on would make this node fork off the chain.
    auto last = store->lastCommit();
    if (!last) return last.error();
    auto root = store->tree_.root();
    if (!root) return root.error();
    const Hash256 recorded = *last ? (*last)->appHash : Hash256{};
    if (recorded != *root) {
        return makeError(ErrorCode::Corrupt, "state store: recorded app hash " + toHex(recorded) +
                                                 " does not match the state tree root " +
                                                 toHex(*root));
    }
    return store;
}

Result<std::optional<Bytes>> StateStore::get(ByteSpan key) const {
    if (const auto it = cache_.find(key); it != cache_.end()) {
        ++cacheStats_.hits;
        return it->second;
    }
    ++cacheStats_.misses;
    settleReadCache();
    std::optional<Bytes> value;
    {
        ResetOnExit guard(selectValue_);
        if (auto s = selectValue_.bind(1, key); !s) return s.error();
        auto row = selectValue_.step();
        if (!row) return row.error();
        if (*row) value = selectValue_.columnBlob(0);
    }
    // With no unconfirmed commit, the rows read are committed ones (an open transaction, if any,
    // has not written state_kv through commit()); otherwise they may still roll back.
    if (!unconfirmed_) cacheInsert(Bytes(key.begin(), key.end()), value);
    return value;
}

Result<bool> StateStore::getInto(ByteSpan key, Bytes& out) const {
    const std::optional<Bytes>* value = nullptr;
    std::optional<Bytes> read;
    if (const auto it = cache_.find(key); it != cache_.end()) {
        ++cacheStats_.hits;
        value = &it->second;
    } else {
        auto fresh = get(key);  // counts the miss, reads SQLite and fills the cache
        if (!fresh) return fresh.error();
        read = std::move(*fresh);
        value = &read;
    }
    if (!*value) {
        out.clear();
        return false;
    }
    out.assign((*value)->begin(), (*value)->end());
    return true;
}

void StateStore::cacheErase(ByteSpan key) const {
    if (const auto it = cache_.find(key); it != cache_.end()) {
        cacheBytes_ -= std::min(cacheBytes_, cacheCost(it->first, it->second));
        cache_.erase(it);
    }
}

void StateStore::cacheInsert(Bytes key, std::optional<Bytes> value) const {
    cacheErase(key);
    const size_t cost = cacheCost(key, value);
    if (cacheBytes_ + cost > kReadCacheMaxBytes) {
        cache_.clear();
        cacheBytes_ = 0;
    }
    cache_.emplace(std::move(key), std::move(value));
    cacheBytes_ += cost;
}

void StateStore::settleReadCache() const {
    if (!unconfirmed_ || db_->inTransaction()) return;
    // Outside any transaction the commit record is the committed one: it shows this commit only
    // if its transaction committed (a rolled-back one leaves an earlier height).
    auto last = lastCommit();
    if (!last) return;  // unsettled: reads keep going to SQLite, which is always right
    Unconfirmed pending = std::move(*unconfirmed_);
    unconfirmed_.reset();
    if (!*last || **last != pending.at) return;
    for (auto& [key, value] : pending.values) cacheInsert(std::move(key), std::move(value));
}

StateStore::ReadCacheStats StateStore::readCacheStats() const {
    ReadCacheStats s = cacheStats_;
    s.entries = cache_.size();
    s.bytes = cacheBytes_;
    return s;
}

Status StateStore::forEachInRange(ByteSpan begin, std::optional<ByteSpan> end,
                                  const Visitor& visit) const {
    // BLOB comparison in SQLite is memcmp, then length: the same order as compareBytes.
    auto stmt = db_->prepare(end ? "SELECT key, value FROM state_kv WHERE key >= ?1 AND key < ?2 "
                                   "ORDER BY key"
                                 : "SELECT key, value FROM state_kv WHERE key >= ?1 ORDER BY key");
    if (!stmt) return stmt.error();
    if (auto s = stmt->bind(1, begin); !s) return s;
    if (end) {
        if (auto s = stmt->bind(2, *end); !s) return s;
    }
    for (;;) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) return {};
        if (!visit(stmt->columnBlobView(0), stmt->columnBlobView(1))) return {};
    }
}

Result<std::optional<StateStore::CommitInfo>> StateStore::lastCommit() const {
    ResetOnExit guard(selectMeta_);
    auto row = selectMeta_.step();
    if (!row) return row.error();
    if (!*row) return std::optional<CommitInfo>();
    const ByteSpan hash = selectMeta_.columnBlobView(1);
    const int64_t height = selectMeta_.columnInt64(0);
    if (hash.size() != 32 || height < 0) {
        return makeError(ErrorCode::Corrupt, "state store: malformed commit record");
    }
    CommitInfo info;
    info.height = static_cast<uint64_t>(height);
    std::copy(hash.begin(), hash.end(), info.appHash.begin());
    return std::optional<CommitInfo>(info);
}

Result<uint64_t> StateStore::height() const {
    auto last = lastCommit();
    if (!last) return last.error();
    return *last ? (*last)->height : uint64_t{0};
}

Result<Hash256> StateStore::appHash() const {
    auto last = lastCommit();
    if (!last) return last.error();
    return *last ? (*last)->appHash : Hash256{};
}

Result<Hash256> StateStore::commit(Transaction& txn, const StateOverlay& block, uint64_t height) {
    // Committing an overlay made on another overlay would skip that one's writes.
    assert(&block.base() == this && "commit() of an overlay not made directly on this store");
    if (&block.base() != this) {
        return makeError(ErrorCode::Internal,
                         "state store: commit() of an overlay not made directly on this store");
    }
    if (!txn.active() || &txn.database() != db_) {
        return makeError(ErrorCode::Internal,
                         "state store: commit() needs an open transaction on the store's database");
    }
    auto last = lastCommit();
    if (!last) return last.error();
    if (*last && height <= (*last)->height) {
        return makeError(ErrorCode::InvalidArgument, "state store: commit at height " +
                                                         std::to_string(height) + " after height " +
                                                         std::to_string((*last)->height));
    }

    auto savepoint = Savepoint::begin(*db_, "state_commit");
    if (!savepoint) return savepoint.error();

    // Every key written leaves the read cache first, whatever happens next (see the header).
    for (const auto& entry : block.writes()) cacheErase(entry.first);

    std::vector<MerkleTree::Update> updates;
    updates.reserve(block.size());
    upsert_.discard();  // what a failed earlier commit may have left
    // Upserts go several to a statement (core/row_batch.h); deletes one by one. Keys are distinct
    // (the overlay's map), and the overlay's entries outlive the writes.
    for (const auto& entry : block.writes()) {
        const auto& [key, value] = entry;
        if (value) {
            if (auto s = upsert_.add(key, *value); !s) return s.error();
        } else {
            if (auto s = deleteValue_.bind(1, ByteSpan(key)); !s) {
                deleteValue_.reset();
                return s.error();
            }
            if (auto s = deleteValue_.run(); !s) return s.error();
        }
        updates.push_back(
            {merkle::keyHash(key),
             value ? std::optional<Hash256>(merkle::valueHash(*value)) : std::nullopt});
    }
    if (auto s = upsert_.finish(); !s) return s.error();
    auto root = tree_.apply(std::move(updates));
    if (!root) return root.error();

    if (auto s = upsertMeta_.bindAll(height, ByteSpan(*root)); !s) {
        upsertMeta_.reset();
        return s.error();
    }
    if (auto s = upsertMeta_.run(); !s) return s.error();
    if (auto s = savepoint->release(); !s) return s.error();
    // This commit's values wait for its transaction's outcome. An earlier unconfirmed commit in
    // the same transaction is simply forgotten: its keys stay out of the cache.
    Unconfirmed pending;
    pending.at = CommitInfo{height, *root};
    pending.values.reserve(block.size());
    for (const auto& [key, value] : block.writes()) pending.values.emplace_back(key, value);
    unconfirmed_ = std::move(pending);
    return *root;
}

Result<Hash256> StateStore::commit(const StateOverlay& block, uint64_t height) {
    auto txn = Transaction::begin(*db_);
    if (!txn) return txn.error();
    auto root = commit(*txn, block, height);
    if (!root) return root;  // the guard rolls back
    if (auto s = txn->commit(); !s) return s.error();
    settleReadCache();
    return root;
}

Result<MerkleProof> StateStore::prove(ByteSpan key) const {
    return tree_.prove(key);
}

Result<StateStore::ProvenValue> StateStore::getWithProof(ByteSpan key) const {
    // Value, proof and commit record must come from one snapshot; a read transaction pins it (a
    // no-op nesting-wise if the caller already has a transaction open, which then pins it anyway).
    std::optional<Transaction> snapshot;
    if (!db_->inTransaction()) {
        auto txn = Transaction::begin(*db_, Transaction::Mode::Deferred);
        if (!txn) return txn.error();
        snapshot.emplace(std::move(*txn));
    }
    ProvenValue out;
    auto value = get(key);
    if (!value) return value.error();
    out.value = std::move(*value);
    auto proof = tree_.prove(key);
    if (!proof) return proof.error();
    out.proof = std::move(*proof);
    auto last = lastCommit();
    if (!last) return last.error();
    if (*last) out.at = **last;
    return out;
}

}  // namespace allora::node
