#include "node/participants/forecasters.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "node/participants/models.h"

namespace allora::participants {

namespace {

// g(λ) = E[ln (λ + Z)²] for a standard normal Z, tabulated on λ ∈ [0, kTableEnd] (g is even).
// Integrated numerically once, by the midpoint rule on cells whose edges include the integrable
// singularity at Z = −λ: g(0) = ψ(1/2) + ln 2 ≈ −1.2704, and g(λ) → ln λ² for a large λ.
constexpr double kTableEnd = 8.0;
constexpr size_t kTableSteps = 512;

const std::array<double, kTableSteps + 1>& lnSquareTable() {
    static const std::array<double, kTableSteps + 1> table = [] {
        std::array<double, kTableSteps + 1> t{};
        const double h = 1.0 / 512;  // cell width in u = λ + z
        const auto cells = static_cast<size_t>(18 / h) + 1;
        for (size_t i = 0; i <= kTableSteps; ++i) {
            const double lambda = kTableEnd * static_cast<double>(i) / kTableSteps;
            const double lo = std::floor((lambda - 9) / h) * h;  // u ∈ [λ − 9, λ + 9]
            double sum = 0;
            for (size_t c = 0; c < cells; ++c) {
                const double u = lo + (static_cast<double>(c) + 0.5) * h;
                const double z = u - lambda;
                sum += std::log(u * u) * std::exp(-0.5 * z * z);
            }
            t[i] = sum * h / std::sqrt(2 * std::numbers::pi);
        }
        return t;
    }();
    return table;
}

double lnSquareExpectation(double lambda) {
    lambda = std::abs(lambda);
    if (lambda >= kTableEnd) return std::log(lambda * lambda) - 1 / (lambda * lambda);
    const auto& t = lnSquareTable();
    const double x = lambda / kTableEnd * kTableSteps;
    const auto i = std::min(static_cast<size_t>(x), kTableSteps - 1);
    const double f = x - static_cast<double>(i);
    return t[i] * (1 - f) + t[i + 1] * f;
}

// A seasonal series' cycle: a level, a trend and the first harmonic of the season, fitted by
// least squares on the whole history known (so a past row is read against the cycle as known
// now, which holds nothing later than now).
struct Cycle {
    std::vector<double> beta;
    size_t season = 0;
    static std::vector<double> basis(size_t s, size_t season) {
        const double phase =
            2 * std::numbers::pi * static_cast<double>(s % season) / static_cast<double>(season);
        return {1.0, static_cast<double>(s), std::sin(phase), std::cos(phase)};
    }
    double at(size_t s) const {
        const auto x = basis(s, season);
        double v = 0;
        for (size_t i = 0; i < x.size(); ++i) v += beta[i] * x[i];
        return v;
    }
};

std::optional<Cycle> fitCycle(std::span<const double> h, size_t season) {
    if (season == 0 || h.size() < season) return std::nullopt;
    std::vector<std::vector<double>> rows;
    std::vector<double> y;
    for (size_t s = 0; s < h.size(); ++s) {
        rows.push_back(Cycle::basis(s, season));
        y.push_back(h[s]);
    }
    auto beta = leastSquares(rows, y);
    if (!beta) return std::nullopt;
    for (double b : *beta)
        if (!std::isfinite(b)) return std::nullopt;
    return Cycle{std::move(*beta), season};
}

// The series as a forecaster knows it: the steps so far and, for a trailing mean, the daily
// values they average (ForecastContext).
struct Series {
    std::span<const double> h, daily;
    size_t season = 0, trailingMean = 1;
    explicit Series(const ForecastContext& c)
        : h(c.history), daily(c.daily), season(c.season), trailingMean(c.trailingMean) {}
    // The daily value that leaves a trailing mean's window at step s + 1 is day s (step s
    // averages days s … s + N − 1).
    bool knowsLeaving() const { return trailingMean > 1 && daily.size() >= h.size(); }
};

// The regressors at step s (predicting s + 1): 1, the last kErrorLags steps, for a seasonal
// series the step one season before the one predicted, and for a trailing mean the daily value
// about to leave the window against the current mean (the next step is (d_{s+N} − d_s) / N: a
// day far from the mean leaving it moves the next step by a known part); nullopt when the
// history is too short.
std::optional<std::vector<double>> regressors(const Series& c, size_t s) {
    const auto& h = c.h;
    if (s >= h.size() || s < kErrorLags) return std::nullopt;
    std::vector<double> x{1.0};
    for (size_t k = 0; k < kErrorLags; ++k) x.push_back(h[s - k] - h[s - k - 1]);
    if (c.season > 0) {
        if (s < c.season) return std::nullopt;
        const size_t back = s + 1 - c.season;  // the step one season before s + 1
        x.push_back(h[back] - h[back - 1]);
    }
    if (c.knowsLeaving()) x.push_back(c.daily[s] - h[s]);
    return x;
}

// The next step's regressors on a series that reverts to its cycle: 1, the last value's
// departure from the cycle (y_s − c_s: a warm week tends to be followed by a cooler one) and the
// cycle's own next step (c_{s+1} − c_s).
std::optional<std::vector<double>> cycleRegressors(std::span<const double> h, size_t s,
                                                   const Cycle& cycle) {
    if (s >= h.size()) return std::nullopt;
    const double here = cycle.at(s);
    return std::vector<double>{1.0, h[s] - here, cycle.at(s + 1) - here};
}

struct Fit {
    double mean = 0, sd = 0;
};

// Least squares of y on rows, evaluated at `at`, with the residuals' standard deviation;
// nullopt with fewer than two rows per coefficient or a singular fit.
std::optional<Fit> fitAt(const std::vector<std::vector<double>>& rows, const std::vector<double>& y,
                         const std::vector<double>& at) {
    const size_t k = at.size();
    if (rows.size() < 2 * k) return std::nullopt;
    auto beta = leastSquares(rows, y);
    if (!beta) return std::nullopt;
    double rss = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
        double fit = 0;
        for (size_t i = 0; i < k; ++i) fit += (*beta)[i] * rows[r][i];
        rss += (y[r] - fit) * (y[r] - fit);
    }
    Fit f;
    for (size_t i = 0; i < k; ++i) f.mean += (*beta)[i] * at[i];
    f.sd = std::sqrt(rss / static_cast<double>(rows.size() - k));
    if (!std::isfinite(f.mean) || !std::isfinite(f.sd)) return std::nullopt;
    return f;
}

// The next step y_{t+1} − y_t, fitted on the series' last kTruthWindow steps.
std::optional<Fit> nextStep(const Series& c, const std::optional<Cycle>& cycle) {
    const auto& h = c.h;
    if (h.empty()) return std::nullopt;
    const size_t now = h.size() - 1;
    auto x = [&](size_t s) { return cycle ? cycleRegressors(h, s, *cycle) : regressors(c, s); };
    auto at = x(now);
    if (!at) return std::nullopt;
    std::vector<std::vector<double>> rows;
    std::vector<double> y;
    for (size_t s = now; s-- > 0 && rows.size() < kTruthWindow;) {
        auto r = x(s);
        if (!r) break;
        rows.push_back(std::move(*r));
        y.push_back(h[s + 1] - h[s]);
    }
    return fitAt(rows, y, *at);
}

// The inferer's offset from the last value (inference − y_s), fitted over its past epochs.
std::optional<Fit> offset(const Series& c, std::span<const PastInference> past, size_t window) {
    const auto& h = c.h;
    if (h.empty()) return std::nullopt;
    const size_t now = h.size() - 1;
    auto at = regressors(c, now);
    if (!at) return std::nullopt;
    std::vector<std::vector<double>> rows;
    std::vector<double> y;
    for (auto it = past.rbegin(); it != past.rend() && rows.size() < window; ++it) {
        // A replay that wrapped around the series has later steps in its past: skip them.
        if (it->step >= now || !std::isfinite(it->value)) continue;
        auto x = regressors(c, it->step);
        if (!x) continue;
        rows.push_back(std::move(*x));
        y.push_back(it->value - h[it->step]);
    }
    return fitAt(rows, y, *at);
}

}  // namespace

ForecastMethod referenceMethod(const ForecastContext& context) {
    return context.season > 0 || Series(context).knowsLeaving() ? ForecastMethod::Context
                                                                : ForecastMethod::Persistence;
}

double expectedLogLoss(LossMethod method, double mean, double sd, double minLoss) {
    const double floor = std::log10(std::max(minLoss, kMinLoss));
    // E[log10 e²]; a zero spread is a sure error of `mean`.
    const double squared =
        sd > 0 ? std::log10(sd * sd) + lnSquareExpectation(mean / sd) / std::numbers::ln10
               : std::log10(std::max(mean * mean, 1e-300));
    return std::max(method == LossMethod::Mse ? squared : squared / 2, floor);
}

std::optional<std::pair<double, double>> predictError(const ForecastContext& context,
                                                      std::span<const PastInference> past,
                                                      size_t window) {
    const auto cycle =
        context.revertsToCycle ? fitCycle(context.history, context.season) : std::nullopt;
    const Series series(context);
    auto step = nextStep(series, cycle);
    if (!step) return std::nullopt;
    auto off = offset(series, past, window);
    if (!off) return std::nullopt;
    // The two residuals are taken as independent: their variances add.
    return std::pair{off->mean - step->mean, std::hypot(off->sd, step->sd)};
}

std::map<std::string, double> forecastLosses(const Model& model, const ForecastContext& context) {
    return forecastLosses(model, context, referenceMethod(context));
}

std::map<std::string, double> forecastLosses(const Model& model, const ForecastContext& context,
                                             ForecastMethod method) {
    std::map<std::string, double> out;
    const size_t window = std::max(model.forecastWindow, kContextWindow);
    for (const auto& [inferer, past] : context.inferers) {
        if (past.size() < 3) continue;
        std::optional<double> predicted;
        if (method == ForecastMethod::Context)
            if (auto e = predictError(context, past, window))
                predicted =
                    expectedLogLoss(context.lossMethod, e->first, e->second, context.minLoss);
        if (!predicted) {
            std::vector<double> losses;
            losses.reserve(past.size());
            for (const PastInference& p : past) losses.push_back(p.logLoss);
            predicted = forecastLoss(model, losses);
        }
        if (predicted && std::isfinite(*predicted)) out.emplace(inferer, *predicted);
    }
    return out;
}

}  // namespace allora::participants
