// Issue 3, crash safety: `kill -9` of allorad during a stream of transactions, 10 times in a row,
// then restart: the node resumes, the block hash and app hash of every height seen before the
// crash are unchanged, and every tx that was reported committed is still there at its height.
#include <QRandomGenerator>

#include <map>

#include "tests/integration/node_harness.h"

using namespace nodetest;

namespace {

struct SeenBlock {
    QString blockHash;
    QString appHash;
};

struct SeenTx {
    QString hash;
    QString height;
    int code = 0;
};

}  // namespace

class TestNodeCrash : public QObject {
    Q_OBJECT

    std::unique_ptr<NodeHome> node_;
    const Keys& k = keys();
    std::map<uint64_t, SeenBlock> blocks_;
    std::vector<SeenTx> committed_;

    SeenBlock blockAt(uint64_t height) const {
        const auto r =
            node_->get("/cosmos/base/tendermint/v1beta1/blocks/" + QString::number(height));
        if (r.status != 200) return {};
        return SeenBlock{r.json["block_id"].toObject()["hash"].toString(),
                         r.json["block"].toObject()["header"].toObject()["app_hash"].toString()};
    }

    // Records every block up to the current height (once) and which pending txs are committed.
    void observe(std::vector<QString>& pending) {
        const uint64_t tip = node_->height();
        for (uint64_t h = blocks_.empty() ? 1 : blocks_.rbegin()->first + 1; h <= tip; ++h) {
            SeenBlock b = blockAt(h);
            if (b.blockHash.isEmpty()) return;  // died meanwhile: stop observing
            blocks_[h] = b;
        }
        for (auto it = pending.begin(); it != pending.end();) {
            const auto r = node_->get("/cosmos/tx/v1beta1/txs/" + *it);
            if (r.status == 200) {
                const QJsonObject resp = r.json["tx_response"].toObject();
                committed_.push_back({*it, resp["height"].toString(), resp["code"].toInt()});
                it = pending.erase(it);
            } else {
                ++it;
            }
        }
    }

private Q_SLOTS:
    void initTestCase() {
        initCrypto();
        node_ = std::make_unique<NodeHome>();
        node_->init({{&k.alice, "1000ALLO"}, {&k.bob, "5ALLO"}}, 100);
    }

    void killNineTenTimes() {
        QRandomGenerator rng(20261122);
        for (int round = 0; round < 10; ++round) {
            node_->start();
            // Everything seen before must have survived the previous crash.
            for (const auto& [height, seen] : blocks_) {
                const SeenBlock now = blockAt(height);
                QVERIFY2(now.blockHash == seen.blockHash && now.appHash == seen.appHash,
                         qPrintable(QString("round %1: height %2 changed").arg(round).arg(height)));
            }
            for (const SeenTx& tx : committed_) {
                const auto r = node_->get("/cosmos/tx/v1beta1/txs/" + tx.hash);
                QVERIFY2(r.status == 200,
                         qPrintable(QString("round %1: tx %2 committed at height %3 is lost (now "
                                            "at height %4): HTTP %5 %6")
                                        .arg(round)
                                        .arg(tx.hash, tx.height)
                                        .arg(node_->height())
                                        .arg(r.status)
                                        .arg(QString::fromStdString(r.body))));
                const QJsonObject resp = r.json["tx_response"].toObject();
                QCOMPARE(resp["height"].toString(), tx.height);
                QCOMPARE(resp["code"].toInt(), tx.code);
            }
            const uint64_t resumedAt = node_->height();

            // A stream of sends until the kill, a random 0.4 to 1.5 s in.
            uint64_t sequence = node_->account(k.alice.address())->second;
            std::vector<QString> pending;
            QDeadlineTimer killAt(400 + static_cast<int>(rng.bounded(1100)));
            while (!killAt.hasExpired()) {
                SendSpec s;
                s.to = k.bob.address();
                s.amount = std::to_string(1000 + round);
                s.sequence = sequence;
                s.chainId = node_->chainId().toStdString();
                const Bytes tx = signedSend(k.alice, s);
                const auto r = node_->broadcast(tx);
                if (r.status == 200 && r.json["tx_response"].toObject()["code"].toInt() == 0) {
                    pending.push_back(QString::fromStdString(toHex(wallet::txHash(tx))).toUpper());
                    ++sequence;
                }
                observe(pending);
                QTest::qWait(10);
            }
            node_->kill();
            QVERIFY2(node_->height() == 0, "the node still answers after SIGKILL");
            QVERIFY2(!blocks_.empty() && blocks_.rbegin()->first >= resumedAt,
                     qPrintable(QString("round %1 made no progress").arg(round)));
        }
        // And once more after the tenth crash: the chain goes on producing blocks.
        node_->start();
        const uint64_t h = node_->height();
        node_->waitForHeight(h + 3);
        QVERIFY(committed_.size() >= 10);
        QCOMPARE(node_->stop(), 0);
    }

    void cleanupTestCase() { node_.reset(); }
};

QTEST_GUILESS_MAIN(TestNodeCrash)
#include "test_node_crash.moc"
