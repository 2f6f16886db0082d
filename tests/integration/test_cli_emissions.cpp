// Issue 4 item 8, integration: the real allorad on loopback and the real allora-cli. A topic is
// created with the CLI, a worker and a reputer register, the reputer stakes, bob delegates to it,
// alice funds the topic (pay what you want) and its revenue rises by exactly that amount through
// `q emissions topic` and GET /emissions/v9/topics/1; the worker submits an inference through
// `tx emissions insert-worker-payload` (its bundle signed by the CLI) and the chain stores it;
// bad arguments are refused with exit status 2 and a clear message, and nothing is broadcast.
#include "tests/integration/node_harness.h"

using namespace nodetest;

namespace {

const Key& worker() {
    static const Key k = key(5);
    return k;
}
const Key& reputer() {
    static const Key k = key(6);
    return k;
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QJsonObject jsonOf(const Run& r) {
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

}  // namespace

class TestCliEmissions : public QObject {
    Q_OBJECT

    std::unique_ptr<NodeHome> node_;
    QTemporaryDir files_;
    const Keys& k = keys();

    // A signing command with the flags every test here uses; it must succeed.
    void tx(QStringList args) {
        args.prepend("emissions");
        args.prepend("tx");
        args << "--yes"
             << "--wait"
             << "--chain-id" << node_->chainId();
        const Run r = node_->cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(args.join(' ') + ": " + r.err + r.out));
    }
    QJsonObject query(QStringList args) {
        args.prepend("emissions");
        args.prepend("q");
        args << "--output"
             << "json";
        const Run r = node_->cli(args);
        if (r.exitCode != 0) qFatal("%s: %s", qPrintable(args.join(' ')), qPrintable(r.err));
        return jsonOf(r);
    }
    Amount revenueByCli() {
        return *Amount::parse(query({"topic", "1"})["effective_revenue"].toString().toStdString());
    }
    Amount revenueByHttp() {
        const auto r = node_->get("/emissions/v9/topics/1");
        if (r.status != 200) qFatal("topic: %s", r.body.c_str());
        return *Amount::parse(r.json["effective_revenue"].toString().toStdString());
    }
    uint64_t sequence(const Key& key) { return node_->account(key.address())->second; }
    QString writeFile(const QString& name, const QByteArray& content) {
        const QString path = files_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        f.write(content);
        return path;
    }

private Q_SLOTS:
    void initTestCase() {
        initCrypto();
        node_ = std::make_unique<NodeHome>();
        node_->init({{&k.alice, "1000ALLO"},
                     {&k.bob, "5ALLO"},
                     {&worker(), "10ALLO"},
                     {&reputer(), "10ALLO"}},
                    300);
        node_->addKey("alice", 0);
        node_->addKey("bob", 1);
        node_->addKey("worker", 5);
        node_->addKey("reputer", 6);
        node_->start();
    }
    void cleanupTestCase() { node_.reset(); }

    void createTopicRegisterStakeDelegate() {
        // allorad's argument order: creator, metadata, loss method, epoch length, ground truth
        // lag, worker window, p-norm, alpha regret, allow negative, epsilon, merit sortition
        // alpha, active inferer / forecaster / reputer quantiles.
        tx({"create-topic", "alice", "ETH 5min", "mse", "12", "12", "12", "3", "0.1", "true",
            "0.01", "0.1", "0.25", "0.25", "0.25"});
        const QJsonObject t = query({"topic", "1"});
        QCOMPARE(t["topic"].toObject()["metadata"].toString(), QString("ETH 5min"));
        QCOMPARE(t["topic"].toObject()["creator"].toString(), q(k.alice.address()));
        QCOMPARE(t["topic"].toObject()["epoch_length"].toString(), QString("12"));
        // The creation fee, less any drip since.
        QVERIFY(t["effective_revenue"].toString().toULongLong() > 0);
        QVERIFY(t["effective_revenue"].toString().toULongLong() <= 75000);

        tx({"register", "worker", "1", q(worker().address()), "false"});
        tx({"register", "reputer", "1", q(reputer().address()), "true"});
        QVERIFY(
            query({"is-worker-registered", "1", q(worker().address())})["is_registered"].toBool());
        QVERIFY(query({"is-reputer-registered", "1", q(reputer().address())})["is_registered"]
                    .toBool());
        tx({"add-stake", "reputer", "1", "1ALLO"});
        tx({"delegate-stake", "bob", "1", q(reputer().address()), "0.5ALLO"});

        QCOMPARE(query({"reputer-stake", "1", q(reputer().address())})["amount"].toString(),
                 QString("1000000000000000000"));
        const QJsonArray positions =
            query({"delegations", q(k.bob.address()), "1"})["positions"].toArray();
        QCOMPARE(positions.size(), 1);
        QCOMPARE(positions[0].toObject()["reputer"].toString(), q(reputer().address()));
        QCOMPARE(positions[0].toObject()["amount"].toString(), QString("500000000000000000"));
        const auto delegated =
            node_->get(q("/emissions/v9/reputer_delegate_stake/" + reputer().address() + "/1"));
        QCOMPARE(delegated.json["amount"].toString(), QString("500000000000000000"));
        QCOMPARE(query({"topic-stake", "1"})["amount"].toString(), QString("1500000000000000000"));
        const QJsonArray reputers = query({"reputers", "1"})["reputers"].toArray();
        QCOMPARE(reputers.size(), 1);
        QCOMPARE(reputers[0].toObject()["delegated_stake"].toString(),
                 QString("500000000000000000"));

        // Text output is for people: amounts in ALLO as well.
        const Run text = node_->cli({"q", "emissions", "topic", "1"});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains("stake: 1.5 ALLO"), qPrintable(text.out));
        QVERIFY2(text.out.contains("active: yes"), qPrintable(text.out));
    }

    void fundingRaisesTheRevenue() {
        const Amount before = revenueByCli();
        QCOMPARE(revenueByHttp(), before);
        tx({"fund-topic", "alice", "1", "2.5ALLO"});
        // Up by what was paid, less what an epoch boundary may have dripped away meanwhile.
        const Amount paid = *Amount::parse("2.5ALLO");
        const Amount half = *Amount::parse("1.25ALLO");
        for (const Amount& after : {revenueByCli(), revenueByHttp()}) {
            QVERIFY2(*before.add(half) < after, after.toUalloString().c_str());
            QVERIFY2(!(*before.add(paid) < after), after.toUalloString().c_str());
        }
        bool listed = false;
        for (const auto& t : query({"active-topics"})["topics"].toArray())
            listed = listed || t.toObject()["id"].toString() == "1";
        QVERIFY(listed);
    }

    void workerPayloadThroughTheCli() {
        // Wait for a freshly opened worker nonce, so that the whole window is ahead.
        QDeadlineTimer deadline(20'000);
        int64_t nonce = 0;
        while (!deadline.hasExpired()) {
            const auto r = node_->get("/emissions/v9/unfulfilled_worker_nonces/1");
            const QJsonArray list = r.json["nonces"].toObject()["nonces"].toArray();
            const int64_t height = static_cast<int64_t>(node_->height());
            for (const auto& n : list) {
                const int64_t h = n.toObject()["block_height"].toString().toLongLong();
                if (h + 2 >= height) nonce = h;
            }
            if (nonce != 0) break;
            QTest::qWait(100);
        }
        QVERIFY2(nonce > 0, "no worker nonce opened");
        const QString file = writeFile(
            "inference.json",
            R"({"topic_id": 1, "inference_forecasts_bundle": {"inference": {"value": "3.14"}}})");
        const uint64_t seq = sequence(worker());
        tx({"insert-worker-payload", "worker", file});
        QCOMPARE(sequence(worker()), seq + 1);
        const auto stored = node_->get(q("/emissions/v9/inferences/1/" + std::to_string(nonce)));
        QVERIFY2(stored.status == 200, stored.body.c_str());
        const QJsonArray infs = stored.json["inferences"].toArray();
        QCOMPARE(infs.size(), 1);
        QCOMPARE(infs[0].toObject()["inferer"].toString(), q(worker().address()));
        QCOMPARE(infs[0].toObject()["value"].toString(), QString("3.14"));
        const QJsonObject latest = query({"latest-inference", "1", q(worker().address())});
        QCOMPARE(latest["latest_inference"].toObject()["value"].toString(), QString("3.14"));
    }

    // After the worker payload above: once its window closes the epoch is in the topic's
    // history, through `q emissions topic-history` and `network-inferences-at-block`.
    void topicHistoryThroughTheCli() {
        const QString nonce =
            query({"latest-inference", "1", q(worker().address())})["latest_inference"]
                .toObject()["block_height"]
                .toString();
        QVERIFY(nonce.toLongLong() > 0);
        QJsonArray records;
        QDeadlineTimer deadline(30'000);
        while (!deadline.hasExpired()) {
            records = query({"topic-history", "1"})["records"].toArray();
            if (!records.isEmpty()) break;
            QTest::qWait(200);
        }
        QCOMPARE(records.size(), 1);
        const QJsonObject r = records[0].toObject();
        QCOMPARE(r["block_height"].toString(), nonce);
        // One inference: the network inference is that inference.
        QCOMPARE(r["network_inference"].toString(), QString("3.14"));
        QCOMPARE(r["inferers"].toArray().size(), 1);
        QCOMPARE(r["inferers"].toArray()[0].toObject()["worker"].toString(), q(worker().address()));
        QCOMPARE(r["closed_at_block"].toString(), QString("0"));

        const Run text = node_->cli({"q", "emissions", "topic-history", "1", "--limit", "5"});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains("epoch " + nonce + " (topic 1): network 3.14"),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains("losses pending"), qPrintable(text.out));
        QVERIFY2(text.out.contains(q(worker().address()) + "  value 3.14"), qPrintable(text.out));
        const Run older = node_->cli({"q", "emissions", "topic-history", "1", "--before", nonce});
        QVERIFY2(older.exitCode == 0, qPrintable(older.err));
        QVERIFY2(older.out.contains("(no epochs)"), qPrintable(older.out));

        const QJsonObject at = query({"network-inferences-at-block", "1", nonce});
        QCOMPARE(at["network_inferences"].toObject()["combined_value"].toString(), QString("3.14"));
        const Run atText =
            node_->cli({"q", "emissions", "network-inferences-at-block", "1", nonce});
        QVERIFY2(atText.exitCode == 0, qPrintable(atText.err));
        QVERIFY2(atText.out.contains("network inference: 3.14"), qPrintable(atText.out));
        // No epoch at that height: the node's 404, exit 1; a bad limit: exit 2, nothing asked.
        const Run none = node_->cli({"q", "emissions", "network-inferences-at-block", "1", "1"});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("no network inferences"), qPrintable(none.err));
        const Run bad = node_->cli({"q", "emissions", "topic-history", "1", "--limit", "0"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--limit"), qPrintable(bad.err));
    }

    void badArgumentsAreRefusedAndNothingIsBroadcast() {
        const uint64_t alice = sequence(k.alice), bob = sequence(k.bob), w = sequence(worker());
        const QString nan = writeFile(
            "nan.json",
            R"({"topic_id": 1, "inference_forecasts_bundle": {"inference": {"value": "nan"}}})");
        const QString signedDoc = writeFile(
            "signed.json", R"({"topic_id": 1, "pubkey": "02aa", "inference_forecasts_bundle":
                {"inference": {"value": "1"}}})");
        struct Case {
            QStringList args;
            const char* reason;
        } cases[] = {
            {{"add-stake", "alice", "0", "100"}, "topic ids start at 1"},
            {{"fund-topic", "alice", "1", "lots"}, "AMOUNT"},
            {{"fund-topic", "alice", "1", "0ALLO"}, "more than zero"},
            {{"delegate-stake", "bob", "1", "allo1notareputer", "5"}, "REPUTER"},
            {{"register", "bob", "1", q(k.bob.address()), "maybe"}, "IS_REPUTER"},
            {{"register", "bob", "1", q(k.alice.address()), "true"}, "must be SENDER's address"},
            {{"create-topic", "alice", "x", "mse", "12", "12", "12", "9", "0.1", "true", "0.01",
              "0.1", "0.25", "0.25", "0.25"},
             "P_NORM"},
            {{"insert-worker-payload", "worker", nan}, "inference value"},
            {{"insert-worker-payload", "worker", signedDoc}, "allora-cli signs"},
            {{"remove-registration", "worker", "1"}, "usage"},
        };
        for (const Case& c : cases) {
            QStringList args = {"tx", "emissions"};
            args << c.args << "--yes"
                 << "--chain-id" << node_->chainId();
            const Run r = node_->cli(args);
            const QString what = c.args.join(' ') + ": " + r.err;
            QVERIFY2(r.exitCode == 2, qPrintable(what));
            QVERIFY2(r.err.contains(c.reason), qPrintable(what));
        }
        QCOMPARE(sequence(k.alice), alice);
        QCOMPARE(sequence(k.bob), bob);
        QCOMPARE(sequence(worker()), w);

        // A well-formed tx the chain refuses: exit 1 with the chain's reason.
        const Run notReputer = node_->cli({"tx", "emissions", "add-stake", "bob", "1", "100",
                                           "--yes", "--wait", "--chain-id", node_->chainId()});
        QCOMPARE(notReputer.exitCode, 1);
        QVERIFY2(notReputer.err.contains("not registered as a reputer"),
                 qPrintable(notReputer.err));
        // And a query of something that is not there.
        const Run noTopic = node_->cli({"q", "emissions", "topic", "42"});
        QCOMPARE(noTopic.exitCode, 1);
        QVERIFY2(noTopic.err.contains("topic 42 does not exist"), qPrintable(noTopic.err));
    }
};

QTEST_GUILESS_MAIN(TestCliEmissions)
#include "test_cli_emissions.moc"
