// Unit tests for the point-lookup index of a large StateOverlay (state_overlay.h: built once an
// overlay holds kIndexFrom keys, as a block's overlay does) and for getInto (state_reader.h), on a
// real SQLite state store. A seeded random mix of sets, removes, child overlays merged or dropped,
// reads and prefix scans runs against a block overlay and against a std::map model of what the
// state must be; every read (get and getInto, on the block, on a child and on the store) must
// match the model, before and after the overlay grows past the index threshold, and the block's
// commit must give the app hash of the same entries committed from a plain overlay.
#include <QtTest/QtTest>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/sqlite.h"
#include "node/state/state_store.h"

using allora::Bytes;
using allora::ByteSpan;
using allora::Database;
using allora::node::StateOverlay;
using allora::node::StateReader;
using allora::node::StateStore;

namespace {

Bytes b(std::string_view s) {
    return allora::toBytes(s);
}
std::string str(ByteSpan s) {
    return std::string(s.begin(), s.end());
}

using Model = std::map<std::string, std::string>;

std::optional<std::string> viaGet(const StateReader& reader, const std::string& key) {
    auto value = reader.get(b(key));
    if (!value) qFatal("get failed: %s", value.message().c_str());
    if (!*value) return std::nullopt;
    return str(**value);
}

std::optional<std::string> viaGetInto(const StateReader& reader, const std::string& key,
                                      Bytes& buffer) {
    auto found = reader.getInto(b(key), buffer);
    if (!found) qFatal("getInto failed: %s", found.message().c_str());
    if (!*found) {
        if (!buffer.empty()) qFatal("getInto left bytes in the buffer of an absent key");
        return std::nullopt;
    }
    return str(buffer);
}

std::optional<std::string> modelValue(const Model& model, const std::string& key) {
    const auto it = model.find(key);
    if (it == model.end()) return std::nullopt;
    return it->second;
}

Model scan(const StateReader& reader, std::string_view prefix) {
    Model out;
    auto status = reader.forEachPrefix(b(prefix), [&](ByteSpan key, ByteSpan value) {
        out.emplace(str(key), str(value));
        return true;
    });
    if (!status) qFatal("scan failed: %s", status.message().c_str());
    return out;
}

Model withPrefix(const Model& model, std::string_view prefix) {
    Model out;
    for (const auto& [k, v] : model)
        if (k.compare(0, prefix.size(), prefix) == 0) out.emplace(k, v);
    return out;
}

class TempDir {
public:
    TempDir()
        : path_(std::filesystem::temp_directory_path() /
                ("allora_overlay_index_" + std::to_string(::getpid()) + "_" +
                 std::to_string(counter_++))) {
        std::filesystem::create_directories(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    static inline int counter_ = 0;
    std::filesystem::path path_;
};

}  // namespace

class TestStateOverlayIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The random mix: a committed base of 300 keys, then a block overlay written through child
    // overlays (merged or dropped) and directly, with reads after every step checked against
    // the model. Keys share long prefixes, as the chain's do ("bank/bal/" + address).
    void randomMixMatchesModel() {
        TempDir dir;
        auto db = Database::open(dir.file("state.db"));
        QVERIFY(bool(db));
        auto store = StateStore::open(*db);
        QVERIFY(bool(store));

        std::mt19937 engine(20261202);
        const auto rng = [&engine]() { return static_cast<unsigned>(engine()); };
        const auto keyOf = [](unsigned i) {
            return std::string(i % 2 ? "bank/bal/" : "auth/acc/") + "account-" + std::to_string(i);
        };
        Model committed;
        {
            StateOverlay genesis(**store);
            for (unsigned i = 0; i < 600; i += 2) {
                const std::string k = keyOf(i), v = "genesis " + std::to_string(i);
                genesis.set(b(k), b(v));
                committed[k] = v;
            }
            QVERIFY(bool((*store)->commit(genesis, 1)));
        }

        Model model = committed;
        StateOverlay block(**store);
        Bytes buffer;
        bool sawSmall = false, sawLarge = false;
        for (int step = 0; step < 4000; ++step) {
            const unsigned op = rng() % 10;
            const std::string key = keyOf(rng() % 700);
            if (op < 4) {  // a tx: a child overlay with a few writes, merged or dropped
                StateOverlay tx(block);
                Model txModel = model;
                const unsigned writes = 1 + rng() % 4;
                for (unsigned w = 0; w < writes; ++w) {
                    const std::string k = keyOf(rng() % 700);
                    if (rng() % 5 == 0) {
                        tx.remove(b(k));
                        txModel.erase(k);
                    } else {
                        const std::string v =
                            "tx " + std::to_string(step) + "/" + std::to_string(w);
                        tx.set(b(k), b(v));
                        txModel[k] = v;
                    }
                    // The child reads its own writes over the block's.
                    QCOMPARE(viaGet(tx, k), modelValue(txModel, k));
                    QCOMPARE(viaGetInto(tx, k, buffer), modelValue(txModel, k));
                }
                if (rng() % 4 != 0) {
                    block.merge(std::move(tx));
                    model = std::move(txModel);
                }
            } else if (op < 6) {
                const std::string v = "block " + std::to_string(step);
                block.set(b(key), b(v));
                model[key] = v;
            } else if (op < 7) {
                block.remove(b(key));
                model.erase(key);
            } else {
                QCOMPARE(viaGet(block, key), modelValue(model, key));
                QCOMPARE(viaGetInto(block, key, buffer), modelValue(model, key));
            }
            (block.size() < 64 ? sawSmall : sawLarge) = true;
            if (step % 500 == 0) {
                QCOMPARE(scan(block, "bank/bal/"), withPrefix(model, "bank/bal/"));
                QCOMPARE(scan(block, "auth/acc/account-1"),
                         withPrefix(model, "auth/acc/account-1"));
            }
        }
        QVERIFY(sawSmall && sawLarge);  // both sides of the index threshold were exercised
        for (unsigned i = 0; i < 700; ++i) {
            const std::string k = keyOf(i);
            QCOMPARE(viaGet(block, k), modelValue(model, k));
            QCOMPARE(viaGetInto(block, k, buffer), modelValue(model, k));
            // The store still shows the committed state, through both reads.
            QCOMPARE(viaGet(**store, k), modelValue(committed, k));
            QCOMPARE(viaGetInto(**store, k, buffer), modelValue(committed, k));
        }
        QCOMPARE(scan(block, ""), model);

        // The block commits to the app hash of its entries written into a plain overlay (a
        // second store holding the model as one genesis).
        auto appHash = (*store)->commit(block, 2);
        QVERIFY(bool(appHash));
        auto db2 = Database::open(dir.file("model.db"));
        QVERIFY(bool(db2));
        auto store2 = StateStore::open(*db2);
        QVERIFY(bool(store2));
        StateOverlay plain(**store2);
        for (const auto& [k, v] : model) plain.set(b(k), b(v));
        QVERIFY(plain.size() >= 64);
        auto modelHash = (*store2)->commit(plain, 1);
        QVERIFY(bool(modelHash));
        QCOMPARE(*appHash, *modelHash);
        (*store)->settleReadCache();
        for (unsigned i = 0; i < 700; ++i) {
            const std::string k = keyOf(i);
            QCOMPARE(viaGetInto(**store, k, buffer), modelValue(model, k));
        }
    }

    // clear() forgets the writes and the index: reads see the base, and the overlay indexes
    // itself again when it grows back.
    void clearDropsTheIndex() {
        TempDir dir;
        auto db = Database::open(dir.file("state.db"));
        QVERIFY(bool(db));
        auto store = StateStore::open(*db);
        QVERIFY(bool(store));
        StateOverlay block(**store);
        for (int i = 0; i < 100; ++i) block.set(b("k" + std::to_string(i)), b("v"));
        QCOMPARE(viaGet(block, "k7"), std::optional<std::string>("v"));
        block.clear();
        QVERIFY(block.empty());
        QCOMPARE(viaGet(block, "k7"), std::nullopt);
        for (int i = 0; i < 100; ++i) block.set(b("k" + std::to_string(i)), b("w"));
        block.remove(b("k8"));
        QCOMPARE(viaGet(block, "k7"), std::optional<std::string>("w"));
        QCOMPARE(viaGet(block, "k8"), std::nullopt);
        QCOMPARE(block.size(), size_t{100});  // a removal is an entry too
    }
};

QTEST_GUILESS_MAIN(TestStateOverlayIndex)
#include "test_state_overlay_index.moc"
