// SoloEngine driving the real chain (ChainApp on SQLite in a temporary node home, a devnet genesis,
// MsgSend txs signed with the wallet's tx builder): interval and heights, monotonic times, signed
// and verifiable headers, empty blocks skipped, mempool txs included in order and removed, a tx
// failing its recheck dropped, restart of the app and the engine from the committed height,
// a handshake that refuses an inconsistent store, and a prompt stop.
#include "test_chain_fixture.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "node/chain/mempool.h"
#include "node/consensus/block_format.h"
#include "node/consensus/solo_engine.h"

using namespace chaintest;
using namespace allora::node::consensus;
using namespace std::chrono_literals;

namespace {

constexpr int64_t kGenesisNanos = kGenesisTime * 1'000'000'000;
constexpr int64_t kValidatorPower = 10;

ed25519::KeyPair validatorKey() {
    return ed25519::fromSeed(Bytes(32, 0x42)).value();
}

// Collects committed blocks from the engine's thread; the test thread waits on it.
class Recorder {
public:
    void add(const CommittedBlock& b) {
        std::lock_guard lock(mu_);
        blocks_.push_back(b);
        cv_.notify_all();
    }
    bool waitFor(size_t n, std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mu_);
        return cv_.wait_for(lock, timeout, [&] { return blocks_.size() >= n; });
    }
    std::vector<CommittedBlock> blocks() {
        std::lock_guard lock(mu_);
        return blocks_;
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<CommittedBlock> blocks_;
};

// A node home with the genesis validator set to our key, its app and mempool.
struct Home {
    QTemporaryDir dir;
    Node node{dir.filePath("node.db").toStdString()};
    std::unique_ptr<Mempool> pool;

    explicit Home(uint64_t initialHeight = 1) {
        Genesis g = devnetGenesis();
        g.initialHeight = initialHeight;
        const auto key = validatorKey();
        g.validators[0].pubKey = Bytes(key.publicKey.begin(), key.publicKey.end());
        g.validators[0].power = kValidatorPower;
        node.init(g);
        pool = std::make_unique<Mempool>(*node.app, MempoolConfig{});
    }
    // Closes and reopens the database and the app (as after a process restart); a new mempool.
    void restart() {
        pool.reset();
        node.reopen();
        pool = std::make_unique<Mempool>(*node.app, MempoolConfig{});
    }
    BlockLoader loader() {
        ChainApp* app = node.app.get();
        return [app](uint64_t height) -> Result<std::optional<Bytes>> {
            auto stored = app->blockStore().blockByHeight(height);
            if (!stored) return stored.error();
            if (!stored->has_value()) return std::optional<Bytes>{};
            return std::optional<Bytes>((*stored)->bytes);
        };
    }
    pb::Block block(uint64_t height) {
        auto bytes = loader()(height);
        if (!bytes || !bytes->has_value()) return {};
        auto decoded = decodeBlock(**bytes);
        return decoded ? *decoded : pb::Block{};
    }
    std::unique_ptr<SoloEngine> engine(SoloConfig c) {
        return std::make_unique<SoloEngine>(*node.app, *pool, validatorKey(), std::move(c),
                                            loader());
    }
};

SoloConfig config(std::chrono::milliseconds blockTime) {
    SoloConfig c;
    c.chainId = kChainId;
    c.blockTime = blockTime;
    c.votingPower = kValidatorPower;
    c.genesisTimeUnixNanos = kGenesisNanos;
    return c;
}

std::string logOf(const CheckTxResult& r) {
    return r.result.log;
}

// Fault injection around the real app: its commit fails at one height (a full disk, say).
class CommitFailsAt final : public Application {
public:
    CommitFailsAt(Application& inner, uint64_t height) : inner_(inner), height_(height) {}
    InfoResponse info() const override { return inner_.info(); }
    CheckTxResult checkTx(ByteSpan tx, CheckTxMode mode) override {
        return inner_.checkTx(tx, mode);
    }
    std::vector<Bytes> prepareProposal(std::span<const Bytes> txs, uint64_t maxBytes) override {
        return inner_.prepareProposal(txs, maxBytes);
    }
    bool processProposal(const FinalizeBlockRequest& b) override {
        return inner_.processProposal(b);
    }
    Result<FinalizeBlockResponse> finalizeBlock(const FinalizeBlockRequest& b) override {
        pendingHeight_ = b.block.height;
        return inner_.finalizeBlock(b);
    }
    Status commit() override {
        if (pendingHeight_ == height_) return makeError(ErrorCode::Io, "disk full");
        return inner_.commit();
    }
    QueryResponse query(const QueryRequest& r) const override { return inner_.query(r); }

private:
    Application& inner_;
    uint64_t height_;
    uint64_t pendingHeight_ = 0;
};

}  // namespace

class TestSoloEngine : public QObject {
    Q_OBJECT

    const Keys& k = keys();

private Q_SLOTS:
    void producesBlocksAtTheInterval() {
        Home home;
        auto engine = home.engine(config(40ms));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        const auto started = std::chrono::steady_clock::now();
        QVERIFY(engine->start().ok());
        QVERIFY(rec.waitFor(5));
        const auto elapsed = std::chrono::steady_clock::now() - started;
        engine->stop();
        const auto blocks = rec.blocks();
        QVERIFY(elapsed >= 195ms);  // five ticks of 40 ms
        for (size_t i = 0; i < blocks.size(); ++i) {
            QCOMPARE(blocks[i].height, uint64_t(i + 1));
            if (i > 0) QVERIFY(blocks[i].timeUnixNanos > blocks[i - 1].timeUnixNanos);
        }
        QCOMPARE(engine->height(), blocks.back().height);
        QCOMPARE(engine->lastBlockHash(), blocks.back().hash);
        const InfoResponse info = home.node.app->info();
        QCOMPARE(info.lastBlockHeight, engine->height());
        QCOMPARE(toHex(info.lastBlockAppHash), toHex(blocks.back().appHash));
        QVERIFY(!engine->failure());
        // What the block store holds is what the engine announced.
        auto stored = home.node.app->blockStore().blockByHeight(blocks.back().height);
        QVERIFY(stored.ok() && stored->has_value());
        QCOMPARE(toHex((*stored)->hash), toHex(blocks.back().hash));
        QCOMPARE((*stored)->timeUnixNanos, blocks.back().timeUnixNanos);
    }

    void headerTimeIsMonotonicEvenWhenTheClockIsNot() {
        Home home;
        SoloConfig c = config(10ms);
        c.clock = [] { return int64_t(1'000); };  // a wall clock stuck before genesis
        auto engine = home.engine(std::move(c));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        QVERIFY(engine->start().ok());
        QVERIFY(rec.waitFor(3));
        engine->stop();
        const auto blocks = rec.blocks();
        QCOMPARE(blocks[0].timeUnixNanos, kGenesisNanos);
        QCOMPARE(blocks[1].timeUnixNanos, kGenesisNanos + 1'000'000);  // previous + 1 ms
        QCOMPARE(blocks[2].timeUnixNanos, kGenesisNanos + 2'000'000);
        QCOMPARE(home.block(2).header().time_unix_nanos(), kGenesisNanos + 1'000'000);
    }

    void headersAreSignedAndVerifiable() {
        Home home;
        auto engine = home.engine(config(20ms));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        const Bytes tx = signedSend(k.alice, {.to = k.bob.address()});
        QVERIFY2(home.pool->checkTx(tx).result.ok(), logOf(home.pool->checkTx(tx)).c_str());
        QVERIFY(engine->start().ok());
        QVERIFY(rec.waitFor(4));
        engine->stop();
        const std::vector<Validator> set = {engine->validator()};
        const auto blocks = rec.blocks();
        const uint64_t tip = engine->height();
        QVERIFY(tip >= 4);
        for (uint64_t h = 1; h <= tip; ++h) {
            const pb::Block b = home.block(h);
            QCOMPARE(b.header().height(), h);
            QCOMPARE(b.header().chain_id(), std::string(kChainId));
            QVERIFY(b.header().proposer_address() == toField(engine->validatorAddress()));
            QVERIFY(fieldEquals(b.header().validators_hash(), validatorsHash(set)));
            QCOMPARE(toHex(headerHash(b.header())), toHex(blocks[h - 1].hash));
            if (h == 1) {
                // Block 1 carries the genesis app hash.
                QVERIFY(b.header().last_block_hash().empty());
                QVERIFY(!b.has_last_commit());
                continue;
            }
            // Block h carries the signed commit of block h-1 and h-1's resulting app hash.
            const pb::Block prev = home.block(h - 1);
            QVERIFY(fieldEquals(b.last_commit().block_hash(), headerHash(prev.header())));
            QVERIFY(fieldEquals(b.header().last_block_hash(), headerHash(prev.header())));
            QVERIFY(fieldEquals(b.header().app_hash(), blocks[h - 2].appHash));
            auto ok = verifyCommit(kChainId, b.last_commit(), set);
            QVERIFY2(ok.ok(), ok.ok() ? "" : ok.message().c_str());
            // A forged header does not match the signed hash.
            pb::Header forged = prev.header();
            forged.set_app_hash(std::string(32, '\x01'));
            QVERIFY(!fieldEquals(b.last_commit().block_hash(), headerHash(forged)));
        }
        QCOMPARE(home.block(1).txs_size(), 1);
        // The tip's commit is held by the engine until the next block carries it.
        auto tipCommit = engine->lastCommit();
        QVERIFY(tipCommit.has_value());
        QCOMPARE(tipCommit->height(), tip);
        QVERIFY(verifyCommit(kChainId, *tipCommit, set).ok());
        const auto stranger = ed25519::fromSeed(Bytes(32, 0x43)).value();
        const std::vector<Validator> wrong = {{stranger.publicKey, kValidatorPower}};
        QVERIFY(!verifyCommit(kChainId, *tipCommit, wrong).ok());
    }

    void emptyBlocksSkippedWhenConfigured() {
        Home home;
        SoloConfig c = config(15ms);
        c.createEmptyBlocks = false;
        auto engine = home.engine(std::move(c));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        QVERIFY(engine->start().ok());
        QTest::qWait(150);  // ten ticks, nothing to do
        QCOMPARE(engine->height(), uint64_t(0));
        QVERIFY(home.pool->checkTx(signedSend(k.alice, {.to = k.bob.address()})).result.ok());
        QVERIFY(rec.waitFor(1));
        QTest::qWait(100);
        engine->stop();
        QCOMPARE(engine->height(), uint64_t(1));  // one block for the one tx, then silence
        QCOMPARE(rec.blocks()[0].txHashes.size(), size_t(1));
        QVERIFY(rec.blocks()[0].txResults[0].ok());
    }

    void emptyBlocksAtTheirOwnIntervalWhenConfigured() {
        Home home;
        SoloConfig c = config(10ms);
        c.createEmptyBlocks = false;
        c.createEmptyBlocksInterval = 60ms;
        auto engine = home.engine(std::move(c));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        const auto started = std::chrono::steady_clock::now();
        QVERIFY(engine->start().ok());
        QVERIFY(rec.waitFor(3));
        const auto elapsed = std::chrono::steady_clock::now() - started;
        engine->stop();
        // Three empty blocks need three intervals of 60 ms, not three ticks of 10 ms.
        QVERIFY(elapsed >= 175ms);
    }

    void includesMempoolTxsInOrderAndRemovesThem() {
        Home home;
        const Amount bobBefore = home.node.balance(k.bob);
        // Fee per gas: alice 10 (twice), bob 20, carol 15 (carol's 10 free ALLO pay for it).
        const std::vector<Bytes> sent = {
            signedSend(k.alice, {.to = k.dave.address(), .amount = "1", .sequence = 0}),
            signedSend(k.alice, {.to = k.dave.address(), .amount = "2", .sequence = 1}),
            signedSend(
                k.bob,
                {.to = k.dave.address(), .amount = "3", .accountNumber = 1, .fee = "4000000"}),
            signedSend(
                k.carol,
                {.to = k.dave.address(), .amount = "4", .accountNumber = 2, .fee = "3000000"}),
        };
        for (const Bytes& tx : sent) {
            auto r = home.pool->checkTx(tx);
            QVERIFY2(r.result.ok(), r.result.log.c_str());
        }
        QCOMPARE(home.pool->size(), size_t(4));
        auto engine = home.engine(config(20ms));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        QVERIFY(engine->start().ok());
        QVERIFY(rec.waitFor(2));
        engine->stop();
        const CommittedBlock first = rec.blocks()[0];
        // Fee per gas, then arrival, alice's sequences kept: bob, carol, alice 0, alice 1.
        const std::vector<Hash256> expected = {sha256(sent[2]), sha256(sent[3]), sha256(sent[0]),
                                               sha256(sent[1])};
        QCOMPARE(first.txHashes, expected);
        for (const auto& r : first.txResults) QVERIFY2(r.ok(), r.log.c_str());
        const pb::Block stored = home.block(1);
        QCOMPARE(stored.txs_size(), 4);
        QVERIFY(stored.txs(0) == toField(sent[2]));
        QCOMPARE(home.pool->size(), size_t(0));
        QVERIFY(rec.blocks()[1].txHashes.empty());
        QCOMPARE(home.node.sequence(k.alice), uint64_t(2));
        QCOMPARE(home.node.balance(k.dave), Amount::fromUallo(100 + 1 + 2 + 3 + 4));
        QCOMPARE(home.node.balance(k.bob), *bobBefore.sub(Amount::fromUallo(3 + 4'000'000)));
        // A committed tx sent again is refused at the door.
        QCOMPARE(home.pool->checkTx(sent[0]).result.code,
                 static_cast<uint32_t>(TxCode::TxInMempoolCache));
    }

    void txFailingRecheckIsDropped() {
        Home home;
        // Bob (5 ALLO) empties his account in tx A, so his next tx B cannot pay its fee any more.
        const Amount bob = home.node.balance(k.bob);
        const Amount drain = *bob.sub(Amount::fromUallo(kFee + 100));
        const Bytes a = signedSend(
            k.bob, {.to = k.alice.address(), .amount = drain.toUalloString(), .accountNumber = 1});
        const Bytes b = signedSend(
            k.bob, {.to = k.alice.address(), .amount = "1", .sequence = 1, .accountNumber = 1});
        QVERIFY(home.pool->checkTx(a).result.ok());
        QVERIFY(home.pool->checkTx(b).result.ok());  // fine against the check state: 2 fees fit
        SoloConfig c = config(20ms);
        c.maxBlockBytes = a.size();  // one tx per block: B waits in the pool
        auto engine = home.engine(std::move(c));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& blk) { rec.add(blk); });
        QVERIFY(engine->start().ok());
        QVERIFY(rec.waitFor(3));
        engine->stop();
        const auto blocks = rec.blocks();
        QCOMPARE(blocks[0].txHashes, std::vector<Hash256>{sha256(a)});
        QVERIFY(blocks[0].txResults[0].ok());
        // B failed its recheck after block 1 and left the pool; no later block carries it.
        QVERIFY(!home.pool->contains(sha256(b)));
        QCOMPARE(home.pool->size(), size_t(0));
        for (size_t i = 1; i < blocks.size(); ++i) QVERIFY(blocks[i].txHashes.empty());
        QCOMPARE(home.node.sequence(k.bob), uint64_t(1));
        QCOMPARE(home.node.balance(k.bob), Amount::fromUallo(100));
    }

    void restartContinuesFromTheCommittedHeight() {
        Home home;
        Hash256 hashBefore{};
        Hash256 appHashBefore{};
        uint64_t heightBefore = 0;
        std::string commitBefore;
        {
            auto engine = home.engine(config(15ms));
            Recorder rec;
            auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
            QVERIFY(home.pool->checkTx(signedSend(k.alice, {.to = k.bob.address()})).result.ok());
            QVERIFY(engine->start().ok());
            QVERIFY(rec.waitFor(3));
            engine->stop();
            heightBefore = engine->height();
            hashBefore = engine->lastBlockHash();
            appHashBefore = rec.blocks().back().appHash;
            commitBefore = engine->lastCommit()->SerializeAsString();
        }
        // A new process: database, app, mempool and engine all reopened on the same home.
        home.restart();
        QCOMPARE(home.node.app->info().lastBlockHeight, heightBefore);
        QCOMPARE(toHex(home.node.app->info().lastBlockAppHash), toHex(appHashBefore));

        auto engine = home.engine(config(15ms));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        QVERIFY(engine->start().ok());
        // The handshake alone restores the tip, and the re-signed commit is the same bytes.
        QCOMPARE(engine->height(), heightBefore);
        QCOMPARE(toHex(engine->lastBlockHash()), toHex(hashBefore));
        QVERIFY(engine->lastCommit()->SerializeAsString() == commitBefore);
        QVERIFY(home.pool->checkTx(signedSend(k.alice, {.to = k.bob.address(), .sequence = 1}))
                    .result.ok());
        QVERIFY(rec.waitFor(2));
        engine->stop();
        QCOMPARE(rec.blocks()[0].height, heightBefore + 1);
        QVERIFY(rec.blocks()[0].txResults.size() == 1 && rec.blocks()[0].txResults[0].ok());
        const pb::Block next = home.block(heightBefore + 1);
        QVERIFY(fieldEquals(next.header().last_block_hash(), hashBefore));
        QVERIFY(fieldEquals(next.header().app_hash(), appHashBefore));
        QVERIFY(next.last_commit().SerializeAsString() == commitBefore);
        const std::vector<Validator> set = {engine->validator()};
        QVERIFY(verifyCommit(kChainId, next.last_commit(), set).ok());
        QCOMPARE(home.node.sequence(k.alice), uint64_t(2));
    }

    void handshakeRefusesAStoreAheadOfTheApp() {
        Home home;
        {
            auto engine = home.engine(config(10ms));
            Recorder rec;
            auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
            QVERIFY(engine->start().ok());
            QVERIFY(rec.waitFor(2));
            engine->stop();
        }
        const uint64_t h = home.node.app->info().lastBlockHeight;
        // One SQLite transaction makes this impossible; a store that shows a block past the app's
        // commit anyway (edited by hand, a bug) must stop the node rather than fork it.
        BlockLoader real = home.loader();
        BlockLoader ahead = [real, h](uint64_t height) -> Result<std::optional<Bytes>> {
            return real(height == h + 1 ? h : height);
        };
        SoloEngine engine(*home.node.app, *home.pool, validatorKey(), config(10ms), ahead);
        auto st = engine.start();
        QVERIFY(!st.ok());
        QCOMPARE(st.code(), ErrorCode::Corrupt);
        QVERIFY(!engine.running());
        // A store missing the committed block, or no store at all: refused too.
        BlockLoader behind = [real, h](uint64_t height) -> Result<std::optional<Bytes>> {
            if (height == h) return std::optional<Bytes>{};
            return real(height);
        };
        SoloEngine missing(*home.node.app, *home.pool, validatorKey(), config(10ms), behind);
        QCOMPARE(missing.start().code(), ErrorCode::Corrupt);
        SoloEngine blind(*home.node.app, *home.pool, validatorKey(), config(10ms), {});
        QVERIFY(!blind.start().ok());
        // An engine configured for another chain.
        SoloConfig other = config(10ms);
        other.chainId = "other-chain";
        SoloEngine mismatched(*home.node.app, *home.pool, validatorKey(), std::move(other), real);
        QCOMPARE(mismatched.start().code(), ErrorCode::InvalidArgument);
    }

    void haltsWhenTheAppFailsToCommit() {
        Home home;
        CommitFailsAt app(*home.node.app, 3);
        Mempool pool(app, {});
        SoloEngine engine(app, pool, validatorKey(), config(10ms), home.loader());
        Recorder rec;
        auto sub = engine.subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        QVERIFY(engine.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(!engine.running(), 5000);
        QCOMPARE(engine.height(), uint64_t(2));
        QCOMPARE(rec.blocks().size(), size_t(2));  // nothing announced for the failed block
        auto failure = engine.failure();
        QVERIFY(failure.has_value());
        QCOMPARE(failure->code, ErrorCode::Io);
        QVERIFY2(failure->message.find("Commit at height 3: disk full") != std::string::npos,
                 failure->message.c_str());
        engine.stop();
    }

    void startsAtTheGenesisInitialHeight() {
        Home home(5);
        QCOMPARE(home.node.app->info().lastBlockHeight, uint64_t(4));
        SoloConfig c = config(10ms);
        c.initialHeight = 5;
        auto engine = home.engine(std::move(c));
        Recorder rec;
        auto sub = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        QVERIFY(engine->start().ok());
        QVERIFY(rec.waitFor(2));
        engine->stop();
        QCOMPARE(rec.blocks()[0].height, uint64_t(5));
        QVERIFY(!home.block(5).has_last_commit());
        QVERIFY(home.block(6).has_last_commit());
        // Restarted after its first blocks, it resumes there.
        auto again = home.engine(config(10ms));
        QVERIFY(again->start().ok());
        again->stop();
        QCOMPARE(again->height(), engine->height());
    }

    void stopReturnsPromptly() {
        Home home;
        auto engine = home.engine(config(10s));
        QVERIFY(engine->start().ok());
        QVERIFY(engine->running());
        const auto t0 = std::chrono::steady_clock::now();
        engine->stop();
        QVERIFY(std::chrono::steady_clock::now() - t0 < 500ms);
        QVERIFY(!engine->running());
        QCOMPARE(engine->height(), uint64_t(0));
        engine->stop();                        // idempotent
        QCOMPARE(engine->start().ok(), true);  // and startable again
        engine->stop();
    }

    void unsubscribedCallbackIsNotCalled() {
        Home home;
        auto engine = home.engine(config(10ms));
        std::atomic<int> calls{0};
        Recorder rec;
        auto keep = engine->subscribeBlocks([&](const CommittedBlock& b) { rec.add(b); });
        auto sub = engine->subscribeBlocks([&](const CommittedBlock&) { ++calls; });
        QVERIFY(engine->start().ok());
        QVERIFY(rec.waitFor(1));
        sub.reset();  // once this returns, the callback never runs again
        const int seen = calls;
        QVERIFY(rec.waitFor(3));
        engine->stop();
        QCOMPARE(calls.load(), seen);
    }
};

QTEST_GUILESS_MAIN(TestSoloEngine)
#include "test_solo_engine.moc"
