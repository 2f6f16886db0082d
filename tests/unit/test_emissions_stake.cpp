// Emissions stake on a real chain: reputers' own stake (AddStake, RemoveStake maturing after
// remove_stake_delay_window in the end-block step, CancelRemoveStake) and delegation with
// reward-per-share accounting (DelegateStake, RemoveDelegateStake, CancelRemoveDelegateStake,
// RewardDelegateStake). Coins move between the accounts and the staking account; supply is
// conserved; every rejection changes nothing but the tx fee.
#include "test_emissions_fixture.h"

using namespace emtest;

namespace {

bool logHas(const TxResult& r, const std::string& text) {
    return r.log.find(text) != std::string::npos;
}

wallet::AnyMessage removeStake(const Key& k, uint64_t topic, const std::string& amount) {
    pb::RemoveStakeRequest m;
    m.set_sender(k.address());
    m.set_topic_id(topic);
    m.set_amount(amount);
    return any("RemoveStakeRequest", m);
}
wallet::AnyMessage cancelRemoveStake(const Key& k, uint64_t topic) {
    pb::CancelRemoveStakeRequest m;
    m.set_sender(k.address());
    m.set_topic_id(topic);
    return any("CancelRemoveStakeRequest", m);
}
wallet::AnyMessage delegate(const Key& k, const Key& reputer, const std::string& amount) {
    pb::DelegateStakeRequest m;
    m.set_sender(k.address());
    m.set_topic_id(1);
    m.set_reputer(reputer.address());
    m.set_amount(amount);
    return any("DelegateStakeRequest", m);
}
wallet::AnyMessage undelegate(const Key& k, const Key& reputer, const std::string& amount) {
    pb::RemoveDelegateStakeRequest m;
    m.set_sender(k.address());
    m.set_topic_id(1);
    m.set_reputer(reputer.address());
    m.set_amount(amount);
    return any("RemoveDelegateStakeRequest", m);
}
wallet::AnyMessage cancelUndelegate(const Key& sender, const Key& delegator, const Key& reputer) {
    pb::CancelRemoveDelegateStakeRequest m;
    m.set_sender(sender.address());
    m.set_topic_id(1);
    m.set_delegator(delegator.address());
    m.set_reputer(reputer.address());
    return any("CancelRemoveDelegateStakeRequest", m);
}
wallet::AnyMessage claim(const Key& k, const Key& reputer) {
    pb::RewardDelegateStakeRequest m;
    m.set_sender(k.address());
    m.set_topic_id(1);
    m.set_reputer(reputer.address());
    return any("RewardDelegateStakeRequest", m);
}

Amount reputerStake(const EmNode& node, const Key& k) {
    pb::GetReputerStakeInTopicRequest q;
    q.set_address(k.address());
    q.set_topic_id(1);
    return *Amount::parse(
        node.query<pb::GetReputerStakeInTopicResponse>("GetReputerStakeInTopic", q).amount());
}
Amount delegatedTo(const EmNode& node, const Key& reputer) {
    pb::GetDelegateStakeInTopicInReputerRequest q;
    q.set_reputer_address(reputer.address());
    q.set_topic_id(1);
    return *Amount::parse(node.query<pb::GetDelegateStakeInTopicInReputerResponse>(
                                  "GetDelegateStakeInTopicInReputer", q)
                              .amount());
}
Amount delegatorStake(const EmNode& node, const Key& delegator, const Key& reputer) {
    pb::GetStakeFromDelegatorInTopicInReputerRequest q;
    q.set_delegator_address(delegator.address());
    q.set_reputer_address(reputer.address());
    q.set_topic_id(1);
    return *Amount::parse(node.query<pb::GetStakeFromDelegatorInTopicInReputerResponse>(
                                  "GetStakeFromDelegatorInTopicInReputer", q)
                              .amount());
}
Amount pendingReward(const EmNode& node, const Key& delegator, const Key& reputer) {
    pb::GetDelegateRewardPendingRequest q;
    q.set_delegator_address(delegator.address());
    q.set_reputer_address(reputer.address());
    q.set_topic_id(1);
    return *Amount::parse(
        node.query<pb::GetDelegateRewardPendingResponse>("GetDelegateRewardPending", q).amount());
}

}  // namespace

class TestEmissionsStake : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    const Keys& k = keys();
    const MoreKeys& m = more();
    int n_ = 0;
    std::string freshPath() { return dir_.filePath(QString("s%1.db").arg(++n_)).toStdString(); }

    // Topic 1 by Alice, Bob registered as its reputer.
    void setUp(EmNode& node) {
        node.init();
        QVERIFY(node.deliver(k.alice, createTopic(k.alice)).ok());
        QVERIFY(node.deliver(k.bob, registerMsg(k.bob, 1, true)).ok());
    }

private Q_SLOTS:
    void addStakeMovesCoinsToStaking() {
        EmNode node(freshPath());
        setUp(node);
        const Amount supply = node.supply(), bob = node.balance(k.bob);
        TxResult r = node.deliver(k.bob, addStake(k.bob, 1, "50000"));
        QVERIFY2(r.ok(), r.log.c_str());
        QCOMPARE(node.balance(k.bob), *bob.sub(A(50000 + kTxFee)));
        QCOMPARE(node.module(em::kStakingName), A(50000));
        QCOMPARE(reputerStake(node, k.bob), A(50000));
        QCOMPARE(node.topicStake(1), A(50000));
        QCOMPARE(node.supply(), supply);
        QVERIFY(node.active(1));

        // Rejections: unregistered reputer, zero, more than the balance, unknown topic.
        r = node.deliver(m.w1, addStake(m.w1, 1, "50000"));
        QCOMPARE(r.code, static_cast<uint32_t>(TxCode::InvalidRequest));
        QVERIFY2(logHas(r, "is not registered as a reputer in topic 1"), r.log.c_str());
        TxResult check;
        r = node.deliver(k.bob, addStake(k.bob, 1, "0"), &check);
        QCOMPARE(check.code, static_cast<uint32_t>(TxCode::InvalidCoins));
        r = node.deliver(k.bob, addStake(k.bob, 1, "10000000000000000000"));  // 10 ALLO > balance
        QCOMPARE(r.code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        QVERIFY2(logHas(r, "cannot stake"), r.log.c_str());
        r = node.deliver(k.bob, addStake(k.bob, 7, "5"));
        QVERIFY2(logHas(r, "topic 7 does not exist"), r.log.c_str());
        QCOMPARE(node.module(em::kStakingName), A(50000));
        QCOMPARE(node.topicStake(1), A(50000));
        QCOMPARE(node.balance(k.bob), *bob.sub(A(50000 + 3 * kTxFee)));
        QCOMPARE(node.supply(), supply);
    }

    void removeStakeWaitsThenPays() {
        EmNode node(freshPath());
        setUp(node);
        QVERIFY(node.deliver(k.bob, addStake(k.bob, 1, "50000")).ok());
        TxResult r = node.deliver(k.bob, removeStake(k.bob, 1, "60000"));
        QVERIFY2(logHas(r, "cannot remove 60000uallo"), r.log.c_str());

        // Scheduled, then cancelled: nothing moves.
        r = node.deliver(k.bob, removeStake(k.bob, 1, "20000"));
        QVERIFY2(r.ok(), r.log.c_str());
        pb::GetStakeRemovalInfoRequest q;
        q.set_topic_id(1);
        q.set_reputer(k.bob.address());
        auto info = node.query<pb::GetStakeRemovalInfoResponse>("GetStakeRemovalInfo", q);
        QCOMPARE(info.removal().amount(), std::string("20000"));
        QCOMPARE(info.removal().block_removal_completed(), static_cast<int64_t>(node.height() + 3));
        QVERIFY(node.deliver(k.bob, cancelRemoveStake(k.bob, 1)).ok());
        uint32_t code = 0;
        node.query<pb::GetStakeRemovalInfoResponse>("GetStakeRemovalInfo", q, &code);
        QCOMPARE(code, static_cast<uint32_t>(TxCode::InvalidRequest));
        r = node.deliver(k.bob, cancelRemoveStake(k.bob, 1));
        QVERIFY2(logHas(r, "no pending stake removal"), r.log.c_str());
        node.advanceTo(node.height() + 5);
        QCOMPARE(reputerStake(node, k.bob), A(50000));

        // A second removal replaces the first; it matures after the delay window.
        QVERIFY(node.deliver(k.bob, removeStake(k.bob, 1, "10000")).ok());
        QVERIFY(node.deliver(k.bob, removeStake(k.bob, 1, "20000")).ok());
        const uint64_t due = node.height() + 3;
        const Amount supply = node.supply(), bob = node.balance(k.bob);
        node.advanceTo(due - 1);
        QCOMPARE(reputerStake(node, k.bob), A(50000));  // still staked, still earning
        QCOMPARE(node.balance(k.bob), bob);
        node.advanceTo(due);
        QCOMPARE(reputerStake(node, k.bob), A(30000));
        QCOMPARE(node.topicStake(1), A(30000));
        QCOMPARE(node.module(em::kStakingName), A(30000));
        QCOMPARE(node.balance(k.bob), *bob.add(A(20000)));
        QCOMPARE(node.supply(), supply);
        node.query<pb::GetStakeRemovalInfoResponse>("GetStakeRemovalInfo", q, &code);
        QCOMPARE(code, static_cast<uint32_t>(TxCode::InvalidRequest));
        node.advanceTo(due + 4);
        QCOMPARE(reputerStake(node, k.bob), A(30000));  // paid once only
    }

    void delegationWithRewardPerShare() {
        EmNode node(freshPath());
        // A stand-in for the rewards step: at chosen heights, 1000 uallo enter the pending pool
        // for Bob's delegators.
        std::set<uint64_t> rewardHeights;
        auto keeper = node.keeper;
        const Bytes bobAddr = *parseAddress(k.bob.address());
        node.app->hooks().addEndBlocker("test-rewards", [&, keeper](MsgContext& ctx) {
            if (!rewardHeights.count(ctx.block.height)) return TxStatus::success();
            const Coins reward{Coin{"uallo", Amount::fromUallo(1000)}};
            if (auto s = node.app->bankKeeper().mint(
                    ctx.store, moduleAddress(em::kPendingRewardsName), reward);
                !s)
                return TxStatus::internal(s.error());
            if (auto s = keeper->addDelegatorReward(ctx.store, 1, bobAddr, Amount::fromUallo(1000));
                !s)
                return TxStatus::internal(s.error());
            return TxStatus::success();
        });
        setUp(node);
        const Amount w1 = node.balance(m.w1), supply = node.supply();
        TxResult r = node.deliver(m.w1, delegate(m.w1, k.bob, "40000"));
        QVERIFY2(r.ok(), r.log.c_str());
        QCOMPARE(node.balance(m.w1), *w1.sub(A(40000 + kTxFee)));
        QCOMPARE(delegatedTo(node, k.bob), A(40000));
        QCOMPARE(delegatorStake(node, m.w1, k.bob), A(40000));
        QCOMPARE(node.topicStake(1), A(40000));
        QCOMPARE(node.module(em::kStakingName), A(40000));
        QCOMPARE(node.supply(), supply);

        // Rejections: to a non-reputer, more than delegated, cancel by someone else / nothing.
        r = node.deliver(m.w1, delegate(m.w1, m.w2, "1"));
        QVERIFY2(logHas(r, "is not registered as a reputer"), r.log.c_str());
        r = node.deliver(m.w1, undelegate(m.w1, k.bob, "40001"));
        QVERIFY2(logHas(r, "has delegated 40000uallo"), r.log.c_str());
        TxResult check;
        node.deliver(m.w2, cancelUndelegate(m.w2, m.w1, k.bob), &check);
        QVERIFY2(logHas(check, "only the delegator"), check.log.c_str());
        r = node.deliver(m.w1, cancelUndelegate(m.w1, m.w1, k.bob));
        QVERIFY2(logHas(r, "no pending removal"), r.log.c_str());
        r = node.deliver(m.w3, claim(m.w3, k.bob));
        QVERIFY2(logHas(r, "has no stake delegated"), r.log.c_str());

        // Reward 1000 while w1 is alone; then w2 delegates 10000 and another 1000 arrives.
        rewardHeights.insert(node.height() + 1);
        node.block({});
        QCOMPARE(pendingReward(node, m.w1, k.bob), A(1000));
        QVERIFY(node.deliver(m.w2, delegate(m.w2, k.bob, "10000")).ok());
        QCOMPARE(pendingReward(node, m.w2, k.bob), Amount{});
        rewardHeights.insert(node.height() + 1);
        node.block({});
        QCOMPARE(pendingReward(node, m.w1, k.bob), A(1800));
        QCOMPARE(pendingReward(node, m.w2, k.bob), A(200));

        const Amount w1Before = node.balance(m.w1);
        r = node.deliver(m.w1, claim(m.w1, k.bob));
        QVERIFY2(r.ok(), r.log.c_str());
        QCOMPARE(node.balance(m.w1), *sum({w1Before, A(1800)}).sub(A(kTxFee)));
        QCOMPARE(pendingReward(node, m.w1, k.bob), Amount{});
        QCOMPARE(node.module(em::kPendingRewardsName), A(200));

        // w2 undelegates everything: after the delay it gets its stake and its pending reward.
        const Amount w2Before = node.balance(m.w2);
        QVERIFY(node.deliver(m.w2, undelegate(m.w2, k.bob, "10000")).ok());
        const uint64_t due = node.height() + 3;
        node.advanceTo(due);
        QCOMPARE(node.balance(m.w2), *sum({w2Before, A(10200)}).sub(A(kTxFee)));
        QCOMPARE(delegatorStake(node, m.w2, k.bob), Amount{});
        QCOMPARE(delegatedTo(node, k.bob), A(40000));
        QCOMPARE(node.topicStake(1), A(40000));
        QCOMPARE(node.module(em::kStakingName), A(40000));
        QCOMPARE(node.module(em::kPendingRewardsName), Amount{});

        // A scheduled undelegation can be cancelled by its delegator.
        QVERIFY(node.deliver(m.w1, undelegate(m.w1, k.bob, "5000")).ok());
        QVERIFY(node.deliver(m.w1, cancelUndelegate(m.w1, m.w1, k.bob)).ok());
        node.advanceTo(node.height() + 5);
        QCOMPARE(delegatorStake(node, m.w1, k.bob), A(40000));
        // Supply grew by exactly the two minted rewards.
        QCOMPARE(node.supply(), *supply.add(A(2000)));
    }
};

QTEST_GUILESS_MAIN(TestEmissionsStake)
#include "test_emissions_stake.moc"
