// The reference workers' forecasters (PROTOCOL.md §5, §6): for every inferer of a topic, the
// log-loss its inference of this epoch will get, predicted from what a forecaster knows when it
// submits. The runner (participant_runner.cpp) and the offline replay
// (tests/unit/participants_replay.h) hand it over the same way (ForecastContext):
//  - the series up to the step the epoch predicts from (the truths already revealed);
//  - each inferer's past epochs: the step it predicted from, its inference (public on chain,
//    GetNetworkInferencesAtBlock) and its log-loss (the network loss bundle).
// Not the inferences of the current epoch: a worker sends its inference and its forecast in one
// bundle, and the chain takes one bundle per worker and nonce.
//
// Why context: the network inference beats the naive one (the inferers alone, weighted by their
// regrets) only if the forecast-implied inferences beat the regrets' weighting, i.e. if the
// forecasters know, epoch by epoch, which inferer will do well *this* epoch. A persistence
// forecast (the median of an inferer's recent log-losses, medianForecast) says what the regrets
// already say.
//
// The context forecast: an inferer's error this epoch is its offset from the last value
// (inference − y_t) minus the next step (y_{t+1} − y_t). The offset of the reference families is
// nearly a linear function of the recent steps (a moving average lags a trend by a fixed blend of
// them), so the forecaster fits it per inferer, by least squares over the inferer's past epochs;
// the next step it fits once, on the series itself (the last kTruthWindow steps). The regressors
// are the last kErrorLags steps and, for a seasonal series, the step one season before the one
// predicted. From the predicted error ê and the spread s of both fits' residuals, it reports
// E[log10 loss] for an error ~ N(ê, s²): the quantity the reputers will report.
//
// Where it helps (tests/bench/replay_participants --forecast context|persistence: 20 windows of
// 100 epochs of each series, and the devnet test's timings, 10 windows): on CO2, whose annual
// cycle decides which family is off (the moving average and the last value miss the seasonal
// turns by a known amount), the forecasts' epoch-by-epoch rank correlation with the inferers'
// actual losses is 0.76 (0.62 for the persistence forecast), and the network's margin over the
// naive inference went from 0.15 (mean) / 0.03 (worst window) to 0.32 / 0.12. On the S&P 500 and
// the daily temperature the next step is close to unpredictable from the recent steps: the
// ranks improve little (0.37 against 0.35, 0.34 against 0.27), the margin is as small either
// way over 20 windows (mean 0.026 against 0.024, 0.008 against 0.004, the worst window negative
// with both), and at the devnet test's timings the context forecast did worse (S&P 500 -0.022
// against +0.045 on average). So the reference forecasters use the context on a seasonal series
// and on a trailing mean (below), and the persistence forecast otherwise (referenceMethod).
//
// Weather (ForecastContext::revertsToCycle; measured, used by no demo topic): a warm week tends
// to be followed by a cooler one, so on a weekly temperature series the next step is fitted on
// y_s − c_s and c_{s+1} − c_s instead, c a level + trend + first annual harmonic fitted on the
// history (in-sample R² of the next weekly step 0.39, against 0.15 from the last 5 steps). On the
// weekly means of the Seattle temp_max (replay_participants --weekly-temperature: 208 weeks, the
// replay from week 75, 29 windows, alpha_regret 0.1) the forecasters' rank correlation rose from
// 0.27 (persistence) to 0.46, yet the network's margin over the naive inference stayed small
// (median +0.009, 27 of 29 windows positive, worst -0.005), and at the devnet test's timings the
// network fell behind the second-best worker in 8 of 10 windows (the AR model is far ahead of
// the others on that series): so the temperature topic keeps the daily series. On the daily
// series (season 365, replay from day 400) the cycle regression gained nothing (rank 0.37).
//
// The daily temperature, measured further (replay_participants --topic 1, 20 windows, and the
// devnet test's timings, 10 windows; margin = naive − network mean log-loss): the reference
// forecasters give 11/20 windows positive (median +0.004, worst −0.024) and 10/10 (worst +0.001).
// What the synthesis could do with knowledge: forecasts equal to the log-losses the inferers are
// about to get (--forecast oracle, an upper bound that reads the truth) give +0.22 at worst;
// blurred by noise of sd 0.8 (rank correlation 0.25, no better than the forecasters' 0.27) still
// 20/20, worst +0.009, median +0.084. So the margin needs epoch-by-epoch knowledge of which
// inferer will be closest, and the series does not hold it: the best next-day forecast found
// from it (y_{t+1} on y_t, y_{t−1}, y_{t−2} and the annual harmonic over the last 365 days) has
// an RMSE of 2.69 °C against the last value's 2.93 but the same mean log-loss (0.162 against
// 0.158 over days 400-1400, the last value's exact hits on the whole-°F data at the reputers'
// floor weighing in), and forecasts of the expected log-loss around it, even with the inferers'
// current values read from the models (--forecast yhat), gave 11/20 (median +0.000) and 9/10.
// The file's other columns of the day (temp_min, precipitation, wind, sun) bring that RMSE only
// to 2.67. Not adopted either: a stacking forecast (--forecast stacking: the non-negative,
// sum-to-one least-squares blend of the inferers over their past epochs, reported as log-losses
// whose implied weights fall with ln β) 10/20 and 0/10 (an equal or stacked blend loses the last
// value's exact hits); the mean instead of the median of the recent log-losses 10/20, 10/10; the
// context forecast with the floor's atom (--forecast atom: q · floor + (1 − q) · the Gaussian
// expectation, q the inferer's past rate of floor hits) 15/20 (median +0.011, worst −0.012) and
// 9/10; the reputers' floor at the data's true resolution, 1 °F (--resolution 0.5556), 12/20; and
// sweeps of p_norm 2.5-4.5, alpha_regret 0.05-0.3 and epsilon 0.001-0.2 with the persistence,
// mean and context forecasts (104 points; 108 more with the 1 °F floor, at best 13/20): at best
// 18/20 (context, alpha 0.2, epsilon 0.05: median +0.013, worst −0.007, the network below the
// second-best worker in 9/20) with 7/10 at the devnet's timings; margins within ±0.02 everywhere, a
// grid's best point picked from noise.
//
// So the temperature topic now replays a series that holds that knowledge (dataset.cpp): the
// 3-day trailing mean of the daily mean temperature. Its next step is (d_{s+3} − d_s) / 3: part of
// it is already written in the recent steps (each step's change carries the day that entered
// three steps before), and the day d_s about to leave the window is public
// (ForecastContext::daily), so the context forecast regresses on d_s − y_s as well: a cold day
// leaving a mild window says the mean will rise. Measured with replay_participants --topic 1
// (alpha_regret 0.2; 60 windows 20 steps apart, and the devnet test's timings from steps 60, 600
// and 1200, 10 windows each; margin = naive − network):
//  - persistence forecast (--no-daily): 32/60 (median +0.004, worst −0.046), rank 0.44: the
//    smoothing alone does not do it;
//  - context forecast without the daily values (--no-daily --forecast context): 59/60 (median
//    +0.047, worst −0.003), rank 0.57; devnet timings 30/30 (worst +0.014);
//  - the reference, context with the day leaving the window: 60/60 (median +0.061, worst
//    +0.003), rank 0.60; devnet timings 30/30 (worst +0.066), and also 20/20 from steps 300 and
//    900 (worst +0.028). The network is below the second-best worker in every window.

#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "node/participants/losses.h"

namespace allora::participants {

class Model;

// One past epoch of one inferer, as a forecaster sees it.
struct PastInference {
    size_t step = 0;     // the series step it predicted from (it predicted step + 1)
    double value = 0;    // its inference (NaN when unknown: only its loss is used then)
    double logLoss = 0;  // the network loss bundle's log-loss of it
};

struct ForecastContext {
    // The series up to the step this epoch predicts from (inclusive): nothing later exists yet.
    std::span<const double> history;
    LossMethod lossMethod = LossMethod::Mse;
    double minLoss = kMinLoss;  // the reputers' floor (lossFloor of the data's resolution)
    size_t season = 0;          // the series' seasonal period in steps (0: none)
    // The series reverts to its seasonal cycle (with season > 0): the next step is fitted on the
    // last value's departure from the cycle and the cycle's own next step instead (see the top).
    // No demo topic sets it; tests/bench/replay_participants --weekly-temperature does.
    bool revertsToCycle = false;
    // A trailing mean of `trailingMean` daily values (DatasetInfo), and the daily values known
    // so far (at least through the last day of the current step): the context forecast then also
    // regresses on the day about to leave the window (forecasters.cpp, regressors).
    size_t trailingMean = 1;
    std::span<const double> daily;
    // Each inferer's past epochs, oldest first (the runner keeps the last kForecastHistory).
    std::map<std::string, std::vector<PastInference>> inferers;
};

inline constexpr size_t kErrorLags = 5;       // recent steps regressed on
inline constexpr size_t kTruthWindow = 120;   // series steps the next-step fit looks at
inline constexpr size_t kContextWindow = 24;  // fewest past epochs an offset fit looks over

enum class ForecastMethod {
    Persistence,  // the median of the inferer's recent log-losses (models.h, medianForecast)
    Context,      // the regression above, the persistence forecast until it can be fitted
};

// The method the reference forecasters use on a series: Context on a seasonal one or a trailing
// mean whose daily values are known, Persistence otherwise (see the top).
ForecastMethod referenceMethod(const ForecastContext& context);

// Forecaster `model`'s forecast: inferer -> predicted log-loss. Inferers with fewer than 3 known
// epochs are left out. The Context fit looks over max(model.forecastWindow, kContextWindow) past
// epochs, the persistence forecast over model.forecastWindow.
std::map<std::string, double> forecastLosses(const Model& model, const ForecastContext& context);
std::map<std::string, double> forecastLosses(const Model& model, const ForecastContext& context,
                                             ForecastMethod method);

// E[log10 L] for an error e ~ N(mean, sd²), L the loss of the method (e² or |e|), floored at
// log10(minLoss) (the floor applied to the expectation, not inside it).
double expectedLogLoss(LossMethod method, double mean, double sd, double minLoss = kMinLoss);

// The context forecast of one inferer's error this epoch: (ê, s), or nullopt while it cannot be
// fitted (fewer than two past epochs per regressor with a known inference and enough history
// before them, or a singular fit).
std::optional<std::pair<double, double>> predictError(const ForecastContext& context,
                                                      std::span<const PastInference> past,
                                                      size_t window);

}  // namespace allora::participants
