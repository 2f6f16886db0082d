#include "node/modules/emissions/regrets.h"

#include "node/modules/emissions/synthesis_statistics.h"

namespace allora::emissions {

double updatedRegret(double alpha, double networkLoss, double actorLoss, double previousRegret) {
    return alpha * (networkLoss - actorLoss) + (1.0 - alpha) * previousRegret;
}

std::optional<double> initialRegret(std::span<const double> experiencedRegrets,
                                    const InitialRegretParams& params) {
    if (experiencedRegrets.empty()) return std::nullopt;
    const double denominator = sampleStdDev(experiencedRegrets) + params.epsilon;
    const double offset = params.cNorm - params.pNormSafeDiv / params.pNorm;
    return quantileDescending(experiencedRegrets, params.quantile) + offset * denominator;
}

}  // namespace allora::emissions
