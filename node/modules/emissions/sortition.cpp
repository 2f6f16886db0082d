#include "node/modules/emissions/sortition.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace allora::emissions {

namespace {

Error invalid(std::string message) {
    return makeError(ErrorCode::InvalidArgument, std::move(message));
}

}  // namespace

Result<ActiveSet> selectActiveSet(
    const std::map<Address, SortitionCandidate, std::less<>>& candidates, uint64_t maxActive,
    double newcomerEma) {
    if (!std::isfinite(newcomerEma)) return invalid("sortition: newcomer EMA is not finite");
    struct Entry {
        const Address* address;
        double ema;
        bool incumbent;
    };
    std::vector<Entry> entries;
    entries.reserve(candidates.size());
    for (const auto& [address, c] : candidates) {
        if (c.previousEma && !std::isfinite(*c.previousEma)) {
            return invalid("sortition: EMA of " + address + " is not finite");
        }
        entries.push_back(
            {&address, c.previousEma.value_or(newcomerEma), c.previousEma.has_value()});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        if (a.ema != b.ema) return a.ema > b.ema;
        if (a.incumbent != b.incumbent) return a.incumbent;
        return *a.address < *b.address;
    });
    ActiveSet out;
    out.ranking.reserve(entries.size());
    for (const Entry& e : entries) {
        if (out.active.size() < maxActive) {
            out.active.insert(*e.address);
            out.cutoff = e.ema;
        }
        out.ranking.push_back(*e.address);
    }
    return out;
}

std::vector<Address> rankByScoreDesc(const ActorValues& scores) {
    std::vector<std::pair<double, const Address*>> v;
    v.reserve(scores.size());
    for (const auto& [address, score] : scores) v.emplace_back(score, &address);
    // Map order is ascending address, so a stable sort keeps ties in address order.
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Address> out;
    out.reserve(v.size());
    for (const auto& e : v) out.push_back(*e.second);
    return out;
}

Result<double> quantileOfScores(const std::vector<double>& scores, double q) {
    if (!(q >= 0 && q <= 1)) return invalid("sortition: quantile outside [0, 1]");
    for (double s : scores) {
        if (!std::isfinite(s)) return invalid("sortition: score is not finite");
    }
    if (scores.empty()) return 0.0;
    std::vector<double> sorted = scores;
    std::sort(sorted.begin(), sorted.end(), [](double a, double b) { return a > b; });
    const double position = (1.0 - q) * static_cast<double>(sorted.size() - 1);
    const double lower = std::floor(position);
    const auto lowerIndex = static_cast<size_t>(lower);
    const size_t upperIndex = std::min(lowerIndex + (position > lower ? 1 : 0), sorted.size() - 1);
    if (upperIndex == lowerIndex) return sorted[lowerIndex];
    return sorted[lowerIndex] + (position - lower) * (sorted[upperIndex] - sorted[lowerIndex]);
}

double scoreEma(double alpha, double current, std::optional<double> previous) {
    if (!previous) return current;
    return alpha * current + (1.0 - alpha) * *previous;
}

Result<EmaUpdate> updateScoreEmas(const ActorValues& previousEmas, const ActorValues& activeScores,
                                  const SortitionParams& params) {
    if (!(params.alpha >= 0 && params.alpha <= 1))
        return invalid("sortition: alpha outside [0, 1]");
    for (const auto& [address, ema] : previousEmas) {
        if (!std::isfinite(ema)) return invalid("sortition: EMA of " + address + " is not finite");
    }
    std::vector<double> scores;
    scores.reserve(activeScores.size());
    for (const auto& [address, score] : activeScores) scores.push_back(score);
    auto q = quantileOfScores(scores, params.quantile);
    if (!q) return q.error();

    EmaUpdate out;
    out.activeQuantile = *q;
    for (const auto& [address, score] : activeScores) {
        auto prev = previousEmas.find(address);
        out.emas[address] = scoreEma(
            params.alpha, score,
            prev == previousEmas.end() ? std::nullopt : std::optional<double>(prev->second));
    }
    for (const auto& [address, prev] : previousEmas) {
        if (activeScores.count(address) == 0) out.emas[address] = scoreEma(params.alpha, *q, prev);
    }
    return out;
}

}  // namespace allora::emissions
