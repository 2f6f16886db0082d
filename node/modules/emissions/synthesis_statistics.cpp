#include "node/modules/emissions/synthesis_statistics.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>

#include "core/dmath.h"

namespace allora::emissions {

double mean(std::span<const double> values) {
    if (values.empty()) return 0.0;
    double sum = 0.0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

double sampleStdDev(std::span<const double> values) {
    if (values.size() <= 1) return 0.0;
    const double m = mean(values);
    double squares = 0.0;
    for (double v : values) {
        const double d = v - m;
        squares += d * d;
    }
    return dmath::sqrt(squares / static_cast<double>(values.size() - 1));
}

double median(std::span<const double> values) {
    assert(!values.empty());
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    if (n % 2 == 1) return sorted[n / 2];
    // Halving first cannot overflow and is exact for every normal double.
    return 0.5 * sorted[n / 2 - 1] + 0.5 * sorted[n / 2];
}

double quantileDescending(std::span<const double> values, double q) {
    assert(!values.empty() && q >= 0.0 && q <= 1.0);
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    const double position = (1.0 - q) * static_cast<double>(sorted.size() - 1);
    const double lowerIndex = std::floor(position);
    const auto i = static_cast<size_t>(lowerIndex);
    if (i + 1 >= sorted.size()) return sorted.back();
    const double fraction = position - lowerIndex;
    return sorted[i] + fraction * (sorted[i + 1] - sorted[i]);
}

std::array<double, 5> confidenceBand(std::vector<WeightedValue> items) {
    std::erase_if(items, [](const WeightedValue& item) { return !(item.weight > 0.0); });
    assert(!items.empty());
    std::stable_sort(
        items.begin(), items.end(),
        [](const WeightedValue& a, const WeightedValue& b) { return a.value < b.value; });
    double total = 0.0;
    for (const WeightedValue& item : items) total += item.weight;
    // Positions strictly increase because every weight is positive.
    std::vector<double> positions;
    positions.reserve(items.size());
    double cumulative = 0.0;
    for (const WeightedValue& item : items) {
        cumulative += item.weight;
        positions.push_back((cumulative - item.weight / 2.0) / total);
    }
    std::array<double, 5> band{};
    for (size_t p = 0; p < kConfidencePercentiles.size(); ++p) {
        const double q = kConfidencePercentiles[p];
        if (q <= positions.front()) {
            band[p] = items.front().value;
            continue;
        }
        if (q >= positions.back()) {
            band[p] = items.back().value;
            continue;
        }
        // The first position above q; q lies in [positions[i - 1], positions[i]).
        const size_t i = static_cast<size_t>(
            std::upper_bound(positions.begin(), positions.end(), q) - positions.begin());
        const double t = (q - positions[i - 1]) / (positions[i] - positions[i - 1]);
        band[p] = items[i - 1].value + t * (items[i].value - items[i - 1].value);
    }
    return band;
}

}  // namespace allora::emissions
