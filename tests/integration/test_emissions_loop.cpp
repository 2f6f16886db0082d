// Issue 4's end-to-end emissions loop on a real in-process solo devnet (SQLite home in a temporary
// directory, short blocks, the mint running with a short month): a consumer creates a topic, five
// workers of known quality (a seeded AR(1) series plus seeded noise of growing size) send signed
// inferences and forecasts of each other's losses, three staked reputers report the log10 MSE of
// every output of the latest network inference, and the consumer funds the topic midway. Every
// message goes through NodeApi::broadcastTxSync as a signed, fee-paying transaction
// (tests/integration/emissions_actors.h builds the payloads; emissions_devnet.h the devnet). Every
// committed block's events are heard through the engine's block subscription.
//
// Asserted after the loop: rewards were paid (each worker's balance moved by exactly its reward
// events minus what it paid, each reputer's stake rose by its reward events), tokens are conserved
// (the supply grew by exactly what the mint minted, > 0; the balances of every account and module
// sum to the supply; the reward pool holds what the mint put in minus what was paid), and the
// network inference's mean log10 squared error over the epochs after a 5-epoch warm-up is below
// the naive inference's and below the median worker's.
#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "allora/emissions/v9/query.pb.h"
#include "node/node.h"
#include "node/participants/chain_client.h"
#include "tests/integration/emissions_actors.h"
#include "tests/integration/emissions_devnet.h"
#include "tests/integration/token_ledger.h"
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
using tokenledger::allo;
using tokenledger::amountOf;
using tokenledger::balanceOf;
using tokenledger::Ledger;
using tokenledger::plus;

constexpr std::chrono::milliseconds kBlockTime{200};
constexpr int64_t kEpochLength = 5;
constexpr int64_t kWindow = 4;  // worker submission window (blocks)
constexpr int64_t kLag = 5;     // ground-truth lag (blocks)
constexpr size_t kWarmUp = 5;   // epochs left out of the loss comparison
constexpr size_t kEpochs = 25;  // epochs with reputer losses (>= 20 after the warm-up)
constexpr int kLoopTimeoutMs = 50'000;
// The workers' noise (standard deviations around the truth): the ordering of quality is known.
constexpr double kNoise[] = {0.1, 0.2, 0.4, 0.8, 1.6};
constexpr size_t kWorkers = std::size(kNoise);
constexpr size_t kReputers = 3;

uint64_t stepOf(int64_t nonce) {
    return static_cast<uint64_t>(nonce / kEpochLength);
}
double workerInference(size_t worker, int64_t nonce) {
    return truthAt(stepOf(nonce)) + kNoise[worker] * gaussian(100 + worker, stepOf(nonce));
}
// Worker `forecaster`'s forecast of inferer `inferer`'s loss at a nonce. Forecasters are
// context-aware, as the protocol means them to be: each has a noisy view (its own noise, growing
// with its index, in log10 units) of how far this epoch's inference of the other worker will be
// from the truth. A forecast without such context (a constant per inferer) adds nothing to what
// the regrets already know, and the network could not beat the naive inference with it.
double forecastLoss(size_t forecaster, size_t inferer, int64_t nonce) {
    return emactors::logLoss(workerInference(inferer, nonce), truthAt(stepOf(nonce))) +
           0.25 * static_cast<double>(forecaster + 1) *
               gaussian(1000 + forecaster * 16 + inferer, stepOf(nonce));
}

Amount stakeOf(ChainClient& chain, uint64_t topic, const std::string& address) {
    pb::GetReputerStakeInTopicRequest q;
    q.set_topic_id(topic);
    q.set_address(address);
    return amountOf(
        chain.emissions<pb::GetReputerStakeInTopicResponse>("GetReputerStakeInTopic", q)->amount());
}

}  // namespace

class TestEmissionsLoop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void networkLearnsRewardsAndConserves() {
        QElapsedTimer clock;
        clock.start();
        // Actors: five workers, three reputers, one consumer (the topic's creator and funder).
        std::vector<Actor> workers, reputers;
        for (size_t i = 0; i < kWorkers; ++i) workers.emplace_back(10 + i);
        for (size_t i = 0; i < kReputers; ++i) reputers.emplace_back(20 + i);
        Actor consumer(30);
        std::vector<std::string> funded{consumer.address()};
        for (const auto& a : workers) funded.push_back(a.address());
        for (const auto& a : reputers) funded.push_back(a.address());

        Ledger ledger;  // outlives the devnet, whose subscription writes to it
        Devnet devnet;
        // The mint must have params to mint; a month of 100 blocks recalculates the rate often.
        const std::string opened =
            devnet.open(funded, kBlockTime, "emissions-loop-password",
                        {{"mint", R"({"params": {"blocks_per_month": 100}})"}});
        QVERIFY2(opened.empty(), opened.c_str());
        ChainClient chain(*devnet.node);
        const tokenledger::Snapshot genesis =
            tokenledger::snapshot(chain, std::set<std::string>(funded.begin(), funded.end()));
        const std::string ecosystem = tokenledger::moduleAddress("ecosystem");
        devnet.subscription = devnet.node->engine().subscribeBlocks(
            [&ledger](const node::consensus::CommittedBlock& b) { ledger.onBlock(b); });
        QVERIFY(devnet.node->start().ok());
        devnet.waitPast(0);

        // The topic, then registrations and stakes (reputers stake different amounts).
        const pb::CreateNewTopicRequest topicMsg =
            emdevnet::topicRequest(consumer.address(), "AR(1) series, emissions loop test",
                                   kEpochLength, kLag, kWindow, "0.1");
        auto sentTopic =
            consumer.account.send(chain, {emactors::anyMessage("CreateNewTopicRequest", topicMsg)});
        QVERIFY2(sentTopic.ok() && sentTopic->ok(),
                 sentTopic ? sentTopic->log.c_str() : sentTopic.message().c_str());
        devnet.waitPast(devnet.height());
        constexpr uint64_t kTopic = 1;
        pb::GetTopicRequest tq;
        tq.set_topic_id(kTopic);
        QVERIFY(chain.emissions<pb::GetTopicResponse>("GetTopic", tq).ok());

        for (auto& w : workers) {
            auto r = w.account.send(chain, {emdevnet::registration(w.address(), kTopic, false)});
            QVERIFY2(r.ok() && r->ok(), r ? r->log.c_str() : r.message().c_str());
        }
        std::vector<Amount> stakeSet;
        for (size_t i = 0; i < reputers.size(); ++i) {
            stakeSet.push_back(Amount::fromAllo(1000 * (i + 1)));
            const std::string& address = reputers[i].address();
            auto r =
                reputers[i].account.send(chain, {emdevnet::registration(address, kTopic, true),
                                                 emdevnet::addStake(address, kTopic, stakeSet[i])});
            QVERIFY2(r.ok() && r->ok(), r ? r->log.c_str() : r.message().c_str());
        }
        devnet.waitPast(devnet.height());
        for (size_t i = 0; i < reputers.size(); ++i)
            QCOMPARE(stakeOf(chain, kTopic, reputers[i].address()), stakeSet[i]);
        // Balances and stakes from here on: what the loop changes.
        std::vector<Amount> workerStart, reputerStakeStart;
        std::map<std::string, Amount> rewardsBefore, sentBefore, receivedBefore, feesBefore;
        uint64_t startHeight = 0;
        for (;;) {  // a consistent snapshot: no block committed in between
            startHeight = devnet.height();
            workerStart.clear();
            reputerStakeStart.clear();
            for (auto& w : workers) workerStart.push_back(balanceOf(chain, w.address()));
            for (auto& r : reputers)
                reputerStakeStart.push_back(stakeOf(chain, kTopic, r.address()));
            std::lock_guard lock(ledger.mu);
            if (devnet.height() == startHeight && ledger.height == startHeight) {
                rewardsBefore = ledger.rewards;
                sentBefore = ledger.sent;
                receivedBefore = ledger.received;
                feesBefore = ledger.fees;
                break;
            }
        }

        // The loop: each new block, look at the open nonces and answer them.
        std::map<int64_t, pb::NetworkInferences> inferences;  // by nonce
        std::set<int64_t> workedNonces, reputedNonces;
        bool funded_ = false;
        Amount funding = Amount::fromAllo(50);
        size_t rejected = 0;
        std::string firstRejection;
        auto note = [&](const Result<node::TxResult>& r) {
            if (r.ok() && r->ok()) return;
            ++rejected;
            if (firstRejection.empty()) firstRejection = r ? r->log : r.message();
        };
        QDeadlineTimer deadline(kLoopTimeoutMs);
        uint64_t seen = devnet.height();
        while (reputedNonces.size() < kEpochs && !deadline.hasExpired()) {
            devnet.waitPast(seen);
            seen = devnet.height();
            const auto h = static_cast<int64_t>(seen);
            pb::GetLatestNetworkInferencesRequest lq;
            lq.set_topic_id(kTopic);
            if (auto n = chain.emissions<pb::GetLatestNetworkInferencesResponse>(
                    "GetLatestNetworkInferences", lq);
                n.ok() && n->network_inferences().block_height() > 0)
                inferences.emplace(n->network_inferences().block_height(), n->network_inferences());

            pb::GetUnfulfilledWorkerNoncesRequest wq;
            wq.set_topic_id(kTopic);
            if (auto open = chain.emissions<pb::GetUnfulfilledWorkerNoncesResponse>(
                    "GetUnfulfilledWorkerNonces", wq))
                for (const pb::Nonce& n : open->nonces().nonces()) {
                    const int64_t nonce = n.block_height();
                    // The tx lands in the next block at the earliest, within nonce < h' <= nonce+w.
                    if (h < nonce || h + 1 >= nonce + kWindow || workedNonces.count(nonce))
                        continue;
                    workedNonces.insert(nonce);
                    for (size_t i = 0; i < workers.size(); ++i) {
                        std::vector<std::pair<std::string, double>> forecast;
                        for (size_t j = 0; j < workers.size(); ++j)
                            if (j != i)
                                forecast.emplace_back(workers[j].address(),
                                                      forecastLoss(i, j, nonce));
                        note(workers[i].account.send(
                            chain, {emactors::workerPayload(workers[i].key, kTopic, nonce,
                                                            workerInference(i, nonce), forecast)}));
                    }
                }
            pb::GetUnfulfilledReputerNoncesRequest rq;
            rq.set_topic_id(kTopic);
            if (auto open = chain.emissions<pb::GetUnfulfilledReputerNoncesResponse>(
                    "GetUnfulfilledReputerNonces", rq))
                for (const pb::ReputerRequestNonce& r : open->nonces().nonces()) {
                    const int64_t nonce = r.reputer_nonce().block_height();
                    if (h + 1 < nonce + kLag || h + 1 > nonce + 2 * kLag ||
                        reputedNonces.count(nonce) || !inferences.count(nonce))
                        continue;
                    reputedNonces.insert(nonce);
                    const double truth = truthAt(stepOf(nonce));
                    for (auto& rep : reputers)
                        note(rep.account.send(
                            chain, {emactors::reputerPayload(
                                       rep.key, emactors::lossesOf(inferences[nonce], truth,
                                                                   rep.address()))}));
                }
            // Midway, the consumer pays what it wants for the topic.
            if (!funded_ && reputedNonces.size() >= kEpochs / 2) {
                pb::FundTopicRequest f;
                f.set_sender(consumer.address());
                f.set_topic_id(kTopic);
                f.set_amount(funding.toUalloString());
                auto r =
                    consumer.account.send(chain, {emactors::anyMessage("FundTopicRequest", f)});
                QVERIFY2(r.ok() && r->ok(), r ? r->log.c_str() : r.message().c_str());
                funded_ = true;
            }
        }
        QVERIFY2(reputedNonces.size() >= kEpochs,
                 qPrintable(QStringLiteral("only %1 epochs with losses in %2 ms")
                                .arg(reputedNonces.size())
                                .arg(kLoopTimeoutMs)));
        QVERIFY(funded_);
        // Let the last reputer nonces close (rewards are paid then), sending nothing more.
        devnet.waitPast(devnet.height() + 2);

        // A consistent end snapshot.
        std::vector<Amount> workerEnd, reputerStakeEnd;
        std::map<std::string, Amount> rewards, sent, received, fees;
        std::map<std::pair<std::string, std::string>, Amount> transfers;
        tokenledger::Snapshot end;
        Amount rewardsPaid;
        pb::GetTopicResponse topicEnd;
        size_t failedTxs = 0;
        std::string firstFailure;
        for (;;) {
            const uint64_t h = devnet.height();
            workerEnd.clear();
            reputerStakeEnd.clear();
            for (auto& w : workers) workerEnd.push_back(balanceOf(chain, w.address()));
            for (auto& r : reputers) reputerStakeEnd.push_back(stakeOf(chain, kTopic, r.address()));
            topicEnd = *chain.emissions<pb::GetTopicResponse>("GetTopic", tq);
            std::set<std::string> all(funded.begin(), funded.end());
            {
                std::lock_guard lock(ledger.mu);
                all.insert(ledger.addresses.begin(), ledger.addresses.end());
            }
            end = tokenledger::snapshot(chain, all);
            std::lock_guard lock(ledger.mu);
            if (devnet.height() != h || ledger.height != h) continue;  // a block came
            rewards = ledger.rewards;
            sent = ledger.sent;
            received = ledger.received;
            fees = ledger.fees;
            transfers = ledger.transfers;
            rewardsPaid = ledger.rewardsPaid;
            failedTxs = ledger.failedTxs;
            firstFailure = ledger.firstFailure;
            break;
        }
        devnet.subscription.reset();
        devnet.node->stop();
        qInfo("%zu epochs with losses, %zu txs refused at CheckTx (%s), %zu failed in blocks (%s)",
              reputedNonces.size(), rejected, firstRejection.c_str(), failedTxs,
              firstFailure.c_str());

        // Rewards: each worker's balance moved by its reward events minus what it paid; each
        // reputer's stake rose by its reward events (reputer rewards compound into stake).
        auto since = [](std::map<std::string, Amount>& now, std::map<std::string, Amount>& before,
                        const std::string& a) { return *now[a].sub(before[a]); };
        Amount workerRewards;
        std::ostringstream rewardReport;
        for (size_t i = 0; i < workers.size(); ++i) {
            const std::string& a = workers[i].address();
            const Amount got = since(rewards, rewardsBefore, a);
            const Amount paid = plus(since(sent, sentBefore, a), since(fees, feesBefore, a));
            const Amount in = since(received, receivedBefore, a);
            QCOMPARE(in, got);  // everything a worker received was a reward
            QCOMPARE(plus(workerEnd[i], paid), plus(workerStart[i], got));
            workerRewards = plus(workerRewards, got);
            rewardReport << "worker σ=" << kNoise[i] << " " << allo(got) << "; ";
        }
        Amount reputerRewards;
        for (size_t i = 0; i < reputers.size(); ++i) {
            const std::string& a = reputers[i].address();
            const Amount got = since(rewards, rewardsBefore, a);
            QCOMPARE(reputerStakeEnd[i], plus(reputerStakeStart[i], got));
            reputerRewards = plus(reputerRewards, got);
            rewardReport << "reputer stake " << allo(reputerStakeStart[i]) << " +" << allo(got)
                         << "; ";
        }
        qInfo("rewards: %s", rewardReport.str().c_str());
        QVERIFY2(!workerRewards.isZero(), "no worker was paid");
        QVERIFY2(!reputerRewards.isZero(), "no reputer was paid");

        // Conservation, from genesis on: every token moved with an event, the supply grew by
        // what the mint minted, minted = rewards paid + held (token_ledger.h).
        std::string accounting;
        const std::string broken =
            tokenledger::checkConservation(ledger, genesis, end, &accounting);
        qInfo("tokens: %s; topic revenue funded %s", accounting.c_str(), allo(funding).c_str());
        QVERIFY2(broken.empty(), broken.c_str());
        QVERIFY2(!end.minted.isZero(), "the mint minted nothing");
        // The consumer's payment reached the treasury and counts as the topic's revenue.
        const Amount fundedIn = transfers[std::make_pair(consumer.address(), ecosystem)];
        QVERIFY(fundedIn >= funding);
        qInfo("topic weight %s, effective revenue %s uallo", topicEnd.weight().c_str(),
              topicEnd.effective_revenue().c_str());
        // Every reward went to one of the loop's workers or reputers, and none before the loop.
        for (const auto& [address, amount] : rewardsBefore) QVERIFY(amount.isZero());
        QCOMPARE(rewardsPaid, plus(workerRewards, reputerRewards));

        // The network inference against its parts, after the warm-up: log10 squared errors.
        std::vector<double> network, naive;
        std::map<std::string, std::vector<double>> byWorker;
        size_t index = 0;
        for (const auto& [nonce, ni] : inferences) {
            if (index++ < kWarmUp) continue;
            const double truth = truthAt(stepOf(nonce));
            network.push_back(emactors::logLoss(emactors::parsed(ni.combined_value()), truth));
            naive.push_back(emactors::logLoss(emactors::parsed(ni.naive_value()), truth));
            for (const auto& v : ni.inferer_values())
                byWorker[v.worker()].push_back(
                    emactors::logLoss(emactors::parsed(v.value()), truth));
        }
        QVERIFY2(network.size() >= 20, qPrintable(QString::number(network.size())));
        std::vector<double> workerMeans;
        std::ostringstream lossReport;
        lossReport << network.size() << " epochs after a " << kWarmUp << "-epoch warm-up: network "
                   << mean(network) << ", naive " << mean(naive);
        for (size_t i = 0; i < workers.size(); ++i) {
            workerMeans.push_back(mean(byWorker[workers[i].address()]));
            lossReport << ", worker σ=" << kNoise[i] << " " << workerMeans.back();
        }
        std::vector<double> sorted = workerMeans;
        std::sort(sorted.begin(), sorted.end());
        const double median = sorted[sorted.size() / 2];
        lossReport << " (median worker " << median << ")";
        qInfo("mean log10 squared error: %s", lossReport.str().c_str());
        QVERIFY2(mean(network) < mean(naive), lossReport.str().c_str());
        QVERIFY2(mean(network) < median, lossReport.str().c_str());
        qInfo("%.1f s (block time %lld ms, epoch %lld blocks)",
              static_cast<double>(clock.elapsed()) / 1000.0,
              static_cast<long long>(kBlockTime.count()), static_cast<long long>(kEpochLength));
    }
};

QTEST_GUILESS_MAIN(TestEmissionsLoop)
#include "test_emissions_loop.moc"
