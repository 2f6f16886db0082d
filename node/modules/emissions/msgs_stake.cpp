// Stake messages (PROTOCOL.md §5): reputers' own stake (AddStake, RemoveStake, CancelRemoveStake)
// and delegation to reputers (DelegateStake, RemoveDelegateStake, CancelRemoveDelegateStake,
// RewardDelegateStake). Removals only schedule: the end-block step (epoch.h) moves the coins when
// remove_stake_delay_window has passed; until then the stake keeps counting and earning. A new
// removal for the same key replaces the pending one.
#include "allora/emissions/v9/tx.pb.h"
#include "node/modules/emissions/msgs_common.h"

namespace allora::node::emissions {

namespace {

TxStatus requireRegisteredReputer(const EmissionsKeeper& keeper, const KvStore& store,
                                  uint64_t topicId, ByteSpan reputer, const std::string& text) {
    auto registered = keeper.isRegistered(store, topicId, reputer, true);
    if (!registered) return TxStatus::internal(registered.error());
    if (!*registered)
        return invalid(text + " is not registered as a reputer in topic " +
                       std::to_string(topicId));
    return TxStatus::success();
}

TxStatus moveToStaking(const EmissionsKeeper& keeper, MsgContext& ctx, ByteSpan from,
                       const Amount& amount) {
    TxStatus s = keeper.bank().send(ctx.store, blockSeconds(ctx), from, moduleAddress(kStakingName),
                                    Coins{Coin{std::string(kBondDenom), amount}}, &ctx.events);
    if (!s.ok() && s.code == TxCode::InsufficientFunds)
        s.log = "cannot stake " + amount.toCoinString() + ": " + s.log;
    return s;
}

TxStatus activate(const EmissionsKeeper& keeper, MsgContext& ctx, uint64_t topicId) {
    auto active = keeper.activateIfWeighty(ctx.store, topicId);
    if (!active) return TxStatus::internal(active.error());
    return TxStatus::success();
}

Event stakeEvent(std::string type, uint64_t topicId, const std::string& sender,
                 const Amount& amount) {
    return Event{std::move(type),
                 {{"topic_id", std::to_string(topicId)},
                  {"sender", sender},
                  {"amount", amount.toCoinString()}}};
}

TxStatus addStake(const EmissionsKeeper& keeper, MsgContext& ctx, const pb::AddStakeRequest& m) {
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, m.topic_id(), topic); !s.ok()) return s;
    const Bytes reputer = *parseAddress(m.sender());
    if (TxStatus s = requireRegisteredReputer(keeper, ctx.store, m.topic_id(), reputer, m.sender());
        !s.ok())
        return s;
    const Amount amount = *parseCoinAmount(m.amount());
    if (TxStatus s = moveToStaking(keeper, ctx, reputer, amount); !s.ok()) return s;
    if (auto s = keeper.addReputerStake(ctx.store, m.topic_id(), reputer, amount, false); !s)
        return TxStatus::internal(s.error());
    ctx.events.push_back(
        stakeEvent("emissions.v9.EventAddStake", m.topic_id(), m.sender(), amount));
    return activate(keeper, ctx, m.topic_id());
}

TxStatus removeStake(const EmissionsKeeper& keeper, MsgContext& ctx,
                     const pb::RemoveStakeRequest& m) {
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, m.topic_id(), topic); !s.ok()) return s;
    const Bytes reputer = *parseAddress(m.sender());
    const Amount amount = *parseCoinAmount(m.amount());
    auto stake = keeper.reputerStake(ctx.store, m.topic_id(), reputer);
    if (!stake) return TxStatus::internal(stake.error());
    if (amount > *stake)
        return invalid("cannot remove " + amount.toCoinString() + ": " + m.sender() + " has " +
                       stake->toCoinString() + " staked in topic " + std::to_string(m.topic_id()));
    auto params = keeper.params(ctx.store);
    if (!params) return TxStatus::internal(params.error());
    pb::StakeRemovalInfo info;
    info.set_block_removal_started(static_cast<int64_t>(ctx.block.height));
    info.set_topic_id(m.topic_id());
    info.set_reputer(m.sender());
    info.set_amount(coinAmountString(amount));
    info.set_block_removal_completed(static_cast<int64_t>(ctx.block.height) +
                                     params->remove_stake_delay_window());
    if (auto s = keeper.setStakeRemoval(ctx.store, info); !s) return TxStatus::internal(s.error());
    ctx.events.push_back(
        stakeEvent("emissions.v9.EventRemoveStakeScheduled", m.topic_id(), m.sender(), amount));
    return TxStatus::success();
}

TxStatus cancelRemoveStake(const EmissionsKeeper& keeper, MsgContext& ctx,
                           const pb::CancelRemoveStakeRequest& m) {
    const Bytes reputer = *parseAddress(m.sender());
    auto pending = keeper.stakeRemoval(ctx.store, m.topic_id(), reputer);
    if (!pending) return TxStatus::internal(pending.error());
    if (!*pending)
        return invalid("no pending stake removal for " + m.sender() + " in topic " +
                       std::to_string(m.topic_id()));
    if (auto s = keeper.deleteStakeRemoval(ctx.store, m.topic_id(), reputer); !s)
        return TxStatus::internal(s.error());
    return TxStatus::success();
}

TxStatus delegateStake(const EmissionsKeeper& keeper, MsgContext& ctx,
                       const pb::DelegateStakeRequest& m) {
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, m.topic_id(), topic); !s.ok()) return s;
    const Bytes delegator = *parseAddress(m.sender()), reputer = *parseAddress(m.reputer());
    if (TxStatus s =
            requireRegisteredReputer(keeper, ctx.store, m.topic_id(), reputer, m.reputer());
        !s.ok())
        return s;
    const Amount amount = *parseCoinAmount(m.amount());
    if (TxStatus s = moveToStaking(keeper, ctx, delegator, amount); !s.ok()) return s;
    if (TxStatus s =
            keeper.changeDelegateStake(ctx, m.topic_id(), reputer, delegator, amount, false);
        !s.ok())
        return s;
    ctx.events.push_back(
        stakeEvent("emissions.v9.EventDelegateStake", m.topic_id(), m.sender(), amount));
    return activate(keeper, ctx, m.topic_id());
}

TxStatus removeDelegateStake(const EmissionsKeeper& keeper, MsgContext& ctx,
                             const pb::RemoveDelegateStakeRequest& m) {
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, m.topic_id(), topic); !s.ok()) return s;
    const Bytes delegator = *parseAddress(m.sender()), reputer = *parseAddress(m.reputer());
    const Amount amount = *parseCoinAmount(m.amount());
    auto have = keeper.delegatorAmount(ctx.store, m.topic_id(), reputer, delegator);
    if (!have) return TxStatus::internal(have.error());
    if (amount > *have)
        return invalid("cannot remove " + amount.toCoinString() + ": " + m.sender() +
                       " has delegated " + have->toCoinString() + " to " + m.reputer() +
                       " in topic " + std::to_string(m.topic_id()));
    auto params = keeper.params(ctx.store);
    if (!params) return TxStatus::internal(params.error());
    pb::DelegateStakeRemovalInfo info;
    info.set_block_removal_started(static_cast<int64_t>(ctx.block.height));
    info.set_topic_id(m.topic_id());
    info.set_reputer(m.reputer());
    info.set_delegator(m.sender());
    info.set_amount(coinAmountString(amount));
    info.set_block_removal_completed(static_cast<int64_t>(ctx.block.height) +
                                     params->remove_stake_delay_window());
    if (auto s = keeper.setDelegateStakeRemoval(ctx.store, info); !s)
        return TxStatus::internal(s.error());
    ctx.events.push_back(stakeEvent("emissions.v9.EventRemoveDelegateStakeScheduled", m.topic_id(),
                                    m.sender(), amount));
    return TxStatus::success();
}

TxStatus cancelRemoveDelegateStake(const EmissionsKeeper& keeper, MsgContext& ctx,
                                   const pb::CancelRemoveDelegateStakeRequest& m) {
    const Bytes delegator = *parseAddress(m.delegator()), reputer = *parseAddress(m.reputer());
    auto pending = keeper.delegateStakeRemoval(ctx.store, m.topic_id(), reputer, delegator);
    if (!pending) return TxStatus::internal(pending.error());
    if (!*pending)
        return invalid("no pending removal of " + m.delegator() + "'s stake on " + m.reputer() +
                       " in topic " + std::to_string(m.topic_id()));
    if (auto s = keeper.deleteDelegateStakeRemoval(ctx.store, m.topic_id(), reputer, delegator); !s)
        return TxStatus::internal(s.error());
    return TxStatus::success();
}

TxStatus rewardDelegateStake(const EmissionsKeeper& keeper, MsgContext& ctx,
                             const pb::RewardDelegateStakeRequest& m) {
    const Bytes delegator = *parseAddress(m.sender()), reputer = *parseAddress(m.reputer());
    auto have = keeper.delegatorAmount(ctx.store, m.topic_id(), reputer, delegator);
    if (!have) return TxStatus::internal(have.error());
    auto pending = keeper.pendingDelegatorReward(ctx.store, m.topic_id(), reputer, delegator);
    if (!pending) return TxStatus::internal(pending.error());
    if (have->isZero() && pending->isZero())
        return invalid(m.sender() + " has no stake delegated to " + m.reputer() + " in topic " +
                       std::to_string(m.topic_id()));
    auto paid = keeper.claimDelegatorReward(ctx, m.topic_id(), reputer, delegator);
    if (!paid) return TxStatus::internal(paid.error());
    ctx.events.push_back(
        stakeEvent("emissions.v9.EventRewardDelegateStake", m.topic_id(), m.sender(), *paid));
    return TxStatus::success();
}

}  // namespace

void registerStakeMessages(MsgRouter& router, std::shared_ptr<const EmissionsKeeper> keeper) {
    addHandler<pb::AddStakeRequest>(
        router, "AddStakeRequest",
        [](const pb::AddStakeRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            Amount a;
            return checkPositiveAmount("amount", m.amount(), &a);
        },
        [keeper](MsgContext& ctx, const pb::AddStakeRequest& m) {
            return addStake(*keeper, ctx, m);
        });
    addHandler<pb::RemoveStakeRequest>(
        router, "RemoveStakeRequest",
        [](const pb::RemoveStakeRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            Amount a;
            return checkPositiveAmount("amount", m.amount(), &a);
        },
        [keeper](MsgContext& ctx, const pb::RemoveStakeRequest& m) {
            return removeStake(*keeper, ctx, m);
        });
    addHandler<pb::CancelRemoveStakeRequest>(
        router, "CancelRemoveStakeRequest",
        [](const pb::CancelRemoveStakeRequest& m, std::vector<std::string>& signers) {
            return senderSigns(m.sender(), signers);
        },
        [keeper](MsgContext& ctx, const pb::CancelRemoveStakeRequest& m) {
            return cancelRemoveStake(*keeper, ctx, m);
        });
    addHandler<pb::DelegateStakeRequest>(
        router, "DelegateStakeRequest",
        [](const pb::DelegateStakeRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            if (TxStatus s = checkAddress("reputer", m.reputer()); !s.ok()) return s;
            Amount a;
            return checkPositiveAmount("amount", m.amount(), &a);
        },
        [keeper](MsgContext& ctx, const pb::DelegateStakeRequest& m) {
            return delegateStake(*keeper, ctx, m);
        });
    addHandler<pb::RemoveDelegateStakeRequest>(
        router, "RemoveDelegateStakeRequest",
        [](const pb::RemoveDelegateStakeRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            if (TxStatus s = checkAddress("reputer", m.reputer()); !s.ok()) return s;
            Amount a;
            return checkPositiveAmount("amount", m.amount(), &a);
        },
        [keeper](MsgContext& ctx, const pb::RemoveDelegateStakeRequest& m) {
            return removeDelegateStake(*keeper, ctx, m);
        });
    addHandler<pb::CancelRemoveDelegateStakeRequest>(
        router, "CancelRemoveDelegateStakeRequest",
        [](const pb::CancelRemoveDelegateStakeRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            if (TxStatus s = checkAddress("reputer", m.reputer()); !s.ok()) return s;
            if (TxStatus s = checkAddress("delegator", m.delegator()); !s.ok()) return s;
            if (m.delegator() != m.sender())
                return invalid("only the delegator " + m.delegator() +
                               " may cancel its stake removal, not " + m.sender());
            return TxStatus::success();
        },
        [keeper](MsgContext& ctx, const pb::CancelRemoveDelegateStakeRequest& m) {
            return cancelRemoveDelegateStake(*keeper, ctx, m);
        });
    addHandler<pb::RewardDelegateStakeRequest>(
        router, "RewardDelegateStakeRequest",
        [](const pb::RewardDelegateStakeRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            return checkAddress("reputer", m.reputer());
        },
        [keeper](MsgContext& ctx, const pb::RewardDelegateStakeRequest& m) {
            return rewardDelegateStake(*keeper, ctx, m);
        });
}

}  // namespace allora::node::emissions
