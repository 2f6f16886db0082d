// The split of a topic's reward between its three tasks, PROTOCOL.md §7 "Task split": inference,
// forecasting and reputation each get a share that grows with how evenly that task's rewards are
// spread (its modified entropy), with forecasting weighted by its utility χ.
#pragma once

#include "core/result.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::emissions {

// allora-chain's entropy for a task with a single participant (EntropyForSingleParticipant).
constexpr double kSingleParticipantEntropy = 0.173286795139986;

// The smoothed reward fractions of one task: ema = α·f + (1 − α)·f̃_prev (just f for an actor
// without a previous smoothed fraction), normalized = ema / Σ ema (what is stored as f̃_prev for
// the next epoch). α = task_reward_alpha (0.1).
struct SmoothedFractions {
    ActorValues ema;
    ActorValues normalized;
};
Result<SmoothedFractions> smoothRewardFractions(const ActorValues& fractions,
                                                const ActorValues& previousSmoothed, double alpha);

// H = −Σ f̃ ln f̃ · (N_eff / N)^β with f̃ the normalized fractions, N_eff = 1 / Σ ema² and
// β = beta_entropy (0.25); kSingleParticipantEntropy for one actor, 0 for none. A zero fraction
// adds nothing.
double modifiedEntropy(const SmoothedFractions& fractions, double beta);

// The forecasting task's performance: T = L⁻ − L (naive minus network log-loss).
double forecastingPerformanceScore(double naiveLoss, double networkLoss);

// χ, the forecasting utility: the score ratio τ = α (T − min(0, M)) / |M| + (1 − α) τ_prev, with
// M = max(0, inferer scores) (allora-chain starts its maximum at 0); when M = 0 the divisor is
// |T|, and χ = 0.5 outright (τ unchanged) when T = 0
// too. χ = 0.1 for τ < 0, 0.5 for τ >= 1, 0.1 + 0.4 τ
// between. α = task_reward_alpha (0.1).
struct ForecastingUtility {
    double scoreRatio = 0;  // τ, stored for the next epoch
    double chi = 0.5;       // χ
};
ForecastingUtility forecastingUtility(double performanceScore, const ActorValues& infererScores,
                                      double previousScoreRatio, double alpha);

// The shares of the topic reward: γ = (F + G) / ((1 − χ) F + χ G); inferers (1 − χ) γ F / (F+G+H),
// forecasters χ γ G / (F+G+H), reputers H / (F+G+H). Error: F+G+H or the γ divisor not positive.
struct TaskRewardSplit {
    double gamma = 1;
    double inferers = 0;
    double forecasters = 0;
    double reputers = 0;
};
Result<TaskRewardSplit> taskRewardSplit(double inferenceEntropy, double forecastEntropy,
                                        double reputerEntropy, double chi);

}  // namespace allora::emissions
