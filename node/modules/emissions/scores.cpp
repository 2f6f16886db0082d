#include "node/modules/emissions/scores.h"

#include <algorithm>
#include <cmath>

namespace allora::emissions {

Result<ActorValues> infererScores(const LossBundle& losses) {
    ActorValues out;
    const bool single = losses.inferer.size() == 1;
    for (const auto& [inferer, loss] : losses.inferer) {
        if (single) {
            out[inferer] = 0.0;
            continue;
        }
        const auto oneOut = losses.oneOutInferer.find(inferer);
        if (oneOut == losses.oneOutInferer.end())
            return makeError(ErrorCode::InvalidArgument, "no one-out loss for inferer " + inferer);
        out[inferer] = oneOut->second - losses.combined;
    }
    return out;
}

Result<ActorValues> forecasterScores(const LossBundle& losses) {
    ActorValues out;
    const size_t n = losses.forecaster.size();
    if (n == 0) return out;
    // f = 1 / 2^(N_f - 1), exact in binary.
    const double f = std::ldexp(1.0, -static_cast<int>(std::min<size_t>(n - 1, 1100)));
    for (const auto& [forecaster, loss] : losses.forecaster) {
        if (n == 1) {
            out[forecaster] = 0.0;
            continue;
        }
        const auto oneOut = losses.oneOutForecaster.find(forecaster);
        const auto oneIn = losses.oneInForecaster.find(forecaster);
        if (oneOut == losses.oneOutForecaster.end() || oneIn == losses.oneInForecaster.end())
            return makeError(ErrorCode::InvalidArgument,
                             "no one-out or one-in loss for forecaster " + forecaster);
        const double oneInScore = losses.naive - oneIn->second;
        const double oneOutScore = oneOut->second - losses.combined;
        out[forecaster] = f * oneInScore + (1.0 - f) * oneOutScore;
    }
    return out;
}

}  // namespace allora::emissions
