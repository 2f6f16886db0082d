// The per-epoch history of a topic, for charts (issue 5, item 6): one TopicEpochRecord per worker
// nonce, kept in consensus state (part of the app hash) and read by the queries
// GetTopicEpochHistory and GetNetworkInferencesAtBlock (queries.cpp).
//
// The epoch close (epoch_close.h) writes the record when the nonce's worker window closes (the
// synthesis: network and naive inference, confidence band, each inferer's inference and each
// forecaster's forecast-implied inference with its normalised weight, the one-out and one-in
// values a late reputer needs) and fills it in when the
// nonce's reputer window closes (the network and naive losses, each worker's regret after the
// update and its score for the epoch, the closing height). An epoch the synthesis skipped has no
// record. The ground truth is not on chain (reputers report losses, not the truth), so the
// record has none; a chart takes the truth from its own data.
//
// State (continuing keeper.h's layout; topic id and heights 8-byte big-endian):
//   em/hist/ id           the heights of the topic's records, ascending, 8 bytes each (index)
//   em/hist/ id height    TopicEpochRecord
// Bounded: a topic keeps at most kTopicHistoryMaxEpochs records; writing one more deletes the
// oldest, so the history's state grows with the number of topics, not with the chain's age. The
// epoch's other records go with it (pruneNonceRecords): without that a devnet with the demo
// participants grew its state by about 1 MB a minute, forever.
#pragma once

#include <cstdint>
#include <optional>

#include "allora/emissions/v9/query.pb.h"
#include "allora/emissions/v9/types.pb.h"
#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

// The newest records a topic keeps.
inline constexpr size_t kTopicHistoryMaxEpochs = 1000;
// GetTopicEpochHistory's page size: the default (limit 0) and the largest allowed.
inline constexpr uint32_t kTopicHistoryDefaultLimit = 100;
inline constexpr uint32_t kTopicHistoryMaxLimit = 1000;

// The worker window of n's nonce closed with these network inferences: writes its record
// (replacing one of the same nonce) and drops the oldest beyond the bound.
Status recordEpochInferences(KvStore& store, const pb::NetworkInferences& n);

// The reputer window of `nonce` closed at `closedAt`, after the network losses, the regret
// update and the scores were stored: fills in the record's losses, regrets and scores. Nothing
// to do when the epoch has no record (skipped synthesis, or dropped by the bound).
Status recordEpochClose(KvStore& store, uint64_t topicId, int64_t nonce, int64_t closedAt);

// Deletes the topic's per-nonce records of every nonce up to `through` (inclusive): inferences,
// forecasts, reputer value bundles, network losses (em/inf/, em/fc/, em/rep/, em/netloss/), and
// scores and active-set draws of every kind (em/score/, em/aset/). Called when the history drops
// its record of nonce `through`: nothing reads records that old (a reputer nonce closes within
// 2 ground-truth lags; EMAs, regrets and counts live in their own keys), and the queries of such
// a nonce answer as for one without submissions.
Status pruneNonceRecords(KvStore& store, uint64_t topicId, int64_t through);

// The record of one epoch, nullopt when none is kept.
Result<std::optional<pb::TopicEpochRecord>> topicEpochRecord(const KvStore& store, uint64_t topicId,
                                                             int64_t nonce);

// Up to `limit` (≥ 1) records with block_height < before (every record when before is 0), newest
// first, and the next page's `before` (0 when no older record is left). The caller checks the
// request (topic, limit).
Result<pb::GetTopicEpochHistoryResponse> topicEpochHistory(const KvStore& store, uint64_t topicId,
                                                           int64_t before, uint32_t limit);

// The NetworkInferences a record holds: values, weights (those it has), band, and the one-out and
// one-in values (records written before they were kept have none); no mode (not kept).
pb::NetworkInferences networkInferencesOf(const pb::TopicEpochRecord& record);

}  // namespace allora::node::emissions
