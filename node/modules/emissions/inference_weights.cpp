#include "node/modules/emissions/inference_weights.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/dmath.h"
#include "node/modules/emissions/synthesis_statistics.h"

namespace allora::emissions {

double phiPrime(double p, double c, double x) {
    return p / (1.0 + dmath::exp(p * (c - x)));
}

void regretWeightsInto(std::span<const double> regrets, const WeightParams& params,
                       std::span<double> weights) {
    assert(weights.size() == regrets.size());
    if (regrets.empty()) return;
    const double p = params.pNorm;
    const double c = params.cNorm;
    const double scale = std::fabs(sampleStdDev(regrets)) + params.epsilon;
    // The normalized regrets first (weights may alias regrets: each is read once, then replaced).
    double maxNormalized = regrets[0] / scale;
    weights[0] = maxNormalized;
    for (size_t i = 1; i < regrets.size(); ++i) {
        const double r = regrets[i] / scale;
        weights[i] = r;
        if (maxNormalized < r) maxNormalized = r;
    }

    const double upperCap = c + 6.75 / p;
    const double lowerAnchor = c - 8.25 / p;
    const double zeroBelow = c - 17.25 / p;
    const bool shift = maxNormalized < lowerAnchor;
    for (double& w : weights) {
        double r = std::min(w, upperCap);
        // Every regret far below the anchor (a topic where all have done badly): shift them so the
        // best sits at the anchor, keeping their differences.
        if (shift) r = (r - maxNormalized) + lowerAnchor;
        w = r < zeroBelow ? 0.0 : phiPrime(p, c, r);
    }
}

std::vector<double> regretWeights(std::span<const double> regrets, const WeightParams& params) {
    std::vector<double> weights(regrets.size());
    regretWeightsInto(regrets, params, weights);
    return weights;
}

double weightedValue(std::span<const double> values, std::span<const double> weights,
                     double epsilonSafeDiv) {
    assert(values.size() == weights.size());
    double sum = 0.0;
    double sumWeights = 0.0;
    for (size_t i = 0; i < values.size(); ++i) {
        if (weights[i] == 0.0) continue;
        sum += weights[i] * values[i];
        sumWeights += weights[i];
    }
    return sum / std::max(sumWeights, epsilonSafeDiv);
}

}  // namespace allora::emissions
