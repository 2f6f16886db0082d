// Topic weights, fee revenue drip and topic rewards (PROTOCOL.md §7 "Topic weight"):
//  - at each new epoch of a topic (its worker nonce opens), updateTopicWeight computes the
//    weight w = stake^a · (revenue / epoch_length)^b (EmissionsKeeper::topicWeight), smooths it,
//    W ← α·w + (1 − α)·W_prev (α = topic_reward_alpha; w alone the first time), stores W
//    (em/tweight/ id), and then drips the revenue;
//  - the drip: revenue ← revenue − ⌊revenue · min(epoch_length, B) / B⌋ with B = blocksPerWeek =
//    ⌊blocks_per_month · 7 / 30⌋ (at least 1). Revenue thus decays exponentially with a time
//    constant of one week of blocks, whatever the epoch length (an epoch of a week or more drips
//    everything). The coins stay where the fees went (the ecosystem account): revenue is only the
//    number that weighs the topic;
//  - the epoch's topic reward, when its reputer nonce closes: ⌊W_t / Σ W of active topics ·
//    rewardsPerBlock · epoch_length⌋ (reward_pool.h: the mint's per-block emission), capped by
//    what the allorarewards account holds, so rewards never pay out coins that are not there.
#pragma once

#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

int64_t blocksPerWeek(const Params& params);
// The revenue left after one epoch's drip.
Result<Amount> drippedRevenue(const Amount& revenue, int64_t epochLength, const Params& params);

// The stored EMA weight (0 when none).
Result<double> topicWeightEma(const KvStore& store, uint64_t topicId);
TxStatus updateTopicWeight(const EmissionsKeeper& keeper, MsgContext& ctx, const Topic& topic);

// The reward of one epoch of the topic (see above).
Result<Amount> topicReward(const EmissionsKeeper& keeper, const KvStore& store, const Topic& topic);

// ⌊amount · fraction⌋ for a fraction in [0, 1] (clamped), at 10^-18 resolution.
Result<Amount> fractionOf(const Amount& amount, double fraction);

}  // namespace allora::node::emissions
