// Plain data shared by the inference synthesis (PROTOCOL.md §6): actors, their values, forecasts
// and regret tables. Every collection of actors is a std::map keyed by address, so iterating it
// visits actors in ascending address order on every node (DESIGN.md, Determinism).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace allora::emissions {

using Address = std::string;

// One number per actor (inferences, regrets, weights, one-out values), ascending address order.
using ActorValues = std::map<Address, double, std::less<>>;

// One element of a worker's forecast: the log-loss it predicts for an inferer.
struct ForecastElement {
    Address inferer;
    double loss = 0;
};

// A forecast's elements in submission order. The synthesis keeps only the first element for an
// inferer named twice (as allora-chain does when it stores a forecast) and only elements whose
// inferer has an inference this epoch.
using ForecastElements = std::vector<ForecastElement>;

// The regrets one output uses: the inferers' and the forecasters' (PROTOCOL.md §6, "each uses its
// own stored regret table").
struct RegretTable {
    ActorValues inferer;
    ActorValues forecaster;
};

// The same regret tables with the epoch's actors numbered once, as epoch close builds them: inferer
// i is the i-th inferer of SynthesisInput::inferences (ascending address, 0 <= i < N), forecaster
// k the k-th forecaster of SynthesisInput::forecasts (0 <= k < K). Matrices are row-major, one row
// per withheld (or one-in) actor. The synthesis looks a regret up by index instead of walking maps
// of addresses (1,024 x 128 holds 1.5 million regrets). Every entry must be present: the form
// has no "missing". The withheld actor's own entry of its row (row j' column j', row k' column
// k') is not used by any output; it is part of the table like any other entry (it must be finite).
struct IndexedRegrets {
    std::vector<double> inferer;                     // N: the combined network's
    std::vector<double> forecaster;                  // K: the combined network's
    std::vector<double> naiveInferer;                // N: the naive network's
    std::vector<double> oneOutInfererInferer;        // N x N: withheld inferer j' -> inferer j
    std::vector<double> oneOutInfererForecaster;     // N x K: withheld inferer j' -> forecaster k
    std::vector<double> oneOutForecasterInferer;     // K x N: withheld forecaster k' -> inferer j
    std::vector<double> oneOutForecasterForecaster;  // K x K: withheld k' -> forecaster k
    std::vector<double> oneInForecasterInferer;      // K x N: one-in forecaster k -> inferer j
    std::vector<double> oneInForecasterForecaster;   // K: one-in forecaster k -> k itself
};

// The topic's synthesis parameters: p_norm, c_norm (0.75), the topic's epsilon and the module's
// epsilon_safe_div (1e-7).
struct SynthesisParams {
    double pNorm = 3.0;
    double cNorm = 0.75;
    double epsilon = 0.01;
    double epsilonSafeDiv = 1e-7;
};

}  // namespace allora::emissions
