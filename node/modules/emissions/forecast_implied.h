// Forecast-implied inferences, PROTOCOL.md §6: what a forecaster's predicted losses say the
// network inference should be. A forecaster predicts, for each of several inferers, the loss that
// inferer's inference will have; the inferers it expects to do well weigh more in its implied
// inference.
#pragma once

#include <optional>
#include <string_view>

#include "node/modules/emissions/inference_weights.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::emissions {

// A forecast reduced to what the synthesis uses: one forecasted loss per inferer, only for
// inferers with an inference this epoch, in ascending inferer address order. When an inferer is
// named twice the first element counts and later ones are ignored: allora-chain keeps the first
// when it stores a forecast, and it is the element the forecaster committed to first.
using CoveredForecast = ActorValues;
CoveredForecast coveredForecast(const ForecastElements& elements, const ActorValues& inferences);

// I_k from the regrets R_jk = L_{i-1} - forecasted_loss_jk: with more than one element,
// w = W over {R_jk}; with exactly one, its weight is 1; I_k = Σ w·I_j / Σ w.
// `withheld` (the one-out-inferer variant) is left out of σ, the maximum and the weighted sum but
// still counts towards "more than one element". nullopt when Σ w = 0 (no element left): the
// forecaster then has no implied inference and drops out of every output.
std::optional<double> forecastImpliedInference(const CoveredForecast& forecast,
                                               const ActorValues& inferences,
                                               double previousNetworkLoss,
                                               const WeightParams& params,
                                               std::optional<std::string_view> withheld = {});

// All-new mode: the median of the inferences the forecast covers (without `withheld`);
// nullopt when it covers none.
std::optional<double> forecastImpliedMedian(const CoveredForecast& forecast,
                                            const ActorValues& inferences,
                                            std::optional<std::string_view> withheld = {});

}  // namespace allora::emissions
