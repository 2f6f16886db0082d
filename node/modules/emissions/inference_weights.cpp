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

std::vector<double> regretWeights(std::span<const double> regrets, const WeightParams& params) {
    const double p = params.pNorm;
    const double c = params.cNorm;
    const double scale = std::fabs(sampleStdDev(regrets)) + params.epsilon;
    std::vector<double> normalized;
    normalized.reserve(regrets.size());
    for (double r : regrets) normalized.push_back(r / scale);
    if (normalized.empty()) return {};
    const double maxNormalized = *std::max_element(normalized.begin(), normalized.end());

    const double upperCap = c + 6.75 / p;
    const double lowerAnchor = c - 8.25 / p;
    const double zeroBelow = c - 17.25 / p;
    std::vector<double> weights;
    weights.reserve(normalized.size());
    for (double r : normalized) {
        r = std::min(r, upperCap);
        // Every regret far below the anchor (a topic where all have done badly): shift them so the
        // best sits at the anchor, keeping their differences.
        if (maxNormalized < lowerAnchor) r = (r - maxNormalized) + lowerAnchor;
        weights.push_back(r < zeroBelow ? 0.0 : phiPrime(p, c, r));
    }
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
