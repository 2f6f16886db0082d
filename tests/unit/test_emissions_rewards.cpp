// The emissions epoch close on a real chain (epoch_scores, rewards_payout, topic_weights): a topic
// with three inferers (one also forecasting) and two staked reputers (one with a delegator) runs
// epochs of real signed payloads; then the stored EMA scores follow the sortition rule, the topic's
// initial regret follows PROTOCOL.md §6's cold start, every payout sums to the topic reward
// (rounding stays in allorarewards), a reputer's reward is split by own vs delegated stake, fee
// revenue drips, and no uallo is created or lost. Also: the worker window's edges, UpdateParams
// for admins only, and the gas of payload signature checks.
#include "emissions_epoch_loop.h"
#include "test_emissions_fixture.h"

#include <cmath>

#include "node/modules/emissions/epoch.h"
#include "node/modules/emissions/epoch_scores.h"
#include "node/modules/emissions/epoch_state.h"
#include "node/modules/emissions/genesis.h"
#include "node/modules/emissions/sortition.h"
#include "node/modules/emissions/synthesis_statistics.h"
#include "node/modules/emissions/topic_weights.h"
#include "node/modules/reward_pool.h"
#include "tests/integration/emissions_actors.h"

using namespace emtest;

namespace {

constexpr uint64_t kRewardsPerBlock = 1'000'000'000;
const std::string kFunded = "1000000000000000";  // allorarewards at genesis

Genesis rewardsGenesis() {
    Genesis g = emissionsGenesis();
    const std::string rewards = formatAddress(moduleAddress(em::kRewardsName));
    g.accounts.push_back({rewards, std::nullopt});
    g.balances.push_back({rewards, coins(kFunded)});
    g.moduleStates["emissions"] = R"({"params": {
        "remove_stake_delay_window": 3, "min_epoch_length": 2, "create_topic_fee": "75000",
        "registration_fee": "200", "data_sending_fee": "10", "required_minimum_stake": "10000",
        "min_topic_weight": "100", "max_top_inferers_to_reward": 2, "blocks_per_month": 300},
        "admins": [")" + keys().alice.address() +
                                  R"("], "rewards_per_block": ")" +
                                  std::to_string(kRewardsPerBlock) + R"("})";
    return g;
}

std::string attr(const Event& e, const std::string& key) {
    for (const auto& a : e.attributes)
        if (a.key == key) return a.value;
    return {};
}

}  // namespace

class TestEmissionsRewards : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    const Keys& k = keys();
    const MoreKeys& m = more();
    int n_ = 0;
    std::string freshPath() { return dir_.filePath(QString("r%1.db").arg(++n_)).toStdString(); }

    // Topic 1 (alpha_regret 0.5, so two reward inclusions make a worker experienced), inferers
    // w1, w2, alice (w2 also forecasts), reputers bob (10000 own + 5000 delegated by alice) and
    // w3 (20000); alice funds the topic. Returns once the first nonce is open.
    int64_t setUp(EmNode& node) {
        node.Node::init(rewardsGenesis());
        pb::CreateNewTopicRequest t = topicMsg(k.alice);
        t.set_alpha_regret("0.5");
        if (!node.deliver(k.alice, any("CreateNewTopicRequest", t)).ok()) qFatal("topic");
        for (const Key* w : {&m.w1, &m.w2, &k.alice})
            if (!node.deliver(*w, registerMsg(*w, 1, false)).ok()) qFatal("register worker");
        for (const Key* r : {&k.bob, &m.w3})
            if (!node.deliver(*r, registerMsg(*r, 1, true)).ok()) qFatal("register reputer");
        if (!node.deliver(k.bob, addStake(k.bob, 1, "10000")).ok()) qFatal("stake");
        if (!node.deliver(m.w3, addStake(m.w3, 1, "20000")).ok()) qFatal("stake");
        pb::DelegateStakeRequest d;
        d.set_sender(k.alice.address());
        d.set_topic_id(1);
        d.set_reputer(k.bob.address());
        d.set_amount("5000");
        if (!node.deliver(k.alice, any("DelegateStakeRequest", d)).ok()) qFatal("delegate");
        if (!node.deliver(k.alice, fundTopic(k.alice, 1, "1000000")).ok()) qFatal("fund");
        for (int i = 0; i < 100 && openWorkerNonces(node).empty(); ++i) node.block({});
        auto open = openWorkerNonces(node);
        if (open.size() != 1) qFatal("no nonce");
        return open[0];
    }

    Amount totalHeld(EmNode& node) {
        Amount sum;
        for (const Key* key : {&k.alice, &k.bob, &k.carol, &k.dave, &m.w1, &m.w2, &m.w3})
            sum = *sum.add(node.balanceOf(*parseAddress(key->address())));
        for (std::string_view mod : {em::kEcosystemName, em::kStakingName, em::kRewardsName,
                                     em::kPendingRewardsName, std::string_view("fee_collector")})
            sum = *sum.add(node.module(mod));
        return sum;
    }

private Q_SLOTS:
    void epochsPayRewardsThatConserveTokens() {
        EmNode node(freshPath());
        const int64_t first = setUp(node);
        const Amount supply = node.supply();
        QCOMPARE(totalHeld(node), supply);
        const Bytes bob = *parseAddress(k.bob.address());
        int rewardedEpochs = 0;
        epochBlock(node, first);
        node.advanceTo(static_cast<uint64_t>(first + 4));
        for (int epoch = 1; epoch < 10; ++epoch) {
            const int64_t n = first + 5 * epoch;
            const Amount poolBefore = node.module(em::kRewardsName);
            const Amount pendingBefore = node.module(em::kPendingRewardsName);
            Amount bobStakeBefore;
            {
                EmNode::KvStoreView view(*node.app);
                bobStakeBefore = *node.keeper->reputerStake(view.kv, 1, bob);
            }
            // The end-block of n closes reputer nonce n−10 (its rewards) and opens nonce n.
            const std::vector<Event> events = node.block({}).events;
            QCOMPARE(openWorkerNonces(node), std::vector<int64_t>{n});
            Amount paid, toDelegators, toBob, reward;
            bool rewarded = false;
            for (const Event& e : events) {
                if (e.type == "emissions.v9.EventRewardPaid") {
                    const Amount a = *Amount::parse(attr(e, "amount"));
                    paid = *paid.add(a);
                    if (attr(e, "kind") == "delegators") toDelegators = *toDelegators.add(a);
                    if (attr(e, "kind") == "reputer" && attr(e, "address") == k.bob.address())
                        toBob = a;
                }
                if (e.type == "emissions.v9.EventTopicRewards") {
                    rewarded = true;
                    reward = *Amount::parse(attr(e, "reward"));
                    QCOMPARE(*Amount::parse(attr(e, "paid")), paid);
                }
            }
            // Nonces first and first+5 are synthesized before any loss is known (no one-out
            // values, no scores): rewards start with nonce first+10, closed at first+20.
            QCOMPARE(rewarded, epoch >= 4);
            if (rewarded) {
                ++rewardedEpochs;
                QVERIFY(!paid.isZero());
                // The topic's weight share is 1 (the only topic): R = per-block × epoch length.
                QCOMPARE(reward, A(kRewardsPerBlock * 5));
                // Every payout left allorarewards; rounding keeps < one uallo per payout.
                QCOMPARE(*poolBefore.sub(node.module(em::kRewardsName)), paid);
                QVERIFY(paid <= reward);
                QVERIFY(*reward.sub(paid) <= A(12));
                // Bob: own stake S (compounding) and 5000 delegated: the delegators' part of
                // his reward r is ⌊r · D / (S + D)⌋, the rest joins his stake.
                const Amount bobReward = *toBob.add(toDelegators);
                QVERIFY(!bobReward.isZero());
                QCOMPARE(toDelegators, *bobReward.mulDiv(A(5000), *bobStakeBefore.add(A(5000))));
                EmNode::KvStoreView view(*node.app);
                QCOMPARE(*node.keeper->reputerStake(view.kv, 1, bob), *bobStakeBefore.add(toBob));
                QCOMPARE(node.module(em::kPendingRewardsName), *pendingBefore.add(toDelegators));
            }
            epochBlock(node, n);
            node.advanceTo(static_cast<uint64_t>(n + 4));
            QCOMPARE(node.supply(), supply);
            QCOMPARE(totalHeld(node), supply);
        }
        QCOMPARE(rewardedEpochs, 6);
        // The delegator claims its share.
        pb::RewardDelegateStakeRequest claim;
        claim.set_sender(k.alice.address());
        claim.set_topic_id(1);
        claim.set_reputer(k.bob.address());
        const Amount pending = node.module(em::kPendingRewardsName);
        QVERIFY(!pending.isZero());
        QVERIFY(node.deliver(k.alice, any("RewardDelegateStakeRequest", claim)).ok());
        QVERIFY(node.module(em::kPendingRewardsName) < pending);
        QCOMPARE(totalHeld(node), supply);
        // The mint reads the reputers' smoothed share.
        EmNode::KvStoreView view(*node.app);
        auto share = allora::node::reputerRewardShare(view.kv);
        QVERIFY(share->has_value());
        const double f = std::stod(**share);
        QVERIFY(f > 0 && f < 1);
    }

    void emaScoresActiveSetsAndInitialRegret() {
        EmNode node(freshPath());
        int64_t n = setUp(node);
        // Six epochs of payloads; nonce c = n − 10 (with EMAs from two earlier closes) closes.
        for (int e = 0; e < 6; ++e, n += 5) {
            node.advanceTo(static_cast<uint64_t>(n));
            epochBlock(node, n);
        }
        // State just before nonce c = n − 10 closes (end-block of n): previous EMAs and the
        // sortition of c; then the close.
        node.advanceTo(static_cast<uint64_t>(n - 1));
        const int64_t c = n - 10;
        std::map<std::string, std::optional<double>> before;
        std::map<std::string, bool, std::less<>> drawn;
        {
            EmNode::KvStoreView view(*node.app);
            auto s = em::sortitionAt(view.kv, em::ScoreKind::Inferer, 1, c);
            QVERIFY(s);
            drawn = *s;
            for (const auto& [actor, active] : drawn)
                before[actor] =
                    *em::scoreEmaOf(view.kv, em::ScoreKind::Inferer, 1, *parseAddress(actor));
        }
        // max_top_inferers_to_reward = 2 of 3 inferers.
        QCOMPARE(drawn.size(), size_t(3));
        int active = 0;
        for (const auto& [actor, a] : drawn) active += a ? 1 : 0;
        QCOMPARE(active, 2);
        node.advanceTo(static_cast<uint64_t>(n));
        EmNode::KvStoreView view(*node.app);
        auto scores = em::scoresAt(view.kv, em::ScoreKind::Inferer, 1, c);
        QVERIFY(scores);
        allora::emissions::ActorValues activeScores;
        std::vector<double> values;
        for (const auto& [actor, a] : drawn)
            if (a) {
                activeScores[actor] = scores->at(actor);
                values.push_back(scores->at(actor));
            }
        const double q = *allora::emissions::quantileOfScores(values, 0.25);
        for (const auto& [actor, a] : drawn) {
            const double expected =
                allora::emissions::scoreEma(0.1, a ? activeScores.at(actor) : q, before.at(actor));
            auto ema = em::scoreEmaOf(view.kv, em::ScoreKind::Inferer, 1, *parseAddress(actor));
            QVERIFY(ema->has_value());
            QCOMPARE(**ema, expected);
        }
        // Reputers have EMAs too (both active: 2 ≤ 6).
        for (const Key* r : {&k.bob, &m.w3})
            QVERIFY(em::scoreEmaOf(view.kv, em::ScoreKind::Reputer, 1, *parseAddress(r->address()))
                        ->has_value());

        // Initial regret: workers with ≥ 2 inclusions (alpha_regret 0.5) count; by now the active
        // ones have been rewarded at least twice.
        auto topic = *node.keeper->topic(view.kv, 1);
        const double initial = std::stod(topic->initial_regret());
        QVERIFY(initial != 0);
        std::vector<double> regrets;
        auto net = *em::networkLossBundle(view.kv, 1, c);
        for (const auto& x : (*net).inferer_values())
            if (*em::inclusionCount(view.kv, 1, *parseAddress(x.worker())) >= 2)
                regrets.push_back(
                    **em::storedRegret(view.kv, 1, em::RegretFamily::Inferer, "", x.worker()));
        for (const auto& x : (*net).forecaster_values())
            if (*em::inclusionCount(view.kv, 1, *parseAddress(x.worker())) >= 2)
                regrets.push_back(
                    **em::storedRegret(view.kv, 1, em::RegretFamily::Forecaster, "", x.worker()));
        QVERIFY(!regrets.empty());
        const double expected =
            allora::emissions::quantileDescending(regrets, 0.25) +
            (0.75 - 8.25 / 3) * (allora::emissions::sampleStdDev(regrets) + 0.01);
        QCOMPARE(initial, expected);
    }

    void feeRevenueDripsEachEpoch() {
        EmNode node(freshPath());
        const int64_t n = setUp(node);
        // blocks_per_month 300 → a week is 70 blocks; an epoch of 5 drips ⌊R·5/70⌋.
        pb::Params p = em::defaultParams();
        p.set_blocks_per_month(300);
        QCOMPARE(em::blocksPerWeek(p), int64_t(70));
        const Amount before = node.revenue(1);
        QVERIFY(!before.isZero());
        node.advanceTo(static_cast<uint64_t>(n + 5));  // the next epoch opens: weight, drip
        const Amount expected = *before.sub(*before.mulFrac(5, 70));
        QCOMPARE(node.revenue(1), expected);
        QCOMPARE(*em::drippedRevenue(before, 5, p), expected);
        // An epoch of a week or more drips everything.
        QCOMPARE(*em::drippedRevenue(before, 70, p), Amount{});
        EmNode::KvStoreView view(*node.app);
        QVERIFY(*em::topicWeightEma(view.kv, 1) > 0);
    }

    void workerWindowEdges() {
        EmNode node(freshPath());
        const int64_t n = setUp(node);  // window 3: blocks n+1 … n+3
        // Block n: the nonce opened in its end-block, so its txs could not use it (the next
        // nonce n+5 shows the same from block n+4).
        auto payload = [&](const Key& w, int64_t nonce) {
            return node
                .block({signedTx(node, w, {emactors::workerPayload(w.account, 1, nonce, 1.0)})})
                .txResults.at(0);
        };
        TxResult r = payload(m.w1, n);  // block n+1: first block of the window
        QVERIFY2(r.ok(), r.log.c_str());
        node.advanceTo(static_cast<uint64_t>(n + 2));
        r = payload(m.w2, n);  // block n+3: the last
        QVERIFY2(r.ok(), r.log.c_str());
        r = payload(k.alice, n);  // block n+4: one after
        QVERIFY(!r.ok());
        QVERIFY2(r.log.find("is not open") != std::string::npos, r.log.c_str());
        r = payload(k.alice, n + 5);  // block n+5: one before the next nonce's window
        QVERIFY(!r.ok());
        QVERIFY2(r.log.find("is not open") != std::string::npos, r.log.c_str());
        r = payload(k.alice, n + 5);  // block n+6: its first block
        QVERIFY2(r.ok(), r.log.c_str());
        // The rule itself, for a window of 1 (one block: nonce + 1).
        pb::Topic t;
        t.set_worker_submission_window(1);
        QVERIFY(!em::inWorkerWindow(t, 10, 10));
        QVERIFY(em::inWorkerWindow(t, 10, 11));
        QVERIFY(!em::inWorkerWindow(t, 10, 12));
    }

    void updateParamsOnlyByAdmins() {
        EmNode node(freshPath());
        node.Node::init(rewardsGenesis());
        pb::UpdateParamsRequest u;
        u.set_sender(k.bob.address());
        *u.mutable_params() = em::defaultParams();
        u.mutable_params()->set_data_sending_fee("77");
        TxResult r = node.deliver(k.bob, any("UpdateParamsRequest", u));
        QCOMPARE(r.code, static_cast<uint32_t>(TxCode::Unauthorized));
        QVERIFY2(r.log.find("is not an emissions admin") != std::string::npos, r.log.c_str());
        {
            EmNode::KvStoreView view(*node.app);
            QCOMPARE(node.keeper->params(view.kv)->data_sending_fee(), std::string("10"));
        }
        // Invalid params are refused before anything runs, with the field named.
        u.set_sender(k.alice.address());
        u.mutable_params()->set_beta_entropy("2");
        TxResult check;
        r = node.deliver(k.alice, any("UpdateParamsRequest", u), &check);
        QVERIFY(!check.ok());
        QVERIFY2(check.log.find("beta_entropy") != std::string::npos, check.log.c_str());
        u.mutable_params()->set_beta_entropy("0.25");
        r = node.deliver(k.alice, any("UpdateParamsRequest", u));
        QVERIFY2(r.ok(), r.log.c_str());
        EmNode::KvStoreView view(*node.app);
        QCOMPARE(node.keeper->params(view.kv)->data_sending_fee(), std::string("77"));
        // A genesis admin that is not an address fails the genesis with its text.
        QVERIFY(!em::adminsFromGenesisJson(R"({"admins": ["allo1nope"]})"));
    }

    void payloadSignatureChecksCostGas() {
        EmNode node(freshPath());
        const int64_t n = setUp(node);
        // Two like payloads: the first shows the gas one costs; the second, with a limit that
        // covers all but the signature charge, runs out of gas.
        auto one =
            node.block({signedTx(node, m.w1, {emactors::workerPayload(m.w1.account, 1, n, 1.0)})});
        QVERIFY(one.txResults.at(0).ok());
        const uint64_t used = one.txResults.at(0).gasUsed;
        QVERIFY(used > em::kPayloadSignatureGas);
        Bytes raw = emactors::signedTx(
            m.w2.account, {emactors::workerPayload(m.w2.account, 1, n, 2.0)}, node.sequence(m.w2),
            node.accountNumber(m.w2), kChainId, used - em::kPayloadSignatureGas + 200);
        auto r = node.block({raw});
        QCOMPARE(r.txResults.at(0).code, static_cast<uint32_t>(TxCode::OutOfGas));
    }
};

QTEST_GUILESS_MAIN(TestEmissionsRewards)
#include "test_emissions_rewards.moc"
