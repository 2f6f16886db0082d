// A running node for the API tests (test_lcd_routes, test_lcd_emissions_routes, test_cli_tx): a
// real ChainApp on a SQLite file in a temporary directory (the chain tests' devnet genesis, or with
// TestNodeOptions::emissions the emissions tests' genesis and module; this file's validator key),
// its mempool, a SoloEngine that makes a block only when txs wait (so heights are predictable),
// and a NodeApi over them built the way node/node.cpp builds its own: queries and status under the
// mempool's application lock, broadcasts through the mempool.
#pragma once

#include <chrono>
#include <memory>
#include <thread>

#include "node/api/node_api.h"
#include "node/chain/mempool.h"
#include "node/consensus/block_format.h"
#include "node/consensus/solo_engine.h"
#include "node/modules/emissions/module.h"
#include "test_chain_fixture.h"
#include "test_emissions_fixture.h"

namespace lcdtest {

using namespace chaintest;
using namespace std::chrono_literals;
using allora::node::consensus::SoloConfig;
using allora::node::consensus::SoloEngine;

inline constexpr int64_t kGenesisNanos = kGenesisTime * 1'000'000'000;
inline constexpr int64_t kValidatorPower = 10;

inline ed25519::KeyPair validatorKey() {
    return ed25519::fromSeed(Bytes(32, 0x42)).value();
}

class TestNodeApi final : public allora::node::api::NodeApi {
public:
    TestNodeApi(ChainApp& app, Mempool& pool, SoloEngine& engine)
        : app_(app), pool_(pool), engine_(engine) {}

    QueryResponse query(const QueryRequest& request) override {
        auto lock = pool_.lockApplication();
        return app_.query(request);
    }
    CheckTxResult broadcastTxSync(ByteSpan txRaw) override { return pool_.checkTx(txRaw); }
    allora::node::api::NodeStatus status() override {
        allora::node::api::NodeStatus s;
        s.moniker = "test-node";
        s.chainId = kChainId;
        s.version = "0.1.0-test";
        s.engine = "solo";
        const auto key = validatorKey();
        s.validatorPubKey.assign(key.publicKey.begin(), key.publicKey.end());
        s.validatorAddress = engine_.validatorAddress();
        s.votingPower = kValidatorPower;
        s.mempoolTxs = pool_.size();
        s.mempoolBytes = pool_.totalBytes();
        s.apiListenAddress = "127.0.0.1:0";
        auto lock = pool_.lockApplication();
        const InfoResponse info = app_.info();
        s.latestHeight = info.lastBlockHeight;
        s.latestAppHash = info.lastBlockAppHash;
        s.earliestHeight = info.lastBlockHeight >= 1 ? 1 : 0;
        if (info.lastBlockHeight >= 1) {
            auto block = app_.blockStore().blockByHeight(info.lastBlockHeight);
            if (block && block->has_value()) {
                s.latestBlockHash = (*block)->hash;
                s.latestBlockTimeUnixNanos = (*block)->timeUnixNanos;
            }
        }
        return s;
    }

private:
    ChainApp& app_;
    Mempool& pool_;
    SoloEngine& engine_;
};

struct TestNodeOptions {
    // The emissions module registered, with emtest::emissionsGenesis() (small fees, min epoch
    // length 2, the extra funded keys w1..w3).
    bool emissions = false;
};

struct TestNode {
    QTemporaryDir dir;
    Node node{dir.filePath("node.db").toStdString()};
    std::unique_ptr<Mempool> pool;
    std::unique_ptr<SoloEngine> engine;
    std::unique_ptr<TestNodeApi> api;

    explicit TestNode(TestNodeOptions options = {}) {
        Genesis g = options.emissions ? emtest::emissionsGenesis() : devnetGenesis();
        if (options.emissions) allora::node::emissions::registerEmissionsModule(*node.app);
        const auto key = validatorKey();
        g.validators[0].pubKey = Bytes(key.publicKey.begin(), key.publicKey.end());
        g.validators[0].power = kValidatorPower;
        node.init(g);
        pool = std::make_unique<Mempool>(*node.app, MempoolConfig{});
        SoloConfig c;
        c.chainId = kChainId;
        c.blockTime = 20ms;
        c.createEmptyBlocks = false;  // a block only when a tx waits
        c.votingPower = kValidatorPower;
        c.genesisTimeUnixNanos = kGenesisNanos;
        // A clock stuck before genesis: block h gets genesis + (h - 1) ms, the same on every run
        // (and long before carol's vesting cliff).
        c.clock = [] { return int64_t{1'000}; };
        ChainApp* app = node.app.get();
        engine =
            std::make_unique<SoloEngine>(*node.app, *pool, validatorKey(), std::move(c),
                                         [app](uint64_t height) -> Result<std::optional<Bytes>> {
                                             auto stored = app->blockStore().blockByHeight(height);
                                             if (!stored) return stored.error();
                                             if (!stored->has_value())
                                                 return std::optional<Bytes>{};
                                             return std::optional<Bytes>((*stored)->bytes);
                                         });
        api = std::make_unique<TestNodeApi>(*node.app, *pool, *engine);
        if (!engine->start()) qFatal("the solo engine did not start");
    }
    ~TestNode() { engine->stop(); }

    // Waits until the tx with this hash is in a committed block.
    bool waitForTx(const Hash256& hash, std::chrono::milliseconds timeout = 10s) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            {
                auto lock = pool->lockApplication();
                auto tx = node.app->blockStore().txByHash(hash);
                if (tx && tx->has_value()) return true;
            }
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }
    // Sends a tx straight to the mempool and waits for its block.
    bool commit(const Bytes& tx) {
        const CheckTxResult r = pool->checkTx(tx);
        if (!r.result.ok()) qWarning("checkTx: %s", r.result.log.c_str());
        return r.result.ok() && waitForTx(sha256(tx));
    }
    uint64_t height() {
        auto lock = pool->lockApplication();
        return node.app->info().lastBlockHeight;
    }
    // Reads of the committed state, under the application lock (the engine may be applying).
    Amount balance(const Key& key) {
        auto lock = pool->lockApplication();
        return node.balance(key);
    }
    uint64_t sequence(const Key& key) {
        auto lock = pool->lockApplication();
        return node.sequence(key);
    }
    uint64_t accountNumber(const Key& key) {
        auto lock = pool->lockApplication();
        return node.accountNumber(key);
    }
    // Signs one tx of `msgs` from `from` (current account number and sequence, a fee of 10 uallo
    // per gas) and commits it; false when checkTx refuses it or no block takes it.
    bool commitMsgs(const Key& from, std::vector<allora::wallet::AnyMessage> msgs,
                    uint64_t gas = 400'000) {
        allora::wallet::TxSpec spec;
        spec.messages = std::move(msgs);
        spec.fee.amount = {{"uallo", std::to_string(gas * 10)}};
        spec.fee.gasLimit = gas;
        spec.signerPublicKey = from.account.publicKey;
        spec.sequence = sequence(from);
        auto tx = allora::wallet::buildTx(spec);
        if (!tx) qFatal("buildTx: %s", tx.message().c_str());
        return commit(tx->toTxRaw(signTx(from, *tx, kChainId, accountNumber(from))));
    }
    Amount supply() {
        auto lock = pool->lockApplication();
        return node.supply();
    }
    std::optional<StoredBlock> storedBlock(uint64_t height) {
        auto lock = pool->lockApplication();
        auto b = node.app->blockStore().blockByHeight(height);
        if (!b || !b->has_value()) return std::nullopt;
        return **b;
    }
};

}  // namespace lcdtest
