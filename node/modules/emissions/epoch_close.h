// The epoch's computations, called by the end-block step (epoch.h):
//  - when a worker window closes: the inference synthesis (synthesis.h) of the nonce's stored
//    inferences and forecasts with the stored regrets, kept as the topic's latest
//    NetworkInferences (query GetLatestNetworkInferences);
//  - when a reputer window closes: the stake-weighted network losses (network_losses.h) of the
//    stored reputer bundles, kept per nonce, the topic's previous network loss L_{i−1}, and the
//    regret update of every family (regrets.h, PROTOCOL.md §6), and the epoch's scores:
//    inferers' and forecasters' (scores.h) and the reputers' consensus scores with their new
//    listening coefficients (reputer_consensus.h), then the EMA scores and the topic's initial
//    regret (epoch_scores.h) and the epoch's rewards (rewards_payout.h).
//  Merit sortition (epoch_scores.h) decides who takes part: the active inferers and forecasters
//  of a worker nonce when its window closes, the active reputers when the reputer window closes.
// A nonce without inferences (or without eligible reputers) changes nothing. Bad data is never
// a block failure: only a storage error is.
//
// State (continuing keeper.h's layout):
//   em/regret/ family(1) id [withheld(20)] actor(20)   regret (decimal text)
//   em/netinf/ id                                      NetworkInferences (latest)
//   em/netloss/ id nonce                               ValueBundle (network losses, reputer "")
//   em/prevloss/ id                                    L_{i−1} (decimal text)
//   em/score/ kind(1) id nonce addr                    the epoch's score (decimal text)
//   em/listen/ id reputer                              listening coefficient (decimal text)
// Numbers are stored as the shortest decimal text that reads back to the same double.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "allora/emissions/v9/types.pb.h"
#include "node/modules/emissions/keeper.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::node::emissions {

enum class RegretFamily : uint8_t {
    Inferer = 0,
    Forecaster = 1,
    NaiveInferer = 2,
    OneOutInfererInferer = 3,        // withheld inferer j′ → inferer j
    OneOutInfererForecaster = 4,     // withheld inferer j′ → forecaster k
    OneOutForecasterInferer = 5,     // withheld forecaster k′ → inferer j
    OneOutForecasterForecaster = 6,  // withheld forecaster k′ → forecaster k
    OneInForecasterInferer = 7,      // one-in forecaster k → inferer j
    OneInForecasterForecaster = 8,   // one-in forecaster k → forecaster k
};
std::optional<RegretFamily> regretFamilyFromName(std::string_view name);
bool regretFamilyHasWithheld(RegretFamily family);

enum class ScoreKind : uint8_t { Inferer = 0, Forecaster = 1, Reputer = 2 };

// The shortest decimal text of a finite double (std::to_chars), the same on every platform.
std::string formatDecimal(double value);

// The stored regret, nullopt when none.
Result<std::optional<double>> storedRegret(const KvStore& store, uint64_t topicId,
                                           RegretFamily family, const std::string& withheld,
                                           const std::string& actor);

TxStatus synthesizeEpoch(const EmissionsKeeper& keeper, MsgContext& ctx, const Topic& topic,
                         int64_t nonce);
// Updates `topic` (its initial regret) and stores it.
TxStatus closeReputerEpoch(const EmissionsKeeper& keeper, MsgContext& ctx, Topic& topic,
                           int64_t nonce);

Result<::allora::emissions::ActorValues> scoresAt(const KvStore& store, ScoreKind kind,
                                                  uint64_t topicId, int64_t nonce);
// 1 when none is stored.
Result<double> listeningCoefficient(const KvStore& store, uint64_t topicId, ByteSpan reputer);

Result<std::optional<pb::NetworkInferences>> latestNetworkInferences(const KvStore& store,
                                                                     uint64_t topicId);
Result<std::optional<pb::ValueBundle>> networkLossBundle(const KvStore& store, uint64_t topicId,
                                                         int64_t nonce);

}  // namespace allora::node::emissions
