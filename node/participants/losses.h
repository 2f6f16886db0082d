// What a reputer computes (PROTOCOL.md §5): the topic's loss method on one output against the
// ground truth, reported as a log-loss (log10 of the loss), and the value bundle of every output of
// an epoch's synthesis.
#pragma once

#include <string>
#include <string_view>

#include "allora/emissions/v9/types.pb.h"
#include "core/result.h"

namespace allora::participants {

enum class LossMethod { Mse, Mae };

// "mse" (squared error) or "mae" (absolute error); anything else is Unsupported, naming it.
Result<LossMethod> parseLossMethod(std::string_view name);
const char* lossMethodName(LossMethod method);

// The loss of one prediction (for one point, MSE is the squared error and MAE the absolute one).
double pointLoss(LossMethod method, double truth, double value);
// log10 of the loss, floored at `minLoss` so that an exact prediction stays finite. A reputer
// floors at the loss of half the data's recorded precision (an error it cannot measure), so one
// lucky exact hit on rounded data does not outweigh a track record.
inline constexpr double kMinLoss = 1e-12;
double logLoss(LossMethod method, double truth, double value, double minLoss = kMinLoss);
// The floor for data recorded to `resolution`: the loss of an error of resolution / 2.
double lossFloor(LossMethod method, double resolution);

// The shortest decimal text of a finite double that reads back to the same bits ("1e-05",
// "1455.22"), as the chain's decimal fields accept it.
std::string decimalText(double value);

// The reputer's losses of every output stored in `inferences` (combined, naive, each inference,
// each forecast-implied inference, one-out and one-in values) for the topic and nonce of
// `inferences`, each floored at `minLoss`. An output whose value does not parse is left out. The
// reputer field is `reputer`.
Result<::emissions::v9::ValueBundle> lossBundle(
    const ::emissions::v9::NetworkInferences& inferences, double truth, LossMethod method,
    const std::string& reputer, double minLoss = kMinLoss);

}  // namespace allora::participants
