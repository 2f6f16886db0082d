// The order statistics and moments the synthesis and the regret bookkeeping use, each summed in
// the order given (callers pass actors in ascending address order) so the result bits are the
// same on every node.
#pragma once

#include <array>
#include <span>
#include <vector>

namespace allora::emissions {

// Arithmetic mean (sum in order, then one division); 0 for no values.
double mean(std::span<const double> values);

// Sample standard deviation (divisor N - 1; two passes: mean, then squared deviations);
// 0 when N <= 1.
double sampleStdDev(std::span<const double> values);

// The middle value; the mean of the two middle values for an even count. Requires values.
double median(std::span<const double> values);

// The quantile of PROTOCOL.md §6's cold start: sort descending, take position (1 - q)(n - 1) and
// interpolate linearly between its neighbours. Requires values and 0 <= q <= 1.
double quantileDescending(std::span<const double> values, double q);

// A value with its weight in the combined network inference.
struct WeightedValue {
    double value = 0;
    double weight = 0;
};

// The percentiles of the network inference's confidence band: -2σ, -1σ, median, +1σ, +2σ of a
// normal distribution.
constexpr std::array<double, 5> kConfidencePercentiles = {0.0228, 0.1587, 0.5, 0.8413, 0.9772};

// Weighted percentiles at kConfidencePercentiles. Items are sorted by value (a stable sort, so
// equal values keep the caller's order); item i sits at (cumulative weight up to and including
// it - w_i / 2) / total weight; a percentile between two positions is interpolated linearly, one
// outside them takes the nearest end value. Items of weight 0 carry no mass and are left out.
// Requires at least one item of positive weight; weights must be >= 0.
std::array<double, 5> confidenceBand(std::vector<WeightedValue> items);

}  // namespace allora::emissions
