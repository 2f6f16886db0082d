// The per-topic numbers the epoch close carries from one epoch to the next (PROTOCOL.md §6–7),
// continuing keeper.h's and epoch_close.h's layout (topic id and nonce 8-byte big-endian,
// addresses their 20 bytes, numbers the shortest decimal text of a double):
//   em/ema/inf/ id addr, em/ema/fc/ id addr, em/ema/rep/ id addr
//                                     EMA score of an inferer / forecaster / reputer
//   em/aset/ kind(1) id nonce addr    "1" active or "0" passive: the nonce's candidates and
//                                     which of them the sortition drew (epoch_scores.h)
//   em/incl/ id addr                  reward inclusions of a worker (decimal integer)
//   em/smooth/ kind(1) id addr        smoothed reward fraction f̃ of the last split
//   em/tau/ id                        forecasting score ratio τ
//   em/tweight/ id                    the topic's EMA weight (topic_weights.h)
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "node/modules/emissions/epoch_close.h"
#include "node/modules/emissions/keeper.h"
#include "node/modules/emissions/state_keys.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::node::emissions {

// Key helpers: prefix + topic id [+ nonce] [+ bytes].
Bytes kindKey(std::string_view prefix, ScoreKind kind, uint64_t topicId);

// A stored decimal (nullopt when absent; Corrupt when it does not parse) and its writer.
Result<std::optional<double>> readDecimalAt(const KvStore& store, const Bytes& key);
Status writeDecimalAt(KvStore& store, const Bytes& key, double value);
// Every "prefix addr → decimal" entry under `prefix`, keyed by the address; Corrupt naming `what`
// when a value does not parse.
Result<::allora::emissions::ActorValues> readActorValues(const KvStore& store, const Bytes& prefix,
                                                         std::string_view what);

// EMA scores (kind Inferer reads em/ema/inf/, which EmissionsKeeper::infererScoreEma shares).
Bytes emaKey(ScoreKind kind, uint64_t topicId, ByteSpan address);
Result<std::optional<double>> scoreEmaOf(const KvStore& store, ScoreKind kind, uint64_t topicId,
                                         ByteSpan address);
Status setScoreEma(KvStore& store, ScoreKind kind, uint64_t topicId, ByteSpan address, double ema);

// The sortition of one nonce: every candidate, true when active.
Status setSortition(KvStore& store, ScoreKind kind, uint64_t topicId, int64_t nonce,
                    const std::map<::allora::emissions::Address, bool, std::less<>>& drawn);
Result<std::map<::allora::emissions::Address, bool, std::less<>>> sortitionAt(const KvStore& store,
                                                                              ScoreKind kind,
                                                                              uint64_t topicId,
                                                                              int64_t nonce);

// Reward inclusions of a worker (inferer or forecaster) in a topic.
Result<uint64_t> inclusionCount(const KvStore& store, uint64_t topicId, ByteSpan worker);
Status addInclusion(KvStore& store, uint64_t topicId, ByteSpan worker);

// Smoothed reward fractions of a task (the normalized f̃ of smoothRewardFractions).
Result<::allora::emissions::ActorValues> smoothedFractions(const KvStore& store, ScoreKind kind,
                                                           uint64_t topicId);
Status setSmoothedFractions(KvStore& store, ScoreKind kind, uint64_t topicId,
                            const ::allora::emissions::ActorValues& fractions);

}  // namespace allora::node::emissions
