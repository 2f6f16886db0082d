// Mempool: admission, ordering, limits, replacement, update/recheck, TTL and concurrency, against
// the deterministic TestApplication (consensus_test_app.h), whose txs say their own sender,
// sequence, priority and gas, so each expectation below can be read off the tx text.
#include <QtTest>

#include <atomic>
#include <thread>

#include "consensus_test_app.h"
#include "node/chain/mempool.h"

using namespace allora;
using allora::test::makeTestTx;
using allora::test::TestApplication;
using node::Mempool;
using node::MempoolConfig;
using node::TxCode;

namespace {

std::string text(const Bytes& b) {
    return std::string(b.begin(), b.end());
}

std::vector<std::string> reapAll(const Mempool& pool) {
    std::vector<std::string> out;
    for (const Bytes& tx : pool.reap(Mempool::kNoLimit, Mempool::kNoLimit)) out.push_back(text(tx));
    return out;
}

TxCode codeOf(const node::CheckTxResult& r) {
    return static_cast<TxCode>(r.result.code);
}

// Runs `txs` as block height+1 through the app, then the pool's update, as the engine does.
void commitBlock(TestApplication& app, Mempool& pool, const std::vector<Bytes>& txs) {
    auto lock = pool.lockApplication();
    node::FinalizeBlockRequest req;
    req.block.height = app.info().lastBlockHeight + 1;
    req.txs = txs;
    QVERIFY(app.finalizeBlock(req).ok());
    QVERIFY(app.commit().ok());
    pool.update(lock, req.block.height, txs);
}

}  // namespace

class TestMempool : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void admitsValidAndRejectsInvalid() {
        TestApplication app("c");
        Mempool pool(app, {});
        QVERIFY(pool.checkTx(makeTestTx("alice", 0, 5)).result.ok());
        auto bad = pool.checkTx(toBytes("garbage"));
        QCOMPARE(codeOf(bad), TxCode::TxDecode);
        auto gap = pool.checkTx(makeTestTx("bob", 3, 5));
        QCOMPARE(codeOf(gap), TxCode::InvalidSequence);
        QCOMPARE(pool.size(), size_t(1));
        QCOMPARE(pool.totalBytes(), uint64_t(makeTestTx("alice", 0, 5).size()));
        QVERIFY(pool.contains(sha256(makeTestTx("alice", 0, 5))));
        QCOMPARE(codeOf(pool.checkTx({})), TxCode::TxDecode);
    }

    void rejectsDuplicatesByHash() {
        TestApplication app("c");
        Mempool pool(app, {});
        const Bytes tx = makeTestTx("alice", 0, 5);
        QVERIFY(pool.checkTx(tx).result.ok());
        const uint64_t appCalls = app.checkCalls[0];
        auto dup = pool.checkTx(tx);
        QCOMPARE(codeOf(dup), TxCode::TxInMempoolCache);
        QCOMPARE(QString::fromStdString(dup.result.log), QString("tx already in mempool cache"));
        QCOMPARE(app.checkCalls[0], appCalls);  // refused without bothering the app
        QCOMPARE(pool.size(), size_t(1));

        // Once committed, the same bytes are a replay: still refused by the cache.
        commitBlock(app, pool, {tx});
        QCOMPARE(pool.size(), size_t(0));
        QCOMPARE(codeOf(pool.checkTx(tx)), TxCode::TxInMempoolCache);
    }

    void duplicateOfPooledTxRefusedEvenAfterCacheEviction() {
        TestApplication app("c");
        MempoolConfig cfg;
        cfg.cacheSize = 2;
        Mempool pool(app, cfg);
        const Bytes first = makeTestTx("a", 0, 1);
        QVERIFY(pool.checkTx(first).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("b", 0, 1)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("c", 0, 1)).result.ok());  // evicts `first` from the cache
        QCOMPARE(codeOf(pool.checkTx(first)), TxCode::TxInMempoolCache);
        QCOMPARE(pool.size(), size_t(3));
    }

    void failedTxCanBeRetried() {
        TestApplication app("c");
        Mempool pool(app, {});
        const Bytes later = makeTestTx("alice", 1, 5);
        QCOMPARE(codeOf(pool.checkTx(later)), TxCode::InvalidSequence);  // sequence 0 missing
        QVERIFY(pool.checkTx(makeTestTx("alice", 0, 5)).result.ok());
        QVERIFY(pool.checkTx(later).result.ok());  // not stuck in the cache
    }

    void sizeLimits() {
        {
            TestApplication app("c");
            MempoolConfig cfg;
            cfg.maxTxs = 2;
            Mempool pool(app, cfg);
            QVERIFY(pool.checkTx(makeTestTx("a", 0, 1)).result.ok());
            QVERIFY(pool.checkTx(makeTestTx("b", 0, 1)).result.ok());
            auto full = pool.checkTx(makeTestTx("c", 0, 1));
            QCOMPARE(codeOf(full), TxCode::MempoolIsFull);
            QVERIFY(full.result.log.find("mempool is full") != std::string::npos);
            QCOMPARE(pool.size(), size_t(2));
        }
        {
            TestApplication app("c");
            MempoolConfig cfg;
            cfg.maxTotalBytes = 2 * makeTestTx("a", 0, 1).size();
            Mempool pool(app, cfg);
            QVERIFY(pool.checkTx(makeTestTx("a", 0, 1)).result.ok());
            QVERIFY(pool.checkTx(makeTestTx("b", 0, 1)).result.ok());
            QCOMPARE(codeOf(pool.checkTx(makeTestTx("c", 0, 1))), TxCode::MempoolIsFull);
        }
        {
            TestApplication app("c");
            MempoolConfig cfg;
            cfg.maxTxBytes = 10;
            Mempool pool(app, cfg);
            auto big = pool.checkTx(makeTestTx("alice", 0, 1, 1, std::string(20, 'x')));
            QCOMPARE(codeOf(big), TxCode::TxTooLarge);
            QCOMPARE(app.checkCalls[0], uint64_t(0));
        }
    }

    void ordersByPriorityThenArrivalKeepingSenderSequence() {
        TestApplication app("c");
        Mempool pool(app, {});
        // alice's second tx pays the most but cannot pass her first.
        QVERIFY(pool.checkTx(makeTestTx("alice", 0, 1)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("alice", 1, 100)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("bob", 0, 50)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("carol", 0, 7)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("dave", 0, 7)).result.ok());  // same fee, later arrival
        QVERIFY(pool.checkTx(makeTestTx("erin", 0, 1)).result.ok());  // ties alice/0, later
        const std::vector<std::string> expected = {"bob/0/50/1",  "carol/0/7/1",   "dave/0/7/1",
                                                   "alice/0/1/1", "alice/1/100/1", "erin/0/1/1"};
        QCOMPARE(reapAll(pool), expected);
    }

    void reapRespectsBytesAndGas() {
        TestApplication app("c");
        Mempool pool(app, {});
        QVERIFY(pool.checkTx(makeTestTx("a", 0, 9, 10)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("a", 1, 9, 100)).result.ok());  // too much gas below
        QVERIFY(pool.checkTx(makeTestTx("a", 2, 9, 1)).result.ok());    // must not pass a/1
        QVERIFY(pool.checkTx(makeTestTx("b", 0, 5, 20)).result.ok());
        auto byGas = pool.reap(Mempool::kNoLimit, 50);
        QCOMPARE(byGas.size(), size_t(2));
        QCOMPARE(text(byGas[0]), std::string("a/0/9/10"));
        QCOMPARE(text(byGas[1]), std::string("b/0/5/20"));

        const uint64_t oneTx = makeTestTx("a", 0, 9, 10).size();
        auto byBytes = pool.reap(oneTx, Mempool::kNoLimit);
        QCOMPARE(byBytes.size(), size_t(1));
        QCOMPARE(text(byBytes[0]), std::string("a/0/9/10"));
        QCOMPARE(pool.size(), size_t(4));  // reaping does not remove
        QVERIFY(pool.reap(0, Mempool::kNoLimit).empty());
    }

    void replacementNeedsHigherFee() {
        TestApplication app("c");
        Mempool pool(app, {});
        QVERIFY(pool.checkTx(makeTestTx("alice", 0, 10)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("bob", 0, 5)).result.ok());

        auto lower = pool.checkTx(makeTestTx("alice", 0, 9, 1, "cheaper"));
        QCOMPARE(codeOf(lower), TxCode::InsufficientFee);
        QVERIFY(lower.result.log.find("sequence 0") != std::string::npos);
        QVERIFY(lower.result.log.find("fee per gas 10") != std::string::npos);
        auto equal = pool.checkTx(makeTestTx("alice", 0, 10, 1, "same"));
        QCOMPARE(codeOf(equal), TxCode::InsufficientFee);
        QCOMPARE(pool.size(), size_t(2));

        const Bytes better = makeTestTx("alice", 0, 11, 1, "better");
        QVERIFY(pool.checkTx(better).result.ok());
        QCOMPARE(pool.size(), size_t(2));
        QVERIFY(pool.contains(sha256(better)));
        QVERIFY(!pool.contains(sha256(makeTestTx("alice", 0, 10))));
        QCOMPARE(pool.totalBytes(), uint64_t(better.size() + makeTestTx("bob", 0, 5).size()));
        const std::vector<std::string> expected = {"alice/0/11/1/better", "bob/0/5/1"};
        QCOMPARE(reapAll(pool), expected);
        // The loser is remembered as seen.
        QCOMPARE(codeOf(pool.checkTx(makeTestTx("alice", 0, 10))), TxCode::TxInMempoolCache);
    }

    void updateRemovesIncludedAndDropsFailingRecheck() {
        TestApplication app("c");
        Mempool pool(app, {});
        const Bytes freeze = makeTestTx("carol", 0, 9, 1, "freeze:dave");
        QVERIFY(pool.checkTx(freeze).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("dave", 0, 1)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("dave", 1, 1)).result.ok());
        QVERIFY(pool.checkTx(makeTestTx("erin", 0, 1)).result.ok());
        QCOMPARE(pool.size(), size_t(4));
        const uint64_t rechecksBefore = app.checkCalls[1];

        commitBlock(app, pool, {freeze});
        QCOMPARE(app.checkCalls[1] - rechecksBefore, uint64_t(3));  // every tx left was rechecked
        QVERIFY(!pool.contains(sha256(freeze)));
        const std::vector<std::string> expected = {"erin/0/1/1"};
        QCOMPARE(reapAll(pool), expected);
        // Dropped by recheck means forgotten: once valid again it may come back (here it is not).
        QCOMPARE(codeOf(pool.checkTx(makeTestTx("dave", 0, 1))), TxCode::Unauthorized);
    }

    void recheckKeepsSenderOrderAgainstNewState() {
        TestApplication app("c");
        Mempool pool(app, {});
        for (uint64_t s = 0; s < 5; ++s)
            QVERIFY(pool.checkTx(makeTestTx("alice", s, 1)).result.ok());
        // A block with alice 0 and 1 only (as a proposer with a small block would).
        commitBlock(app, pool, {makeTestTx("alice", 0, 1), makeTestTx("alice", 1, 1)});
        const std::vector<std::string> expected = {"alice/2/1/1", "alice/3/1/1", "alice/4/1/1"};
        QCOMPARE(reapAll(pool), expected);
        QCOMPARE(app.committedSequence("alice"), uint64_t(2));
    }

    void expiresByHeight() {
        TestApplication app("c");
        MempoolConfig cfg;
        cfg.ttlBlocks = 2;
        Mempool pool(app, cfg);
        QVERIFY(pool.checkTx(makeTestTx("old", 0, 1)).result.ok());  // added at height 0
        commitBlock(app, pool, {});
        QVERIFY(pool.checkTx(makeTestTx("new", 0, 1)).result.ok());  // added at height 1
        QCOMPARE(pool.size(), size_t(2));
        commitBlock(app, pool, {});  // height 2: "old" has waited 2 blocks
        const std::vector<std::string> afterTwo = {"new/0/1/1"};
        QCOMPARE(reapAll(pool), afterTwo);
        commitBlock(app, pool, {});
        QCOMPARE(pool.size(), size_t(0));
        // Expired is not "seen": it may be sent again.
        QVERIFY(pool.checkTx(makeTestTx("old", 0, 1)).result.ok());
    }

    void concurrentCheckTxAndBlocks() {
        TestApplication app("c");
        Mempool pool(app, {});
        constexpr int kThreads = 4;
        constexpr uint64_t kPerThread = 200;
        std::atomic<bool> done{false};
        std::atomic<uint64_t> accepted{0};
        std::vector<std::thread> senders;
        for (int t = 0; t < kThreads; ++t) {
            senders.emplace_back([&, t] {
                const std::string who = "s" + std::to_string(t);
                for (uint64_t s = 0; s < kPerThread; ++s) {
                    if (pool.checkTx(makeTestTx(who, s, s % 7)).result.ok()) ++accepted;
                }
            });
        }
        // Blocks of whatever is ready, as a proposer would, while the senders keep going.
        uint64_t included = 0;
        std::thread proposer([&] {
            while (!done) {
                auto lock = pool.lockApplication();
                auto txs = pool.reap(Mempool::kNoLimit, 50);
                node::FinalizeBlockRequest req;
                req.block.height = app.info().lastBlockHeight + 1;
                req.txs = txs;
                auto resp = app.finalizeBlock(req);
                for (const auto& r : resp->txResults) QCOMPARE(r.code, 0u);
                QVERIFY(app.commit().ok());
                pool.update(lock, req.block.height, txs);
                included += txs.size();
            }
        });
        for (auto& t : senders) t.join();
        done = true;
        proposer.join();
        QCOMPARE(accepted.load(), uint64_t(kThreads) * kPerThread);
        QCOMPARE(included + pool.size(), uint64_t(kThreads) * kPerThread);
    }
};

QTEST_GUILESS_MAIN(TestMempool)
#include "test_mempool.moc"
