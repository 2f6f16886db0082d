// The inference synthesis of one epoch (PROTOCOL.md §6): from the workers' inferences and
// forecasts and the stored regrets to the network inference and every variant the reputers will
// score (naive, forecast-implied, one-out, one-in) plus the confidence band.
//
// Pure and deterministic: plain structs in, plain structs out, actors in ascending address order,
// transcendental functions from core/dmath. The same function serves consensus (FinalizeBlock)
// and `allora-cli debug synthesize` (synthesis_case.h), so the CLI checks exactly what the node
// computes.
//
// Where PROTOCOL.md §6 is silent, this follows allora-chain and records the choice here:
// - Order: inferers before forecasters in every set, each in ascending byte-wise address order
//   (std::map<std::string>); this fixes every sum, and the tie order of the confidence band.
// - Duplicated forecast elements: the first element for an inferer counts (allora-chain drops the
//   later ones when it stores a forecast). The §5 limits (elements naming unregistered inferers
//   dropped, at most max_elements_per_forecast kept by EMA score) belong to payload insertion,
//   which knows the scores; the synthesis takes forecasts as stored.
// - "≥ 2 forecasters" for the one-out/one-in forecaster outputs counts forecasters that have an
//   implied inference this epoch (one that drops out is in no set).
// - All-new mode: the plain means are over the inferers of each set only (forecasters take no
//   part, as in allora-chain); the reported weights are 1 per inferer and 0 per forecaster, and
//   the band uses them.
// - Regrets: a set's every member needs an entry in its table (missing: InvalidArgument naming
//   the table and actor); the keeper fills in initial_regret for newcomers before calling.
// - Items of weight 0 carry no mass in the confidence band.
// - Regret tables come as maps (the CLI's case files) or by index (SynthesisInput::indexedRegrets,
//   epoch close); the computation is the same, only the lookup differs.
#pragma once

#include <array>
#include <map>
#include <optional>

#include "core/result.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::emissions {

struct SynthesisInput {
    SynthesisParams params;
    // The topic's initial_regret is 0: no worker has a track record yet (PROTOCOL.md §6).
    bool allNew = false;
    // L_{i-1}, the previous epoch's network combined loss; nullopt before the first one.
    std::optional<double> previousNetworkLoss;
    ActorValues inferences;                           // inferer -> inference
    std::map<Address, ForecastElements> forecasts;    // forecaster -> its elements
    RegretTable regrets;                              // the combined network's
    ActorValues naiveRegrets;                         // inferers, for the naive network
    std::map<Address, RegretTable> oneOutInferer;     // withheld inferer -> table
    std::map<Address, RegretTable> oneOutForecaster;  // withheld forecaster -> table
    std::map<Address, RegretTable> oneInForecaster;   // forecaster k -> {inferers, {k}}
    // The regret tables by index instead (what epoch close passes): when set, the maps above
    // (regrets, naiveRegrets, oneOut*, oneIn*) must be empty, and the outputs and errors are
    // exactly those of the same tables given as maps (withRegretMaps).
    std::optional<IndexedRegrets> indexedRegrets;
};

// Which rule of PROTOCOL.md §6 produced the outputs.
enum class SynthesisMode {
    SingleInference,  // one inference: network = naive = it
    NoPreviousLoss,   // >= 2 inferences, no previous loss: network = median, naive = 0
    AllNew,           // plain means; forecast-implied = median of the covered inferences
    RegretWeighted,   // the full synthesis
};

struct ActorWeights {
    ActorValues inferer;
    ActorValues forecaster;
};

// What the mode produces; the rest stays empty (maps) or nullopt.
struct SynthesisOutput {
    SynthesisMode mode = SynthesisMode::SingleInference;
    double networkInference = 0;
    double naiveInference = 0;
    ActorValues forecastImplied;   // forecasters with an implied inference this epoch
    ActorValues oneOutInferer;     // withheld inferer -> network inference without it
    ActorValues oneOutForecaster;  // only with >= 2 forecasters with implied inferences
    ActorValues oneInForecaster;   // likewise
    // Weighted percentiles 2.28, 15.87, 50, 84.13, 97.72 of inferences and implied inferences.
    std::optional<std::array<double, 5>> confidenceInterval;
    // The combined network's weights (AllNew: 1 per inferer, 0 per forecaster).
    std::optional<ActorWeights> weights;
};

// Checks what does not depend on the mode: parameters (p_norm, epsilon, epsilon_safe_div > 0, all
// finite), every number finite, no empty address. Errors are InvalidArgument and name the field
// and actor, e.g. `inferences["allo1x…"] is not a finite number`.
Status validateSynthesisInput(const SynthesisInput& input);

// Runs the synthesis. InvalidArgument for an invalid input, no inference at all, or a regret the
// mode needs that is missing (named as `regrets.one_out_inferer["j"].forecaster has no entry for
// "k"`); Overflow if the inputs are so large that an output is not finite.
Result<SynthesisOutput> synthesize(const SynthesisInput& input);

// Whether synthesize reads the regret tables: only the regret-weighted mode does (>= 2 inferences,
// a previous network loss, not all-new). Otherwise the tables may be left empty.
bool synthesisReadsRegrets(const SynthesisInput& input);

// `input` with its indexed regrets as maps, every entry of every table (the withheld actor's own
// included): synthesize gives the same result for both. Unchanged if it has no indexed regrets or
// their sizes do not match the inferences and forecasts.
SynthesisInput withRegretMaps(const SynthesisInput& input);

const char* synthesisModeName(SynthesisMode mode);

}  // namespace allora::emissions
