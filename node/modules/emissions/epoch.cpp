#include "node/modules/emissions/epoch.h"

#include <algorithm>

#include "node/modules/address.h"
#include "node/modules/emissions/epoch_close.h"
#include "node/modules/emissions/topic_weights.h"

namespace allora::node::emissions {

namespace {

TxStatus payBack(const EmissionsKeeper& keeper, MsgContext& ctx, ByteSpan to,
                 const Amount& amount) {
    if (amount.isZero()) return TxStatus::success();
    return keeper.bank().send(ctx.store, ctx.block.timeUnixNanos / 1'000'000'000,
                              moduleAddress(kStakingName), to,
                              Coins{Coin{std::string(kBondDenom), amount}}, &ctx.events);
}

TxStatus matureRemovals(const EmissionsKeeper& keeper, MsgContext& ctx, int64_t h) {
    auto due = keeper.stakeRemovalsDue(ctx.store, h);
    if (!due) return TxStatus::internal(due.error());
    for (const pb::StakeRemovalInfo& r : *due) {
        auto reputer = parseAddress(r.reputer());
        auto wanted = parseCoinAmount(r.amount());
        if (!reputer || !wanted) return TxStatus::fail(TxCode::Internal, "corrupt stake removal");
        auto stake = keeper.reputerStake(ctx.store, r.topic_id(), *reputer);
        if (!stake) return TxStatus::internal(stake.error());
        const Amount amount = std::min(*wanted, *stake);
        if (auto s = keeper.addReputerStake(ctx.store, r.topic_id(), *reputer, amount, true); !s)
            return TxStatus::internal(s.error());
        if (TxStatus s = payBack(keeper, ctx, *reputer, amount); !s.ok()) return s;
        if (auto s = keeper.deleteStakeRemoval(ctx.store, r.topic_id(), *reputer); !s)
            return TxStatus::internal(s.error());
        ctx.events.push_back(Event{"emissions.v9.EventStakeRemoved",
                                   {{"topic_id", std::to_string(r.topic_id())},
                                    {"reputer", r.reputer()},
                                    {"amount", amount.toCoinString()}}});
    }
    auto delegated = keeper.delegateStakeRemovalsDue(ctx.store, h);
    if (!delegated) return TxStatus::internal(delegated.error());
    for (const pb::DelegateStakeRemovalInfo& r : *delegated) {
        auto reputer = parseAddress(r.reputer());
        auto delegator = parseAddress(r.delegator());
        auto wanted = parseCoinAmount(r.amount());
        if (!reputer || !delegator || !wanted)
            return TxStatus::fail(TxCode::Internal, "corrupt delegate stake removal");
        auto have = keeper.delegatorAmount(ctx.store, r.topic_id(), *reputer, *delegator);
        if (!have) return TxStatus::internal(have.error());
        const Amount amount = std::min(*wanted, *have);
        if (!amount.isZero())
            if (TxStatus s = keeper.changeDelegateStake(ctx, r.topic_id(), *reputer, *delegator,
                                                        amount, true);
                !s.ok())
                return s;
        if (TxStatus s = payBack(keeper, ctx, *delegator, amount); !s.ok()) return s;
        if (auto s =
                keeper.deleteDelegateStakeRemoval(ctx.store, r.topic_id(), *reputer, *delegator);
            !s)
            return TxStatus::internal(s.error());
        ctx.events.push_back(Event{"emissions.v9.EventDelegateStakeRemoved",
                                   {{"topic_id", std::to_string(r.topic_id())},
                                    {"reputer", r.reputer()},
                                    {"delegator", r.delegator()},
                                    {"amount", amount.toCoinString()}}});
    }
    return TxStatus::success();
}

TxStatus advanceTopic(const EmissionsKeeper& keeper, MsgContext& ctx, Topic topic, int64_t h) {
    const uint64_t id = topic.id();
    auto workers = keeper.workerNonces(ctx.store, id);
    auto reputers = keeper.reputerNonces(ctx.store, id);
    if (!workers) return TxStatus::internal(workers.error());
    if (!reputers) return TxStatus::internal(reputers.error());
    bool changed = false;

    // Reputer windows that closed in this block.
    pb::ReputerRequestNonces stillOpen;
    for (const auto& r : reputers->nonces()) {
        if (h >= r.reputer_nonce().block_height() + 2 * topic.ground_truth_lag()) {
            changed = true;
            if (TxStatus s =
                    closeReputerEpoch(keeper, ctx, topic, r.reputer_nonce().block_height());
                !s.ok())
                return s;
            ctx.events.push_back(
                Event{"emissions.v9.EventReputerNonceClosed",
                      {{"topic_id", std::to_string(id)},
                       {"nonce", std::to_string(r.reputer_nonce().block_height())}}});
            continue;
        }
        *stillOpen.add_nonces() = r;
    }
    // Worker windows that closed in this block become reputer requests.
    pb::Nonces openWorkers;
    for (const auto& n : workers->nonces()) {
        if (h >= workerWindowEnd(topic, n.block_height())) {
            changed = true;
            if (TxStatus s = synthesizeEpoch(keeper, ctx, topic, n.block_height()); !s.ok())
                return s;
            *stillOpen.add_nonces()->mutable_reputer_nonce() = n;
            continue;
        }
        *openWorkers.add_nonces() = n;
    }
    // A new epoch.
    if (h >= topic.epoch_last_ended() + topic.epoch_length()) {
        changed = true;
        if (TxStatus s = updateTopicWeight(keeper, ctx, topic); !s.ok()) return s;
        openWorkers.add_nonces()->set_block_height(h);
        topic.set_epoch_last_ended(h);
        if (auto s = keeper.setTopic(ctx.store, topic); !s) return TxStatus::internal(s.error());
        ctx.events.push_back(
            Event{"emissions.v9.EventWorkerNonceOpened",
                  {{"topic_id", std::to_string(id)}, {"nonce", std::to_string(h)}}});
    }
    if (!changed) return TxStatus::success();
    if (auto s = keeper.setWorkerNonces(ctx.store, id, openWorkers); !s)
        return TxStatus::internal(s.error());
    if (auto s = keeper.setReputerNonces(ctx.store, id, stillOpen); !s)
        return TxStatus::internal(s.error());
    return TxStatus::success();
}

}  // namespace

int64_t workerWindowEnd(const Topic& topic, int64_t nonce) {
    return nonce + std::max<int64_t>(topic.worker_submission_window(), 1);
}

bool inWorkerWindow(const Topic& topic, int64_t nonce, int64_t height) {
    return height > nonce && height <= workerWindowEnd(topic, nonce);
}

TxStatus emissionsEndBlock(const EmissionsKeeper& keeper, MsgContext& ctx) {
    const auto h = static_cast<int64_t>(ctx.block.height);
    if (TxStatus s = matureRemovals(keeper, ctx, h); !s.ok()) return s;
    auto active = keeper.activeTopicIds(ctx.store);
    if (!active) return TxStatus::internal(active.error());
    for (uint64_t id : *active) {
        auto topic = keeper.topic(ctx.store, id);
        if (!topic) return TxStatus::internal(topic.error());
        if (!*topic) return TxStatus::fail(TxCode::Internal, "active topic without record");
        if (TxStatus s = advanceTopic(keeper, ctx, std::move(**topic), h); !s.ok()) return s;
    }
    return TxStatus::success();
}

}  // namespace allora::node::emissions
