#include "node/modules/emissions/task_split.h"

#include <algorithm>
#include <cmath>

#include "core/dmath.h"
#include "node/modules/emissions/scores.h"
#include "node/modules/emissions/sortition.h"

namespace allora::emissions {

Result<SmoothedFractions> smoothRewardFractions(const ActorValues& fractions,
                                                const ActorValues& previousSmoothed, double alpha) {
    SmoothedFractions out;
    double total = 0.0;
    for (const auto& [actor, fraction] : fractions) {
        const auto previous = previousSmoothed.find(actor);
        const bool hasPrevious = previous != previousSmoothed.end();
        const double ema = scoreEma(
            alpha, fraction, hasPrevious ? std::optional<double>(previous->second) : std::nullopt);
        out.ema[actor] = ema;
        total += ema;
    }
    if (fractions.empty()) return out;
    if (!(total > 0.0) || !std::isfinite(total))
        return makeError(ErrorCode::InvalidArgument, "smoothed reward fractions do not sum to > 0");
    for (const auto& [actor, ema] : out.ema) out.normalized[actor] = ema / total;
    return out;
}

double modifiedEntropy(const SmoothedFractions& fractions, double beta) {
    const size_t n = fractions.normalized.size();
    if (n == 0) return 0.0;
    if (n == 1) return kSingleParticipantEntropy;
    double sumSquares = 0.0;
    for (const auto& [actor, ema] : fractions.ema) sumSquares += ema * ema;
    const double effective = 1.0 / sumSquares;
    double sum = 0.0;
    for (const auto& [actor, f] : fractions.normalized)
        if (f > 0.0) sum += f * dmath::ln(f);
    return -sum * dmath::pow(effective / static_cast<double>(n), beta);
}

double forecastingPerformanceScore(double naiveLoss, double networkLoss) {
    return naiveLoss - networkLoss;
}

ForecastingUtility forecastingUtility(double performanceScore, const ActorValues& infererScores,
                                      double previousScoreRatio, double alpha) {
    double maxScore = 0.0;
    for (const auto& [actor, score] : infererScores) maxScore = std::max(maxScore, score);
    double divisor = std::fabs(maxScore);
    if (maxScore == 0.0) {
        if (performanceScore == 0.0) return ForecastingUtility{previousScoreRatio, 0.5};
        divisor = std::fabs(performanceScore);
    }
    const double ratio = (performanceScore - std::min(0.0, maxScore)) / divisor;
    const double tau = alpha * ratio + (1.0 - alpha) * previousScoreRatio;
    double chi = 0.4 * tau + 0.1;
    if (tau < 0.0) chi = 0.1;
    if (tau >= 1.0) chi = 0.5;
    return ForecastingUtility{tau, chi};
}

Result<TaskRewardSplit> taskRewardSplit(double inferenceEntropy, double forecastEntropy,
                                        double reputerEntropy, double chi) {
    const double f = inferenceEntropy;
    const double g = forecastEntropy;
    const double h = reputerEntropy;
    const double total = f + g + h;
    const double gammaDivisor = (1.0 - chi) * f + chi * g;
    if (!(total > 0.0) || !(gammaDivisor > 0.0))
        return makeError(ErrorCode::InvalidArgument, "task entropies give no reward split");
    TaskRewardSplit out;
    out.gamma = (f + g) / gammaDivisor;
    out.inferers = (1.0 - chi) * out.gamma * f / total;
    out.forecasters = chi * out.gamma * g / total;
    out.reputers = h / total;
    return out;
}

}  // namespace allora::emissions
