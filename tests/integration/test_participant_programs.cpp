// Issue 5 item 5, integration: allora-worker and allora-reputer (app/participant/) as real
// processes against a real allorad on loopback. A topic with 12-block epochs (200 ms blocks) is
// created with allora-cli; then
//  - a python3 one-liner model, reading the topic id from its stdin JSON, has its inference
//    submitted by allora-worker (which registers itself) and stored on chain;
//  - three other registered workers whose CMD exits non-zero, prints garbage or sleeps past
//    --timeout log a clear line per epoch and never have an inference on chain;
//  - allora-reputer (registering and staking itself) submits a value bundle the chain stores;
//  - a worker with --truth-command gives its model the past epochs' truth as "ground_truth";
//  - allorad stops under the worker (one log line per failed attempt) and starts again, and the
//    worker's submissions resume; SIGTERM then stops the programs with exit status 0.
#include "tests/integration/node_harness.h"

#include <QRegularExpression>
#include <QTemporaryFile>

using namespace nodetest;

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// One long-running participant program, its stdout and stderr collected as it runs.
class Participant {
public:
    Participant(const QString& program, QStringList args) {
        process_.setProcessChannelMode(QProcess::MergedChannels);
        process_.start(bin(program.toUtf8().constData()), args);
        if (!process_.waitForStarted()) qFatal("%s did not start", qPrintable(program));
    }
    ~Participant() {
        if (process_.state() != QProcess::NotRunning) {
            process_.kill();
            process_.waitForFinished(5'000);
        }
    }
    QString log() {
        log_ += QString::fromUtf8(process_.readAll());
        return log_;
    }
    // Waits for a log line matching `pattern` after the first `from` characters of the log;
    // returns the match (invalid if none came within `ms`).
    QRegularExpressionMatch waitFor(const QString& pattern, int ms, qsizetype from = 0) {
        const QRegularExpression re(pattern);
        QDeadlineTimer deadline(ms);
        while (true) {
            auto m = re.match(log(), from);
            if (m.hasMatch() || deadline.hasExpired()) return m;
            if (process_.state() != QProcess::Running) return re.match(log(), from);
            QTest::qWait(50);
        }
    }
    int terminate() {
        process_.terminate();
        if (!process_.waitForFinished(10'000)) return -100;
        log();
        return process_.exitStatus() == QProcess::NormalExit ? process_.exitCode() : -1;
    }

private:
    QProcess process_;
    QString log_;
};

const Key& worker() {
    static const Key k = key(5);
    return k;
}
const Key& reputer() {
    static const Key k = key(6);
    return k;
}
const Key& truthfulWorker() {
    static const Key k = key(10);
    return k;
}
const Key& badWorker(int i) {
    static const Key k[] = {key(7), key(8), key(9)};
    return k[i];
}

}  // namespace

class TestParticipantPrograms : public QObject {
    Q_OBJECT

    std::unique_ptr<NodeHome> node_;
    std::unique_ptr<Participant> worker_;
    std::unique_ptr<Participant> reputer_;
    std::unique_ptr<Participant> truthful_;
    std::vector<std::unique_ptr<Participant>> bad_;
    const Keys& k = keys();

    QStringList common(const QString& key) const {
        return {"run",
                "--topic",
                "1",
                "--key",
                key,
                "--register",
                "--poll",
                "0.2",
                "--max-backoff",
                "0.8",
                "--node",
                node_->url(),
                "--keyring-backend",
                "test",
                "--keyring-dir",
                node_->keyringDir(),
                "--api-token-file",
                node_->apiTokenFile()};
    }
    void tx(QStringList args) {
        args = QStringList{"tx", "emissions"} + args;
        args << "--yes"
             << "--wait";
        const Run r = node_->cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(args.join(' ') + ": " + r.err + r.out));
    }
    // The inferers stored for a nonce.
    QMap<QString, QString> inferencesAt(int64_t nonce) const {
        const auto r = node_->get(QString("/emissions/v9/inferences/1/%1").arg(nonce));
        QMap<QString, QString> out;
        for (const auto& v : r.json["inferences"].toArray())
            out[v.toObject()["inferer"].toString()] = v.toObject()["value"].toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        initCrypto();
        node_ = std::make_unique<NodeHome>();
        node_->init({{&k.alice, "1000ALLO"},
                     {&worker(), "10ALLO"},
                     {&reputer(), "10ALLO"},
                     {&badWorker(0), "10ALLO"},
                     {&badWorker(1), "10ALLO"},
                     {&badWorker(2), "10ALLO"},
                     {&truthfulWorker(), "10ALLO"}},
                    200);
        node_->addKey("alice", 0);
        node_->addKey("worker", 5);
        node_->addKey("reputer", 6);
        for (int i = 0; i < 3; ++i) node_->addKey(QString("bad%1").arg(i), 7 + i);
        node_->addKey("truthful", 10);
        node_->start();
        // 12-block epochs (the chain's minimum), ground truth lag 12, a 12-block worker window.
        tx({"create-topic", "alice", "it participants", "mse", "12", "12", "12", "3", "0.1", "true",
            "0.01", "0.1", "0.25", "0.25", "0.25"});
        tx({"fund-topic", "alice", "1", "5ALLO"});
    }
    void cleanupTestCase() {
        worker_.reset();
        reputer_.reset();
        truthful_.reset();
        bad_.clear();
        node_.reset();
    }

    void helpDocumentsTheProtocol() {
        const Run w = runProgram(bin("allora-worker"), {"help"});
        QCOMPARE(w.exitCode, 0);
        QVERIFY(w.out.contains("\"ground_truth\": [{\"nonce\""));
        QVERIFY(w.out.contains("--truth-command TCMD"));
        QVERIFY(w.out.contains("ADDRESS=VALUE"));
        const Run r = runProgram(bin("allora-reputer"), {"run", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--truth-command CMD"));
        // Missing flags and a bad timeout are usage errors; nothing runs.
        const Run missing = runProgram(bin("allora-worker"), {"run", "--topic", "1"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("--key NAME") && missing.err.contains("--command CMD"),
                 qPrintable(missing.err));
        const Run timeout = runProgram(
            bin("allora-worker"),
            {"run", "--topic", "1", "--key", "w", "--command", "true", "--timeout", "soon"});
        QCOMPARE(timeout.exitCode, 2);
        QVERIFY2(timeout.err.contains("--timeout"), qPrintable(timeout.err));

        // A token the node refuses is not retried like a node that is down: one clear line and
        // exit status 1 (registering is the first request that needs it).
        QTemporaryFile wrongToken;
        QVERIFY(wrongToken.open());
        wrongToken.write("not-the-token\n");
        wrongToken.close();
        QStringList args = common("alice") << "--command"
                                           << "echo 1";
        args[args.indexOf("--api-token-file") + 1] = wrongToken.fileName();
        const Run refused = runProgram(bin("allora-worker"), args, {}, 20'000);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("refused the API token"),
                 qPrintable(refused.err + refused.out));
    }

    void pythonModelIsSubmittedAndOnChain() {
        // The model reads its stdin JSON: topic 1 gives 1.5.
        worker_ = std::make_unique<Participant>(
            "allora-worker", common("worker")
                                 << "--command"
                                 << "python3 -c \"import json,sys; d=json.load(sys.stdin); "
                                    "print(d['topic_id'] + 0.5)\"");
        const QString failing[] = {"echo about to fail >&2; exit 3", "echo not-a-number",
                                   "sleep 30"};
        for (int i = 0; i < 3; ++i)
            bad_.push_back(std::make_unique<Participant>(
                "allora-worker", common(QString("bad%1").arg(i))
                                     << "--command" << failing[i] << "--timeout"
                                     << "0.5"));
        // Its truth for the epoch at nonce N is N / 12 (integer division); its model answers the
        // newest truth it was given, 0 when none. Both are quick shell pipelines: on a loaded
        // machine three python3 starts can outlast a 12-block submission window.
        truthful_ =
            std::make_unique<Participant>(
                "allora-worker",
                common("truthful")
                    << "--truth-command"
                    << "sed 's/.*\"nonce\":\\([0-9]*\\).*/\\1/' | awk '{print int($1 / 12)}'"
                    << "--command"
                    << "v=$(grep -o '\"value\":\"[^\"]*\"' | tail -n 1 | cut -d '\"' -f 4); "
                       "echo ${v:-0}");
        reputer_ =
            std::make_unique<Participant>("allora-reputer", common("reputer") << "--truth-command"
                                                                              << "echo 2.0"
                                                                              << "--stake"
                                                                              << "1ALLO");

        auto m = worker_->waitFor("nonce (\\d+): inference 1.5 submitted", 30'000);
        QVERIFY2(m.hasMatch(), qPrintable(worker_->log()));
        QVERIFY(worker_->log().contains("registered " + q(worker().address()) + " as a worker"));
        const int64_t nonce = m.captured(1).toLongLong();
        const auto stored = inferencesAt(nonce);
        QCOMPARE(stored.value(q(worker().address())), QString("1.5"));
        const auto latest = node_->get(
            q("/emissions/v9/topics/1/workers/" + worker().address() + "/latest_inference"));
        QVERIFY2(latest.status == 200, latest.body.c_str());
    }

    void failingCommandsSubmitNothing() {
        const QString expected[] = {
            "model failed: CMD exited with status 3 \\(stderr: 'about to fail'\\); nothing "
            "submitted",
            "model output rejected: line 1 'not-a-number' is not a number.*; nothing submitted",
            "model failed: CMD timed out after 500 ms \\(killed\\); nothing submitted"};
        for (int i = 0; i < 3; ++i) {
            auto m = bad_[i]->waitFor("nonce \\d+: " + expected[i], 30'000);
            QVERIFY2(m.hasMatch(), qPrintable(bad_[i]->log()));
        }
        // They were able to submit (registered, funded), and nothing of theirs is on chain.
        for (int i = 0; i < 3; ++i) {
            const QString address = q(badWorker(i).address());
            const auto reg =
                node_->get(QString("/emissions/v9/worker_registered/1/%1").arg(address));
            QVERIFY2(reg.json["is_registered"].toBool(), reg.body.c_str());
            QVERIFY2(!bad_[i]->log().contains("submitted ("), qPrintable(bad_[i]->log()));
            const auto latest = node_->get(
                QString("/emissions/v9/topics/1/workers/%1/latest_inference").arg(address));
            QVERIFY2(latest.status != 200 ||
                         latest.json["latest_inference"].toObject()["value"].toString().isEmpty(),
                     latest.body.c_str());
        }
        const QRegularExpression nonces("nonce (\\d+): inference");
        for (auto it = nonces.globalMatch(worker_->log()); it.hasNext();) {
            const auto stored = inferencesAt(it.next().captured(1).toLongLong());
            for (int i = 0; i < 3; ++i) QVERIFY(!stored.contains(q(badWorker(i).address())));
        }
    }

    void reputerValueBundleIsAccepted() {
        // A scored epoch in which the python model's 1.5 is on chain (the truthful worker may be
        // the only inferer of some epochs).
        const QRegularExpression scored(
            "nonce (\\d+): truth 2.0: combined log-loss [-0-9.e]+, [12] inferers; losses "
            "submitted");
        QDeadlineTimer deadline(40'000);
        int64_t nonce = 0;
        while (nonce == 0 && !deadline.hasExpired()) {
            for (auto it = scored.globalMatch(reputer_->log()); it.hasNext() && nonce == 0;) {
                const int64_t n = it.next().captured(1).toLongLong();
                if (inferencesAt(n).contains(q(worker().address()))) nonce = n;
            }
            if (nonce == 0) QTest::qWait(200);
        }
        QVERIFY2(nonce > 0, qPrintable(reputer_->log()));
        QVERIFY(reputer_->log().contains("staked 1000000000000000000 uallo"));
        const auto r = node_->get(QString("/emissions/v9/reputer_loss_bundles/1/%1").arg(nonce));
        QVERIFY2(r.status == 200, r.body.c_str());
        QVERIFY2(r.body.find(reputer().address()) != std::string::npos, r.body.c_str());
        // The loss of the worker's 1.5 against the truth 2.0: log10(0.25).
        QVERIFY2(r.body.find("-0.6020599913279624") != std::string::npos, r.body.c_str());
    }

    void workerModelSeesPastTruths() {
        // The epoch before nonce N (N - 12) is always past its 12-block lag when N is open, so
        // from its second epoch on the model answers (N - 12) / 12.
        auto m = truthful_->waitFor("nonce (\\d+): inference ([1-9][0-9]*) submitted", 40'000);
        QVERIFY2(m.hasMatch(), qPrintable(truthful_->log()));
        const int64_t nonce = m.captured(1).toLongLong();
        QCOMPARE(m.captured(2).toLongLong(), (nonce - 12) / 12);
        QCOMPARE(inferencesAt(nonce).value(q(truthfulWorker().address())), m.captured(2));
        QVERIFY2(!truthful_->log().contains("truth failed"), qPrintable(truthful_->log()));
        QCOMPARE(truthful_->terminate(), 0);
    }

    void workerSurvivesANodeRestart() {
        int64_t lastBefore = 0;
        const QRegularExpression submitted("nonce (\\d+): inference 1.5 submitted");
        for (auto it = submitted.globalMatch(worker_->log()); it.hasNext();)
            lastBefore = std::max<int64_t>(lastBefore, it.next().captured(1).toLongLong());
        QVERIFY(lastBefore > 0);
        const qsizetype before = worker_->log().size();
        QCOMPARE(node_->stop(), 0);
        // One line per failed attempt while the node is down.
        auto down = worker_->waitFor("node unavailable \\(attempt 2\\): cannot reach the node",
                                     15'000, before);
        QVERIFY2(down.hasMatch(), qPrintable(worker_->log().mid(before)));
        node_->start();
        auto resumed =
            worker_->waitFor("nonce (\\d+): inference 1.5 submitted", 30'000, down.capturedEnd());
        QVERIFY2(resumed.hasMatch(), qPrintable(worker_->log().mid(before)));
        const int64_t nonce = resumed.captured(1).toLongLong();
        QVERIFY(nonce > lastBefore);
        QCOMPARE(inferencesAt(nonce).value(q(worker().address())), QString("1.5"));
        QVERIFY(worker_->log().mid(before).contains("node reachable again"));
    }

    void sigtermStopsCleanly() {
        QCOMPARE(worker_->terminate(), 0);
        QVERIFY(worker_->log().contains("stopping (signal received)"));
        // The slow command's child is killed with it: SIGTERM during `sleep 30` still exits 0
        // at once.
        QElapsedTimer t;
        t.start();
        QCOMPARE(bad_[2]->terminate(), 0);
        QVERIFY(t.elapsed() < 5'000);
        QCOMPARE(reputer_->terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestParticipantPrograms)
#include "test_participant_programs.moc"
