// Issue 3, integration: `allorad init` + genesis accounts + `allorad start` on loopback;
// `allora-cli tx bank send` moves funds; balances, sequence, tx result and supply are right; a
// replayed tx, a wrong chain id, a bad signature, a high-S signature, an unfunded fee and a
// malformed body are each rejected with a clear reason and change nothing.
#include "tests/integration/node_harness.h"

using namespace nodetest;

namespace {

const Amount kAliceGenesis = *Amount::parse("1000ALLO");
const Amount kBobGenesis = *Amount::parse("5ALLO");

Amount minus(const Amount& a, const Amount& b) {
    return *a.sub(b);
}
Amount plus(const Amount& a, const Amount& b) {
    return *a.add(b);
}

}  // namespace

class TestNodeSend : public QObject {
    Q_OBJECT

    std::unique_ptr<NodeHome> node_;
    const Keys& k = keys();

    // A MsgSend from alice signed by the fixture's key for this chain (or another).
    SendSpec aliceSend(uint64_t sequence, const std::string& amount) const {
        SendSpec s;
        s.to = k.bob.address();
        s.amount = amount;
        s.sequence = sequence;
        s.accountNumber = 0;  // the first genesis account
        s.chainId = node_->chainId().toStdString();
        return s;
    }

    // Broadcast is refused: a nonzero code and a log that says why; HTTP 200 (as the LCD).
    void expectRejected(const Bytes& tx, const char* what, const QStringList& reasonWords) {
        const auto r = node_->broadcast(tx);
        QVERIFY2(r.status == 200, qPrintable(QString(what) + ": HTTP " + QString::number(r.status) +
                                             " " + QString::fromStdString(r.body)));
        const QJsonObject resp = r.json["tx_response"].toObject();
        QVERIFY2(resp["code"].toInt() != 0, qPrintable(QString(what) + " was accepted"));
        const QString log = resp["raw_log"].toString();
        bool named = false;
        for (const QString& w : reasonWords) named = named || log.contains(w, Qt::CaseInsensitive);
        QVERIFY2(named, qPrintable(QString(what) + ": unclear reason: " + log));
    }

private Q_SLOTS:
    void initTestCase() {
        initCrypto();
        node_ = std::make_unique<NodeHome>();
        node_->init({{&k.alice, "1000ALLO"}, {&k.bob, "5ALLO"}});
        node_->addKey("alice", 0);
        node_->start();
    }

    void cliSendMovesFunds() {
        const Amount supplyBefore = node_->supply();
        QCOMPARE(node_->balance(k.alice.address()), kAliceGenesis);
        QCOMPARE(node_->balance(k.bob.address()), kBobGenesis);

        const Run r = node_->cli({"tx", "bank", "send", "alice",
                                  QString::fromStdString(k.bob.address()), "1.5ALLO", "--yes",
                                  "--wait", "--chain-id", node_->chainId(), "--output", "json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QString hash = out["txhash"].toString();
        if (hash.isEmpty()) hash = out["tx_response"].toObject()["txhash"].toString();
        QCOMPARE(hash.size(), 64);

        // The fee is the default: 200 000 gas × 10 uallo minimum gas price.
        const Amount sent = *Amount::parse("1.5ALLO");
        const Amount fee = *Amount::parse("2000000uallo");
        QCOMPARE(node_->balance(k.alice.address()), minus(minus(kAliceGenesis, sent), fee));
        QCOMPARE(node_->balance(k.bob.address()), plus(kBobGenesis, sent));
        QCOMPARE(node_->account(k.alice.address())->second, uint64_t{1});
        // Fees move to the fee collector; nothing is minted or burned by a send.
        QCOMPARE(node_->supply(), supplyBefore);

        // The tx by hash, over the API and through the CLI.
        const auto tx = node_->get("/cosmos/tx/v1beta1/txs/" + hash);
        QCOMPARE(tx.status, 200u);
        const QJsonObject txr = tx.json["tx_response"].toObject();
        QCOMPARE(txr["code"].toInt(), 0);
        QVERIFY(txr["height"].toString().toULongLong() > 0);
        const Run q = node_->cli({"q", "tx", hash, "--output", "json"});
        QVERIFY2(q.exitCode == 0, qPrintable(q.err));
        QVERIFY(q.out.contains(hash, Qt::CaseInsensitive));
        const Run b = node_->cli(
            {"q", "bank", "balances", QString::fromStdString(k.bob.address()), "--output", "json"});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QVERIFY(b.out.contains(QString::fromStdString(plus(kBobGenesis, sent).toUalloString())));
    }

    void invalidTransactionsAreRejectedAndChangeNothing() {
        const auto aliceAccount = *node_->account(k.alice.address());
        const uint64_t seq = aliceAccount.second;
        const Amount aliceBefore = node_->balance(k.alice.address());
        const Amount bobBefore = node_->balance(k.bob.address());
        const Amount supplyBefore = node_->supply();

        // A valid tx, committed; then the very same bytes again.
        const Bytes valid = signedSend(k.alice, aliceSend(seq, "1000"));
        const auto first = node_->broadcast(valid);
        QCOMPARE(first.json["tx_response"].toObject()["code"].toInt(), 0);
        QDeadlineTimer deadline(20'000);
        while (node_->account(k.alice.address())->second == seq && !deadline.hasExpired())
            QTest::qWait(50);
        QCOMPARE(node_->account(k.alice.address())->second, seq + 1);
        const Amount aliceAfterValid = node_->balance(k.alice.address());
        QCOMPARE(aliceAfterValid, minus(minus(aliceBefore, *Amount::parse("1000uallo")),
                                        *Amount::parse("2000000uallo")));
        const Amount bobAfterValid = node_->balance(k.bob.address());
        expectRejected(valid, "replayed tx", {"sequence", "cache", "already"});

        // Each of these uses the next sequence, so only the defect itself can be the reason.
        SendSpec wrongChain = aliceSend(seq + 1, "1000");
        wrongChain.chainId = "some-other-chain";
        expectRejected(signedSend(k.alice, wrongChain), "wrong chain id", {"signature", "chain"});

        auto unsignedTx = unsignedSend(k.alice, aliceSend(seq + 1, "1000"));
        auto sig = signTx(k.alice, unsignedTx, node_->chainId().toStdString(), 0);
        auto badSig = sig;
        badSig[10] ^= 0x01;
        expectRejected(unsignedTx.toTxRaw(badSig), "bad signature", {"signature"});
        expectRejected(unsignedTx.toTxRaw(highS(sig)), "high-S signature", {"signature", "s"});

        // eve has no account and no coins: nothing pays the fee.
        SendSpec eve;
        eve.to = k.bob.address();
        eve.chainId = node_->chainId().toStdString();
        expectRejected(signedSend(k.eve, eve), "unfunded fee",
                       {"not found", "insufficient", "unknown", "does not exist"});

        expectRejected(toBytes("this is not a transaction"), "malformed body",
                       {"decode", "malformed", "parse", "invalid"});

        // Nothing changed, also after more blocks have passed.
        node_->waitForHeight(node_->height() + 3);
        QCOMPARE(node_->account(k.alice.address())->second, seq + 1);
        QCOMPARE(node_->balance(k.alice.address()), aliceAfterValid);
        QCOMPARE(node_->balance(k.bob.address()), bobAfterValid);
        QVERIFY(!node_->account(k.eve.address()).has_value());
        QCOMPARE(node_->supply(), supplyBefore);
        Q_UNUSED(bobBefore);
    }

    void malformedRequestsGetJsonErrors() {
        const auto badAddress = node_->get("/cosmos/bank/v1beta1/balances/allo1notanaddress");
        QCOMPARE(badAddress.status, 400u);
        QVERIFY(badAddress.json.contains("message"));
        const auto badHeight = node_->get("/cosmos/base/tendermint/v1beta1/blocks/abc");
        QCOMPARE(badHeight.status, 400u);
        const auto unknown = node_->get("/no/such/route");
        QCOMPARE(unknown.status, 404u);
    }

    void cleanShutdownOnSigterm() {
        const uint64_t h = node_->height();
        QCOMPARE(node_->stop(), 0);
        QVERIFY2(node_->logText().contains("shutting down"), qPrintable(node_->logText()));
        // Restart: the chain continues from where it stopped.
        node_->start();
        QVERIFY(node_->height() >= h);
        QCOMPARE(node_->account(k.alice.address())->second, uint64_t{2});
    }

    void cleanupTestCase() { node_.reset(); }
};

QTEST_GUILESS_MAIN(TestNodeSend)
#include "test_node_send.moc"
