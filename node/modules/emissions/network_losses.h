// Network losses, PROTOCOL.md §6 "Losses and regrets": the losses every reputer reports for one
// epoch's synthesis outputs, and their stake-weighted means (the network losses that scores and
// regrets use). Losses are log-losses (log10 of a non-negative loss), so a plain weighted mean.
#pragma once

#include <map>
#include <vector>

#include "core/result.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::emissions {

// The losses of one epoch's outputs, as one reputer reports them or as the network's means.
// An actor missing from a map has no such loss (it did not take part, or the output does not
// exist, e.g. one-out forecasters with a single forecaster).
struct LossBundle {
    double combined = 0;           // L: the network (combined) inference
    double naive = 0;              // L⁻: the naive inference (inferers only)
    ActorValues inferer;           // L_j: inferer j's inference
    ActorValues forecaster;        // L_k: forecaster k's forecast-implied inference
    ActorValues oneOutInferer;     // L⁻_j': the network inference without inferer j'
    ActorValues oneOutForecaster;  // L⁻_k': the network inference without forecaster k'
    ActorValues oneInForecaster;   // L⁺_k: the naive inference plus forecaster k alone
    // L_{k,-j'}: forecaster k's implied inference recomputed without inferer j' (withheld j' ->
    // forecaster k -> loss).
    std::map<Address, ActorValues, std::less<>> oneOutInfererForecaster;
};

// What one reputer reports: its stake (own + delegated, in uallo as a double) and its losses.
struct ReputerReport {
    double stake = 0;
    LossBundle losses;
};

// The network losses: every entry is Σ S·L / Σ S over the reputers with stake >= minimumStake
// that report that entry (reputers in ascending address order). An entry no eligible reputer
// reports is left out. Errors: no eligible reputer, a non-finite loss or a negative stake.
Result<LossBundle> networkLosses(const std::map<Address, ReputerReport, std::less<>>& reports,
                                 double minimumStake);

// The reputers' losses as a matrix for the reputer consensus: one row per reputer (ascending
// address), one column per entry reported by at least one reputer, in the order combined, naive,
// inferers, forecasters, one-out inferers, one-out forecasters, one-in forecasters, one-out
// inferer-forecasters (each in ascending address order, withheld actor first); NaN where a
// reputer did not report that entry.
std::vector<std::vector<double>> lossMatrix(
    const std::map<Address, LossBundle, std::less<>>& reported);

}  // namespace allora::emissions
