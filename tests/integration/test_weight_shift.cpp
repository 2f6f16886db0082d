// Issue 5's "self-improvement under change" on a real in-process solo devnet (the harness
// test_emissions_loop shares, emissions_devnet.h: SQLite home in a temporary directory, short
// blocks, every message a signed, fee-paying tx through NodeApi::broadcastTxSync, payloads from
// emissions_actors.h).
//
// A seeded AR(1) series x_{s+1} = 0.8 x_s + N(0, 1). Four honest workers infer it with seeded
// noise of known size (σ = 0.3, 0.5, 0.8, 1.2); a test worker infers truth + N(0, 0.05²) for
// epochs 1..50 (the best by far) and truth + 3 + N(0, 0.5²) from epoch 51 (the worst by far).
// Three staked reputers report the topic's loss (log10 MSE) of every output. Two topics run side
// by side on the same chain and nonces: topic 1 with inferences only (the network inference is
// the regret-weighted inferers alone: what the regrets learn, nothing else), topic 2 with the
// honest workers' context-aware forecasts of each other's losses (as in the emissions loop), so
// that the network differs from the naive inference. The weights, and the inferences the losses
// are computed from, are read back from the chain's per-epoch history (GetTopicEpochHistory).
//
// Asserted on each topic: over epochs 41..50 the test worker has the largest mean inferer weight;
// over epochs 60..70 (10 epochs after the change and on) its weight stays below 10 % of its
// 41..50 mean. "Most" is read strictly, as losing > 90 %: the literal > 50 % would pass with a
// network that only half-learned, and the data show it losing > 99.9 % (at most 0.07 % of it in
// 60..70), so 10 % keeps a margin of two orders of magnitude against a flake. The network
// recovers: over 61..70 it is an order of magnitude better than the degraded worker; on topic 1
// (whose pre-change level was the test worker's own and is out of reach) an order of magnitude
// better than during the shock (51..53) and better than its best remaining worker; on topic 2
// below the naive inference by half a decade and within half a decade of its pre-change level.
//
// alpha_regret is 0.3 (allora's usual 0.1 keeps 0.9^10 = 35 % of the old regret after 10
// epochs; 0.3 keeps 0.7^10 = 3 %, so 10 epochs are enough for the regret to follow the change,
// while one noisy epoch moves it by only 30 %).
#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "allora/emissions/v9/query.pb.h"
#include "node/node.h"
#include "node/participants/chain_client.h"
#include "tests/integration/emissions_actors.h"
#include "tests/integration/emissions_devnet.h"
#include "tests/unit/test_chain_fixture.h"

using namespace allora;
using allora::participants::ChainClient;
namespace pb = ::emissions::v9;

namespace {

using emdevnet::Actor;
using emdevnet::Devnet;
using emdevnet::gaussian;
using emdevnet::mean;
using emdevnet::truthAt;

constexpr std::chrono::milliseconds kBlockTime{150};
constexpr int64_t kEpochLength = 5;
constexpr int64_t kWindow = 4;        // worker submission window (blocks)
constexpr int64_t kLag = 5;           // ground-truth lag (blocks)
constexpr int64_t kChangeEpoch = 50;  // the test worker is good for epochs 1..50
constexpr int64_t kEpochs = 70;       // epochs with reputer losses
constexpr int64_t kWithin = 10;       // epochs allowed for the weight to fall
// The share of its pre-change weight the test worker may keep 10 epochs after the change.
constexpr double kKeptShare = 0.1;
constexpr int kLoopTimeoutMs = 150'000;
constexpr double kNoise[] = {0.3, 0.5, 0.8, 1.2};  // the honest workers
constexpr size_t kHonest = std::size(kNoise);
constexpr size_t kReputers = 3;
constexpr double kGoodNoise = 0.05, kBadBias = 3.0, kBadNoise = 0.5;

// Epochs are numbered from the first worker nonce the loop answered (epoch 1).
struct Clock {
    int64_t firstNonce = -1;
    int64_t epochOf(int64_t nonce) const { return (nonce - firstNonce) / kEpochLength + 1; }
    uint64_t stepOf(int64_t nonce) const { return static_cast<uint64_t>(nonce / kEpochLength); }
    double truth(int64_t nonce) const { return truthAt(stepOf(nonce)); }
    // Worker i < kHonest is honest; i == kHonest is the test worker.
    double inference(size_t i, int64_t nonce) const {
        const uint64_t s = stepOf(nonce);
        if (i < kHonest) return truth(nonce) + kNoise[i] * gaussian(100 + i, s);
        if (epochOf(nonce) <= kChangeEpoch) return truth(nonce) + kGoodNoise * gaussian(200, s);
        return truth(nonce) + kBadBias + kBadNoise * gaussian(200, s);
    }
    // Honest forecaster f's forecast of inferer i's log-loss: the true loss plus its own noise.
    double forecast(size_t f, size_t i, int64_t nonce) const {
        return emactors::logLoss(inference(i, nonce), truth(nonce)) +
               0.25 * static_cast<double>(f + 1) * gaussian(1000 + f * 16 + i, stepOf(nonce));
    }
};

double number(const std::string& text) {
    return text.empty() ? 0.0 : std::stod(text);
}

}  // namespace

class TestWeightShift : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void degradedWorkerLosesWeight() {
        QElapsedTimer elapsed;
        elapsed.start();
        std::vector<Actor> workers, reputers;  // workers[kHonest] is the test worker
        for (size_t i = 0; i <= kHonest; ++i) workers.emplace_back(10 + i);
        for (size_t i = 0; i < kReputers; ++i) reputers.emplace_back(20 + i);
        Actor consumer(30);
        std::vector<std::string> funded{consumer.address()};
        for (const auto& a : workers) funded.push_back(a.address());
        for (const auto& a : reputers) funded.push_back(a.address());

        Devnet devnet;
        const std::string opened = devnet.open(funded, kBlockTime, "weight-shift-password");
        QVERIFY2(opened.empty(), opened.c_str());
        node::Node* node = devnet.node.get();
        ChainClient chain(*node);
        QVERIFY(node->start().ok());
        devnet.waitPast(0);

        // Two topics with the same parameters, created in one tx (so their nonces coincide):
        // topic 1 without forecasts (the network is the regret-weighted inferers alone), topic 2
        // with the honest workers' context-aware forecasts (the network then differs from the
        // naive inference, which leaves forecasts out).
        std::vector<wallet::AnyMessage> topicMsgs;
        for (const char* name :
             {"AR(1) weight shift, inferences only", "AR(1) weight shift, with forecasts"}) {
            const pb::CreateNewTopicRequest topicMsg = emdevnet::topicRequest(
                consumer.address(), name, kEpochLength, kLag, kWindow, "0.3");
            topicMsgs.push_back(emactors::anyMessage("CreateNewTopicRequest", topicMsg));
        }
        auto sentTopic = consumer.account.send(chain, topicMsgs);
        QVERIFY2(sentTopic.ok() && sentTopic->ok(),
                 sentTopic ? sentTopic->log.c_str() : sentTopic.message().c_str());
        devnet.waitPast(devnet.height());
        constexpr uint64_t kTopics[] = {1, 2};
        for (uint64_t kTopic : kTopics)
            for (auto& w : workers) {
                auto r =
                    w.account.send(chain, {emdevnet::registration(w.address(), kTopic, false)});
                QVERIFY2(r.ok() && r->ok(), r ? r->log.c_str() : r.message().c_str());
            }
        for (uint64_t kTopic : kTopics)
            for (size_t i = 0; i < reputers.size(); ++i) {
                const std::string& address = reputers[i].address();
                auto r = reputers[i].account.send(
                    chain, {emdevnet::registration(address, kTopic, true),
                            emdevnet::addStake(address, kTopic, Amount::fromAllo(1000 * (i + 1)))});
                QVERIFY2(r.ok() && r->ok(), r ? r->log.c_str() : r.message().c_str());
            }
        devnet.waitPast(devnet.height());

        // The loop (as in test_emissions_loop): answer the open worker and reputer nonces of
        // each topic.
        struct Run {
            uint64_t topic;
            bool forecasts;
            Clock clock;
            std::map<int64_t, pb::NetworkInferences> inferences;  // by nonce
            std::set<int64_t> workedNonces, reputedNonces;
            int64_t lastReputed() const {
                return reputedNonces.empty() ? 0 : clock.epochOf(*reputedNonces.rbegin());
            }
        };
        std::vector<Run> runs{{kTopics[0], false, {}, {}, {}, {}},
                              {kTopics[1], true, {}, {}, {}, {}}};
        size_t rejected = 0;
        std::string firstRejection;
        auto note = [&](const Result<node::TxResult>& r) {
            if (r.ok() && r->ok()) return;
            ++rejected;
            if (firstRejection.empty()) firstRejection = r ? r->log : r.message();
        };
        auto done = [&] {
            for (const Run& run : runs)
                if (run.lastReputed() < kEpochs) return false;
            return true;
        };
        QDeadlineTimer deadline(kLoopTimeoutMs);
        uint64_t seen = devnet.height();
        while (!done() && !deadline.hasExpired()) {
            devnet.waitPast(seen);
            seen = devnet.height();
            const auto h = static_cast<int64_t>(seen);
            for (Run& run : runs) {
                pb::GetLatestNetworkInferencesRequest lq;
                lq.set_topic_id(run.topic);
                if (auto n = chain.emissions<pb::GetLatestNetworkInferencesResponse>(
                        "GetLatestNetworkInferences", lq);
                    n.ok() && n->network_inferences().block_height() > 0)
                    run.inferences.emplace(n->network_inferences().block_height(),
                                           n->network_inferences());
                pb::GetUnfulfilledWorkerNoncesRequest wq;
                wq.set_topic_id(run.topic);
                if (auto open = chain.emissions<pb::GetUnfulfilledWorkerNoncesResponse>(
                        "GetUnfulfilledWorkerNonces", wq))
                    for (const pb::Nonce& n : open->nonces().nonces()) {
                        const int64_t nonce = n.block_height();
                        if (h < nonce || h + 1 >= nonce + kWindow || run.workedNonces.count(nonce))
                            continue;
                        if (run.clock.firstNonce < 0) run.clock.firstNonce = nonce;
                        if (nonce < run.clock.firstNonce) continue;
                        run.workedNonces.insert(nonce);
                        for (size_t i = 0; i < workers.size(); ++i) {
                            std::vector<std::pair<std::string, double>> forecast;
                            if (run.forecasts && i < kHonest)  // the test worker only infers
                                for (size_t j = 0; j < workers.size(); ++j)
                                    if (j != i)
                                        forecast.emplace_back(workers[j].address(),
                                                              run.clock.forecast(i, j, nonce));
                            note(workers[i].account.send(
                                chain, {emactors::workerPayload(workers[i].key, run.topic, nonce,
                                                                run.clock.inference(i, nonce),
                                                                forecast)}));
                        }
                    }
                pb::GetUnfulfilledReputerNoncesRequest rq;
                rq.set_topic_id(run.topic);
                if (auto open = chain.emissions<pb::GetUnfulfilledReputerNoncesResponse>(
                        "GetUnfulfilledReputerNonces", rq))
                    for (const pb::ReputerRequestNonce& r : open->nonces().nonces()) {
                        const int64_t nonce = r.reputer_nonce().block_height();
                        if (h + 1 < nonce + kLag || h + 1 > nonce + 2 * kLag ||
                            run.reputedNonces.count(nonce) || !run.inferences.count(nonce))
                            continue;
                        run.reputedNonces.insert(nonce);
                        for (auto& rep : reputers)
                            note(rep.account.send(
                                chain, {emactors::reputerPayload(
                                           rep.key, emactors::lossesOf(run.inferences[nonce],
                                                                       run.clock.truth(nonce),
                                                                       rep.address()))}));
                    }
            }
        }
        for (const Run& run : runs)
            QVERIFY2(run.lastReputed() >= kEpochs,
                     qPrintable(QStringLiteral("topic %1 reached epoch %2 of %3 in %4 ms")
                                    .arg(run.topic)
                                    .arg(run.lastReputed())
                                    .arg(kEpochs)
                                    .arg(kLoopTimeoutMs)));
        // Let the last reputer windows close (the history's losses and regrets are written then).
        devnet.waitPast(devnet.height() + kLag + kWindow + 2);
        std::vector<pb::GetTopicEpochHistoryResponse> histories;
        for (const Run& run : runs) {
            pb::GetTopicEpochHistoryRequest hq;
            hq.set_topic_id(run.topic);
            hq.set_limit(1000);
            auto history =
                chain.emissions<pb::GetTopicEpochHistoryResponse>("GetTopicEpochHistory", hq);
            QVERIFY2(history.ok(), history ? "" : history.message().c_str());
            histories.push_back(std::move(*history));
        }
        node->stop();
        qInfo("%zu txs refused (%s)", rejected, firstRejection.c_str());

        for (size_t k = 0; k < runs.size(); ++k) {
            checkTopic(runs[k].topic, runs[k].forecasts, runs[k].clock, histories[k], workers);
            if (QTest::currentTestFailed()) return;
        }
        qInfo("%.1f s (block time %lld ms, epoch %lld blocks)",
              static_cast<double>(elapsed.elapsed()) / 1000.0,
              static_cast<long long>(kBlockTime.count()), static_cast<long long>(kEpochLength));
    }

private:
    // The assertions on one topic's history (see the top of the file).
    void checkTopic(uint64_t topic, bool forecasts, const Clock& clock,
                    const pb::GetTopicEpochHistoryResponse& history,
                    const std::vector<Actor>& workers) {
        // Per epoch: each worker's inferer weight and the losses (log10 squared error against
        // the truth the test knows; the chain's network loss is the reputers' report of it).
        struct Row {
            std::vector<double> weight;  // by worker, 0 when absent
            double network = NAN, naive = NAN;
            std::vector<double> loss;  // by worker
            bool closed = false;
        };
        std::map<int64_t, Row> rows;  // by epoch
        for (const auto& rec : history.records()) {
            const int64_t e = clock.epochOf(rec.block_height());
            if (rec.block_height() < clock.firstNonce || e > kEpochs) continue;
            Row row;
            row.weight.assign(workers.size(), 0.0);
            row.loss.assign(workers.size(), NAN);
            const double truth = clock.truth(rec.block_height());
            for (const auto& w : rec.inferers())
                for (size_t i = 0; i < workers.size(); ++i)
                    if (w.worker() == workers[i].address()) {
                        row.weight[i] = number(w.weight());
                        row.loss[i] = emactors::logLoss(number(w.value()), truth);
                    }
            row.network = emactors::logLoss(number(rec.network_inference()), truth);
            row.naive = emactors::logLoss(number(rec.naive_inference()), truth);
            row.closed = rec.closed_at_block() > 0;
            rows[e] = std::move(row);
        }
        std::ostringstream table;
        table << "\ntopic " << topic << (forecasts ? " (with forecasts)" : " (inferences only)")
              << "\nepoch | inferer weights σ=0.3 0.5 0.8 1.2 test | log10 SE: network naive "
                 "test\n";
        char line[200];
        for (const auto& [e, r] : rows) {
            std::snprintf(
                line, sizeof line, "%5lld | %.3f %.3f %.3f %.3f %.3f | %6.2f %6.2f %6.2f%s\n",
                static_cast<long long>(e), r.weight[0], r.weight[1], r.weight[2], r.weight[3],
                r.weight[kHonest], r.network, r.naive, r.loss[kHonest], r.closed ? "" : " (open)");
            table << line;
        }
        qInfo("%s", table.str().c_str());

        auto window = [&](int64_t from, int64_t to, auto&& get) {
            std::vector<double> v;
            for (int64_t e = from; e <= to; ++e)
                if (auto it = rows.find(e); it != rows.end()) v.push_back(get(it->second));
            return v;
        };
        // Enough epochs in every window the assertions use (a missed epoch or two is tolerated).
        for (auto [from, to] : {std::pair<int64_t, int64_t>{41, 50}, {51, 53}, {61, 70}})
            QVERIFY2(window(from, to, [](const Row&) { return 0.0; }).size() + 2 >=
                         static_cast<size_t>(to - from + 1),
                     qPrintable(QStringLiteral("topic %1: too few epochs in %2..%3")
                                    .arg(topic)
                                    .arg(from)
                                    .arg(to)));
        QVERIFY2(rows.count(kChangeEpoch + kWithin), "no record of epoch 60");

        // Before the change: the test worker has the largest mean weight.
        std::vector<double> before(workers.size());
        for (size_t i = 0; i < workers.size(); ++i)
            before[i] = mean(
                window(kChangeEpoch - 9, kChangeEpoch, [i](const Row& r) { return r.weight[i]; }));
        const double pre = before[kHonest];
        std::ostringstream why;
        why << "topic " << topic << ": mean weights 41..50: honest";
        for (size_t i = 0; i < kHonest; ++i) why << " " << before[i];
        why << ", test " << pre;
        for (size_t i = 0; i < kHonest; ++i) QVERIFY2(pre > before[i], why.str().c_str());

        // Within 10 epochs of the change its weight is below kKeptShare of that, and stays so.
        const auto after =
            window(kChangeEpoch + kWithin, kEpochs, [](const Row& r) { return r.weight[kHonest]; });
        int64_t fell = 0;  // the first epoch after the change below kKeptShare × pre
        for (const auto& [e, r] : rows)
            if (e > kChangeEpoch && !fell && r.weight[kHonest] < kKeptShare * pre) fell = e;
        const double maxAfter = *std::max_element(after.begin(), after.end());
        why << "; the test worker's below " << kKeptShare * 100 << " % of it from epoch " << fell
            << ", at most " << maxAfter << " (" << 100 * maxAfter / pre << " %) over 60..70";
        qInfo("%s", why.str().c_str());
        QVERIFY2(maxAfter < kKeptShare * pre, why.str().c_str());

        // The network recovers.
        const double net = mean(window(61, 70, [](const Row& r) { return r.network; }));
        const double naive = mean(window(61, 70, [](const Row& r) { return r.naive; }));
        const double bad = mean(window(61, 70, [](const Row& r) { return r.loss[kHonest]; }));
        const double netBefore = mean(window(41, 50, [](const Row& r) { return r.network; }));
        const double netShock = mean(window(51, 53, [](const Row& r) { return r.network; }));
        std::vector<double> honest;
        for (size_t i = 0; i < kHonest; ++i)
            honest.push_back(mean(window(61, 70, [i](const Row& r) { return r.loss[i]; })));
        std::ostringstream losses;
        losses << "topic " << topic << ": mean log10 SE of the network: 41..50 " << netBefore
               << ", 51..53 " << netShock << ", 61..70 " << net << "; over 61..70 naive " << naive
               << ", test worker " << bad << ", honest";
        for (double x : honest) losses << " " << x;
        qInfo("%s", losses.str().c_str());
        // Both: an order of magnitude better than the degraded worker.
        QVERIFY2(net < bad - 1.0, losses.str().c_str());
        if (!forecasts) {
            // Regrets alone: the pre-change level was the test worker's and is out of reach; the
            // network climbs an order of magnitude out of the shock and beats its best remaining
            // part. (Its naive inference is itself: no forecasts to leave out.)
            QVERIFY2(net < netShock - 1.0, losses.str().c_str());
            QVERIFY2(net < *std::min_element(honest.begin(), honest.end()), losses.str().c_str());
        } else {
            // With forecasts: below the naive inference and back near the pre-change level.
            QVERIFY2(net < naive - 0.5, losses.str().c_str());
            QVERIFY2(net < netBefore + 0.5, losses.str().c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestWeightShift)
#include "test_weight_shift.moc"
