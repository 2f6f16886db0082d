// replay_participants: the devnet demo topics replayed offline (tests/unit/participants_replay.h)
// to choose topic parameters, models and forecasters. For each demo topic it prints the mean
// log-loss of the network, the naive network and each reference worker over the measured epochs,
// the margins of the network over the naive inference and the second-best worker, the rank
// correlation of the latest weights with the recent losses, and the mean loss of each
// forecaster's implied inference; then, over `--offsets` windows of the series, how often and by
// how much the network beats the naive inference and the second-best worker.
//   replay_participants [--topic 0|1|2] [--p P] [--alpha A] [--eps E]
//       [--epochs N] [--offsets K] [--stride S] [--first F] [--restart EPOCH]
//       [--forecast reference|persistence|context|stacking|mean|atom|yhat|oracle] [--history H]
//       [--recent R] [--verbose] [--per-epoch]
//       [--weekly-temperature] [--start STEP] [--season N] [--cycle] [--no-daily]
//       [--gain G] [--weight-floor W] [--level D] [--absolute] [--mean-window N]
//       [--oracle-noise SD] [--resolution R] [--loss mse|mae]
// E.g. the devnet test's timings: --first 6 --offsets 10 --stride 1 --epochs 108 --restart 50.
// Each topic's summary also gives the forecasters' mean rank correlation with the inferers'
// actual losses, epoch by epoch (Outcome::forecastRank): what they knew about who would do well.
// --weekly-temperature replays the temperature topic on the weekly means of the daily maximum
// temperature (week 1 from the file's first day, 208 weeks, season 52, the forecasters' cycle
// regression (forecasters.h, ForecastContext::revertsToCycle), starting at week 75 unless --start
// says); --season N and --cycle set the forecasters' season and cycle regression on any topic,
// --start the replay's first step, --no-daily keeps the daily values of a trailing mean from the
// forecasters (forecasters.h: what the day leaving the temperature's window adds). Forecasts
// measured and not adopted (forecasters.h says what they gave on the temperature): --forecast
// stacking (knobs --gain, --weight-floor, --level,
// --absolute), mean (--mean-window N), atom (the context forecast with the floor's atom, over
// --mean-window epochs), and two bounds that read what a forecaster cannot: yhat (the inferers'
// current values around a better next-step fit) and oracle (the coming log-losses themselves,
// blurred by --oracle-noise SD). --resolution sets the data resolution the reputers' loss floor
// is taken from, --loss the topic's loss method.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/unit/participants_replay.h"

namespace {

namespace ae = allora::emissions;
namespace ap = allora::participants;

using Forecast = std::function<std::map<std::string, double>(size_t, const ap::ForecastContext&)>;

// --forecast NAME: reference (the runner's: forecasters.h's referenceMethod), persistence (the
// median of each inferer's recent losses, every series) or context (the regression, every
// series).

// The stacking forecast (--forecast stacking; measured, not adopted): the blend of the inferers'
// inferences with the least squared (--absolute: absolute, by reweighting) error over the last
// `window` past epochs in which every inferer had a known inference, its weights β on the
// simplex (non-negative, summing to 1); reported as log-losses whose implied weights (PROTOCOL.md
// §6: w ∝ exp(p·r̂) in the exponential part of φ′) fall with ln β: the top inferer gets the
// blend's median log-loss over those epochs (+ --level), inferer j that + gain · ln(β_max / β_j)
// (β_j floored at --weight-floor).
struct StackingOptions {
    double gain = 0.01;
    double weightFloor = 1e-3;
    bool absolute = false;
    double level = 0;
};

std::vector<std::vector<double>> stackRows(const ap::ForecastContext& c,
                                           const std::vector<std::string>& names, size_t window) {
    std::vector<std::vector<double>> out;
    if (c.history.empty() || names.empty()) return out;
    const size_t now = c.history.size() - 1;
    std::map<size_t, std::vector<double>> bySteps;
    for (size_t j = 0; j < names.size(); ++j) {
        auto it = c.inferers.find(names[j]);
        if (it == c.inferers.end()) return out;
        for (const ap::PastInference& p : it->second) {
            if (p.step >= now || !std::isfinite(p.value)) continue;
            auto& row = bySteps[p.step];
            row.resize(names.size(), NAN);
            row[j] = p.value - c.history[p.step + 1];
        }
    }
    for (auto it = bySteps.rbegin(); it != bySteps.rend() && out.size() < window; ++it) {
        bool complete = true;
        for (double e : it->second) complete = complete && std::isfinite(e);
        if (complete) out.insert(out.begin(), it->second);
    }
    return out;
}

// min βᵀQβ over the simplex, by projected gradient (a fixed number of steps: deterministic).
std::vector<double> simplexQuadratic(const std::vector<std::vector<double>>& q) {
    const size_t n = q.size();
    std::vector<double> beta(n, 1.0 / static_cast<double>(n));
    double trace = 0;
    for (size_t i = 0; i < n; ++i) trace += q[i][i];
    if (!(trace > 0)) return beta;
    std::vector<double> v(n), u(n);
    for (int iter = 0; iter < 2000; ++iter) {
        for (size_t i = 0; i < n; ++i) {
            double g = 0;
            for (size_t j = 0; j < n; ++j) g += q[i][j] * beta[j];
            v[i] = beta[i] - 2 * g / trace;  // trace >= the largest eigenvalue
        }
        u = v;
        std::sort(u.begin(), u.end(), std::greater<>());
        double sum = 0, theta = 0;
        for (size_t k = 0; k < n; ++k) {
            sum += u[k];
            const double t = (sum - 1) / static_cast<double>(k + 1);
            if (u[k] - t > 0) theta = t;
        }
        for (size_t i = 0; i < n; ++i) beta[i] = std::max(v[i] - theta, 0.0);
    }
    return beta;
}

std::map<std::string, double> stackingForecast(const ap::ForecastContext& context, size_t window,
                                               const StackingOptions& options) {
    std::map<std::string, double> out;
    std::vector<std::string> names;
    for (const auto& [inferer, past] : context.inferers)
        if (past.size() >= 3) names.push_back(inferer);
    const auto rows = stackRows(context, names, window);
    const size_t n = names.size();
    if (n == 0 || rows.size() < std::max<size_t>(2 * n, 8)) return out;
    std::vector<double> rowWeight(rows.size(), 1.0), beta;
    for (int round = 0; round < (options.absolute ? 10 : 1); ++round) {
        std::vector<std::vector<double>> q(n, std::vector<double>(n, 0.0));
        for (size_t r = 0; r < rows.size(); ++r)
            for (size_t i = 0; i < n; ++i)
                for (size_t j = 0; j < n; ++j) q[i][j] += rowWeight[r] * rows[r][i] * rows[r][j];
        beta = simplexQuadratic(q);
        for (size_t r = 0; r < rows.size(); ++r) {  // |e| = e² / |e|
            double e = 0;
            for (size_t i = 0; i < n; ++i) e += beta[i] * rows[r][i];
            rowWeight[r] = 1 / std::max(std::abs(e), 0.05);
        }
    }
    std::vector<double> losses;
    for (const auto& r : rows) {
        double e = 0;
        for (size_t i = 0; i < n; ++i) e += beta[i] * r[i];
        losses.push_back(
            std::log10(std::max(context.lossMethod == ap::LossMethod::Mse ? e * e : std::abs(e),
                                std::max(context.minLoss, ap::kMinLoss))));
    }
    const double top = *ap::medianForecast(losses, losses.size()) + options.level;
    const double best = *std::max_element(beta.begin(), beta.end());
    for (size_t i = 0; i < n; ++i)
        out[names[i]] =
            top + options.gain * std::log(best / std::max(beta[i], options.weightFloor));
    return out;
}

StackingOptions stacking;
size_t meanWindow = 24;
double oracleNoise = 0;
const std::vector<double>* oracleSeries = nullptr;

Forecast forecaster(const std::string& name) {
    if (name.empty() || name == "reference") return {};
    static const auto models = ap::referenceModels();
    if (name == "oracle")
        // An upper bound, not a forecaster: the log-losses the inferers are about to get (the
        // truth of this epoch read ahead), to see what the synthesis makes of perfect forecasts.
        return [](size_t, const ap::ForecastContext& c) {
            std::map<std::string, double> out;
            const auto& series = *oracleSeries;
            const size_t step = c.history.size() - 1;
            for (size_t j = 0; j < models.size(); ++j) {
                auto v = models[j]->predict(c.history, step + 1);
                if (!v) continue;
                // Blurred by a deterministic noise of sd --oracle-noise (log10 units).
                uint64_t x = (step * 1315423911ull) ^ (j * 2654435761ull) ^ 0x9E3779B97F4A7C15ull;
                auto next = [&x] {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
                };
                const double z = std::sqrt(-2 * std::log(next())) * std::cos(6.283185307 * next());
                out["allo1worker" + std::to_string(j)] =
                    ap::logLoss(c.lossMethod, series[step + 1], std::stod(ap::decimalText(*v)),
                                c.minLoss) +
                    oracleNoise * z;
            }
            return out;
        };
    if (name == "yhat")
        // A bound on what a better point forecast of the truth is worth: y_{t+1} fitted on
        // 1, y_t, y_{t-1}, y_{t-2} and the annual harmonic over the last 365 steps, and each
        // inferer's expected log-loss around it; the inferers' current values read from the
        // models themselves (which a real forecaster does not know).
        return [](size_t, const ap::ForecastContext& c) {
            std::map<std::string, double> out;
            const auto& h = c.history;
            const size_t n = h.size() - 1;
            auto x = [&](size_t s) {
                const double ph = 2 * 3.14159265358979 * static_cast<double>(s) / 365.25;
                return std::vector<double>{1.0,      h[s],         h[s - 1],
                                           h[s - 2], std::sin(ph), std::cos(ph)};
            };
            std::vector<std::vector<double>> rows;
            std::vector<double> y;
            for (size_t s = n; s-- > 3 && rows.size() < 365;) {
                rows.push_back(x(s));
                y.push_back(h[s + 1]);
            }
            auto beta = ap::leastSquares(rows, y);
            if (!beta || rows.size() < 30) return out;
            double rss = 0;
            for (size_t r = 0; r < rows.size(); ++r) {
                double f = 0;
                for (size_t i = 0; i < rows[r].size(); ++i) f += (*beta)[i] * rows[r][i];
                rss += (y[r] - f) * (y[r] - f);
            }
            const double sd = std::sqrt(rss / static_cast<double>(rows.size() - 6));
            double yhat = 0;
            const auto at = x(n);
            for (size_t i = 0; i < at.size(); ++i) yhat += (*beta)[i] * at[i];
            for (size_t j = 0; j < models.size(); ++j) {
                auto v = models[j]->predict(h, n + 1);
                if (!v) continue;
                out["allo1worker" + std::to_string(j)] =
                    ap::expectedLogLoss(c.lossMethod, *v - yhat, sd, c.minLoss);
            }
            return out;
        };
    if (name == "atom")
        // The context forecast with the floor's atom: an inferer whose past log-losses sat at the
        // reputers' floor in a fraction q of its past epochs (exact hits on rounded data: the
        // last value on a day as warm as the one before) gets q · floor + (1 − q) · the context
        // forecast (the Gaussian error's expected log-loss, which has no atom).
        return [](size_t i, const ap::ForecastContext& c) {
            std::map<std::string, double> out =
                ap::forecastLosses(*models[i], c, ap::ForecastMethod::Context);
            const double floor = std::log10(std::max(c.minLoss, ap::kMinLoss));
            for (auto& [inferer, f] : out) {
                const auto& past = c.inferers.at(inferer);
                const size_t n = std::min(past.size(), meanWindow);
                size_t hits = 0;
                for (size_t k = past.size() - n; k < past.size(); ++k)
                    hits += past[k].logLoss <= floor + 1e-9;
                const double q = static_cast<double>(hits) / static_cast<double>(n);
                f = q * floor + (1 - q) * f;
            }
            return out;
        };
    if (name == "mean")
        // The mean of each inferer's last meanWindow log-losses (the loss the network scores).
        return [](size_t, const ap::ForecastContext& c) {
            std::map<std::string, double> out;
            for (const auto& [inferer, past] : c.inferers) {
                if (past.size() < 3) continue;
                const size_t n = std::min(past.size(), meanWindow);
                double sum = 0;
                for (size_t k = past.size() - n; k < past.size(); ++k) sum += past[k].logLoss;
                out[inferer] = sum / static_cast<double>(n);
            }
            return out;
        };
    if (name == "stacking")
        return [](size_t i, const ap::ForecastContext& c) {
            auto out = stackingForecast(c, std::max(models[i]->forecastWindow, ap::kContextWindow),
                                        stacking);
            return out.empty() ? ap::forecastLosses(*models[i], c, ap::ForecastMethod::Persistence)
                               : out;
        };
    const auto method =
        name == "context" ? ap::ForecastMethod::Context : ap::ForecastMethod::Persistence;
    if (name != "context" && name != "persistence") {
        std::fprintf(stderr, "unknown forecaster %s\n", name.c_str());
        std::exit(2);
    }
    return [method](size_t i, const ap::ForecastContext& c) {
        return ap::forecastLosses(*models[i], c, method);
    };
}

}  // namespace

int main(int argc, char** argv) {
    size_t epochs = 102, offsets = 20, stride = 37, first = 0, restart = 0, recent = 20;
    size_t history = ap::kForecastHistory;
    int only = -1;
    bool verbose = false, perEpoch = false, weekly = false, cycle = false, noDaily = false;
    size_t start = 0, season = 0;
    std::string p, alpha, eps, forecast, loss;
    double resolution = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : "0"; };
        if (a == "--epochs")
            epochs = std::stoul(next());
        else if (a == "--offsets")
            offsets = std::stoul(next());
        else if (a == "--stride")
            stride = std::stoul(next());
        else if (a == "--first")
            first = std::stoul(next());
        else if (a == "--restart")
            restart = std::stoul(next());
        else if (a == "--recent")
            recent = std::stoul(next());
        else if (a == "--history")
            history = std::stoul(next());
        else if (a == "--topic")
            only = std::stoi(next());
        else if (a == "--p")
            p = next();
        else if (a == "--alpha")
            alpha = next();
        else if (a == "--eps")
            eps = next();
        else if (a == "--forecast")
            forecast = next();
        else if (a == "--verbose")
            verbose = true;
        else if (a == "--per-epoch")
            perEpoch = true;
        else if (a == "--weekly-temperature")
            weekly = true;
        else if (a == "--no-daily")
            noDaily = true;
        else if (a == "--cycle")
            cycle = true;
        else if (a == "--start")
            start = std::stoul(next());
        else if (a == "--season")
            season = std::stoul(next());
        else if (a == "--gain")
            stacking.gain = std::stod(next());
        else if (a == "--weight-floor")
            stacking.weightFloor = std::stod(next());
        else if (a == "--level")
            stacking.level = std::stod(next());
        else if (a == "--absolute")
            stacking.absolute = true;
        else if (a == "--oracle-noise")
            oracleNoise = std::stod(next());
        else if (a == "--mean-window")
            meanWindow = std::stoul(next());
        else if (a == "--resolution")
            resolution = std::stod(next());
        else if (a == "--loss")
            loss = next();
        else {
            std::fprintf(stderr, "unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    const auto topics = ap::demoTopics(5);
    // The weekly means of the daily maximum temperature (a trailing partial week dropped).
    std::vector<double> weeks;
    {
        const auto days = *ap::csvColumn(ap::demoFile("seattle-weather.csv"), "temp_max");
        for (size_t i = 0; i + 7 <= days.size(); i += 7) {
            double sum = 0;
            for (size_t k = 0; k < 7; ++k) sum += days[i + k];
            weeks.push_back(sum / 7);
        }
    }
    for (size_t t = 0; t < topics.size(); ++t) {
        if (only >= 0 && static_cast<size_t>(only) != t) continue;
        replay::Config cfg;
        cfg.topic = topics[t];
        if (!p.empty()) cfg.topic.pNorm = p;
        if (!alpha.empty()) cfg.topic.alphaRegret = alpha;
        if (!eps.empty()) cfg.topic.epsilon = eps;
        cfg.epochs = epochs;
        cfg.restartAt = restart;
        cfg.forecast = forecaster(forecast);
        cfg.forecastHistory = history;
        if (weekly && cfg.topic.dataset == ap::DemoDataset::SeattleTemperature) {
            cfg.series = &weeks;
            cfg.season = 52;
            cfg.revertsToCycle = true;
            cfg.topic.startStep = 75;
        }
        if (season > 0) cfg.season = season;
        // The topic's own series given as an override: its forecasters are not told the daily
        // values a trailing mean averages (ForecastContext::daily).
        if (noDaily && !cfg.series) cfg.series = &ap::demoSeries(cfg.topic.dataset);
        if (cycle) cfg.revertsToCycle = true;
        if (start > 0) cfg.topic.startStep = start;
        if (resolution > 0) cfg.resolution = resolution;
        oracleSeries = cfg.series ? cfg.series : &ap::demoSeries(cfg.topic.dataset);
        if (!loss.empty()) cfg.topic.lossMethod = *ap::parseLossMethod(loss);
        const size_t length =
            cfg.series ? cfg.series->size() : ap::demoSeries(cfg.topic.dataset).size();
        const size_t room = length - cfg.topic.startStep - first - epochs - 2;
        const size_t step = std::min(stride, room / std::max<size_t>(offsets, 1));
        size_t wins = 0, naiveWins = 0, secondWins = 0;
        double worstNaive = 1e9, worstSecond = 1e9, sumNaive = 0, sumSecond = 0, worstRho = -1;
        double sumRank = 0;
        std::vector<double> margins;
        for (size_t k = 0; k < offsets; ++k) {
            cfg.startOffset = first + k * step;
            const replay::Outcome o = replay::run(cfg);
            std::vector<double> recentLoss;
            for (const auto& w : o.worker) {
                double sum = 0;
                const size_t from = w.size() > recent ? w.size() - recent : 0;
                for (size_t e = from; e < w.size(); ++e) sum += w[e];
                recentLoss.push_back(sum / static_cast<double>(w.size() - from));
            }
            const double mNaive = o.meanNaive - o.meanCombined;
            const double mSecond = o.secondBest() - o.meanCombined;
            const double rho = replay::spearman(recentLoss, o.weights);
            worstNaive = std::min(worstNaive, mNaive);
            worstSecond = std::min(worstSecond, mSecond);
            worstRho = std::max(worstRho, rho);
            sumNaive += mNaive / static_cast<double>(offsets);
            sumRank += o.forecastRank / static_cast<double>(offsets);
            margins.push_back(mNaive);
            sumSecond += mSecond / static_cast<double>(offsets);
            naiveWins += mNaive > 0;
            secondWins += mSecond > 0;
            wins += mNaive > 0 && mSecond > 0;
            if (k == 0 && perEpoch)
                for (size_t e = 0; e < o.combined.size(); ++e) {
                    std::printf("  epoch %zu: network %.2f naive %.2f |", e, o.combined[e],
                                o.naive[e]);
                    for (size_t i = 0; i < o.worker.size(); ++i)
                        std::printf(" %.2f/%.2f", o.worker[i][e], o.forecaster[i][e]);
                    std::printf("\n");
                }
            if (k == 0 || verbose) {
                std::printf("topic %zu offset %3zu: network %.3f, naive %.3f", t + 1,
                            cfg.startOffset, o.meanCombined, o.meanNaive);
                for (size_t i = 0; i < o.names.size(); ++i)
                    std::printf(", %s %.3f", o.names[i].c_str(), o.meanWorker[i]);
                std::printf(" | margins naive %+.3f second %+.3f | rho %.2f w", mNaive, mSecond,
                            rho);
                for (double w : o.weights) std::printf(" %.3g", w);
                std::printf(" | implied");
                for (double f : o.meanForecaster) std::printf(" %.3f", f);
                std::printf("\n");
            }
        }
        std::sort(margins.begin(), margins.end());
        std::printf(
            "topic %zu over %zu windows: bar held %zu; network < naive %zu (mean margin %.3f, "
            "median %.3f, worst %.3f); < second best %zu (mean margin %.3f, worst %.3f); worst "
            "rho %.2f; forecasters' rank correlation %.3f\n",
            t + 1, offsets, wins, naiveWins, sumNaive, margins[margins.size() / 2], worstNaive,
            secondWins, sumSecond, worstSecond, worstRho, sumRank);
    }
    return 0;
}
