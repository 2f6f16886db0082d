#include "node/modules/emissions/reputer_consensus.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/dmath.h"

namespace allora::emissions {

namespace {

double weightedSum(std::span<const double> weights, std::span<const double> values) {
    double sum = 0.0;
    for (size_t i = 0; i < weights.size(); ++i) sum += weights[i] * values[i];
    return sum;
}

std::vector<double> allScores(const std::vector<std::vector<double>>& losses,
                              std::span<const double> stakes, std::span<const double> coefficients,
                              const ReputerConsensusParams& params,
                              std::vector<double>* adjustedOut = nullptr) {
    std::vector<double> adjusted = adjustedStakes(stakes, coefficients);
    std::vector<double> mostDistant;
    const std::vector<double> consensus = consensusLosses(adjusted, losses, &mostDistant);
    std::vector<double> scores;
    scores.reserve(losses.size());
    for (const auto& row : losses)
        scores.push_back(
            consensusScore(row, consensus, mostDistant, params.epsilonReputer, params.epsilon));
    if (adjustedOut) *adjustedOut = std::move(adjusted);
    return scores;
}

}  // namespace

std::vector<double> adjustedStakes(std::span<const double> stakes,
                                   std::span<const double> coefficients) {
    assert(stakes.size() == coefficients.size());
    const double listened = weightedSum(coefficients, stakes);
    const double n = static_cast<double>(stakes.size());
    std::vector<double> out;
    out.reserve(stakes.size());
    for (size_t i = 0; i < stakes.size(); ++i)
        out.push_back(std::min(n * coefficients[i] * stakes[i] / listened, 1.0));
    return out;
}

std::vector<double> consensusLosses(std::span<const double> adjusted,
                                    const std::vector<std::vector<double>>& losses,
                                    std::vector<double>* mostDistant) {
    const size_t columns = losses.empty() ? 0 : losses.front().size();
    std::vector<double> consensus(columns, 0.0);
    if (mostDistant) mostDistant->assign(columns, std::nan(""));
    for (size_t j = 0; j < columns; ++j) {
        double total = 0.0;
        for (size_t m = 0; m < losses.size(); ++m)
            if (!std::isnan(losses[m][j])) total += adjusted[m];
        double sum = 0.0;
        for (size_t m = 0; m < losses.size(); ++m)
            if (!std::isnan(losses[m][j])) sum += losses[m][j] * adjusted[m] / total;
        consensus[j] = sum;
        if (!mostDistant) continue;
        // The reported loss with the largest (consensus - loss); the first one on ties.
        bool found = false;
        double maxDistance = 0.0;
        for (size_t m = 0; m < losses.size(); ++m) {
            if (std::isnan(losses[m][j])) continue;
            const double distance = sum - losses[m][j];
            if (!found || distance > maxDistance) {
                found = true;
                maxDistance = distance;
                (*mostDistant)[j] = losses[m][j];
            }
        }
    }
    return consensus;
}

double consensusScore(std::span<const double> reputerLosses, std::span<const double> consensus,
                      std::span<const double> mostDistant, double epsilonReputer, double epsilon) {
    assert(reputerLosses.size() == consensus.size());
    double normSquared = 0.0;
    for (double c : consensus) normSquared += c * c;
    double norm = dmath::sqrt(normSquared);
    if (norm == 0.0) norm = epsilon;
    double distanceSquared = 0.0;
    for (size_t j = 0; j < consensus.size(); ++j) {
        const double loss = std::isnan(reputerLosses[j]) ? mostDistant[j] : reputerLosses[j];
        const double d = loss - consensus[j];
        distanceSquared += d * d;
    }
    return 1.0 / (dmath::sqrt(distanceSquared) / norm + epsilonReputer);
}

Result<std::map<Address, ReputerOutcome, std::less<>>> reputerConsensus(
    const std::map<Address, ReputerInput, std::less<>>& reputers,
    const ReputerConsensusParams& params) {
    if (reputers.empty()) return makeError(ErrorCode::InvalidArgument, "no reputers");
    const size_t n = reputers.size();
    const size_t columns = reputers.begin()->second.losses.size();
    std::vector<std::vector<double>> losses;
    std::vector<double> stakes;
    std::vector<double> coefficients;
    losses.reserve(n);
    for (const auto& [address, input] : reputers) {
        if (input.losses.size() != columns || columns == 0)
            return makeError(ErrorCode::InvalidArgument,
                             "reputer " + address + " has a different number of losses");
        if (!(input.stake >= 0) || !std::isfinite(input.stake))
            return makeError(ErrorCode::InvalidArgument, "invalid stake for reputer " + address);
        if (!(input.listeningCoefficient >= 0.0 && input.listeningCoefficient <= 1.0))
            return makeError(ErrorCode::InvalidArgument,
                             "listening coefficient outside [0, 1] for reputer " + address);
        losses.push_back(input.losses);
        stakes.push_back(input.stake);
        coefficients.push_back(input.listeningCoefficient);
    }
    for (size_t j = 0; j < columns; ++j) {
        const bool anyReported = std::any_of(losses.begin(), losses.end(),
                                             [j](const auto& row) { return !std::isnan(row[j]); });
        if (!anyReported)
            return makeError(ErrorCode::InvalidArgument, "a loss column no reputer reported");
    }
    double totalStake = 0.0;
    for (double s : stakes) totalStake += s;
    if (!(totalStake > 0.0) || !(weightedSum(coefficients, stakes) > 0.0))
        return makeError(ErrorCode::InvalidArgument, "no listened stake");

    const double step = 0.001;  // allora-chain's finite-difference step (hard-coded there)
    std::vector<double> scores = allScores(losses, stakes, coefficients, params);
    std::vector<double> adjusted = adjustedStakes(stakes, coefficients);
    double maxGradient = 1.0;
    for (int iteration = 0;
         maxGradient >= params.gradientThreshold && iteration < params.maxIterations; ++iteration) {
        const std::vector<double> old = coefficients;
        scores = allScores(losses, stakes, coefficients, params, &adjusted);
        const double weightedScores = weightedSum(scores, stakes);
        std::vector<double> next(n);
        for (size_t l = 0; l < n; ++l) {
            const double d = coefficients[l] == 1.0 ? -step : step;
            std::vector<double> nudged = coefficients;
            nudged[l] += d;
            const double weightedNudged =
                weightedSum(allScores(losses, stakes, nudged, params), stakes);
            const double gradient = (1.0 - weightedScores / weightedNudged) / d;
            next[l] = std::clamp(coefficients[l] + params.learningRate * gradient, 0.0, 1.0);
        }
        const double listenedOld = weightedSum(old, stakes) / totalStake;
        const double listenedNew = weightedSum(next, stakes) / totalStake;
        if (listenedNew < params.minStakeFraction) {
            // Move only as far as keeps minStakeFraction of the stake listened to.
            if (listenedNew == listenedOld) break;
            const double scale =
                (params.minStakeFraction - listenedOld) / (listenedNew - listenedOld);
            for (size_t l = 0; l < n; ++l) coefficients[l] = old[l] + (next[l] - old[l]) * scale;
        } else {
            coefficients = next;
        }
        double maxChange = 0.0;
        for (size_t l = 0; l < n; ++l)
            maxChange = std::max(maxChange, std::fabs(coefficients[l] - old[l]));
        maxGradient = maxChange / params.learningRate;
    }

    std::map<Address, ReputerOutcome, std::less<>> out;
    size_t m = 0;
    for (const auto& [address, input] : reputers) {
        out[address] = ReputerOutcome{scores[m], coefficients[m], adjusted[m]};
        ++m;
    }
    return out;
}

}  // namespace allora::emissions
