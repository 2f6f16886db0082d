// Worker scores, PROTOCOL.md §7 "Worker scores": how much each inferer's inference and each
// forecaster's forecast improved the network inference this epoch, from the network losses.
#pragma once

#include "core/result.h"
#include "node/modules/emissions/network_losses.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::emissions {

// Inferer j (every actor in losses.inferer): T_j = L⁻_j − L, its one-out loss minus the network
// loss (positive when leaving it out makes the network worse). A single inferer scores 0.
// Error: an inferer without a one-out loss (when there are two or more).
Result<ActorValues> infererScores(const LossBundle& losses);

// Forecaster k (every actor in losses.forecaster):
//   T_k = f (L⁻ − L⁺_k) + (1 − f)(L⁻_k − L),  f = 1 / 2^(N_f − 1),
// the one-in gain over the naive network and the one-out loss. A single forecaster scores 0.
// Error: a forecaster without one-out or one-in loss (when there are two or more).
Result<ActorValues> forecasterScores(const LossBundle& losses);

}  // namespace allora::emissions
