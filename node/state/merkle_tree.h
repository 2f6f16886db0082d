// MerkleTree: the state commitment (app hash). A binary sparse Merkle tree over 256-bit paths,
// stored path-compressed in SQLite, in the style of Diem's Jellyfish Merkle Tree.
//
// The scheme (normative: the app hash and the proofs of every node depend on it).
// H is BLAKE2b-256: BLAKE2b (RFC 7693) with a 32-byte output and no key (core/hash.h blake2b256).
// Each state entry (key, value) is a leaf at path K = H(key) with value hash V = H(value). Think of
// the complete binary tree of depth 256: the position at depth d on path K holds every leaf whose
// path starts with the first d bits of K; bit d (most significant bit of byte 0 is bit 0) chooses
// its left (0) or right (1) child. The hash H(p) of a position p is
//     H(p) = 32 zero bytes                    if no leaf lies under p (the empty hash);
//     H(p) = H(0x00 || K || V)                if exactly one leaf (K, V) lies under p;
//     H(p) = H(0x01 || H(left) || H(right))   if two or more leaves lie under p.
// The app hash is H(root): 32 zero bytes for the empty state. A lone leaf is thus hashed at the
// highest position where it is alone (it is not pushed down to depth 256), and a run of positions
// with one empty child each is hashed level by level with the empty hash as the sibling. The root
// is a function of the set of (key, value) pairs only: insertion order and history cannot change
// it. Proofs (merkle_proof.h) list H(sibling) for each position on the key's path down to the
// first position that is empty or holds a single leaf.
//
// Hash scheme. The function is the tree's own choice (PROTOCOL.md fixes SHA-256 for tx hashes,
// sign docs and addresses, not for the state commitment). BLAKE2b hashes a node's 65-byte input
// in one compression where SHA-256 needs two, and libsodium runs it with SIMD; a commit hashes
// every changed key and value and every node on their paths, a large part of a block's cost
// (issue 3). Builds before
// this one hashed the same tree with SHA-256. The function's name ("blake2b-256") is recorded in
// the table state_smt_scheme when a tree is created, and open() refuses a tree recorded with
// another name, or one with a root row but no name at all (written by a SHA-256 build), with
// ErrorCode::Unsupported: extending it would mix two hash functions in one tree, and a root that
// silently changed meaning would fork the node off its chain. Such a database has to be
// re-created from genesis (devnet homes are disposable). The marker lives with the tree, not in
// StateStore's state_meta, because the tree is what it describes and is opened on its own too.
//
// Storage.
// Only "branches" are rows: positions with leaves under both children. A branch is named by its
// depth d and its d-bit prefix; its row holds its two children, each a leaf (K and V) or a deeper
// branch (its name and hash), so a run of one-sided positions between a branch and its child costs
// no row (path compression), and a leaf needs no row of its own. Updating k keys rewrites only the
// branches on their paths: O(k·log n) rows and hashes for n random keys, never O(n).
// The tree keeps only the latest version: a branch that disappears is deleted in the same write,
// and a changed branch is overwritten in place (its name is its position, which does not change).
// So a tree of n >= 1 leaves has exactly n - 1 rows in state_smt_branch.
//
// Tables (in the caller's Database, created if missing): state_smt_branch, state_smt_root,
// state_smt_scheme. All writes of one apply() happen inside a savepoint, so they join the caller's
// transaction (and a failed apply() leaves it untouched); the root is read from the database at
// each call, so a rolled-back transaction can never leave a stale root in memory.
//
// Not thread-safe: like its Database, a MerkleTree is used by one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/hash.h"
#include "core/result.h"
#include "core/row_batch.h"
#include "core/sqlite.h"
#include "node/state/merkle_proof.h"

namespace allora::node {

class MerkleTree {
public:
    struct Update {
        Hash256 keyHash{};                 // BLAKE2b-256(key)
        std::optional<Hash256> valueHash;  // BLAKE2b-256(value); nullopt removes the key
    };

    // Work counters, cumulative since open or resetStats(); they make the cost of an update
    // measurable in tests without timing.
    struct Stats {
        uint64_t hashes = 0;  // hash evaluations of tree nodes (leaf and internal hashes)
        uint64_t branchesRead = 0;
        uint64_t branchesWritten = 0;
        uint64_t branchesDeleted = 0;
    };

    // Creates the tables if missing (recording the hash scheme in a new tree) and prepares the
    // statements. Refuses (ErrorCode::Unsupported) a tree hashed with another function: see "Hash
    // scheme" above. `db` must outlive the tree and stay where it is.
    static Result<MerkleTree> open(Database& db);

    MerkleTree(MerkleTree&&) noexcept = default;
    MerkleTree& operator=(MerkleTree&&) noexcept = default;

    // The current root hash (the app hash of the committed or in-transaction state).
    Result<Hash256> root() const;

    // Applies a batch of changes and returns the new root. Updates may come in any order; two
    // updates of one key hash are an error. Removing an absent key is a no-op.
    Result<Hash256> apply(std::vector<Update> updates);

    // Proof for BLAKE2b-256(key) against root(): inclusion if the key is present, else exclusion.
    Result<MerkleProof> prove(ByteSpan key) const;
    Result<MerkleProof> proveHashed(const Hash256& keyHash) const;

    // See verifyMerkleProof: `value` absent checks a non-membership proof.
    static bool verify(const Hash256& root, ByteSpan key, std::optional<ByteSpan> value,
                       const MerkleProof& proof) {
        return verifyMerkleProof(root, key, value, proof);
    }

    const Stats& stats() const { return stats_; }
    // Counters are bookkeeping, not tree state: resetting them is allowed through const access.
    void resetStats() const { stats_ = {}; }

private:
    // A subtree as its parent sees it.
    struct NodeRef {
        enum class Kind : uint8_t { Empty = 0, Leaf = 1, Branch = 2 };
        Kind kind = Kind::Empty;
        uint8_t depth = 0;  // Branch: the bit its children split on (0..255). Leaf, Empty: 0.
        Hash256 path{};     // Leaf: its key hash. Branch: its prefix, bits from `depth` on zero.
        // Leaf: its VALUE hash V (the leaf hash is derived when needed, so the parent's row can
        // serve proofs). Branch: H of its own position. Empty: zero.
        Hash256 hash{};
        bool operator==(const NodeRef&) const = default;
    };
    struct Branch {
        NodeRef left;
        NodeRef right;
    };

    explicit MerkleTree(Database& db) : db_(&db) {}

    Result<NodeRef> update(const NodeRef& node, unsigned depth, std::span<const Update> updates);
    Result<NodeRef> updateLeafOrEmpty(const NodeRef& node, unsigned depth,
                                      std::span<const Update> updates);
    Result<NodeRef> combine(unsigned depth, const NodeRef& left, const NodeRef& right,
                            const NodeRef* existing, const Branch* existingChildren);
    // The hash of `node` as seen from the position at `depth` on its path (lifted through the
    // one-sided positions above a compressed branch).
    Hash256 hashAt(const NodeRef& node, unsigned depth) const;

    Result<MerkleProof> walkProof(const Hash256& keyHash) const;

    Result<NodeRef> loadRoot() const;
    Status storeRoot(const NodeRef& root, const Hash256& rootHash);
    Result<Branch> loadBranch(const NodeRef& node) const;
    Status storeBranch(const NodeRef& node, const Branch& branch);
    Status deleteBranch(const NodeRef& node);

    // A branch row waiting to be written: storeBranch() queues it, apply() writes the queue in
    // the order of the row ids (neighbouring rows share B-tree pages), several rows to a statement
    // (core/row_batch.h). Within one apply() no branch row is read after it is queued (every
    // position is visited once, read before its children are updated and written after), and a
    // queued id is never also deleted (a position is either rewritten or gone), so the deferral
    // cannot change what the tree reads or leaves behind.
    struct BranchRow {
        uint8_t idSize = 0;
        uint8_t childrenSize = 0;
        std::array<uint8_t, 34> id;         // depth || prefix (at most 32 bytes)
        std::array<uint8_t, 132> children;  // two node references of at most 66 bytes
    };
    Status writeBranchRows();

    Database* db_;
    // Prepared once: an update touches thousands of rows and re-preparing would dominate.
    mutable Statement selectRoot_, upsertRoot_;
    mutable Statement selectBranch_, deleteBranch_;
    RowBatch<ByteSpan, ByteSpan> upsertBranch_;
    std::vector<BranchRow> branchRows_;
    mutable Stats stats_;
};

}  // namespace allora::node
