// Regret-informed weights, PROTOCOL.md §6 "Weights W over a set with regrets R": how much each
// inferer and forecaster counts in a network inference, from how much better than the network it
// has been (its regret).
#pragma once

#include <span>
#include <vector>

namespace allora::emissions {

struct WeightParams {
    double pNorm = 3.0;     // p: the topic's p_norm (> 0)
    double cNorm = 0.75;    // c: c_norm
    double epsilon = 0.01;  // ε: the topic's epsilon (> 0)
};

// φ'_{p,c}(x) = p / (1 + e^{p (c - x)}), the derivative of the smoothed ReLU
// φ_{p,c}(x) = ln(1 + e^{p (x - c)}), with dmath::exp.
double phiPrime(double p, double c, double x);

// W over a set's regrets, in the caller's order (the synthesis passes the set's inferers, then its
// forecasters, each in ascending address order):
//   σ = sample standard deviation of R (0 for one regret); r̂ = R / (|σ| + ε); m = max r̂;
//   r̂ ← min(r̂, c + 6.75/p); if m < c - 8.25/p then r̂ ← r̂ - m + (c - 8.25/p);
//   w = 0 if r̂ < c - 17.25/p, else φ'_{p,c}(r̂).
// The largest regret always gets a positive weight, so a non-empty set never has Σw = 0.
std::vector<double> regretWeights(std::span<const double> regrets, const WeightParams& params);

// regretWeights into `weights` (the same size as `regrets`; the two may be the same span): the
// same operations in the same order, hence the same bits, without allocating. The synthesis
// evaluates thousands of sets per epoch through this.
void regretWeightsInto(std::span<const double> regrets, const WeightParams& params,
                       std::span<double> weights);

// Σ w·x / Σ w over the items with w != 0 (in order), with Σ w floored at epsilonSafeDiv.
// values and weights have the same length.
double weightedValue(std::span<const double> values, std::span<const double> weights,
                     double epsilonSafeDiv);

}  // namespace allora::emissions
