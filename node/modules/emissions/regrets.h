// Regret bookkeeping, PROTOCOL.md §6 "Losses and regrets": how each stored regret moves when an
// epoch's losses are known, and the topic's cold-start initial regret. Pure functions; the keeper
// decides which losses and which actors go in.
#pragma once

#include <optional>
#include <span>

namespace allora::emissions {

// R <- α (L_A - L_B) + (1 - α) R_prev, evaluated in exactly this order (the simulator's, which the
// vector table matches bit for bit). L_A is the loss of the network the regret is measured
// against (L, L⁻, L⁻_j', L⁻_k', L⁺_k), L_B the actor's own; R_prev is the stored regret, or the
// topic's initial_regret when none is stored. α = the topic's alpha_regret, 0 < α <= 1.
double updatedRegret(double alpha, double networkLoss, double actorLoss, double previousRegret);

struct InitialRegretParams {
    double pNorm = 3.0;          // the topic's p_norm
    double cNorm = 0.75;         // c_norm
    double epsilon = 0.01;       // the topic's epsilon
    double quantile = 0.25;      // initial_regret_quantile
    double pNormSafeDiv = 8.25;  // p_norm_safe_div
};

// The regret a newcomer starts from:
//   Q_q(R) + (c - p_norm_safe_div / p) (σ(R) + ε)
// over the regrets of the actors that have a stored regret and at least 1/α reward inclusions;
// Q_q as quantileDescending (sort descending, position (1 - q)(n - 1), interpolate), σ the sample
// standard deviation. nullopt when there are no such actors: the topic keeps its initial_regret
// (0 at creation: all-new mode).
std::optional<double> initialRegret(std::span<const double> experiencedRegrets,
                                    const InitialRegretParams& params);

}  // namespace allora::emissions
