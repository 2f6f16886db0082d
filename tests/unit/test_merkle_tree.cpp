// Unit tests for the state commitment (node/state/merkle_tree.h) on real SQLite files.
//
// The expected roots come from a reference implementation written here straight from the scheme in
// merkle_tree.h (recursive, uncompressed, hashing with BLAKE2b-256 on hand-built buffers), so the
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

using allora::blake2b256;
using allora::Bytes;
using allora::ByteSpan;
using allora::Database;
using allora::Hash256;
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
    return blake2b256(buffer);
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
    return {blake2b256(key), blake2b256(value)};
}
MerkleTree::Update removeUpdate(ByteSpan key) {
    return {blake2b256(key), std::nullopt};
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
        const Hash256 k1 = blake2b256(keyOf(1)), v1 = blake2b256(valueOf(1));
        QCOMPARE(file.apply({setUpdate(keyOf(1), valueOf(1))}), tagged(0x00, k1, v1));

        // Two leaves whose paths part at bit 0: root = H(0x01 || left leaf || right leaf).
        const Hash256 zero{}, ones = [] {
            Hash256 h;
            h.fill(0xff);
            return h;
        }();
        const Hash256 a = craftedPath(zero, 0, 0, zero), b = craftedPath(zero, 0, 1, ones);
        TreeFile pair(newFile());
        const Hash256 va = blake2b256(allora::toBytes("a")), vb = blake2b256(allora::toBytes("b"));
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
        // other implementations have something to check against. With H = hashlib.sha256 instead,
        // the same model reproduces the SHA-256 tree's vectors that this test held before.
        //   H = lambda b: hashlib.blake2b(b, digest_size=32).digest()
        //   bit = lambda h, i: (h[i // 8] >> (7 - i % 8)) & 1
        //   def node(leaves, d):  # leaves: sorted [(H(key), H(value))]
        //       if not leaves: return bytes(32)
        //       if len(leaves) == 1: return H(b"\x00" + leaves[0][0] + leaves[0][1])
        //       l = [x for x in leaves if bit(x[0], d) == 0]
        //       r = [x for x in leaves if bit(x[0], d)]
        //       return H(b"\x01" + node(l, d + 1) + node(r, d + 1))
        //   def prove(leaves, kh):  # the encoding of merkle_proof.h
        //       sib, d = [], 0
        //       while len(leaves) > 1:
        //           sib.append(node([x for x in leaves if bit(x[0], d) != bit(kh, d)], d + 1))
        //           leaves = [x for x in leaves if bit(x[0], d) == bit(kh, d)]; d += 1
        //       out = bytes([1 if leaves else 0]) + len(sib).to_bytes(2, "big") + b"".join(sib)
        //       return out + (leaves[0][0] + leaves[0][1] if leaves else b"")
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
             "e38af4efbed10b42fdae15083bf6c76845159df970f14c0593043b554fc7cfa5"},
            {three, "9e4c747dad2c230d2baf7be4cc1df79303e5f46e011bbdd0c21c2690289cd5ee"},
            {hundred, "64a4e2f5b53cfa6726a14a7838a678d1eebce32de493b1c12b90ddb099800e82"},
            {{{"", ""}, {"k", ""}},
             "5d6822e98ad65c5396f21e83ecc3de64f1a60acf8c14160f38a70f8d3b9e147a"},
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
        // the three-entry tree, and exclusion by an empty position of "absent-6" among the hundred.
        auto tree3 = build(three);
        const Hash256 root3 = tree3->root();
        const std::pair<const char*, const char*> proofs3[] = {
            {"alice",
             "0100025d2ceb7a70388652d83a26468aac4e82e20d2fff7ff36ee16536cc9faa2d2e65386bc222d6ae70"
             "89ef79b4eaf0031d72940dc7eac3db6a856969b6dd1f0f4dbae11d814979372c883b50bdb0ffadb1eaf0"
             "898bf54fd4fbf298af126fbabbda4c2f65d4117479347b9303a40b203651f60baee0278ea49c5a582280"
             "19f40c5e48"},
            {"dave",
             "0100025d2ceb7a70388652d83a26468aac4e82e20d2fff7ff36ee16536cc9faa2d2e65e38af4efbed10b"
             "42fdae15083bf6c76845159df970f14c0593043b554fc7cfa587683da837137691170e1aaa3902a07fe1"
             "639cc709f4602b0e1b72f19773f4cd7eae6ab88aa56a1b4cb1aab1ac48d6d2cc3e98c2881d6cb8e7e701"
             "3be445216d"},
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
        auto absent = tree100->tree->prove(allora::toBytes("absent-6"));
        QVERIFY(absent.ok());
        QVERIFY(!absent->leaf);  // the empty-position kind
        QCOMPARE(allora::toHex(absent->encode()),
                 std::string("0000078698088a4d05d92c48c86a317bf5c289c8a4e5fc830f8cbc546617f80e81def"
                             "97cb241b5fac930"
                             "21429f1a4c36c3ab9f35d50b31d9378ac5df0d11cef259bb8badacfbe8d6219ba14d4"
                             "c0e6a346f119519"
                             "f47f8df4acb503a96498dd8cd2dc50fe743b140605cdd0f6d33774679612da14ba7f2"
                             "3edf38201258a87"
                             "de50025c104f35f3be17011aec5e19ed974183ad3cf11da7e8695b52e1c4b2e2e8637"
                             "63e6402a2569322"
                             "f65e3e18896a8484faaecd71a0f3cc9528337a6d15c03f980c421282e82a332676726"
                             "467435983cefda6"
                             "c3bc7211c38e44f21c0551f67f4f603778"));
        QVERIFY(MerkleTree::verify(tree100->root(), allora::toBytes("absent-6"), std::nullopt,
                                   *absent));
    }

    void recordsItsHashSchemeAndRefusesOthers() {
        // A new tree records its hash function; reopening it is fine.
        const std::string path = newFile();
        Hash256 root;
        {
            TreeFile file(path);
            root = file.apply({setUpdate(keyOf(1), valueOf(1))});
            auto stmt = file.db->prepare("SELECT name FROM state_smt_scheme WHERE id = 0");
            QVERIFY(stmt.ok());
            QVERIFY(*stmt->step());
            QCOMPARE(stmt->columnText(0), std::string("blake2b-256"));
            file.reopen();
            QCOMPARE(file.root(), root);
        }

        const auto openFails = [](const std::string& file, const char* mentions) {
            auto db = Database::open(file);
            QVERIFY(db.ok());
            auto tree = MerkleTree::open(*db);
            QVERIFY(!tree.ok());
            QCOMPARE(tree.code(), allora::ErrorCode::Unsupported);
            QVERIFY2(tree.message().find(mentions) != std::string::npos, tree.message().c_str());
            QVERIFY2(tree.message().find("genesis") != std::string::npos, tree.message().c_str());
        };
        // As a build before BLAKE2b-256 left it: a root row and no scheme table. Refused, and
        // refused again (the failed open does not record a scheme in it).
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("DROP TABLE state_smt_scheme").ok());
        }
        openFails(path, "SHA-256");
        openFails(path, "SHA-256");
        // Another recorded name.
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("INSERT INTO state_smt_scheme (id, name) VALUES (0, 'blake3')").ok());
        }
        openFails(path, "blake3");

        // An older file whose tree was never written (no root row) is simply new.
        const std::string untouched = newFile();
        {
            auto db = Database::open(untouched);
            QVERIFY(db.ok());
            QVERIFY(db->exec("CREATE TABLE state_smt_root (id INTEGER PRIMARY KEY, node BLOB NOT "
                             "NULL, hash BLOB NOT NULL)")
                        .ok());
        }
        TreeFile file(untouched);
        QCOMPARE(file.apply({setUpdate(keyOf(1), valueOf(1))}), root);
        file.reopen();
        QCOMPARE(file.root(), root);
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
                const Hash256 kh = blake2b256(keyOf(key));
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
        for (int k : keys) model[blake2b256(keyOf(k))] = blake2b256(valueOf(k));
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
        for (int k = 0; k < 200; ++k) model[blake2b256(keyOf(k))] = blake2b256(valueOf(k));
        for (int k : order) {
            model.erase(blake2b256(keyOf(k)));
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
        const Hash256 base = blake2b256(allora::toBytes("base"));
        std::vector<MerkleTree::Update> updates;
        for (unsigned bits : {255u, 254u, 200u, 128u, 31u, 8u, 1u}) {
            const Hash256 path = craftedPath(base, bits, bitOf(base, bits) ^ 1u,
                                             blake2b256(allora::toBytes(std::to_string(bits))));
            updates.push_back({path, blake2b256(allora::toBytes("v" + std::to_string(bits)))});
        }
        updates.push_back({base, blake2b256(allora::toBytes("base value"))});
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
