// Reward fractions within a task, PROTOCOL.md §7 "Reward fractions": how one task's reward is
// shared among its inferers, forecasters or reputers, and the per-actor amounts.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/result.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::emissions {

// The smoothed ReLU φ_{p,c}(x) = ln(1 + e^{p (x − c)}), with dmath (accurate also where
// e^{p(x−c)} is tiny or huge).
double phi(double p, double c, double x);

// The score samples the spread σ is taken over: walking the stored epochs from the newest (the
// current epoch) back, each epoch's scores in ascending address order, the first maxSamples
// (max_samples_to_scale_scores, 10). This is the order the simulator's table
// (synthesis_epochs_300_305.csv) uses: with 3 forecasters the 10 samples are the last 3 epochs
// and the first forecaster of the epoch before.
std::vector<double> latestScoreSamples(std::span<const ActorValues> epochsNewestFirst,
                                       size_t maxSamples);

struct WorkerRewardParams {
    double pReward = 3.0;   // p_R: 3 for inference and forecast tasks (mainnet)
    double cReward = 0.75;  // c_R
    double epsilon = 0.01;  // the topic's epsilon
};

// Worker u_i = φ_{p,c}(T_i / (σ + ε)) / Σ φ over latestScores, σ = the sample standard deviation
// (divisor N − 1) of the samples; every actor gets the same share when there are fewer than two
// samples or σ < ε. Error: no actors, or a sum of φ that is not positive.
Result<ActorValues> workerRewardFractions(const ActorValues& latestScores,
                                          std::span<const double> samples,
                                          const WorkerRewardParams& params);

// Reputer w_m = (S_m T_m)^p / Σ (S·T)^p, with S the reputer's stake and T its score; p_R is 1 on
// mainnet. Error: actors differ between stakes and scores, or a sum that is not positive.
Result<ActorValues> reputerRewardFractions(const ActorValues& stakes, const ActorValues& scores,
                                           double pReward);

// Each actor's reward: fraction × the task's reward.
ActorValues rewardsPerActor(const ActorValues& fractions, double taskReward);

}  // namespace allora::emissions
