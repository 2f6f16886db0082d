#include "node/participants/models.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace allora::participants {

namespace {

class LastValue final : public Model {
public:
    std::string name() const override { return "last-value"; }
    std::optional<double> predict(std::span<const double> h, uint64_t) const override {
        if (h.empty()) return std::nullopt;
        return h.back();
    }
};

class MovingAverage final : public Model {
public:
    explicit MovingAverage(size_t window) : window_(std::max<size_t>(window, 1)) {}
    std::string name() const override { return "moving-average-" + std::to_string(window_); }
    std::optional<double> predict(std::span<const double> h, uint64_t) const override {
        if (h.empty()) return std::nullopt;
        const size_t n = std::min(window_, h.size());
        double sum = 0;
        for (size_t i = h.size() - n; i < h.size(); ++i) sum += h[i];
        return sum / static_cast<double>(n);
    }

private:
    size_t window_;
};

class ExponentialSmoothing final : public Model {
public:
    explicit ExponentialSmoothing(double alpha) : alpha_(std::clamp(alpha, 0.01, 1.0)) {}
    std::string name() const override { return "exp-smoothing"; }
    std::optional<double> predict(std::span<const double> h, uint64_t) const override {
        if (h.empty()) return std::nullopt;
        // Smoothing over at most the last 200 values: older ones weigh (1-alpha)^200, nothing.
        const size_t start = h.size() > 200 ? h.size() - 200 : 0;
        double level = h[start];
        for (size_t i = start + 1; i < h.size(); ++i) level = alpha_ * h[i] + (1 - alpha_) * level;
        return level;
    }

private:
    double alpha_;
};

class Autoregressive final : public Model {
public:
    Autoregressive(size_t order, size_t window)
        : order_(std::max<size_t>(order, 1)), window_(std::max(window, 2 * (order + 1))) {}
    std::string name() const override { return "ar-" + std::to_string(order_); }
    std::optional<double> predict(std::span<const double> h, uint64_t) const override {
        if (h.empty()) return std::nullopt;
        std::vector<double> d;
        const size_t start = h.size() > window_ + 1 ? h.size() - window_ - 1 : 0;
        for (size_t i = start + 1; i < h.size(); ++i) d.push_back(h[i] - h[i - 1]);
        if (d.size() < 2 * (order_ + 1)) return h.back();
        std::vector<std::vector<double>> rows;
        std::vector<double> y;
        for (size_t t = order_; t < d.size(); ++t) {
            std::vector<double> row{1.0};
            for (size_t i = 1; i <= order_; ++i) row.push_back(d[t - i]);
            rows.push_back(std::move(row));
            y.push_back(d[t]);
        }
        auto beta = leastSquares(rows, y);
        if (!beta) {
            // A singular fit (e.g. a constant step): the mean step carries the trend on.
            double mean = 0;
            for (double x : d) mean += x;
            return h.back() + mean / static_cast<double>(d.size());
        }
        double next = (*beta)[0];
        for (size_t i = 1; i <= order_; ++i) next += (*beta)[i] * d[d.size() - i];
        const double out = h.back() + next;
        return std::isfinite(out) ? out : h.back();
    }

private:
    size_t order_, window_;
};

// splitmix64: a tiny, well-mixed generator; the same numbers on every platform.
uint64_t splitmix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

double unitInterval(uint64_t bits) {
    return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;  // (0, 1)
}

class Noisy final : public Model {
public:
    Noisy(double scale, uint64_t seed) : scale_(scale), seed_(seed) {}
    std::string name() const override { return "noisy"; }
    std::optional<double> predict(std::span<const double> h, uint64_t step) const override {
        if (h.empty()) return std::nullopt;
        const size_t n = std::min<size_t>(20, h.size());
        double meanStep = 0;
        for (size_t i = h.size() - n + 1; i < h.size(); ++i) meanStep += std::abs(h[i] - h[i - 1]);
        meanStep = n > 1 ? meanStep / static_cast<double>(n - 1) : std::abs(h.back()) * 0.01;
        const uint64_t a = splitmix(seed_ ^ splitmix(step));
        const uint64_t b = splitmix(a);
        // Box–Muller: one standard normal from two uniforms.
        const double z = std::sqrt(-2.0 * std::log(unitInterval(a))) *
                         std::cos(2.0 * std::numbers::pi * unitInterval(b));
        return h.back() + scale_ * meanStep * z;
    }

private:
    double scale_;
    uint64_t seed_;
};

}  // namespace

std::unique_ptr<Model> makeLastValue() {
    return std::make_unique<LastValue>();
}
std::unique_ptr<Model> makeMovingAverage(size_t window) {
    return std::make_unique<MovingAverage>(window);
}
std::unique_ptr<Model> makeExponentialSmoothing(double alpha) {
    return std::make_unique<ExponentialSmoothing>(alpha);
}
std::unique_ptr<Model> makeAutoregressive(size_t order, size_t window) {
    return std::make_unique<Autoregressive>(order, window);
}
std::unique_ptr<Model> makeNoisy(double scale, uint64_t seed) {
    return std::make_unique<Noisy>(scale, seed);
}

std::vector<std::unique_ptr<Model>> referenceModels() {
    std::vector<std::unique_ptr<Model>> out;
    out.push_back(makeLastValue());
    out.push_back(makeMovingAverage(5));
    out.push_back(makeExponentialSmoothing(0.5));
    out.push_back(makeAutoregressive(3, 60));
    out.push_back(makeNoisy(3.0, 0x5eed));
    // Forecast windows, from the quickest to the steadiest. The noisy worker forecasts like the
    // last-value one: noise on its forecasts too (0.5 in log10 units) cost the network 0.01 to
    // 0.04 of mean log-loss against the naive inference in the offline replay, and its
    // inferences are noisy enough to show the network learning to ignore a worker.
    const size_t windows[] = {12, 24, 36, 48, 12};
    for (size_t i = 0; i < out.size(); ++i) out[i]->forecastWindow = windows[i];
    return out;
}

std::optional<double> medianForecast(std::span<const double> losses, size_t window) {
    if (losses.size() < 3) return std::nullopt;
    const size_t n = std::min(losses.size(), std::max<size_t>(window, 1));
    std::vector<double> v(losses.end() - static_cast<std::ptrdiff_t>(n), losses.end());
    std::sort(v.begin(), v.end());
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::optional<double> forecastLoss(const Model& model, std::span<const double> losses) {
    return medianForecast(losses, model.forecastWindow);
}

std::optional<std::vector<double>> leastSquares(const std::vector<std::vector<double>>& rows,
                                                const std::vector<double>& y) {
    if (rows.empty() || rows.size() != y.size()) return std::nullopt;
    const size_t k = rows[0].size();
    // Augmented normal equations [XᵀX | Xᵀy].
    std::vector<std::vector<double>> a(k, std::vector<double>(k + 1, 0.0));
    for (size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].size() != k) return std::nullopt;
        for (size_t i = 0; i < k; ++i) {
            for (size_t j = 0; j < k; ++j) a[i][j] += rows[r][i] * rows[r][j];
            a[i][k] += rows[r][i] * y[r];
        }
    }
    double scale = 0;
    for (size_t i = 0; i < k; ++i) scale = std::max(scale, std::abs(a[i][i]));
    if (scale == 0) return std::nullopt;
    for (size_t c = 0; c < k; ++c) {
        size_t pivot = c;
        for (size_t r = c + 1; r < k; ++r)
            if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
        if (std::abs(a[pivot][c]) <= 1e-12 * scale) return std::nullopt;
        std::swap(a[c], a[pivot]);
        for (size_t r = 0; r < k; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (size_t j = c; j <= k; ++j) a[r][j] -= f * a[c][j];
        }
    }
    std::vector<double> beta(k);
    for (size_t i = 0; i < k; ++i) beta[i] = a[i][k] / a[i][i];
    return beta;
}

}  // namespace allora::participants
