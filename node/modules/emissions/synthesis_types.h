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

// The topic's synthesis parameters: p_norm, c_norm (0.75), the topic's epsilon and the module's
// epsilon_safe_div (1e-7).
struct SynthesisParams {
    double pNorm = 3.0;
    double cNorm = 0.75;
    double epsilon = 0.01;
    double epsilonSafeDiv = 1e-7;
};

}  // namespace allora::emissions
