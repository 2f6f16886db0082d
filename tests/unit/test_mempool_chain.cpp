// The mempool in front of the real chain (ChainApp on SQLite, devnet genesis, MsgSend txs signed
// with the wallet's tx builder): the app's verdicts reach the sender, fee per gas orders the pool
// with each sender's sequences kept, duplicates and a full pool are refused, the block's txs leave
// and a tx that no longer pays its fee is dropped at recheck.
#include "test_chain_fixture.h"

#include "node/chain/mempool.h"

using namespace chaintest;

namespace {

uint32_t code(TxCode c) {
    return static_cast<uint32_t>(c);
}

struct Home {
    QTemporaryDir dir;
    Node node{dir.filePath("node.db").toStdString()};
    Home() { node.init(); }
};

// Finalizes and commits `txs` as the next block, then updates the pool, as the engine does.
void commitBlock(Home& home, Mempool& pool, const std::vector<Bytes>& txs) {
    auto lock = pool.lockApplication();
    home.node.block(txs);
    pool.update(lock, home.node.height(), txs);
}

}  // namespace

class TestMempoolChain : public QObject {
    Q_OBJECT

    const Keys& k = keys();

private Q_SLOTS:
    void appVerdictsReachTheSender() {
        Home home;
        Mempool pool(*home.node.app, {});
        auto wrongChain =
            pool.checkTx(signedSend(k.alice, {.to = k.bob.address(), .chainId = "x"}));
        QCOMPARE(wrongChain.result.code, code(TxCode::Unauthorized));
        auto badSeq = pool.checkTx(signedSend(k.alice, {.to = k.bob.address(), .sequence = 5}));
        QCOMPARE(badSeq.result.code, code(TxCode::InvalidSequence));
        auto cheap = pool.checkTx(signedSend(k.alice, {.to = k.bob.address(), .fee = "1"}));
        QCOMPARE(cheap.result.code, code(TxCode::InsufficientFee));
        QCOMPARE(pool.checkTx(toBytes("junk")).result.code, code(TxCode::TxDecode));
        QCOMPARE(pool.size(), size_t(0));

        const Bytes ok = signedSend(k.alice, {.to = k.bob.address()});
        auto accepted = pool.checkTx(ok);
        QVERIFY2(accepted.result.ok(), accepted.result.log.c_str());
        QCOMPARE(accepted.sender, k.alice.address());
        QCOMPARE(accepted.priority, uint64_t(10));
        QCOMPARE(pool.checkTx(ok).result.code, code(TxCode::TxInMempoolCache));
        QCOMPARE(pool.size(), size_t(1));
    }

    void ordersByFeePerGasKeepingSequences() {
        Home home;
        Mempool pool(*home.node.app, {});
        const std::vector<Bytes> sent = {
            signedSend(k.alice, {.to = k.dave.address(), .sequence = 0}),                    // 10
            signedSend(k.alice, {.to = k.dave.address(), .sequence = 1, .fee = "9000000"}),  // 45
            signedSend(k.bob,
                       {.to = k.dave.address(), .accountNumber = 1, .fee = "4000000"}),  // 20
            signedSend(k.carol, {.to = k.dave.address(), .accountNumber = 2}),           // 10
        };
        for (const Bytes& tx : sent) QVERIFY(pool.checkTx(tx).result.ok());
        // bob (20) beats alice's first (10); her second (45) waits for it; carol ties alice/0
        // but came later.
        const std::vector<Bytes> expected = {sent[2], sent[0], sent[1], sent[3]};
        QVERIFY(pool.reap(Mempool::kNoLimit, Mempool::kNoLimit) == expected);
        // Gas: every tx wants 200 000; 500 000 fits two.
        QCOMPARE(pool.reap(Mempool::kNoLimit, 500'000).size(), size_t(2));
        // The app takes the reaped order as it is.
        auto lock = pool.lockApplication();
        QVERIFY(home.node.app->prepareProposal(expected, 1 << 20) == expected);
    }

    void fullPoolRefuses() {
        Home home;
        MempoolConfig cfg;
        cfg.maxTxs = 2;
        Mempool pool(*home.node.app, cfg);
        QVERIFY(
            pool.checkTx(signedSend(k.alice, {.to = k.bob.address(), .sequence = 0})).result.ok());
        QVERIFY(
            pool.checkTx(signedSend(k.alice, {.to = k.bob.address(), .sequence = 1})).result.ok());
        auto full = pool.checkTx(signedSend(k.bob, {.to = k.alice.address(), .accountNumber = 1}));
        QCOMPARE(full.result.code, code(TxCode::MempoolIsFull));
        QCOMPARE(pool.size(), size_t(2));
    }

    void sameSequenceIsTheAppsCall() {
        // The chain advances a sender's sequence in its check state, so a second tx with the same
        // sequence (a would-be replacement) is a replay to it, whatever its fee. The pool's own
        // replacement rule (test_mempool) only applies to apps that let such a tx through.
        Home home;
        Mempool pool(*home.node.app, {});
        const Bytes first = signedSend(k.alice, {.to = k.bob.address()});
        QVERIFY(pool.checkTx(first).result.ok());
        auto richer = pool.checkTx(signedSend(k.alice, {.to = k.bob.address(), .fee = "9000000"}));
        QCOMPARE(richer.result.code, code(TxCode::InvalidSequence));
        QVERIFY(pool.contains(sha256(first)));
        QCOMPARE(pool.size(), size_t(1));
    }

    void blockRemovesIncludedAndRecheckDropsUnfunded() {
        Home home;
        Mempool pool(*home.node.app, {});
        // Bob empties his account in A; B, valid when it arrived, can no longer pay its fee.
        const Amount drain = *home.node.balance(k.bob).sub(Amount::fromUallo(kFee + 100));
        const Bytes a = signedSend(
            k.bob, {.to = k.alice.address(), .amount = drain.toUalloString(), .accountNumber = 1});
        const Bytes b = signedSend(
            k.bob, {.to = k.alice.address(), .amount = "1", .sequence = 1, .accountNumber = 1});
        const Bytes c = signedSend(k.alice, {.to = k.carol.address()});
        const Bytes d = signedSend(k.alice, {.to = k.carol.address(), .sequence = 1});
        for (const Bytes& tx : {a, b, c, d}) QVERIFY(pool.checkTx(tx).result.ok());
        commitBlock(home, pool, {a, c});
        QVERIFY(!pool.contains(sha256(a)));
        QVERIFY(!pool.contains(sha256(c)));
        QVERIFY(!pool.contains(sha256(b)));  // failed its recheck: insufficient funds for the fee
        QVERIFY(pool.contains(sha256(d)));   // alice's next sequence is still good
        QCOMPARE(pool.size(), size_t(1));
        QCOMPARE(pool.totalBytes(), uint64_t(d.size()));
        // A tx the pool must have forgotten may be sent again (still unfunded here).
        QCOMPARE(pool.checkTx(b).result.code, code(TxCode::InsufficientFunds));
    }
};

QTEST_GUILESS_MAIN(TestMempoolChain)
#include "test_mempool_chain.moc"
