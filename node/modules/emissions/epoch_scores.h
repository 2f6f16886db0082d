// The epoch close's score bookkeeping (PROTOCOL.md §6 cold start, §7 worker scores), on top of the
// pure functions of sortition.h and synthesis_statistics.h:
//  - drawActiveSet, when a worker window closes (inferers, forecasters) or a reputer window closes
//    (reputers): the nonce's candidates are ranked by their previous EMA score (a newcomer ranks
//    with the last active quantile of that kind, 0 before any) and the first max_top_*_to_reward
//    are active; only they enter the synthesis, the losses and the rewards. The draw is stored
//    (epoch_state.h, em/aset/).
//  - updateScoreEmas, when the nonce's scores are known: active ones move to
//    α·score + (1 − α)·EMA, passive candidates to α·q + (1 − α)·EMA with q the active_*_quantile
//    of the active scores (α = merit_sortition_alpha), a passive newcomer to q itself. Actors
//    that did not submit keep their EMA.
//  - updateInitialRegret, after the regret update: over the workers with a stored inferer or
//    forecaster regret and at least ⌈1/alpha_regret⌉ reward inclusions ("experienced"),
//    initial_regret = Q_q(R) + (c_norm − p_norm_safe_div/p_norm)·(σ(R) + ε), q =
//    initial_regret_quantile; unchanged while no worker is experienced (all-new mode).
#pragma once

#include <set>

#include "node/modules/emissions/epoch_state.h"
#include "node/modules/emissions/network_losses.h"

namespace allora::node::emissions {

Result<std::set<::allora::emissions::Address>> drawActiveSet(
    KvStore& store, ScoreKind kind, const Topic& topic, int64_t nonce,
    const std::set<::allora::emissions::Address>& candidates, uint64_t maxActive);

// The topic's active_*_quantile for the kind.
Result<double> activeQuantileParam(const Topic& topic, ScoreKind kind);

Status updateScoreEmas(KvStore& store, ScoreKind kind, const Topic& topic, int64_t nonce,
                       const ::allora::emissions::ActorValues& activeScores);

// The reward inclusions that make a worker experienced: ⌈1/alpha_regret⌉.
uint64_t experiencedInclusions(double alphaRegret);

// Updates topic.initial_regret (and stores the topic) when experienced workers exist.
Status updateInitialRegret(const EmissionsKeeper& keeper, KvStore& store, Topic& topic,
                           const Params& params, const ::allora::emissions::LossBundle& losses);

}  // namespace allora::node::emissions
