// Unit tests for the state commitment (node/state/merkle_tree.h) on real SQLite files.
//
// The expected roots come from a reference implementation written here straight from the scheme in
// merkle_tree.h (recursive, uncompressed, hashing with SHA-256 on hand-built buffers), so the
// stored, path-compressed, incremental tree is checked against the specification rather than
// against itself.
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "core/hash.h"
#include "core/sqlite.h"
#include "node/state/merkle_tree.h"

using allora::Bytes;
using allora::ByteSpan;
using allora::Database;
using allora::Hash256;
using allora::sha256;
using allora::node::MerkleProof;
using allora::node::MerkleTree;
using allora::node::verifyMerkleProofHashed;

namespace {

using Leaves = std::map<Hash256, Hash256>;  // key hash -> value hash, ordered by path

// ---- The reference: the scheme of merkle_tree.h, literally ----

Hash256 tagged(uint8_t tag, const Hash256& a, const Hash256& b) {
    Bytes buffer{tag};
    buffer.insert(buffer.end(), a.begin(), a.end());
    buffer.insert(buffer.end(), b.begin(), b.end());
    return sha256(buffer);
}

unsigned bitOf(const Hash256& h, unsigned i) {
    return (h[i / 8] >> (7 - i % 8)) & 1u;
}

Hash256 referenceHash(std::vector<std::pair<Hash256, Hash256>>::const_iterator begin,
                      std::vector<std::pair<Hash256, Hash256>>::const_iterator end,
                      unsigned depth) {
    if (begin == end) return Hash256{};
    if (end - begin == 1) return tagged(0x00, begin->first, begin->second);
    const auto mid = std::partition_point(
        begin, end, [depth](const auto& leaf) { return bitOf(leaf.first, depth) == 0; });
    return tagged(0x01, referenceHash(begin, mid, depth + 1), referenceHash(mid, end, depth + 1));
}

Hash256 referenceRoot(const Leaves& leaves) {
    const std::vector<std::pair<Hash256, Hash256>> sorted(leaves.begin(), leaves.end());
    return referenceHash(sorted.begin(), sorted.end(), 0);
}

// ---- Helpers ----

Bytes keyOf(int i) {
    return allora::toBytes("key-" + std::to_string(i));
}
Bytes valueOf(int i, int version = 0) {
    return allora::toBytes("value-" + std::to_string(i) + "-" + std::to_string(version));
}

MerkleTree::Update setUpdate(ByteSpan key, ByteSpan value) {
    return {sha256(key), sha256(value)};
}
MerkleTree::Update removeUpdate(ByteSpan key) {
    return {sha256(key), std::nullopt};
}

// A path with chosen leading bits: `prefixBits` copied from `base`, then bit `prefixBits` forced to
// `bit`, the rest from `tail`. Lets a test build keys that share very long prefixes, which SHA-256
// of real keys would (almost) never produce.
Hash256 craftedPath(const Hash256& base, unsigned prefixBits, unsigned bit, const Hash256& tail) {
    Hash256 out = tail;
    for (unsigned i = 0; i <= prefixBits && i < 256; ++i) {
        const unsigned value = i < prefixBits ? bitOf(base, i) : bit;
        const auto mask = static_cast<uint8_t>(0x80u >> (i % 8));
        out[i / 8] = static_cast<uint8_t>(value ? (out[i / 8] | mask) : (out[i / 8] & ~mask));
    }
    return out;
}

int64_t countRows(Database& db, const char* table) {
    auto stmt = db.prepare(std::string("SELECT count(*) FROM ") + table);
    if (!stmt) qFatal("%s", stmt.message().c_str());
    auto row = stmt->step();
    if (!row || !*row) qFatal("count failed");
    return stmt->columnInt64(0);
}

// A database file with a tree in it, reopenable.
struct TreeFile {
    std::string path;
    std::unique_ptr<Database> db;
    std::optional<MerkleTree> tree;

    explicit TreeFile(std::string file) : path(std::move(file)) { reopen(); }
    void close() {
        tree.reset();  // statements before their connection
        db.reset();
    }
    void reopen() {
        close();
        auto opened = Database::open(path);
        if (!opened) qFatal("%s", opened.message().c_str());
        db = std::make_unique<Database>(std::move(*opened));
        auto t = MerkleTree::open(*db);
        if (!t) qFatal("%s", t.message().c_str());
        tree.emplace(std::move(*t));
    }
    Hash256 apply(std::vector<MerkleTree::Update> updates) {
        auto root = tree->apply(std::move(updates));
        if (!root) qFatal("apply failed: %s", root.message().c_str());
        return *root;
    }
    Hash256 root() {
        auto r = tree->root();
        if (!r) qFatal("%s", r.message().c_str());
        return *r;
    }
};

// Applies updates to the model the way the tree should.
void applyToModel(Leaves& model, const std::vector<MerkleTree::Update>& updates) {
    for (const auto& u : updates) {
        if (u.valueHash) {
            model[u.keyHash] = *u.valueHash;
        } else {
            model.erase(u.keyHash);
        }
    }
}

}  // namespace

class TestMerkleTree : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    int files_ = 0;
    std::string newFile() {
        return dir_.filePath(QStringLiteral("tree-%1.db").arg(++files_)).toStdString();
    }

    // Every stored branch is reachable: a compressed binary tree over n >= 1 leaves has exactly
    // n - 1 branches, so any leftover row from an old version would show up here.
    static void checkNoGarbage(TreeFile& file, size_t leaves) {
        QCOMPARE(countRows(*file.db, "state_smt_branch"),
                 static_cast<int64_t>(leaves == 0 ? 0 : leaves - 1));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void emptyTree() {
        TreeFile file(newFile());
        QCOMPARE(file.root(), Hash256{});
        auto proof = file.tree->prove(keyOf(1));
        QVERIFY(proof.ok());
        QVERIFY(proof->siblings.empty());
        QVERIFY(!proof->leaf);
        QVERIFY(MerkleTree::verify(Hash256{}, keyOf(1), std::nullopt, *proof));
        QVERIFY(!MerkleTree::verify(Hash256{}, keyOf(1), ByteSpan(valueOf(1)), *proof));
        // Removing from an empty tree is a no-op.
        QCOMPARE(file.apply({removeUpdate(keyOf(1))}), Hash256{});
        checkNoGarbage(file, 0);
    }

    void smallTreesMatchTheSpecByHand() {
        TreeFile file(newFile());
        // One leaf: the root is the leaf hash itself.
        const Hash256 k1 = sha256(keyOf(1)), v1 = sha256(valueOf(1));
        QCOMPARE(file.apply({setUpdate(keyOf(1), valueOf(1))}), tagged(0x00, k1, v1));

        // Two leaves whose paths part at bit 0: root = H(0x01 || left leaf || right leaf).
        const Hash256 zero{}, ones = [] {
            Hash256 h;
            h.fill(0xff);
            return h;
        }();
        const Hash256 a = craftedPath(zero, 0, 0, zero), b = craftedPath(zero, 0, 1, ones);
        TreeFile pair(newFile());
        const Hash256 va = sha256(allora::toBytes("a")), vb = sha256(allora::toBytes("b"));
        const Hash256 root = pair.apply({{a, va}, {b, vb}});
        QCOMPARE(root, tagged(0x01, tagged(0x00, a, va), tagged(0x00, b, vb)));

        // Two leaves parting at bit 2 (same first two bits, 0 0): two one-sided levels above the
        // split, each hashed with the empty hash as the right sibling.
        TreeFile deep(newFile());
        const Hash256 c = craftedPath(zero, 2, 0, ones), d = craftedPath(zero, 2, 1, zero);
        const Hash256 split = tagged(0x01, tagged(0x00, c, va), tagged(0x00, d, vb));
        const Hash256 expected = tagged(0x01, tagged(0x01, split, zero), zero);
        QCOMPARE(deep.apply({{d, vb}, {c, va}}), expected);
    }

    void knownAnswerVectors() {
        // Computed by an independent implementation of the scheme in Python (hashlib), so that an
        // accidental change to the hashing or the proof encoding cannot pass unnoticed, and so that
        // other implementations have something to check against:
        //   H = lambda b: hashlib.sha256(b).digest()
        //   bit = lambda h, i: (h[i // 8] >> (7 - i % 8)) & 1
        //   def node(leaves, d):  # leaves: sorted [(H(key), H(value))]
        //       if not leaves: return bytes(32)
        //       if len(leaves) == 1: return H(b"\x00" + leaves[0][0] + leaves[0][1])
        //       l = [x for x in leaves if bit(x[0], d) == 0]; r = [x for x in leaves if bit(x[0],
        //       d)] return H(b"\x01" + node(l, d + 1) + node(r, d + 1))
        struct Vector {
            std::vector<std::pair<std::string, std::string>> entries;
            const char* root;
        };
        std::vector<std::pair<std::string, std::string>> hundred;
        for (int i = 0; i < 100; ++i) {
            hundred.emplace_back("key-" + std::to_string(i), "value-" + std::to_string(i));
        }
        const std::vector<std::pair<std::string, std::string>> three{
            {"alice", "100"}, {"bob", "200"}, {"carol", "300"}};
        const Vector vectors[] = {
            {{}, "0000000000000000000000000000000000000000000000000000000000000000"},
            {{{"alice", "100"}},
             "e88595db6e2373140c77336108e543dd79e1c6420dff08568b120417c8af88b5"},
            {three, "b5676771f809fdd78b56814738d0645e6341c39427f0812a5e6cb4e580f0e1ce"},
            {hundred, "71ede163c2b787b578bb9098a7fe1a58c65dd47818111c9cf3b3f25e9d21fc06"},
            {{{"", ""}, {"k", ""}},
             "3b1b3df21866957cb2959f60f40c91d98e360bd5f096674f2e79fc29bb14ce9d"},
        };
        const auto build = [this](const std::vector<std::pair<std::string, std::string>>& entries) {
            auto file = std::make_unique<TreeFile>(newFile());
            std::vector<MerkleTree::Update> updates;
            for (const auto& [k, v] : entries) {
                updates.push_back(setUpdate(allora::toBytes(k), allora::toBytes(v)));
            }
            file->apply(updates);
            return file;
        };
        for (const Vector& v : vectors) {
            QCOMPARE(allora::toHex(build(v.entries)->root()), std::string(v.root));
        }

        // Proof encodings: inclusion of "alice" and exclusion (by a neighbouring leaf) of "dave" in
        // the three-entry tree, and exclusion by an empty position of "absent-1" among the hundred.
        auto tree3 = build(three);
        const Hash256 root3 = tree3->root();
        const std::pair<const char*, const char*> proofs3[] = {
            {"alice",
             "010002a07e6690dce29652a830c76a3b9010e4e9e9a28ce5dade073782565938a28dbd5172fdea6635f5"
             "3c5b482e594d1e151d095de2003f3c64572fa401afe6ae95202bd806c97f0e00af1a1fc3328fa763a926"
             "9723c8db8fac4f93af71db186d6e90ad57366865126e55649ecb23ae1d48887544976efea46a48eb5d85"
             "a6eeb4d306"},
            {"dave",
             "010002a07e6690dce29652a830c76a3b9010e4e9e9a28ce5dade073782565938a28dbde88595db6e2373"
             "140c77336108e543dd79e1c6420dff08568b120417c8af88b54c26d9074c27d89ede59270c0ac14b71e0"
             "71b15239519f75474b2f3ba63481f5983bd614bb5afece5ab3b6023f71147cd7b6bc2314f9d27af74225"
             "41c6558389"},
        };
        for (const auto& [key, hex] : proofs3) {
            auto proof = tree3->tree->prove(allora::toBytes(key));
            QVERIFY(proof.ok());
            QCOMPARE(allora::toHex(proof->encode()), std::string(hex));
        }
        QVERIFY(MerkleTree::verify(root3, allora::toBytes("alice"),
                                   ByteSpan(allora::toBytes("100")),
                                   *MerkleProof::decode(*allora::fromHex(proofs3[0].second))));
        QVERIFY(MerkleTree::verify(root3, allora::toBytes("dave"), std::nullopt,
                                   *MerkleProof::decode(*allora::fromHex(proofs3[1].second))));

        auto tree100 = build(hundred);
        auto absent = tree100->tree->prove(allora::toBytes("absent-1"));
        QVERIFY(absent.ok());
        QCOMPARE(allora::toHex(absent->encode()),
                 std::string("00000597e19e7f322be714d71a5411447dbde2ad07b68052a3f29f7b686e9787b0726"
                             "8a7717af20aa2df1835392cad4641e0cc8ba73b061373309bbda3a95f41a63faf13d"
                             "85b9bb3a72069bef5ece0759ad03d9fc4a995c876ce15d148ff155bd09a0b11592aa"
                             "167a4a26bb5609dc120b749fe81ec37a606a811bdbeb972fc64b77a7c914df0ec6cd"
                             "5a64df794c283eba58657d5bfa1556e26af033ff08acf812bd396"));
        QVERIFY(MerkleTree::verify(tree100->root(), allora::toBytes("absent-1"), std::nullopt,
                                   *absent));
    }

    void matchesReferenceUnderRandomChanges() {
        TreeFile file(newFile());
        Leaves model;
        std::mt19937_64 rng(20240601);
        for (int batch = 0; batch < 60; ++batch) {
            std::vector<MerkleTree::Update> updates;
            std::map<Hash256, bool> seen;  // one update per key per batch
            const int size = 1 + static_cast<int>(rng() % 40);
            for (int j = 0; j < size; ++j) {
                const int key = static_cast<int>(rng() % 300);
                const Hash256 kh = sha256(keyOf(key));
                if (seen[kh]) continue;
                seen[kh] = true;
                if (rng() % 3 == 0) {
                    updates.push_back(removeUpdate(keyOf(key)));  // may be absent: a no-op
                } else {
                    updates.push_back(setUpdate(keyOf(key), valueOf(key, batch)));
                }
            }
            applyToModel(model, updates);
            QCOMPARE(file.apply(updates), referenceRoot(model));
        }
        checkNoGarbage(file, model.size());
    }

    void rootIndependentOfOrderAndHistory() {
        std::vector<int> keys(400);
        for (int i = 0; i < 400; ++i) keys[i] = i;
        Leaves model;
        for (int k : keys) model[sha256(keyOf(k))] = sha256(valueOf(k));
        const Hash256 expected = referenceRoot(model);

        std::mt19937_64 rng(7);
        for (int round = 0; round < 5; ++round) {
            std::shuffle(keys.begin(), keys.end(), rng);
            TreeFile file(newFile());
            // Random batch sizes: one key at a time in round 0, larger batches later.
            size_t at = 0;
            while (at < keys.size()) {
                const size_t n = round == 0 ? 1 : 1 + rng() % 97;
                std::vector<MerkleTree::Update> batch;
                for (size_t j = at; j < std::min(keys.size(), at + n); ++j) {
                    batch.push_back(setUpdate(keyOf(keys[j]), valueOf(keys[j])));
                }
                at += n;
                file.apply(batch);
            }
            QCOMPARE(file.root(), expected);
        }

        // History does not matter: other values and extra keys, then back to the same set.
        TreeFile file(newFile());
        for (int k = 0; k < 600; ++k) file.apply({setUpdate(keyOf(k), valueOf(k, 9))});
        std::vector<MerkleTree::Update> back;
        for (int k = 0; k < 400; ++k) back.push_back(setUpdate(keyOf(k), valueOf(k)));
        for (int k = 400; k < 600; ++k) back.push_back(removeUpdate(keyOf(k)));
        QCOMPARE(file.apply(back), expected);
        checkNoGarbage(file, 400);
    }

    void deletionsRestoreEarlierRoots() {
        TreeFile file(newFile());
        std::vector<MerkleTree::Update> first;
        for (int k = 0; k < 200; ++k) first.push_back(setUpdate(keyOf(k), valueOf(k)));
        const Hash256 rootA = file.apply(first);

        std::vector<MerkleTree::Update> more, undo;
        for (int k = 200; k < 500; ++k) {
            more.push_back(setUpdate(keyOf(k), valueOf(k)));
            undo.push_back(removeUpdate(keyOf(k)));
        }
        const Hash256 rootB = file.apply(more);
        QVERIFY(rootB != rootA);
        QCOMPARE(file.apply(undo), rootA);
        checkNoGarbage(file, 200);

        // One at a time, in a shuffled order, down to nothing.
        std::vector<int> order(200);
        for (int i = 0; i < 200; ++i) order[i] = i;
        std::shuffle(order.begin(), order.end(), std::mt19937_64(3));
        Leaves model;
        for (int k = 0; k < 200; ++k) model[sha256(keyOf(k))] = sha256(valueOf(k));
        for (int k : order) {
            model.erase(sha256(keyOf(k)));
            QCOMPARE(file.apply({removeUpdate(keyOf(k))}), referenceRoot(model));
        }
        QCOMPARE(file.root(), Hash256{});
        checkNoGarbage(file, 0);
    }

    void longSharedPrefixes() {
        // Paths that part only deep down (bit 255 at the extreme), next to ordinary ones, so the
        // compressed runs and their level-by-level hashing are exercised.
        TreeFile file(newFile());
        Leaves model;
        const Hash256 base = sha256(allora::toBytes("base"));
        std::vector<MerkleTree::Update> updates;
        for (unsigned bits : {255u, 254u, 200u, 128u, 31u, 8u, 1u}) {
            const Hash256 path = craftedPath(base, bits, bitOf(base, bits) ^ 1u,
                                             sha256(allora::toBytes(std::to_string(bits))));
            updates.push_back({path, sha256(allora::toBytes("v" + std::to_string(bits)))});
        }
        updates.push_back({base, sha256(allora::toBytes("base value"))});
        for (int k = 0; k < 50; ++k) updates.push_back(setUpdate(keyOf(k), valueOf(k)));
        applyToModel(model, updates);
        QCOMPARE(file.apply(updates), referenceRoot(model));
        checkNoGarbage(file, model.size());

        const Hash256 root = file.root();
        for (const auto& [kh, vh] : model) {
            auto proof = file.tree->proveHashed(kh);
            QVERIFY(proof.ok());
            QVERIFY(verifyMerkleProofHashed(root, kh, vh, *proof));
        }
        // The deepest pair: its proof runs all the way down.
        auto deepest = file.tree->proveHashed(base);
        QVERIFY(deepest.ok());
        QCOMPARE(deepest->siblings.size(), size_t{256});
        // An absent path sharing 250 bits with `base` is proven absent inside the compressed run.
        const Hash256 absent = craftedPath(base, 250, bitOf(base, 250) ^ 1u, Hash256{});
        auto exclusion = file.tree->proveHashed(absent);
        QVERIFY(exclusion.ok());
        QVERIFY(verifyMerkleProofHashed(root, absent, std::nullopt, *exclusion));
        QVERIFY(!verifyMerkleProofHashed(root, base, std::nullopt, *exclusion));

        // Removing the crafted keys one by one keeps matching the reference.
        for (const auto& u :
             std::vector<MerkleTree::Update>(updates.begin(), updates.begin() + 8)) {
            model.erase(u.keyHash);
            QCOMPARE(file.apply({{u.keyHash, std::nullopt}}), referenceRoot(model));
        }
        checkNoGarbage(file, model.size());
    }

    void proofsVerifyAndRejectLies() {
        TreeFile file(newFile());
        std::vector<MerkleTree::Update> updates;
        for (int k = 0; k < 500; ++k) updates.push_back(setUpdate(keyOf(k), valueOf(k)));
        const Hash256 root = file.apply(updates);
        Hash256 otherRoot = root;
        otherRoot[31] ^= 1;

        for (int k = 0; k < 500; ++k) {
            auto proof = file.tree->prove(keyOf(k));
            QVERIFY(proof.ok());
            QVERIFY(MerkleTree::verify(root, keyOf(k), ByteSpan(valueOf(k)), *proof));
            QVERIFY(!MerkleTree::verify(root, keyOf(k), ByteSpan(valueOf(k, 1)), *proof));
            QVERIFY(!MerkleTree::verify(otherRoot, keyOf(k), ByteSpan(valueOf(k)), *proof));
            // A present key's proof is no proof of absence, and proves nothing for another key.
            QVERIFY(!MerkleTree::verify(root, keyOf(k), std::nullopt, *proof));
            QVERIFY(!MerkleTree::verify(root, keyOf(k + 1), ByteSpan(valueOf(k)), *proof));

            // Wire round trip.
            auto decoded = MerkleProof::decode(proof->encode());
            QVERIFY(decoded.ok());
            QVERIFY(*decoded == *proof);

            // Any flipped bit in a sibling breaks it.
            if (!proof->siblings.empty()) {
                MerkleProof tampered = *proof;
                tampered.siblings[static_cast<size_t>(k) % tampered.siblings.size()][0] ^= 0x40;
                QVERIFY(!MerkleTree::verify(root, keyOf(k), ByteSpan(valueOf(k)), tampered));
                MerkleProof shorter = *proof;
                shorter.siblings.pop_back();
                QVERIFY(!MerkleTree::verify(root, keyOf(k), ByteSpan(valueOf(k)), shorter));
            }
        }

        int withNeighbour = 0;
        for (int k = 500; k < 1000; ++k) {
            auto proof = file.tree->prove(keyOf(k));
            QVERIFY(proof.ok());
            if (proof->leaf) ++withNeighbour;
            QVERIFY(MerkleTree::verify(root, keyOf(k), std::nullopt, *proof));
            QVERIFY(!MerkleTree::verify(root, keyOf(k), ByteSpan(valueOf(k)), *proof));
            QVERIFY(!MerkleTree::verify(otherRoot, keyOf(k), std::nullopt, *proof));
            // Some present key's path does not lead to this proof's leaf or empty position.
            bool rejectedForPresent = false;
            for (int p = 0; p < 500 && !rejectedForPresent; ++p) {
                rejectedForPresent = !MerkleTree::verify(root, keyOf(p), std::nullopt, *proof);
            }
            QVERIFY(rejectedForPresent);
            auto decoded = MerkleProof::decode(proof->encode());
            QVERIFY(decoded.ok() && *decoded == *proof);
        }
        // Both kinds of exclusion (another key's leaf, an empty position) occurred.
        QVERIFY(withNeighbour > 0 && withNeighbour < 500);

        // Exclusion of every present key fails: its own proof cannot be bent into one.
        for (int k = 0; k < 500; ++k) {
            auto proof = file.tree->prove(keyOf(k));
            QVERIFY(proof.ok());
            MerkleProof asAbsent = *proof;
            asAbsent.leaf.reset();
            QVERIFY(!MerkleTree::verify(root, keyOf(k), std::nullopt, asAbsent));
        }

        // Malformed encodings are refused.
        const Bytes good = file.tree->prove(keyOf(1))->encode();
        QVERIFY(!MerkleProof::decode(ByteSpan(good).first(good.size() - 1)).ok());
        Bytes badFlags = good;
        badFlags[0] |= 0x02;
        QVERIFY(!MerkleProof::decode(badFlags).ok());
        QVERIFY(!MerkleProof::decode(Bytes{0x00, 0x01, 0x01}).ok());  // 257 siblings
    }

    void persistsAcrossReopen() {
        const std::string path = newFile();
        Leaves model;
        Hash256 root;
        {
            TreeFile file(path);
            std::vector<MerkleTree::Update> updates;
            for (int k = 0; k < 1000; ++k) updates.push_back(setUpdate(keyOf(k), valueOf(k)));
            applyToModel(model, updates);
            root = file.apply(updates);
        }
        TreeFile file(path);
        QCOMPARE(file.root(), root);
        QCOMPARE(root, referenceRoot(model));
        for (int k = 0; k < 1000; k += 37) {
            auto proof = file.tree->prove(keyOf(k));
            QVERIFY(proof.ok());
            QVERIFY(MerkleTree::verify(root, keyOf(k), ByteSpan(valueOf(k)), *proof));
        }
        std::vector<MerkleTree::Update> updates;
        for (int k = 900; k < 1100; ++k) updates.push_back(setUpdate(keyOf(k), valueOf(k, 2)));
        applyToModel(model, updates);
        QCOMPARE(file.apply(updates), referenceRoot(model));
        file.reopen();
        QCOMPARE(file.root(), referenceRoot(model));
        checkNoGarbage(file, model.size());
    }

    void failedOrRolledBackApplyLeavesRoot() {
        TreeFile file(newFile());
        const Hash256 root = file.apply({setUpdate(keyOf(1), valueOf(1))});

        // Two updates of one key: refused before anything is written.
        auto dup = file.tree->apply({setUpdate(keyOf(2), valueOf(2)), removeUpdate(keyOf(2))});
        QVERIFY(!dup.ok());
        QCOMPARE(dup.code(), allora::ErrorCode::InvalidArgument);
        QCOMPARE(file.root(), root);

        // Applied inside the caller's transaction, then rolled back: the root read afterwards is
        // the old one (the tree never caches a root the database does not hold).
        {
            auto txn = allora::Transaction::begin(*file.db);
            QVERIFY(txn.ok());
            const Hash256 inside = file.apply({setUpdate(keyOf(3), valueOf(3))});
            QVERIFY(inside != root);
            QCOMPARE(file.root(), inside);
        }
        QCOMPARE(file.root(), root);
        checkNoGarbage(file, 1);
    }

    void updatesCostLogarithmicWork() {
        TreeFile file(newFile());
        constexpr int n = 20000;
        Leaves model;
        QElapsedTimer timer;
        timer.start();
        for (int start = 0; start < n; start += 2000) {
            std::vector<MerkleTree::Update> batch;
            for (int k = start; k < start + 2000; ++k)
                batch.push_back(setUpdate(keyOf(k), valueOf(k)));
            applyToModel(model, batch);
            auto txn = allora::Transaction::begin(*file.db);  // one commit per batch, as a block
            QVERIFY(txn.ok());
            file.apply(batch);
            QVERIFY(txn->commit().ok());
        }
        qInfo("built a %d-key tree in %lld ms", n, static_cast<long long>(timer.elapsed()));
        QCOMPARE(file.root(), referenceRoot(model));

        // 100 changes: 60 new values, 20 inserts, 20 removals, spread over the key space.
        std::vector<MerkleTree::Update> updates;
        for (int i = 0; i < 60; ++i)
            updates.push_back(setUpdate(keyOf(i * 331), valueOf(i * 331, 1)));
        for (int i = 0; i < 20; ++i) updates.push_back(setUpdate(keyOf(n + i), valueOf(n + i)));
        for (int i = 0; i < 20; ++i) updates.push_back(removeUpdate(keyOf(i * 331 + 7)));
        applyToModel(model, updates);
        file.tree->resetStats();
        QCOMPARE(file.apply(updates), referenceRoot(model));

        const auto& stats = file.tree->stats();
        const double log2n = std::log2(static_cast<double>(n));
        qInfo("100 updates on %d keys: %llu hashes, %llu branches read, %llu written, %llu deleted",
              n, static_cast<unsigned long long>(stats.hashes),
              static_cast<unsigned long long>(stats.branchesRead),
              static_cast<unsigned long long>(stats.branchesWritten),
              static_cast<unsigned long long>(stats.branchesDeleted));
        // Each update touches at most the ~log2(n) branches on its path (shared ones only once);
        // a generous factor 2 leaves room for compressed runs, and is still ~60 times below n.
        const auto bound = static_cast<uint64_t>(100 * 2 * log2n);
        QVERIFY2(stats.branchesWritten + stats.branchesDeleted <= bound,
                 qPrintable(QString::number(stats.branchesWritten + stats.branchesDeleted)));
        QVERIFY(stats.branchesRead <= bound);
        QVERIFY(stats.hashes <= 2 * bound);
        checkNoGarbage(file, model.size());
    }
};

QTEST_APPLESS_MAIN(TestMerkleTree)
#include "test_merkle_tree.moc"
