// Reputer consensus, PROTOCOL.md §7: how close each reputer's reported losses are to the
// stake-weighted consensus (its score), and how much the consensus listens to it (its listening
// coefficient, moved by gradient descent each epoch). Pure functions over plain data; the keeper
// stores the coefficients between epochs.
#pragma once

#include <map>
#include <span>
#include <vector>

#include "core/result.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::emissions {

struct ReputerConsensusParams {
    double learningRate = 0.05;  // learning_rate
    int maxIterations = 10;      // max_gradient_iters
    // Stop once max |Δa| / learningRate < this (allora-chain's max_gradient_threshold, 0.001).
    // The finite-difference step is a fixed 0.001, as in allora-chain.
    double gradientThreshold = 0.001;
    double minStakeFraction = 0.5;  // min_stake_fraction: Σ a·S / Σ S never drops below it
    double epsilonReputer = 0.01;   // epsilon_reputer: T = 1 / (distance + epsilonReputer)
    double epsilon = 0.01;          // the topic's epsilon: the consensus norm when it is 0
};

// One reputer's input: stake (own + delegated), listening coefficient from the previous epoch
// (1 for a newcomer) and its reported losses, one per column of lossMatrix (NaN = not reported).
struct ReputerInput {
    double stake = 0;
    double listeningCoefficient = 1;
    std::vector<double> losses;
};

struct ReputerOutcome {
    double score = 0;                 // T_m, from the coefficients at the last iteration's start
    double listeningCoefficient = 1;  // a_m after the gradient descent (store for next epoch)
    double adjustedStake = 0;         // Ŝ_m used for that score
};

// Ŝ_m = min(N a_m S_m / Σ a·S, 1), in the given (ascending address) order.
std::vector<double> adjustedStakes(std::span<const double> stakes,
                                   std::span<const double> coefficients);

// The consensus loss vector: per column, Σ Ŝ·L / Σ Ŝ over the reputers that reported it.
// mostDistant (optional) receives, per column, the reported loss furthest below the consensus,
// which stands in for a reputer's missing loss when it is scored.
std::vector<double> consensusLosses(std::span<const double> adjusted,
                                    const std::vector<std::vector<double>>& losses,
                                    std::vector<double>* mostDistant = nullptr);

// T = 1 / (‖L_m − consensus‖₂ / ‖consensus‖₂ + epsilonReputer); a missing (NaN) loss counts as
// mostDistant's value for that column; a zero consensus norm is replaced by epsilon.
double consensusScore(std::span<const double> reputerLosses, std::span<const double> consensus,
                      std::span<const double> mostDistant, double epsilonReputer, double epsilon);

// Scores and new listening coefficients for all reputers (allora-chain's GetAllReputersOutput):
// each iteration takes the finite-difference gradient of the stake-weighted score sum Σ S·T per
// coefficient (step +0.001, or −0.001 for a coefficient at 1), moves a ← clamp(a + rate·grad,
// 0, 1), scales the move back when the listened stake fraction Σ a·S / Σ S would fall below
// minStakeFraction, and stops after maxIterations or when max |Δa| / rate < threshold. Every row
// has the same number of losses. Errors: no reputers, ragged rows, a non-positive total stake or
// coefficients outside [0, 1].
Result<std::map<Address, ReputerOutcome, std::less<>>> reputerConsensus(
    const std::map<Address, ReputerInput, std::less<>>& reputers,
    const ReputerConsensusParams& params);

}  // namespace allora::emissions
