// Unit tests for the state store and its overlays (node/state/state_store.h, state_overlay.h) on
// real SQLite files: read-your-writes, merged prefix iteration (checked against a std::map model),
// per-transaction child overlays, commits that share the caller's transaction, persistence, a
// crash in the middle of a block (a child process that dies before COMMIT), the background WAL
// checkpoints (wal_checkpointer.h), the app hash's hash function (BLAKE2b-256) and the refusal of
// a home whose tree an earlier build hashed with SHA-256.
#include <QtTest/QtTest>

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "core/encoding.h"
#include "core/hash.h"
#include "core/sqlite.h"
#include "node/state/state_store.h"
#include "node/state/wal_checkpointer.h"

using allora::Bytes;
using allora::ByteSpan;
using allora::Database;
using allora::Hash256;
using allora::Transaction;
using allora::node::StateOverlay;
using allora::node::StateReader;
using allora::node::StateStore;
using allora::node::WalCheckpointer;

namespace {

Bytes b(std::string_view s) {
    return allora::toBytes(s);
}
std::string str(ByteSpan s) {
    return std::string(s.begin(), s.end());
}

using Entries = std::vector<std::pair<std::string, std::string>>;

Entries collectPrefix(const StateReader& reader, ByteSpan prefix) {
    Entries out;
    auto status = reader.forEachPrefix(prefix, [&](ByteSpan key, ByteSpan value) {
        out.emplace_back(str(key), str(value));
        return true;
    });
    if (!status) qFatal("iteration failed: %s", status.message().c_str());
    return out;
}

std::optional<std::string> getString(const StateReader& reader, std::string_view key) {
    auto value = reader.get(b(key));
    if (!value) qFatal("get failed: %s", value.message().c_str());
    if (!*value) return std::nullopt;
    return str(**value);
}

// A node home: the database and the store on it, reopenable.
struct Home {
    std::string path;
    std::unique_ptr<Database> db;
    std::unique_ptr<StateStore> store;

    explicit Home(std::string file) : path(std::move(file)) { reopen(); }
    void close() {
        store.reset();  // its statements before the connection
        db.reset();
    }
    void reopen() {
        close();
        auto opened = Database::open(path);
        if (!opened) qFatal("%s", opened.message().c_str());
        db = std::make_unique<Database>(std::move(*opened));
        auto s = StateStore::open(*db);
        if (!s) qFatal("%s", s.message().c_str());
        store = std::move(*s);
    }
    uint64_t height() const { return *store->height(); }
    Hash256 appHash() const { return *store->appHash(); }
    Hash256 commit(const StateOverlay& overlay, uint64_t h) {
        auto root = store->commit(overlay, h);
        if (!root) qFatal("commit failed: %s", root.message().c_str());
        return *root;
    }
};

int64_t countRows(Database& db, const char* sql) {
    auto stmt = db.prepare(sql);
    if (!stmt) qFatal("%s", stmt.message().c_str());
    auto row = stmt->step();
    if (!row || !*row) qFatal("no row");
    return stmt->columnInt64(0);
}

qint64 fileSize(const std::string& path) {
    return QFileInfo(QString::fromStdString(path)).size();
}

// Commits block `height`: 300 keys of 200 bytes, new values at every height.
void commitBlock(Home& home, uint64_t height) {
    StateOverlay block(*home.store);
    for (int i = 0; i < 300; ++i)
        block.set(b("k" + std::to_string(i)), b(std::string(200, static_cast<char>('a' + height))));
    home.commit(block, height);
}

}  // namespace

class TestStateStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    int files_ = 0;
    std::string newFile() {
        return dir_.filePath(QStringLiteral("state-%1.db").arg(++files_)).toStdString();
    }

    // Commits a few entries that the overlay tests build on.
    static void seed(Home& home) {
        StateOverlay block(*home.store);
        for (const char* key : {"a/1", "a/3", "a/5", "b/1", "a"})
            block.set(b(key), b(std::string("v") + key));
        home.commit(block, 1);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void freshStoreIsEmpty() {
        Home home(newFile());
        QCOMPARE(home.height(), uint64_t{0});
        QCOMPARE(home.appHash(), Hash256{});
        QVERIFY(!home.store->lastCommit()->has_value());
        QVERIFY(!getString(*home.store, "x"));
        QVERIFY(collectPrefix(*home.store, {}).empty());
    }

    void overlayReadsItsOwnWrites() {
        Home home(newFile());
        seed(home);
        StateOverlay block(*home.store);
        block.set(b("new"), b("n"));
        block.set(b("a/1"), b("changed"));
        block.remove(b("a/3"));
        block.remove(b("never-there"));
        block.set(b("tmp"), b("t"));
        block.remove(b("tmp"));
        block.remove(b("b/1"));
        block.set(b("b/1"), b("back"));

        QCOMPARE(getString(block, "new"), std::optional<std::string>("n"));
        QCOMPARE(getString(block, "a/1"), std::optional<std::string>("changed"));
        QVERIFY(!getString(block, "a/3"));
        QVERIFY(!getString(block, "tmp"));
        QCOMPARE(getString(block, "b/1"), std::optional<std::string>("back"));
        QCOMPARE(getString(block, "a/5"), std::optional<std::string>("va/5"));  // from the store
        QVERIFY(*block.contains(b("new")));
        QVERIFY(!*block.contains(b("a/3")));

        // The store itself is untouched until commit.
        QCOMPARE(getString(*home.store, "a/1"), std::optional<std::string>("va/1"));
        QCOMPARE(getString(*home.store, "a/3"), std::optional<std::string>("va/3"));
        QVERIFY(!getString(*home.store, "new"));

        // Empty values are values, distinct from absence.
        block.set(b("empty"), {});
        QCOMPARE(getString(block, "empty"), std::optional<std::string>(""));
    }

    void prefixIterationMergesInOrder() {
        Home home(newFile());
        seed(home);
        StateOverlay block(*home.store);
        block.set(b("a/2"), b("o2"));
        block.set(b("a/3"), b("o3"));  // shadows the store's
        block.remove(b("a/5"));        // hides the store's
        block.set(b("a/6"), b("o6"));
        block.set(b("a/0"), b("o0"));
        block.set(b("b/0"), b("ob0"));
        block.remove(b("a/9"));  // removal of an absent key: nothing to show

        const Entries expected{
            {"a/0", "o0"}, {"a/1", "va/1"}, {"a/2", "o2"}, {"a/3", "o3"}, {"a/6", "o6"}};
        QCOMPARE(collectPrefix(block, b("a/")), expected);
        QCOMPARE(collectPrefix(*home.store, b("a/")),
                 (Entries{{"a/1", "va/1"}, {"a/3", "va/3"}, {"a/5", "va/5"}}));
        // "a" itself is in prefix "a" but not in "a/".
        QCOMPARE(collectPrefix(block, b("a")).size(), expected.size() + 1);
        QCOMPARE(collectPrefix(block, {}).size(), size_t{8});

        // A child on the block: three layers merged.
        StateOverlay tx(block);
        tx.set(b("a/4"), b("t4"));
        tx.remove(b("a/0"));
        tx.set(b("a/1"), b("t1"));
        QCOMPARE(
            collectPrefix(tx, b("a/")),
            (Entries{{"a/1", "t1"}, {"a/2", "o2"}, {"a/3", "o3"}, {"a/4", "t4"}, {"a/6", "o6"}}));

        // Early stop after two entries, whichever layer they come from.
        Entries firstTwo;
        QVERIFY(tx.forEachPrefix(b("a/"), [&](ByteSpan key, ByteSpan value) {
                      firstTwo.emplace_back(str(key), str(value));
                      return firstTwo.size() < 2;
                  }).ok());
        QCOMPARE(firstTwo, (Entries{{"a/1", "t1"}, {"a/2", "o2"}}));

        // Ranges: half-open, and empty when end <= begin.
        Entries range;
        QVERIFY(tx.forEachInRange(b("a/2"), ByteSpan(b("a/4")), [&](ByteSpan k, ByteSpan v) {
                      range.emplace_back(str(k), str(v));
                      return true;
                  }).ok());
        QCOMPARE(range, (Entries{{"a/2", "o2"}, {"a/3", "o3"}}));
        range.clear();
        QVERIFY(tx.forEachInRange(b("a/4"), ByteSpan(b("a/2")), [&](ByteSpan k, ByteSpan v) {
                      range.emplace_back(str(k), str(v));
                      return true;
                  }).ok());
        QVERIFY(range.empty());
    }

    void prefixOrderIsUnsignedBytes() {
        // Bytes above 0x7f sort after lower ones, and a prefix ending in 0xff still bounds right.
        Home home(newFile());
        StateOverlay block(*home.store);
        const Bytes k1{0x01, 0xff}, k2{0x01, 0xff, 0x00}, k3{0x02}, k4{0x01, 0x7f}, k5{0x01, 0x80};
        for (const Bytes& k : {k1, k3, k5}) block.set(k, k);
        home.commit(block, 1);
        StateOverlay next(*home.store);
        next.set(k2, k2);
        next.set(k4, k4);
        std::vector<Bytes> keys;
        QVERIFY(next.forEachPrefix(Bytes{0x01},
                                   [&](ByteSpan k, ByteSpan) {
                                       keys.emplace_back(k.begin(), k.end());
                                       return true;
                                   })
                    .ok());
        QCOMPARE(keys, (std::vector<Bytes>{k4, k5, k1, k2}));
        keys.clear();
        QVERIFY(next.forEachPrefix(Bytes{0x01, 0xff},
                                   [&](ByteSpan k, ByteSpan) {
                                       keys.emplace_back(k.begin(), k.end());
                                       return true;
                                   })
                    .ok());
        QCOMPARE(keys, (std::vector<Bytes>{k1, k2}));
    }

    void overlaysMatchAModel() {
        // Random writes in three layers (store, block, tx) over a small key alphabet, so keys
        // collide often; every get and every prefix scan must equal a plain std::map's answer.
        Home home(newFile());
        std::mt19937_64 rng(99);
        const auto randomKey = [&] {
            std::string key;
            const size_t len = 1 + rng() % 3;
            for (size_t i = 0; i < len; ++i) key.push_back("ab\x7f\x80\xff"[rng() % 5]);
            return key;
        };
        std::map<std::string, std::string> model;
        const auto randomWrites = [&](StateOverlay& overlay, int count, const char* tag) {
            for (int i = 0; i < count; ++i) {
                const std::string key = randomKey();
                if (rng() % 3 == 0) {
                    overlay.remove(b(key));
                    model.erase(key);
                } else {
                    const std::string value = tag + std::to_string(i);
                    overlay.set(b(key), b(value));
                    model[key] = value;
                }
            }
        };
        const auto check = [&](const StateReader& reader) {
            for (const std::string prefix : {"", "a", "b", "\xff", "a\x80", "\x7f\xff"}) {
                Entries expected;
                for (const auto& [k, v] : model) {
                    if (k.compare(0, prefix.size(), prefix) == 0) expected.emplace_back(k, v);
                }
                QCOMPARE(collectPrefix(reader, b(prefix)), expected);
            }
        };
        for (int round = 0; round < 10; ++round) {
            StateOverlay block(*home.store);
            randomWrites(block, 40, "block");
            check(block);
            auto before = model;
            {
                StateOverlay tx(block);
                randomWrites(tx, 20, "tx");
                check(tx);
                if (round % 2 == 0) {
                    block.merge(std::move(tx));
                } else {
                    model = before;  // dropped
                }
            }
            check(block);
            home.commit(block, static_cast<uint64_t>(round + 1));
            check(*home.store);
        }
    }

    void childOverlayDroppedOrMerged() {
        Home home(newFile());
        seed(home);
        StateOverlay block(*home.store);
        block.set(b("x"), b("block"));
        {
            StateOverlay failedTx(block);
            failedTx.set(b("x"), b("failed"));
            failedTx.set(b("y"), b("failed"));
            failedTx.remove(b("a/1"));
            QCOMPARE(getString(failedTx, "x"), std::optional<std::string>("failed"));
            // Dropped: never merged.
        }
        QCOMPARE(getString(block, "x"), std::optional<std::string>("block"));
        QVERIFY(!getString(block, "y"));
        QCOMPARE(getString(block, "a/1"), std::optional<std::string>("va/1"));

        StateOverlay goodTx(block);
        goodTx.set(b("y"), b("good"));
        goodTx.remove(b("x"));  // a removal overrides the block's own write
        goodTx.set(b("a/1"), b("good"));
        block.merge(std::move(goodTx));
        QVERIFY(goodTx.empty());
        QVERIFY(!getString(block, "x"));
        QCOMPARE(getString(block, "y"), std::optional<std::string>("good"));
        QCOMPARE(getString(block, "a/1"), std::optional<std::string>("good"));
        QCOMPARE(block.size(), size_t{3});

        home.commit(block, 2);
        QVERIFY(!getString(*home.store, "x"));
        QCOMPARE(getString(*home.store, "y"), std::optional<std::string>("good"));
    }

    void commitPersistsAndProves() {
        const std::string path = newFile();
        Hash256 root;
        {
            Home home(path);
            StateOverlay block(*home.store);
            for (int i = 0; i < 300; ++i)
                block.set(b("k" + std::to_string(i)), b("v" + std::to_string(i)));
            block.set(b("empty"), {});
            root = home.commit(block, 1);
            QVERIFY(root != Hash256{});
            QCOMPARE(home.appHash(), root);
            QCOMPARE(home.height(), uint64_t{1});
            QCOMPARE(*home.store->tree().root(), root);

            // An empty block keeps the app hash and advances the height.
            StateOverlay nothing(*home.store);
            QCOMPARE(home.commit(nothing, 2), root);
            QCOMPARE(home.height(), uint64_t{2});
        }
        Home home(path);
        QCOMPARE(home.height(), uint64_t{2});
        QCOMPARE(home.appHash(), root);
        QCOMPARE(getString(*home.store, "k7"), std::optional<std::string>("v7"));
        QCOMPARE(getString(*home.store, "empty"), std::optional<std::string>(""));
        QCOMPARE(collectPrefix(*home.store, b("k")).size(), size_t{300});

        for (const char* key : {"k0", "k150", "empty", "absent", "k300"}) {
            auto proven = home.store->getWithProof(b(key));
            QVERIFY(proven.ok());
            QCOMPARE(proven->at.appHash, root);
            QCOMPARE(proven->at.height, uint64_t{2});
            std::optional<ByteSpan> value;
            if (proven->value) value = ByteSpan(*proven->value);
            QCOMPARE(proven->value.has_value(),
                     std::string(key) != "absent" && std::string(key) != "k300");
            QVERIFY(allora::node::verifyMerkleProof(root, b(key), value, proven->proof));
        }

        // The app hash is a function of the state alone: another history to the same state agrees.
        Home other(newFile());
        StateOverlay first(*other.store);
        for (int i = 299; i >= 0; --i) first.set(b("k" + std::to_string(i)), b("old"));
        first.set(b("extra"), b("gone soon"));
        other.commit(first, 10);
        StateOverlay second(*other.store);
        for (int i = 0; i < 300; ++i)
            second.set(b("k" + std::to_string(i)), b("v" + std::to_string(i)));
        second.remove(b("extra"));
        second.set(b("empty"), {});
        QCOMPARE(other.commit(second, 11), root);
    }

    void appHashIsTheBlake2bTreeOfTheEntries() {
        // The root of test_merkle_tree's three-entry vector (independent Python model there): the
        // store hashes keys and values for the tree with BLAKE2b-256, as merkle_tree.h specifies.
        Home home(newFile());
        StateOverlay block(*home.store);
        block.set(b("alice"), b("100"));
        block.set(b("bob"), b("200"));
        block.set(b("carol"), b("300"));
        QCOMPARE(allora::toHex(home.commit(block, 1)),
                 std::string("9e4c747dad2c230d2baf7be4cc1df79303e5f46e011bbdd0c21c2690289cd5ee"));
    }

    void homeOfAnEarlierTreeIsRefused() {
        // A home written by a build whose state tree hashed with SHA-256 had no state_smt_scheme
        // table. Its recorded app hashes mean SHA-256 roots: opening it must fail with a message
        // saying what to do, not extend the tree with another hash function.
        const std::string path = newFile();
        Hash256 root;
        {
            Home home(path);
            commitBlock(home, 1);
            root = home.appHash();
            home.close();
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("DROP TABLE state_smt_scheme").ok());
        }
        auto db = Database::open(path);
        QVERIFY(db.ok());
        auto store = StateStore::open(*db);
        QVERIFY(!store.ok());
        QCOMPARE(store.code(), allora::ErrorCode::Unsupported);
        QVERIFY2(store.message().find("SHA-256") != std::string::npos, store.message().c_str());
        QVERIFY2(store.message().find("start again from genesis") != std::string::npos,
                 store.message().c_str());
        // Nothing in the file changed: the old commit record is still there as it was.
        QCOMPARE(countRows(*db, "SELECT count(*) FROM state_meta WHERE height = 1"), int64_t{1});
        QCOMPARE(countRows(*db, "SELECT count(*) FROM state_smt_scheme"), int64_t{0});
        auto stmt = db->prepare("SELECT app_hash FROM state_meta");
        QVERIFY(stmt.ok() && *stmt->step());
        QCOMPARE(allora::toHex(stmt->columnBlobView(0)), allora::toHex(root));
    }

    void heightsMustIncrease() {
        Home home(newFile());
        StateOverlay block(*home.store);
        block.set(b("k"), b("v"));
        const Hash256 root = home.commit(block, 5);
        StateOverlay again(*home.store);
        again.set(b("k"), b("w"));
        for (uint64_t h : {uint64_t{5}, uint64_t{4}, uint64_t{0}}) {
            auto res = home.store->commit(again, h);
            QVERIFY(!res.ok());
            QCOMPARE(res.code(), allora::ErrorCode::InvalidArgument);
        }
        QCOMPARE(home.height(), uint64_t{5});
        QCOMPARE(home.appHash(), root);
        QCOMPARE(getString(*home.store, "k"), std::optional<std::string>("v"));

        // A refused commit leaves the caller's transaction open and usable.
        auto txn = Transaction::begin(*home.db);
        QVERIFY(txn.ok());
        QVERIFY(!home.store->commit(*txn, again, 5).ok());
        QVERIFY(txn->active() && home.db->inTransaction());
        QVERIFY(home.store->commit(*txn, again, 6).ok());
        QVERIFY(txn->commit().ok());
        QCOMPARE(home.height(), uint64_t{6});
    }

    void blockRecordSharesTheTransaction() {
        Home home(newFile());
        QVERIFY(
            home.db->exec("CREATE TABLE blocks (height INTEGER PRIMARY KEY, app_hash BLOB)").ok());
        seed(home);
        const Hash256 before = home.appHash();

        const auto writeBlock = [&](Transaction& txn, uint64_t height) -> Hash256 {
            StateOverlay block(*home.store);
            block.set(b("h"), b(std::to_string(height)));
            auto root = home.store->commit(txn, block, height);
            if (!root) qFatal("%s", root.message().c_str());
            auto insert = home.db->prepare("INSERT INTO blocks VALUES (?1, ?2)");
            if (!insert || !insert->bindAll(height, ByteSpan(*root)).ok() || !insert->run().ok()) {
                qFatal("block insert failed");
            }
            return *root;
        };

        {
            auto txn = Transaction::begin(*home.db);
            QVERIFY(txn.ok());
            const Hash256 inside = writeBlock(*txn, 2);
            // Inside the transaction the store reports the new commit...
            QCOMPARE(home.height(), uint64_t{2});
            QCOMPARE(home.appHash(), inside);
            // ...and the guard dies without commit().
        }
        QCOMPARE(home.height(), uint64_t{1});
        QCOMPARE(home.appHash(), before);
        QVERIFY(!getString(*home.store, "h"));
        QCOMPARE(countRows(*home.db, "SELECT count(*) FROM blocks"), int64_t{0});

        Hash256 committed;
        {
            auto txn = Transaction::begin(*home.db);
            QVERIFY(txn.ok());
            committed = writeBlock(*txn, 2);
            QVERIFY(txn->commit().ok());
        }
        home.reopen();
        QCOMPARE(home.height(), uint64_t{2});
        QCOMPARE(home.appHash(), committed);
        QCOMPARE(countRows(*home.db, "SELECT count(*) FROM blocks WHERE height = 2"), int64_t{1});
        QCOMPARE(getString(*home.store, "h"), std::optional<std::string>("2"));
    }

    void crashMidBlockKeepsPreviousCommit() {
        // A child process writes a whole block (state, tree, block row) in one transaction and dies
        // before COMMIT, without closing anything: what a power cut or a kill -9 leaves behind.
        const std::string path = newFile();
        Hash256 root;
        {
            Home home(path);
            QVERIFY(home.db->exec("CREATE TABLE blocks (height INTEGER PRIMARY KEY)").ok());
            StateOverlay block(*home.store);
            for (int i = 0; i < 2000; ++i) block.set(b("k" + std::to_string(i)), b("v"));
            root = home.commit(block, 1);
        }  // closed: SQLite connections must not cross fork()

        const auto runChild = [&](bool commitBeforeDying) {
            const pid_t pid = fork();
            if (pid == 0) {
                // A tiny page cache makes SQLite spill uncommitted pages into the WAL file before
                // COMMIT, so the crash leaves real uncommitted frames on disk to be ignored.
                allora::DatabaseOptions options;
                options.cacheSizeKiB = 64;
                auto db = Database::open(path, options);
                if (!db) _exit(10);
                auto store = StateStore::open(*db);
                if (!store) _exit(11);
                StateOverlay block(**store);
                // Enough writes that SQLite spills pages into the WAL before the commit.
                for (int i = 0; i < 5000; ++i) {
                    block.set(b("k" + std::to_string(i)), b(std::string(200, 'x')));
                }
                auto txn = Transaction::begin(*db);
                if (!txn) _exit(12);
                if (!(*store)->commit(*txn, block, 2)) _exit(13);
                if (!db->exec("INSERT INTO blocks VALUES (2)")) _exit(14);
                if (commitBeforeDying && !txn->commit()) _exit(15);
                _exit(0);  // no destructors: no rollback, no close
            }
            int status = 0;
            QCOMPARE(waitpid(pid, &status, 0), pid);
            QVERIFY(WIFEXITED(status));
            QCOMPARE(WEXITSTATUS(status), 0);
        };

        runChild(false);
        QVERIFY2(QFileInfo(QString::fromStdString(path + "-wal")).size() > 0,
                 "the crashed writer left no uncommitted frames: the test would prove nothing");
        {
            Home home(path);
            QCOMPARE(home.height(), uint64_t{1});
            QCOMPARE(home.appHash(), root);
            QCOMPARE(getString(*home.store, "k1"), std::optional<std::string>("v"));
            QVERIFY(!getString(*home.store, "k4000"));
            QCOMPARE(countRows(*home.db, "SELECT count(*) FROM blocks"), int64_t{0});
            auto proof = home.store->prove(b("k1"));
            QVERIFY(proof.ok());
            QVERIFY(allora::node::verifyMerkleProof(root, b("k1"), ByteSpan(b("v")), *proof));
        }

        runChild(true);
        Home home(path);
        QCOMPARE(home.height(), uint64_t{2});
        QVERIFY(home.appHash() != root);
        QCOMPARE(getString(*home.store, "k4000"),
                 std::optional<std::string>(std::string(200, 'x')));
        QCOMPARE(countRows(*home.db, "SELECT count(*) FROM blocks"), int64_t{1});
    }

    // With a checkpointer, commits no longer copy the log themselves, yet the log stays about one
    // block long and the pages reach the database file; without one (and with SQLite's own
    // automatic checkpoints off, which is what the checkpointer's safety bound amounts to for a
    // few blocks) the log holds every block. Closing and reopening finds the last commit.
    void backgroundCheckpointsKeepTheLogShort() {
        constexpr uint64_t kBlocks = 20;
        const std::string unchecked = newFile();
        qint64 uncheckedLog = 0;
        {
            Home home(unchecked);
            QVERIFY(home.db->exec("PRAGMA wal_autocheckpoint=0").ok());
            for (uint64_t h = 1; h <= kBlocks; ++h) commitBlock(home, h);
            // Measured with the connection open: the last connection to close checkpoints.
            uncheckedLog = fileSize(unchecked + "-wal");
        }

        const std::string path = newFile();
        Hash256 root{};
        {
            Home home(path);
            auto checkpointer = WalCheckpointer::start(*home.db);
            QVERIFY(checkpointer);
            QCOMPARE(countRows(*home.db, "PRAGMA wal_autocheckpoint"),
                     int64_t{WalCheckpointer::kSafetyBoundPages});
            const qint64 emptyFile = fileSize(path);
            for (uint64_t h = 1; h <= kBlocks; ++h) {
                commitBlock(home, h);
                const uint64_t before = checkpointer->completed();
                checkpointer->notify();
                for (int waited = 0; checkpointer->completed() == before && waited < 10'000;
                     waited += 5)
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                QVERIFY2(checkpointer->completed() > before, "no checkpoint within 10 s");
            }
            root = home.appHash();
            const qint64 log = fileSize(path + "-wal");
            QVERIFY2(log * 5 < uncheckedLog, qPrintable(QStringLiteral("log %1 bytes, %2 without "
                                                                       "checkpoints")
                                                            .arg(log)
                                                            .arg(uncheckedLog)));
            QVERIFY(fileSize(path) > emptyFile + 300 * 200);  // the values reached the file
            checkpointer.reset();
            QCOMPARE(countRows(*home.db, "PRAGMA wal_autocheckpoint"), int64_t{1000});
        }
        Home home(path);
        QCOMPARE(home.height(), kBlocks);
        QCOMPARE(home.appHash(), root);
        QCOMPARE(getString(*home.store, "k299"),
                 std::optional<std::string>(std::string(200, static_cast<char>('a' + kBlocks))));

        // An in-memory database has no log: no checkpointer, and the connection is left as it was.
        auto memory = Database::open(":memory:");
        QVERIFY(memory.ok());
        QVERIFY(!WalCheckpointer::start(*memory));
        QCOMPARE(countRows(*memory, "PRAGMA wal_autocheckpoint"), int64_t{1000});
    }
};

QTEST_APPLESS_MAIN(TestStateStore)
#include "test_state_store.moc"
