#include "node/state/merkle_tree.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>
#include <string>
#include <utility>

#include "core/encoding.h"
#include "node/state/merkle_hash.h"

namespace allora::node {

using merkle::commonPrefixBits;
using merkle::kEmptyHash;
using merkle::kPathBits;
using merkle::pathBit;

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS state_smt_branch (
  id       BLOB PRIMARY KEY NOT NULL,  -- depth (1 byte) || the prefix's first ceil(depth/8) bytes
  children BLOB NOT NULL               -- left node ref || right node ref
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS state_smt_root (
  id   INTEGER PRIMARY KEY CHECK (id = 0),
  node BLOB NOT NULL,                  -- the root's node ref
  hash BLOB NOT NULL                   -- the root hash: the app hash
);
CREATE TABLE IF NOT EXISTS state_smt_scheme (
  id   INTEGER PRIMARY KEY CHECK (id = 0),
  name TEXT NOT NULL                   -- the tree's hash function (merkle::kHashScheme)
);
)sql";

// Node references on disk, kept small because every update rewrites ~log2(n) branch rows and the
// bytes written per block are what a commit costs:
//   empty:  0x00
//   leaf:   0x01 || K (32) || V (32)
//   branch: 0x02 || depth (1) || its prefix's first ceil(depth/8) bytes || its hash (32)
// A branch's name (its row id) is the same without the kind and the hash.
// The largest is a branch at depth 249 or more: 1 + 1 + 32 + 32 (a leaf takes 65).
constexpr size_t kMaxRefSize = 1 + 1 + 32 + 32;

// Resets a cached statement however the function using it returns, so no statement keeps a read
// snapshot open between calls.
class ResetOnExit {
public:
    explicit ResetOnExit(Statement& statement) : statement_(statement) {}
    ~ResetOnExit() { statement_.reset(); }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    Statement& statement_;
};

Error corrupt(const std::string& what) {
    return makeError(ErrorCode::Corrupt, "state Merkle tree: " + what);
}

// The name recorded in state_smt_scheme, or nullopt without one.
Result<std::optional<std::string>> recordedScheme(Database& db) {
    auto select = db.prepare("SELECT name FROM state_smt_scheme WHERE id = 0");
    if (!select) return select.error();
    auto row = select->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(select->columnText(0));
}

// Records this build's hash scheme in a tree that has none yet, and refuses a tree hashed with
// another function (merkle_tree.h, "Hash scheme").
Status checkHashScheme(Database& db) {
    auto recorded = recordedScheme(db);
    if (!recorded) return recorded.error();
    if (!*recorded) {
        // Only a tree that was never written is new: a root row without a scheme was written by a
        // build that hashed with SHA-256. One statement, so that two connections opening the same
        // new file cannot both decide.
        auto insert = db.prepare(
            "INSERT OR IGNORE INTO state_smt_scheme (id, name) SELECT 0, ?1 "
            "WHERE NOT EXISTS (SELECT 1 FROM state_smt_root)");
        if (!insert) return insert.error();
        if (auto s = insert->bind(1, merkle::kHashScheme); !s) return s;
        if (auto s = insert->run(); !s) return s;
        recorded = recordedScheme(db);
        if (!recorded) return recorded.error();
    }
    if (*recorded && **recorded == merkle::kHashScheme) return {};
    const std::string what = *recorded
                                 ? "hashes with " + **recorded
                                 : "was written by an earlier build, which hashed it with SHA-256";
    std::string message = "state Merkle tree: this database's state tree " + what;
    message += "; this build hashes with " + std::string(merkle::kHashScheme);
    message += ", so the recorded app hashes would not match. Delete the node's database (the ";
    message += "home's data directory) and start again from genesis";
    return makeError(ErrorCode::Unsupported, std::move(message));
}

// Orders updates by key hash, which is also the order of their paths bit by bit.
bool keyHashLess(const MerkleTree::Update& a, const MerkleTree::Update& b) {
    return a.keyHash < b.keyHash;
}

// The first update whose path has bit `depth` set; all before it have it clear. Valid because
// the updates are sorted and share their first `depth` bits.
std::span<const MerkleTree::Update>::iterator splitPoint(std::span<const MerkleTree::Update> ups,
                                                         unsigned depth) {
    return std::partition_point(ups.begin(), ups.end(), [depth](const MerkleTree::Update& u) {
        return pathBit(u.keyHash, depth) == 0;
    });
}

}  // namespace

// ---- Encoding ----

namespace {

size_t prefixBytes(unsigned depth) {
    return (depth + 7) / 8;
}

// A few encoded references, built without touching the heap.
struct Encoded {
    std::array<uint8_t, 2 * kMaxRefSize> bytes;
    size_t size = 0;

    void put(uint8_t byte) {
        assert(size < bytes.size());
        bytes[size++] = byte;
    }
    void put(const uint8_t* data, size_t n) {
        assert(size + n <= bytes.size());
        std::memcpy(bytes.data() + size, data, n);
        size += n;
    }
    ByteSpan span() const { return {bytes.data(), size}; }
};

template <typename Ref>
void appendRef(Encoded& out, const Ref& ref) {
    using Kind = typename Ref::Kind;
    out.put(static_cast<uint8_t>(ref.kind));
    if (ref.kind == Kind::Leaf) {
        out.put(ref.path.data(), 32);
        out.put(ref.hash.data(), 32);
    } else if (ref.kind == Kind::Branch) {
        out.put(ref.depth);
        out.put(ref.path.data(), prefixBytes(ref.depth));
        out.put(ref.hash.data(), 32);
    }
}

// Decodes one reference from the front of `in` and advances past it.
template <typename Ref>
Result<Ref> parseRef(ByteSpan& in) {
    using Kind = typename Ref::Kind;
    const auto take = [&in](uint8_t* dest, size_t n) {
        if (in.size() < n) return false;
        std::memcpy(dest, in.data(), n);
        in = in.subspan(n);
        return true;
    };
    Ref ref;
    uint8_t kind = 0;
    if (!take(&kind, 1) || kind > static_cast<uint8_t>(Kind::Branch)) {
        return corrupt("malformed node reference");
    }
    ref.kind = static_cast<Kind>(kind);
    bool ok = true;
    if (ref.kind == Kind::Leaf) {
        ok = take(ref.path.data(), 32) && take(ref.hash.data(), 32);
    } else if (ref.kind == Kind::Branch) {
        // Bits past the depth must be zero: the name of a prefix is unique.
        ok = take(&ref.depth, 1) && take(ref.path.data(), prefixBytes(ref.depth)) &&
             take(ref.hash.data(), 32) && merkle::maskPath(ref.path, ref.depth) == ref.path;
    }
    if (!ok) return corrupt("malformed node reference");
    return ref;
}

template <typename Ref>
Encoded branchId(const Ref& ref) {
    Encoded id;
    id.put(ref.depth);
    id.put(ref.path.data(), prefixBytes(ref.depth));
    return id;
}

}  // namespace

// ---- Opening ----

Result<MerkleTree> MerkleTree::open(Database& db) {
    if (auto s = db.exec(kSchema); !s) return s.error();
    if (auto s = checkHashScheme(db); !s) return s.error();
    MerkleTree tree(db);
    struct Prepared {
        Statement* target;
        const char* sql;
    };
    const Prepared statements[] = {
        {&tree.selectRoot_, "SELECT node, hash FROM state_smt_root WHERE id = 0"},
        {&tree.upsertRoot_,
         "INSERT OR REPLACE INTO state_smt_root (id, node, hash) VALUES (0, ?1, ?2)"},
        {&tree.selectBranch_, "SELECT children FROM state_smt_branch WHERE id = ?1"},
        {&tree.deleteBranch_, "DELETE FROM state_smt_branch WHERE id = ?1"},
    };
    for (const Prepared& p : statements) {
        auto stmt = db.prepare(p.sql);
        if (!stmt) return stmt.error();
        *p.target = std::move(*stmt);
    }
    auto upsert = RowBatch<ByteSpan, ByteSpan>::prepare(
        db, "INSERT INTO state_smt_branch (id, children) VALUES ",
        " ON CONFLICT (id) DO UPDATE SET children = excluded.children");
    if (!upsert) return upsert.error();
    tree.upsertBranch_ = std::move(*upsert);
    return tree;
}

// ---- Reading and writing rows ----

Result<MerkleTree::NodeRef> MerkleTree::loadRoot() const {
    ResetOnExit guard(selectRoot_);
    auto row = selectRoot_.step();
    if (!row) return row.error();
    if (!*row) return NodeRef{};  // never written: the empty tree
    ByteSpan node = selectRoot_.columnBlobView(0);
    auto root = parseRef<NodeRef>(node);
    if (root && !node.empty()) return corrupt("malformed root row");
    return root;
}

Result<Hash256> MerkleTree::root() const {
    ResetOnExit guard(selectRoot_);
    auto row = selectRoot_.step();
    if (!row) return row.error();
    if (!*row) return kEmptyHash;
    const ByteSpan hash = selectRoot_.columnBlobView(1);
    if (hash.size() != 32) return corrupt("malformed root hash");
    Hash256 out;
    std::copy(hash.begin(), hash.end(), out.begin());
    return out;
}

Status MerkleTree::storeRoot(const NodeRef& root, const Hash256& rootHash) {
    Encoded node;
    appendRef(node, root);
    if (auto s = upsertRoot_.bindAll(node.span(), ByteSpan(rootHash)); !s) {
        upsertRoot_.reset();
        return s;
    }
    return upsertRoot_.run();
}

Result<MerkleTree::Branch> MerkleTree::loadBranch(const NodeRef& node) const {
    assert(node.kind == NodeRef::Kind::Branch);
    ++stats_.branchesRead;
    const auto id = branchId(node);
    ResetOnExit guard(selectBranch_);
    if (auto s = selectBranch_.bind(1, id.span()); !s) return s.error();
    auto row = selectBranch_.step();
    if (!row) return row.error();
    if (!*row) return corrupt("missing branch at depth " + std::to_string(node.depth));
    ByteSpan children = selectBranch_.columnBlobView(0);
    auto left = parseRef<NodeRef>(children);
    if (!left) return left.error();
    auto right = parseRef<NodeRef>(children);
    if (!right) return right.error();
    if (!children.empty()) return corrupt("malformed branch row");
    // The structural invariants every later step relies on; checking them costs nothing next to
    // the read, and turns a damaged file into an error instead of a wrong app hash.
    const auto validChild = [&](const NodeRef& child, unsigned side) {
        return child.kind != NodeRef::Kind::Empty && pathBit(child.path, node.depth) == side &&
               commonPrefixBits(child.path, node.path) >= node.depth &&
               (child.kind == NodeRef::Kind::Leaf || child.depth > node.depth);
    };
    if (!validChild(*left, 0) || !validChild(*right, 1)) {
        return corrupt("branch children do not match its position");
    }
    return Branch{*left, *right};
}

Status MerkleTree::storeBranch(const NodeRef& node, const Branch& branch) {
    ++stats_.branchesWritten;
    const auto id = branchId(node);
    Encoded children;
    appendRef(children, branch.left);
    appendRef(children, branch.right);
    static_assert(std::tuple_size_v<decltype(BranchRow::children)> == 2 * kMaxRefSize);
    BranchRow& row = branchRows_.emplace_back();
    row.idSize = static_cast<uint8_t>(id.size);
    std::memcpy(row.id.data(), id.bytes.data(), id.size);
    row.childrenSize = static_cast<uint8_t>(children.size);
    std::memcpy(row.children.data(), children.bytes.data(), children.size);
    return {};
}

Status MerkleTree::writeBranchRows() {
    const auto idOf = [](const BranchRow& row) { return ByteSpan(row.id.data(), row.idSize); };
    std::sort(branchRows_.begin(), branchRows_.end(), [&](const BranchRow& a, const BranchRow& b) {
        const ByteSpan x = idOf(a), y = idOf(b);
        return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end());
    });
    for (const BranchRow& row : branchRows_) {
        if (auto s = upsertBranch_.add(idOf(row), ByteSpan(row.children.data(), row.childrenSize));
            !s) {
            branchRows_.clear();
            return s;
        }
    }
    auto s = upsertBranch_.finish();
    branchRows_.clear();
    return s;
}

Status MerkleTree::deleteBranch(const NodeRef& node) {
    ++stats_.branchesDeleted;
    const auto id = branchId(node);
    if (auto s = deleteBranch_.bind(1, id.span()); !s) {
        deleteBranch_.reset();
        return s;
    }
    return deleteBranch_.run();
}

// ---- Hashing ----

Hash256 MerkleTree::hashAt(const NodeRef& node, unsigned depth) const {
    switch (node.kind) {
        case NodeRef::Kind::Empty:
            return kEmptyHash;
        case NodeRef::Kind::Leaf:
            // A lone leaf has the same hash at any height.
            ++stats_.hashes;
            return merkle::leafHash(node.path, node.hash);
        case NodeRef::Kind::Branch:
            assert(depth <= node.depth);
            return merkle::liftHash(node.hash, node.path, node.depth, depth, &stats_.hashes);
    }
    return kEmptyHash;
}

// ---- Updating ----

Result<Hash256> MerkleTree::apply(std::vector<Update> updates) {
    std::sort(updates.begin(), updates.end(), keyHashLess);
    const auto duplicate =
        std::adjacent_find(updates.begin(), updates.end(),
                           [](const Update& a, const Update& b) { return a.keyHash == b.keyHash; });
    if (duplicate != updates.end()) {
        return makeError(ErrorCode::InvalidArgument,
                         "state Merkle tree: two updates of key hash " + toHex(duplicate->keyHash));
    }

    // A savepoint, not a transaction: inside the caller's transaction it nests (and undoes only our
    // rows on failure); on its own it makes the batch atomic.
    auto savepoint = Savepoint::begin(*db_, "state_smt_apply");
    if (!savepoint) return savepoint.error();
    auto oldRoot = loadRoot();
    if (!oldRoot) return oldRoot.error();
    branchRows_.clear();  // what a failed earlier apply() may have left
    upsertBranch_.discard();
    auto newRoot = update(*oldRoot, 0, updates);
    if (!newRoot) return newRoot.error();
    if (auto s = writeBranchRows(); !s) return s.error();
    const Hash256 rootHash = hashAt(*newRoot, 0);
    if (*newRoot != *oldRoot) {
        if (auto s = storeRoot(*newRoot, rootHash); !s) return s.error();
    }
    if (auto s = savepoint->release(); !s) return s.error();
    return rootHash;
}

// Returns the subtree at position (`depth`, the updates' common prefix) after applying `updates`
// (sorted, distinct, all sharing their first `depth` bits) to `node`, the subtree there now.
Result<MerkleTree::NodeRef> MerkleTree::update(const NodeRef& node, unsigned depth,
                                               std::span<const Update> updates) {
    if (updates.empty()) return node;
    if (node.kind != NodeRef::Kind::Branch) return updateLeafOrEmpty(node, depth, updates);
    assert(node.depth >= depth);

    if (node.depth > depth) {
        // A compressed run: the positions from `depth` to the branch hold nothing but the branch.
        // Jump to the first bit where some update leaves the branch's prefix (the sorted order
        // makes the first and last update bound all of them).
        const unsigned shared = std::min({commonPrefixBits(node.path, updates.front().keyHash),
                                          commonPrefixBits(node.path, updates.back().keyHash),
                                          static_cast<unsigned>(node.depth)});
        assert(shared >= depth);
        if (shared < node.depth) {
            // At `shared` the updates split between the branch's side and the empty side.
            const auto mid = splitPoint(updates, shared);
            const std::span<const Update> lo(updates.begin(), mid);
            const std::span<const Update> hi(mid, updates.end());
            const bool branchOnRight = pathBit(node.path, shared) == 1;
            auto left = update(branchOnRight ? NodeRef{} : node, shared + 1, lo);
            if (!left) return left.error();
            auto right = update(branchOnRight ? node : NodeRef{}, shared + 1, hi);
            if (!right) return right.error();
            return combine(shared, *left, *right, nullptr, nullptr);
        }
        depth = node.depth;
    }

    auto children = loadBranch(node);
    if (!children) return children.error();
    const auto mid = splitPoint(updates, depth);
    auto left = update(children->left, depth + 1, std::span<const Update>(updates.begin(), mid));
    if (!left) return left.error();
    auto right = update(children->right, depth + 1, std::span<const Update>(mid, updates.end()));
    if (!right) return right.error();
    return combine(depth, *left, *right, &node, &*children);
}

Result<MerkleTree::NodeRef> MerkleTree::updateLeafOrEmpty(const NodeRef& node, unsigned depth,
                                                          std::span<const Update> updates) {
    using Kind = NodeRef::Kind;
    assert(node.kind != Kind::Branch && !updates.empty());
    const bool isLeaf = node.kind == Kind::Leaf;
    const auto touched = isLeaf ? std::lower_bound(updates.begin(), updates.end(),
                                                   Update{node.path, std::nullopt}, keyHashLess)
                                : updates.end();
    const bool touchesLeaf = touched != updates.end() && touched->keyHash == node.path;
    const auto inserts = std::count_if(updates.begin(), updates.end(),
                                       [](const Update& u) { return u.valueHash.has_value(); });

    // Removing keys that are not there changes nothing.
    if (!touchesLeaf && inserts == 0) return node;

    // One key alone: the subtree becomes that leaf, or empty.
    if (touchesLeaf && updates.size() == 1) {
        if (!touched->valueHash) return NodeRef{};
        if (*touched->valueHash == node.hash) return node;  // same value: nothing changes
        return NodeRef{Kind::Leaf, 0, node.path, *touched->valueHash};
    }
    if (!isLeaf && inserts == 1) {
        const auto insert = std::find_if(updates.begin(), updates.end(),
                                         [](const Update& u) { return u.valueHash.has_value(); });
        return NodeRef{Kind::Leaf, 0, insert->keyHash, *insert->valueHash};
    }

    // Several keys: split on this bit. Distinct paths always part before bit 256.
    assert(depth < kPathBits);
    const auto mid = splitPoint(updates, depth);
    const bool leafOnRight = isLeaf && pathBit(node.path, depth) == 1;
    const NodeRef leftNode = isLeaf && !leafOnRight ? node : NodeRef{};
    const NodeRef rightNode = leafOnRight ? node : NodeRef{};
    auto left = update(leftNode, depth + 1, std::span<const Update>(updates.begin(), mid));
    if (!left) return left.error();
    auto right = update(rightNode, depth + 1, std::span<const Update>(mid, updates.end()));
    if (!right) return right.error();
    return combine(depth, *left, *right, nullptr, nullptr);
}

// The subtree at position `depth` made of the subtrees `left` and `right` at depth + 1. `existing`
// is the branch that stood at exactly this position before (with its children), if any.
Result<MerkleTree::NodeRef> MerkleTree::combine(unsigned depth, const NodeRef& left,
                                                const NodeRef& right, const NodeRef* existing,
                                                const Branch* existingChildren) {
    using Kind = NodeRef::Kind;
    assert(!existing || (existing->kind == Kind::Branch && existing->depth == depth));
    assert(left.kind == Kind::Empty || pathBit(left.path, depth) == 0);
    assert(right.kind == Kind::Empty || pathBit(right.path, depth) == 1);

    if (existing && left == existingChildren->left && right == existingChildren->right) {
        return *existing;  // nothing below changed
    }

    NodeRef result;
    if (left.kind == Kind::Empty || right.kind == Kind::Empty) {
        // One side only: that side's node stands for this position too (a lone leaf is lifted,
        // a branch keeps its own depth: path compression).
        result = left.kind == Kind::Empty ? right : left;
    } else {
        result.kind = Kind::Branch;
        result.depth = static_cast<uint8_t>(depth);
        result.path = merkle::maskPath(left.path, depth);
        result.hash = merkle::internalHash(hashAt(left, depth + 1), hashAt(right, depth + 1));
        ++stats_.hashes;
        if (auto s = storeBranch(result, Branch{left, right}); !s) return s.error();
    }
    // The old branch here is gone unless the result took its place (then it was overwritten).
    if (existing && (result.kind != Kind::Branch || result.depth != depth)) {
        if (auto s = deleteBranch(*existing); !s) return s.error();
    }
    return result;
}

// ---- Proofs ----

Result<MerkleProof> MerkleTree::prove(ByteSpan key) const {
    return proveHashed(merkle::keyHash(key));
}

Result<MerkleProof> MerkleTree::proveHashed(const Hash256& keyHash) const {
    // One read transaction for the whole walk: every row comes from the same snapshot (a writer on
    // another connection cannot slip a new version in half-way), and SQLite takes its file locks
    // once instead of once per row.
    auto snapshot = Savepoint::begin(*db_, "state_smt_prove");
    if (!snapshot) return snapshot.error();
    auto proof = walkProof(keyHash);
    if (!proof) return proof;
    if (auto s = snapshot->release(); !s) return s.error();
    return proof;
}

Result<MerkleProof> MerkleTree::walkProof(const Hash256& keyHash) const {
    auto root = loadRoot();
    if (!root) return root.error();
    MerkleProof proof;
    NodeRef node = *root;
    unsigned depth = 0;
    for (;;) {
        switch (node.kind) {
            case NodeRef::Kind::Empty:
                // Only the root of an empty tree is empty: a branch never has an empty child.
                assert(depth == 0);
                return proof;
            case NodeRef::Kind::Leaf:
                // The reference itself carries V: no row to read.
                proof.leaf = MerkleProof::Leaf{node.path, node.hash};
                return proof;
            case NodeRef::Kind::Branch:
                break;
        }
        const unsigned shared =
            std::min(commonPrefixBits(node.path, keyHash), static_cast<unsigned>(node.depth));
        // Positions on the compressed run have an empty child off the branch's prefix.
        for (unsigned level = depth; level < shared; ++level) proof.siblings.push_back(kEmptyHash);
        if (shared < node.depth) {
            // The key leaves the branch's prefix here: its side is empty, the sibling is the
            // branch seen from one level below.
            proof.siblings.push_back(hashAt(node, shared + 1));
            return proof;
        }
        auto children = loadBranch(node);
        if (!children) return children.error();
        const bool right = pathBit(keyHash, node.depth) == 1;
        proof.siblings.push_back(hashAt(right ? children->left : children->right, node.depth + 1u));
        depth = node.depth + 1u;
        node = right ? children->right : children->left;
    }
}

}  // namespace allora::node
