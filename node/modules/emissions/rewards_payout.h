// The rewards of one closed reputer nonce (PROTOCOL.md §7), paid from the allorarewards account:
//  1. the topic reward R of the epoch (topic_weights.h);
//  2. reward fractions: inferers and forecasters u ∝ φ(T/(σ+ε)) over their scores of this nonce,
//     σ over the last max_samples_to_scale_scores stored scores (walking back epoch by epoch);
//     reputers ∝ (S·T)^p_R with S their stake (own + delegated);
//  3. the task split: smoothed fractions (task_reward_alpha, stored), modified entropies
//     (beta_entropy), the forecasting utility χ (score ratio τ stored) and γ; the reputers' share
//     of the split, smoothed with task_reward_alpha, is written for the mint
//     (reward_pool.h setReputerRewardShare);
//  4. payouts, in amounts rounded down: task amount = ⌊R · share⌋, actor amount =
//     ⌊task amount · fraction⌋ (10^-18 resolution), never more than what is left of R; what
//     rounding leaves stays in allorarewards. Inferers and forecasters are paid to their
//     accounts. A reputer's amount r is split in proportion to its own and delegated stake: the
//     delegators' part ⌊r · D / (S_own + D)⌋ goes to allorapendingrewards and raises their reward
//     per share (EmissionsKeeper::addDelegatorReward); the rest is compounded into the reputer's
//     stake (moved to allorastaking). Every payout emits emissions.v9.EventRewardPaid
//     {topic_id, nonce, kind (inferer|forecaster|reputer|delegators), address, amount};
//  5. every rewarded inferer and forecaster gains one reward inclusion (epoch_state.h), which
//     decides when it counts for the topic's initial regret (epoch_scores.h).
#pragma once

#include "node/modules/emissions/epoch_state.h"
#include "node/modules/emissions/network_losses.h"

namespace allora::node::emissions {

struct EpochScores {
    ::allora::emissions::ActorValues inferers, forecasters, reputers;  // active sets only
    ::allora::emissions::ActorValues reputerStakes;                    // uallo as double
};

// What step 4 paid (for tests and events): the topic reward and the sum paid out.
struct RewardOutcome {
    Amount topicReward, paid;
};

// Fractions or a split that cannot be computed skip the payout with an event
// (emissions.v9.EventRewardsSkipped); only a storage or bank failure is an error.
TxStatus payEpochRewards(const EmissionsKeeper& keeper, MsgContext& ctx, const Topic& topic,
                         int64_t nonce, const ::allora::emissions::LossBundle& losses,
                         const EpochScores& scores, RewardOutcome* outcome = nullptr);

}  // namespace allora::node::emissions
