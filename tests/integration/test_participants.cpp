// The reference participants on a fresh devnet (node/participants): a real node in this process
// (SQLite home in a temporary directory, solo engine, short blocks), the participants' keys
// sealed and funded by createParticipantDevnet, and the runner submitting signed transactions
// through the node API. Midway the node and the participants stop and start again from the home.
// After 100 weighted epochs of each demo topic, read back from the chain's loss bundles: every
// worker took part; the network inference's mean log-loss is below every reference worker's but
// the best one's (issue 5); and the weights are ordered by the workers' losses over the same
// epochs, as the weights chart shows them (each worker's mean share of the epochs' weights): the
// best worker's share is above the median share and the worst's, and the rank correlation is
// negative (printed). Not the latest epoch's weights against the last 20 epochs' losses, as this
// test first had it: one epoch's weights move with that epoch's regret update (CO2's alpha_regret
// is 0.5) and 20 epochs of losses with a lucky near-exact hit or two, and that check failed in 7
// of 10 runs on 2026-12-03 (the best worker holding the median weight, rank correlation -0.6 or
// -0.7, on the S&P 500 or CO2), while over the 100 epochs the shares followed the losses on every
// topic of the 3 runs that printed both (rank correlation -0.9 to -1). Token
// accounting holds over the whole run, both lives of the node, from genesis to the last block
// (tests/integration/token_ledger.h): every balance moved only by events, the supply grew by
// exactly what the mint minted, and minted + paid in = paid out + held in module accounts.
//
// Issue 5's other half, the network below the naive inference, is asserted with a margin
// (kNaiveMargin) on every topic. CO2's forecasters know the season, and the temperature's read a
// 3-day trailing mean whose next step the recent steps and the day about to leave the window
// partly give away; so both name, epoch by epoch, which inferer will do well
// (node/participants/forecasters.h): the offline replay of this test's timings gives margins of
// 0.03 to 0.14 on CO2 (0.12 at worst over 20 windows of the series) and 0.066 to 0.13 on the
// temperature (0.028 at worst from five places in the series). The S&P 500's come from the
// persistence forecasters (devnet runs +0.03 to +0.09; replay 0.028 at worst). The temperature
// topic used to replay the raw daily maximum, on which no forecaster found an edge and the
// margin stayed within 0.02 of zero; that is why the series is the trailing mean.
//
// The 100 epochs are the last 100 whose synthesis weighed its inputs: the first epochs of a topic,
// synthesized before any network loss existed, have no weights, and the chain writes 0 as their
// naive inference (PROTOCOL.md §6, "no previous network loss"): a value that predicts nothing, so
// comparing against it would flatter the network.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>

#include "allora/emissions/v9/query.pb.h"
#include "node/chain/genesis.h"
#include "node/node.h"
#include "node/node_setup.h"
#include "node/participants/chain_client.h"
#include "node/participants/devnet_participants.h"
#include "node/participants/participant_keys.h"
#include "node/validator_key.h"
#include "tests/integration/token_ledger.h"
#include "tests/unit/participants_replay.h"

using namespace allora;
using namespace allora::participants;

namespace {

constexpr std::chrono::milliseconds kBlockTime{100};
constexpr int64_t kEpochLength = 5;
constexpr size_t kEpochs = 100;
// Epochs synthesized before the first network loss (the reputer window of epoch e closes two
// epochs later) and one more for timing: waited for on top of kEpochs.
constexpr size_t kUnweightedEpochs = 3;
// How far below the naive inference's mean log-loss the network's must be (see the top).
constexpr double kNaiveMargin = 0.01;

SecureBytes password() {
    return SecureBytes(asBytes(std::string_view("participants-test-password")));
}

double num(const std::string& text) {
    return std::stod(text);
}

// The network's loss bundles of a topic, by nonce (every nonce from the first epoch on).
std::map<int64_t, pb::ValueBundle> lossBundles(ChainClient& chain, uint64_t topicId) {
    std::map<int64_t, pb::ValueBundle> out;
    pb::GetTopicRequest tq;
    tq.set_topic_id(topicId);
    auto t = chain.emissions<pb::GetTopicResponse>("GetTopic", tq);
    if (!t) return out;
    const int64_t el = t->topic().epoch_length();
    for (int64_t nonce = t->topic().epoch_last_ended(); nonce > 0; nonce -= el) {
        pb::GetNetworkLossBundleAtBlockRequest q;
        q.set_topic_id(topicId);
        q.set_block_height(nonce);
        if (auto b = chain.emissions<pb::GetNetworkLossBundleAtBlockResponse>(
                "GetNetworkLossBundleAtBlock", q))
            out.emplace(nonce, b->loss_bundle());
    }
    return out;
}

// The accounts the genesis funded (the participants' keys, the validator, the wallet funded).
std::set<std::string> genesisAddresses(const std::filesystem::path& home) {
    std::ifstream in(node::NodeHome{home}.genesisFile());
    const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto genesis = node::Genesis::fromJson(json);
    if (!genesis) qFatal("genesis: %s", genesis.message().c_str());
    std::set<std::string> out;
    for (const auto& b : genesis->balances) out.insert(b.address);
    return out;
}

struct RunningDevnet {
    std::unique_ptr<node::Node> node;
    std::unique_ptr<DevnetParticipants> participants;
    // Token accounting: every committed block of every life of the node goes to the ledger; the
    // chain's balances at genesis are read before the first start.
    tokenledger::Ledger* ledger = nullptr;
    std::optional<tokenledger::Snapshot> genesis;
    std::unique_ptr<node::consensus::Subscription> subscription;
    std::ostringstream logText;
    std::mutex logMutex;

    void open(const std::filesystem::path& home) {
        node::NodeOptions options;
        options.home = node::NodeHome{home};
        auto config = node::loadNodeConfig(options.home.configFile());
        QVERIFY2(config.ok(), config ? "" : config.message().c_str());
        options.config = *config;
        auto key = node::ValidatorKeyFile::load(options.home.validatorKeyFile());
        QVERIFY(key.ok());
        auto unlocked = key->unlock(password());
        QVERIFY(unlocked.ok());
        options.validatorKey = std::move(*unlocked);
        options.serveApi = false;
        options.log = [this](LogLevel level, std::string_view component, std::string_view msg) {
            if (level < LogLevel::Warn && component != "participants") return;
            std::lock_guard lock(logMutex);
            logText << component << ": " << msg << "\n";
        };
        auto n = node::Node::open(std::move(options));
        QVERIFY2(n.ok(), n ? "" : n.message().c_str());
        node = std::move(*n);
        if (ledger) {
            if (!genesis) {
                ChainClient chain(*node);
                genesis = tokenledger::snapshot(chain, genesisAddresses(home));
            }
            subscription = node->engine().subscribeBlocks(
                [l = ledger](const node::consensus::CommittedBlock& b) { l->onBlock(b); });
        }
        QVERIFY(node->start().ok());
        auto p = DevnetParticipants::start(
            *node, home, password(),
            [this](LogLevel level, std::string_view component, std::string_view msg) {
                std::lock_guard lock(logMutex);
                logText << (level >= LogLevel::Warn ? "WARN " : "") << component << ": " << msg
                        << "\n";
            },
            kBlockTime, kEpochLength);
        QVERIFY2(p.ok(), p ? "" : p.message().c_str());
        participants = std::move(*p);
    }
    // Shutdown order: the participants, then the node.
    void close() {
        if (participants) participants->stop();
        participants.reset();
        if (node) node->stop();
        subscription.reset();  // after the engine stopped: the last block is heard too
        node.reset();
    }
    std::string log() {
        std::lock_guard lock(logMutex);
        return logText.str();
    }
};

// Waits until every demo topic has `epochs` loss bundles; returns them by topic.
std::map<uint64_t, std::map<int64_t, pb::ValueBundle>> waitForEpochs(RunningDevnet& devnet,
                                                                     size_t epochs, int timeoutMs) {
    ChainClient chain(*devnet.node);
    QDeadlineTimer deadline(timeoutMs);
    std::map<uint64_t, std::map<int64_t, pb::ValueBundle>> out;
    while (!deadline.hasExpired()) {
        QTest::qWait(500);
        if (auto failure = devnet.node->engine().failure())
            qFatal("the node halted: %s", failure->message.c_str());
        const auto topics = devnet.participants->runner().topics();
        if (topics.size() < 3) continue;
        out.clear();
        size_t fewest = SIZE_MAX;
        for (const auto& [id, spec] : topics) {
            out[id] = lossBundles(chain, id);
            fewest = std::min(fewest, out[id].size());
        }
        if (fewest >= epochs) return out;
    }
    qWarning("%s", devnet.log().c_str());
    return out;
}

}  // namespace

class TestParticipants : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void referenceParticipantsBeatTheirParts() {
        QElapsedTimer clock;
        clock.start();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path home = dir.path().toStdString();
        QVERIFY(createParticipantDevnet(home, {}, password(), kBlockTime).ok());
        // The keys are on disk only sealed: no mnemonic word in the clear.
        QVERIFY(hasParticipantKeys(home));
        QVERIFY(!unlockParticipantKeys(home, SecureBytes(asBytes(std::string_view("wrong-pass"))))
                     .ok());

        tokenledger::Ledger ledger;  // outlives the devnet, whose subscriptions write to it
        RunningDevnet devnet;
        devnet.ledger = &ledger;
        devnet.open(home);
        if (QTest::currentTestFailed()) return;

        // Halfway, a restart: the participants find their topics and go on from chain state.
        auto half = waitForEpochs(devnet, kEpochs / 2, 120'000);
        QVERIFY2(half.size() == 3, devnet.log().c_str());
        const auto topicsBefore = devnet.participants->runner().topics();
        devnet.close();
        devnet.open(home);
        if (QTest::currentTestFailed()) return;

        auto bundles = waitForEpochs(devnet, kEpochs + kUnweightedEpochs, 150'000);
        QVERIFY2(bundles.size() == 3, devnet.log().c_str());
        QCOMPARE(devnet.participants->runner().topics().size(), topicsBefore.size());
        for (const auto& [id, spec] : topicsBefore)
            QCOMPARE(devnet.participants->runner().topics().count(id), size_t(1));

        ChainClient chain(*devnet.node);
        const auto workers = devnet.participants->runner().workerAddresses();
        const auto models = devnet.participants->runner().modelNames();
        QCOMPARE(workers.size(), size_t(kWorkerCount));
        for (const auto& [id, byNonce] : bundles) {
            // The last kEpochs epochs whose synthesis weighed its inputs (see the top).
            std::vector<const pb::ValueBundle*> last;
            // Each of those epochs' inferer weights as shares of their sum: what the weights
            // chart shows, epoch by epoch.
            std::map<std::string, double> shareSum;
            for (auto it = byNonce.rbegin(); it != byNonce.rend() && last.size() < kEpochs; ++it) {
                pb::GetNetworkInferencesAtBlockRequest q;
                q.set_topic_id(id);
                q.set_block_height_last_inference(it->first);
                auto n = chain.emissions<pb::GetNetworkInferencesAtBlockResponse>(
                    "GetNetworkInferencesAtBlock", q);
                QVERIFY2(n.ok(), n ? "" : n.message().c_str());
                if (n->network_inferences().inferer_weights_size() == 0) continue;
                last.push_back(&it->second);
                double total = 0;
                for (const auto& w : n->network_inferences().inferer_weights())
                    total += num(w.value());
                for (const auto& w : n->network_inferences().inferer_weights())
                    if (total > 0) shareSum[w.worker()] += num(w.value()) / total;
            }
            QVERIFY2(last.size() == kEpochs, qPrintable(QString::number(last.size())));
            double combined = 0, naive = 0;
            std::map<std::string, double> worker;
            std::map<std::string, size_t> count;
            for (const pb::ValueBundle* b : last) {
                combined += num(b->combined_value());
                naive += num(b->naive_value());
                for (const auto& v : b->inferer_values()) {
                    worker[v.worker()] += num(v.value());
                    ++count[v.worker()];
                }
            }
            combined /= static_cast<double>(last.size());
            naive /= static_cast<double>(last.size());
            std::ostringstream report;
            report << "topic " << id << ": network " << combined << ", naive " << naive;
            std::vector<double> workerMeans;
            for (size_t i = 0; i < workers.size(); ++i) {
                QVERIFY2(count[workers[i]] >= kEpochs * 9 / 10,
                         qPrintable(QString::fromStdString(models[i]) + " missed epochs"));
                workerMeans.push_back(worker[workers[i]] / static_cast<double>(count[workers[i]]));
                report << ", " << models[i] << " " << workerMeans.back();
            }
            std::vector<double> sorted = workerMeans;
            std::sort(sorted.begin(), sorted.end());
            report << " (margins: naive " << naive - combined << ", second-best worker "
                   << sorted[1] - combined << ")";
            qInfo("%s", report.str().c_str());
            // Issue 5: below every worker but possibly the best (and so below their average).
            QVERIFY2(combined < sorted[1], report.str().c_str());
            // And below the naive inference, with a margin (see the top).
            QVERIFY(topicsBefore.count(id));
            QVERIFY2(naive - combined > kNaiveMargin, report.str().c_str());

            // The weights against the losses, both over the same epochs (see the top): each
            // worker's mean share of the epochs' weights against its mean log-loss.
            std::vector<double> meanShare;
            std::ostringstream weights;
            for (size_t i = 0; i < workers.size(); ++i) {
                meanShare.push_back(shareSum[workers[i]] / static_cast<double>(last.size()));
                weights << models[i] << " loss " << workerMeans[i] << " weight share "
                        << meanShare.back() << "; ";
            }
            const double rho = replay::spearman(workerMeans, meanShare);
            weights << "rank correlation " << rho;
            qInfo("topic %llu: %s", static_cast<unsigned long long>(id), weights.str().c_str());
            const size_t best =
                std::min_element(workerMeans.begin(), workerMeans.end()) - workerMeans.begin();
            const size_t worst =
                std::max_element(workerMeans.begin(), workerMeans.end()) - workerMeans.begin();
            std::vector<double> sortedShares = meanShare;
            std::sort(sortedShares.begin(), sortedShares.end());
            QVERIFY2(meanShare[best] > meanShare[worst], weights.str().c_str());
            QVERIFY2(meanShare[best] > sortedShares[sortedShares.size() / 2],
                     weights.str().c_str());
            QVERIFY2(rho < 0, weights.str().c_str());
        }
        // ALLORA_TEST_LOG=1: the participants' log (every epoch's network inference), for study.
        if (qEnvironmentVariableIsSet("ALLORA_TEST_LOG")) qInfo("%s", devnet.log().c_str());
        const RunnerStats stats = devnet.participants->runner().stats();

        // Token accounting over the whole run, both lives of the node, from genesis to the last
        // block: every balance moved only by events, the supply grew by exactly what the mint
        // minted, and minted = rewards paid + held in module accounts (token_ledger.h).
        devnet.participants->stop();
        devnet.node->stop();  // no block after this: the snapshot and the ledger agree
        {
            ChainClient stopped(*devnet.node);
            std::set<std::string> all = genesisAddresses(home);
            {
                std::lock_guard lock(ledger.mu);
                all.insert(ledger.addresses.begin(), ledger.addresses.end());
            }
            const tokenledger::Snapshot end = tokenledger::snapshot(stopped, all);
            std::string report;
            const std::string broken =
                tokenledger::checkConservation(ledger, *devnet.genesis, end, &report);
            qInfo("tokens: %s", report.c_str());
            QVERIFY2(broken.empty(), broken.c_str());
            std::lock_guard lock(ledger.mu);
            QCOMPARE(ledger.firstHeight, uint64_t(1));
            QCOMPARE(ledger.height, devnet.node->status().latestHeight);
            QVERIFY2(!end.minted.isZero(), "the mint minted nothing");
            QVERIFY2(!ledger.rewardsPaid.isZero(), "no reward was paid");
        }
        devnet.close();
        qInfo(
            "%.1f s for %zu epochs of 3 topics (block time %lld ms); after the restart: %llu "
            "inferences, %llu forecasts, %llu loss bundles sent, %llu refused",
            static_cast<double>(clock.elapsed()) / 1000.0, kEpochs,
            static_cast<long long>(kBlockTime.count()),
            static_cast<unsigned long long>(stats.inferencesSent),
            static_cast<unsigned long long>(stats.forecastsSent),
            static_cast<unsigned long long>(stats.lossBundlesSent),
            static_cast<unsigned long long>(stats.rejected));
    }
};

QTEST_GUILESS_MAIN(TestParticipants)
#include "test_participants.moc"
