// The synthesis case contract (PROTOCOL.md §6): one epoch's synthesis as JSON in and JSON out,
// so that `allora-cli debug synthesize` can be checked against independent implementations
// without a running chain.
//
// Input: {"params": {"p_norm", "c_norm", "epsilon", "epsilon_safe_div"}, "all_new": bool,
// "previous_network_loss": number|null, "inferences": {actor: value},
// "forecasts": {forecaster: {inferer: loss}}, "regrets": {"inferer": {…}, "forecaster": {…},
// "naive_inferer": {…}, "one_out_inferer": {withheld: {"inferer": {…}, "forecaster": {…}}},
// "one_out_forecaster": {withheld: {…}}, "one_in_forecaster": {k: {…}}}}.
// "params" (all four fields) and "inferences" are required; "all_new" defaults to false,
// "previous_network_loss" to null, "forecasts" and "regrets" (and each table in them) to empty.
// Unknown fields are errors (a misspelt field must not silently become a default). A vector file's
// wrapper {"input": case, "expected": …, …} is accepted too and its "input" used.
//
// Output: {"network_inference", "naive_inference", "forecast_implied": {k: v},
// "one_out_inferer": {j: v}, "one_out_forecaster": {k: v}, "one_in_forecaster": {k: v},
// "confidence_interval": [5 numbers], "weights": {"inferer": {a: w}, "forecaster": {a: w}}},
// omitting what the mode does not produce (one inference, or no previous loss: only the first two;
// fewer than two forecasters with an implied inference: no one-out/one-in forecaster objects).
// Numbers are printed with the shortest digits that read back to the same double.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "node/modules/emissions/synthesis.h"

namespace allora::emissions {

// InvalidArgument with a one-line message naming the field (e.g.
// `forecasts["forecaster1"]["inferer2"] must be a number`).
Result<SynthesisInput> parseSynthesisCase(std::string_view json);

// The output object as pretty-printed JSON, ending with a newline.
std::string synthesisOutputJson(const SynthesisOutput& output);

// parseSynthesisCase, synthesize, synthesisOutputJson: what `allora-cli debug synthesize` does.
Result<std::string> runSynthesisCase(std::string_view json);

}  // namespace allora::emissions
