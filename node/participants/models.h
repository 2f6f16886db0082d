// The reference workers' models: pure predictors of a series' next value from its history.
// Each worker also forecasts: it applies its model to every inferer's recent log-losses to
// predict that inferer's next one (a forecaster's job, PROTOCOL.md §5).
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
};

std::unique_ptr<Model> makeLastValue();
std::unique_ptr<Model> makeMovingAverage(size_t window);
std::unique_ptr<Model> makeExponentialSmoothing(double alpha);
// x_t − x_{t−1} = c + Σ a_i (x_{t−i} − x_{t−i−1}), fitted by least squares over the last `window`
// differences; falls back to the last value while the history is too short or the fit singular.
std::unique_ptr<Model> makeAutoregressive(size_t order, size_t window);
// The last value plus Gaussian noise of `scale` × the mean absolute step of the last 20 values.
std::unique_ptr<Model> makeNoisy(double scale, uint64_t seed);

// The five reference models, in the order of the participants' worker keys.
std::vector<std::unique_ptr<Model>> referenceModels();

// Least squares: the β minimising |Xβ − y|² (rows of X as given), by the normal equations with
// partial pivoting; nullopt when XᵀX is singular or the sizes disagree.
std::optional<std::vector<double>> leastSquares(const std::vector<std::vector<double>>& rows,
                                                const std::vector<double>& y);

}  // namespace allora::participants
