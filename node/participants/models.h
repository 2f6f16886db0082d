// The reference workers' models: pure predictors of a series' next value from its history.
// Each worker also forecasts: it predicts every inferer's next log-loss (a forecaster's job,
// PROTOCOL.md §5), by forecasters.h from what it knows when it submits; the persistence forecast
// below (forecastLoss) is the one it falls back on.
//
// Five families that behave differently, so the network has something to weigh: last value,
// moving average, exponential smoothing, least-squares AR(p) on differences, and a deliberately
// noisy one (last value plus noise from a PRNG seeded by its seed and the step, so a replay gives
// the same numbers after a restart).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace allora::participants {

class Model {
public:
    virtual ~Model() = default;
    virtual std::string name() const = 0;
    // The next value after `history` (oldest first); `step` is the index of the value predicted,
    // which only the noisy model uses. nullopt when the history is too short (empty).
    virtual std::optional<double> predict(std::span<const double> history, uint64_t step) const = 0;
    // As a forecaster: how many of an inferer's latest log-losses it takes the median of (and,
    // at least kContextWindow, how many past epochs a context forecast fits over).
    size_t forecastWindow = 12;
};

std::unique_ptr<Model> makeLastValue();
std::unique_ptr<Model> makeMovingAverage(size_t window);
std::unique_ptr<Model> makeExponentialSmoothing(double alpha);
// x_t − x_{t−1} = c + Σ a_i (x_{t−i} − x_{t−i−1}), fitted by least squares over the last `window`
// differences; falls back to the last value while the history is too short or the fit singular.
std::unique_ptr<Model> makeAutoregressive(size_t order, size_t window);
// The last value plus Gaussian noise of `scale` × the mean absolute step of the last 20 values.
std::unique_ptr<Model> makeNoisy(double scale, uint64_t seed);

// The persistence forecast of an inferer's next log-loss from that inferer's known log-losses
// (oldest first; the runner keeps the last kForecastHistory): the median of the last `window` of
// them, nullopt while fewer than 3 are known. Log-losses are heavy-tailed (one lucky near-exact
// hit lands 2 or 3 below the usual), so the median is a steadier estimate than the last value or
// the mean, and a longer window a steadier but slower one. Applying the inference models to the
// loss series instead (last loss, AR(3) on losses, ...) gave forecast-implied inferences that
// pulled the network above the naive inference (tests/bench/replay_participants).
inline constexpr size_t kForecastHistory = 48;
std::optional<double> medianForecast(std::span<const double> losses, size_t window);
// Reference worker `model`'s forecast: medianForecast with the model's forecastWindow.
std::optional<double> forecastLoss(const Model& model, std::span<const double> losses);

// The five reference models, in the order of the participants' worker keys.
std::vector<std::unique_ptr<Model>> referenceModels();

// Least squares: the β minimising |Xβ − y|² (rows of X as given), by the normal equations with
// partial pivoting; nullopt when XᵀX is singular or the sizes disagree.
std::optional<std::vector<double>> leastSquares(const std::vector<std::vector<double>>& rows,
                                                const std::vector<double>& y);

}  // namespace allora::participants
