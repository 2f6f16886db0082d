#include "node/modules/emissions/rewards.h"

#include <cmath>

#include "core/dmath.h"
#include "node/modules/emissions/synthesis_statistics.h"

namespace allora::emissions {

namespace {

// ln(1 + u) for u >= 0, accurate for tiny u (Goldberg's method: w = 1 + u rounded, then
// ln(w) · u / (w − 1) cancels the rounding error of w).
double lnOnePlus(double u) {
    const double w = 1.0 + u;
    if (w == 1.0) return u;
    return dmath::ln(w) * u / (w - 1.0);
}

}  // namespace

double phi(double p, double c, double x) {
    const double z = p * (x - c);
    // For z > 0, ln(1 + e^z) = z + ln(1 + e^−z) keeps e^{…} from overflowing.
    if (z > 0) return z + lnOnePlus(dmath::exp(-z));
    return lnOnePlus(dmath::exp(z));
}

std::vector<double> latestScoreSamples(std::span<const ActorValues> epochsNewestFirst,
                                       size_t maxSamples) {
    std::vector<double> samples;
    for (const ActorValues& epoch : epochsNewestFirst) {
        for (const auto& [actor, score] : epoch) {
            if (samples.size() >= maxSamples) return samples;
            samples.push_back(score);
        }
    }
    return samples;
}

Result<ActorValues> workerRewardFractions(const ActorValues& latestScores,
                                          std::span<const double> samples,
                                          const WorkerRewardParams& params) {
    if (latestScores.empty()) return makeError(ErrorCode::InvalidArgument, "no workers to reward");
    const double sigma = samples.size() > 1 ? std::fabs(sampleStdDev(samples)) : 0.0;
    ActorValues mapped;
    double total = 0.0;
    for (const auto& [actor, score] : latestScores) {
        const double m = sigma < params.epsilon ? 1.0
                                                : phi(params.pReward, params.cReward,
                                                      score / (sigma + params.epsilon));
        mapped[actor] = m;
        total += m;
    }
    if (!(total > 0.0) || !std::isfinite(total))
        return makeError(ErrorCode::InvalidArgument, "worker reward weights do not sum to > 0");
    for (auto& [actor, m] : mapped) m /= total;
    return mapped;
}

Result<ActorValues> reputerRewardFractions(const ActorValues& stakes, const ActorValues& scores,
                                           double pReward) {
    if (stakes.size() != scores.size() || stakes.empty())
        return makeError(ErrorCode::InvalidArgument, "reputer stakes and scores do not match");
    ActorValues weights;
    double total = 0.0;
    for (const auto& [actor, stake] : stakes) {
        const auto score = scores.find(actor);
        if (score == scores.end())
            return makeError(ErrorCode::InvalidArgument, "no score for reputer " + actor);
        const double w = dmath::pow(stake * score->second, pReward);
        weights[actor] = w;
        total += w;
    }
    if (!(total > 0.0) || !std::isfinite(total))
        return makeError(ErrorCode::InvalidArgument, "reputer reward weights do not sum to > 0");
    for (auto& [actor, w] : weights) w /= total;
    return weights;
}

ActorValues rewardsPerActor(const ActorValues& fractions, double taskReward) {
    ActorValues out;
    for (const auto& [actor, fraction] : fractions) out[actor] = fraction * taskReward;
    return out;
}

}  // namespace allora::emissions
