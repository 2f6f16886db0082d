// Merit sortition (PROTOCOL.md §7, Worker scores): which inferers, forecasters or reputers of a
// topic are active this epoch, and how every participant's EMA score moves.
//
// The rule, as allora-chain's x/emissions keeper applies it (actor_utils FindTopNByScoreDesc,
// GetQuantileOfScores, math.CalcEma) and as its simulator's vector sortition_epochs_300_400.csv
// shows it:
//   1. Rank all candidates by their previous EMA score, highest first; the first max_active are
//      active. The cutoff is the previous EMA of the last active one.
//   2. Only active participants are scored this epoch. Each active one's EMA becomes
//      α·score + (1 − α)·EMA_prev (its score alone if it has no EMA yet).
//   3. Each passive one's EMA becomes α·q + (1 − α)·EMA_prev, where q is the quantile
//      (active_*_quantile) of this epoch's active scores: passive participants drift towards the
//      active set's lower quantile, so one can climb back in.
// Ties are broken deterministically: an incumbent (with an EMA) before a newcomer, then by
// ascending address. allora-chain breaks exact ties with a Go math/rand draw seeded by the block
// height, which no other implementation can reproduce; with real-valued scores ties do not occur.
// Plain double arithmetic (+, −, ×, comparisons, floor) only, in a fixed order (DESIGN.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/result.h"
#include "node/modules/emissions/synthesis_types.h"

namespace allora::emissions {

struct SortitionParams {
    uint64_t maxActive = 0;  // max top inferers / forecasters / reputers: 32 / 6 / 6 (default)
    double alpha = 0.1;      // the topic's merit_sortition_alpha
    double quantile = 0.25;  // the topic's active_{inferer,forecaster,reputer}_quantile, in [0, 1]
};

// A participant that may be drawn: its EMA score so far, none for a newcomer.
struct SortitionCandidate {
    std::optional<double> previousEma;
};

struct ActiveSet {
    std::vector<Address> ranking;  // every candidate, best previous EMA first
    std::set<Address> active;      // the first maxActive of ranking
    double cutoff = 0;             // previous EMA of the last active candidate (0 if none)
};

// Step 1. A newcomer ranks with newcomerEma (the topic's stored quantile score; 0 if none), below
// any incumbent with the same value. Scores must be finite (ErrorCode::InvalidArgument).
Result<ActiveSet> selectActiveSet(
    const std::map<Address, SortitionCandidate, std::less<>>& candidates, uint64_t maxActive,
    double newcomerEma = 0);

// Addresses ordered by score, highest first, ties by ascending address.
std::vector<Address> rankByScoreDesc(const ActorValues& scores);

// The q-quantile of scores as allora-chain computes it: sorted highest first, position
// (1 − q)·(n − 1), linear interpolation between its two neighbours. 0 for no scores. q outside
// [0, 1] or a non-finite score is ErrorCode::InvalidArgument.
Result<double> quantileOfScores(const std::vector<double>& scores, double q);

// The EMA of a score: α·current + (1 − α)·previous, or `current` alone without a previous value
// (merit_sortition_alpha for worker and reputer scores, task_reward_alpha for reward fractions).
double scoreEma(double alpha, double current, std::optional<double> previous);

struct EmaUpdate {
    double activeQuantile = 0;  // q of step 3
    ActorValues emas;           // new EMA of every participant of previousEmas ∪ activeScores
};

// Steps 2 and 3. previousEmas: the participants with an EMA; activeScores: this epoch's scores
// of the active set.
Result<EmaUpdate> updateScoreEmas(const ActorValues& previousEmas, const ActorValues& activeScores,
                                  const SortitionParams& params);

}  // namespace allora::emissions
