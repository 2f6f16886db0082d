#include "node/modules/emissions/topic_weights.h"

#include <algorithm>
#include <cmath>

#include "node/modules/address.h"
#include "node/modules/emissions/epoch_state.h"
#include "node/modules/reward_pool.h"

namespace allora::node::emissions {

namespace {

constexpr uint64_t kFractionScale = 1'000'000'000'000'000'000ULL;  // 10^18

Bytes weightKey(uint64_t topicId) {
    return topicKey("em/tweight/", topicId);
}

}  // namespace

int64_t blocksPerWeek(const Params& params) {
    const uint64_t perMonth = params.blocks_per_month();
    return static_cast<int64_t>(std::max<uint64_t>(1, perMonth / 30 * 7 + perMonth % 30 * 7 / 30));
}

Result<Amount> drippedRevenue(const Amount& revenue, int64_t epochLength, const Params& params) {
    const int64_t week = blocksPerWeek(params);
    const int64_t span = std::clamp<int64_t>(epochLength, 0, week);
    auto drip = revenue.mulFrac(static_cast<uint64_t>(span), static_cast<uint64_t>(week));
    if (!drip) return drip.error();
    return revenue.sub(*drip);
}

Result<Amount> fractionOf(const Amount& amount, double fraction) {
    if (!(fraction > 0)) return Amount{};
    if (fraction >= 1) return amount;
    const auto num =
        static_cast<uint64_t>(std::floor(fraction * static_cast<double>(kFractionScale)));
    return amount.mulFrac(std::min(num, kFractionScale), kFractionScale);
}

Result<double> topicWeightEma(const KvStore& store, uint64_t topicId) {
    auto w = readDecimalAt(store, weightKey(topicId));
    if (!w) return w.error();
    return w->value_or(0.0);
}

TxStatus updateTopicWeight(const EmissionsKeeper& keeper, MsgContext& ctx, const Topic& topic) {
    auto params = keeper.params(ctx.store);
    if (!params) return TxStatus::internal(params.error());
    auto alpha = parseDecimal(params->topic_reward_alpha());
    if (!alpha) return TxStatus::fail(TxCode::Internal, "topic_reward_alpha is corrupt");
    auto weight = keeper.topicWeight(ctx.store, topic);
    if (!weight) return TxStatus::internal(weight.error());
    auto previous = readDecimalAt(ctx.store, weightKey(topic.id()));
    if (!previous) return TxStatus::internal(previous.error());
    const double ema = *previous ? *alpha * *weight + (1.0 - *alpha) * **previous : *weight;
    if (std::isfinite(ema))
        if (auto s = writeDecimalAt(ctx.store, weightKey(topic.id()), ema); !s)
            return TxStatus::internal(s.error());
    auto revenue = keeper.topicFeeRevenue(ctx.store, topic.id());
    if (!revenue) return TxStatus::internal(revenue.error());
    auto left = drippedRevenue(*revenue, topic.epoch_length(), *params);
    if (!left) return TxStatus::internal(left.error());
    if (auto s = keeper.setTopicFeeRevenue(ctx.store, topic.id(), *left); !s)
        return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventTopicWeight",
                               {{"topic_id", std::to_string(topic.id())},
                                {"weight", formatDecimal(ema)},
                                {"fee_revenue", left->toCoinString()}}});
    return TxStatus::success();
}

Result<Amount> topicReward(const EmissionsKeeper& keeper, const KvStore& store,
                           const Topic& topic) {
    auto own = topicWeightEma(store, topic.id());
    if (!own) return own.error();
    if (!(*own > 0)) return Amount{};
    auto ids = keeper.activeTopicIds(store);
    if (!ids) return ids.error();
    double total = 0;
    bool counted = false;
    for (uint64_t id : *ids) {
        auto w = topicWeightEma(store, id);
        if (!w) return w.error();
        if (*w > 0) total += *w;
        counted = counted || id == topic.id();
    }
    if (!counted) total += *own;  // a topic closing its last nonce after deactivation
    auto perBlock = rewardsPerBlock(store);
    if (!perBlock) return perBlock.error();
    auto epoch = perBlock->mul(static_cast<uint64_t>(std::max<int64_t>(topic.epoch_length(), 0)));
    if (!epoch) return epoch.error();
    auto reward = fractionOf(*epoch, *own / total);
    if (!reward) return reward.error();
    auto held = keeper.bank().balance(store, moduleAddress(kRewardsName), kBondDenom);
    if (!held) return held.error();
    return std::min(*reward, *held);
}

}  // namespace allora::node::emissions
