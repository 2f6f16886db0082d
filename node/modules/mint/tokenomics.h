// Tokenomics of the mint module (PROTOCOL.md §7, Emissions): the monthly emission rate, the
// vesting schedule of team and investors, the circulating supply, and the per-block mint split.
//
// Pure functions over plain structs, as allora-chain's x/mint keeper computes them
// (x/mint/keeper/emissions.go, x/mint/module/abci.go): a keeper reads staked tokens and the
// ecosystem bucket from state and passes them in. Rates are LegacyDec (18 decimals, the rounding
// of cosmossdk.io/math), amounts are uallo integers; every step is checked for overflow.
//
// Once a month (every blocks_per_month blocks):
//   ê_target = f_e · (T_eco / N_staked) · (N_circ / N_max)        T_eco: ecosystem tokens not yet
//   paid ê_max    = MPY_max / (f_val + (1 − f_val) · f_rep)            f_rep: reputers' share of
//   topic rewards ê        = min(ê_target, ê_max) e        = α_e · ê + (1 − α_e) · e_prev e = ê the
//   first month E_month  = floor(e · N_staked) E_block  = floor(E_month / blocks_per_month)
#pragma once

#include <cstdint>
#include <optional>

#include "core/amount.h"
#include "core/result.h"
#include "node/modules/mint/legacy_dec.h"

namespace allora::mint {

struct TokenomicsParams {
    Amount maxSupply;     // N_max: 10^27 uallo (10^9 ALLO), PROTOCOL.md §1
    LegacyDec fEmission;  // f_e: 0.025 per month (PROTOCOL.md §7, the simulator vector)
    LegacyDec oneMonthSmoothingDegree;    // α_e: 0.1 (PROTOCOL.md §7, the simulator vector)
    LegacyDec maxMonthlyPercentageYield;  // MPY_max: 0.0095 (PROTOCOL.md §7)
    LegacyDec validatorsPercent;          // f_val: validators_vs_allora_percent_reward 0.25
    // Genesis allocation, fractions of maxSupply (PROTOCOL.md §7, Emissions).
    LegacyDec ecosystemPercent;         // 0.3595
    LegacyDec investorsPercent;         // 0.2605 (seed investors)
    LegacyDec investorsPreseedPercent;  // 0.05
    LegacyDec teamPercent;              // 0.175
    LegacyDec foundationPercent;        // 0.10, unlocked at genesis
    LegacyDec participantsPercent;      // 0.055, unlocked at genesis
    uint64_t blocksPerMonth = 864'000;  // PROTOCOL.md §8
};

// The values above.
TokenomicsParams defaultTokenomicsParams();

// Team and investor tokens still locked: all of them before month 12, (36 − m)/36 of them in
// months 12–35 (m = height / blocks_per_month), none from month 36 (allora-chain
// GetLockedVestingTokens: each bucket floor(pct · N_max), times the LegacyDec (36 − m)/36,
// truncated).
struct LockedVesting {
    Amount preseedInvestors;
    Amount investors;
    Amount team;
    Amount total;
};
Result<LockedVesting> lockedVestingTokens(const TokenomicsParams& params, uint64_t blockHeight);

// floor(pct · maxSupply): a genesis bucket (e.g. the ecosystem's initial T_eco).
Result<Amount> allocation(const TokenomicsParams& params, const LegacyDec& percent);

// N_circ = N_max − locked vesting − ecosystem tokens not yet paid out; below zero is an error.
Result<Amount> circulatingSupply(const Amount& maxSupply, const Amount& lockedVesting,
                                 const Amount& ecosystemLocked);

// ê_target; N_staked or N_max of zero is ErrorCode::InvalidArgument.
Result<LegacyDec> targetEmissionPerUnitStaked(const LegacyDec& fEmission,
                                              const Amount& ecosystemLocked,
                                              const Amount& networkStaked,
                                              const Amount& circulatingSupply,
                                              const Amount& maxSupply);

// ê_max = MPY_max / (f_val + (1 − f_val) · f_rep).
Result<LegacyDec> maxEmissionPerUnitStaked(const LegacyDec& maxMonthlyPercentageYield,
                                           const LegacyDec& reputersPercentOfTopicRewards,
                                           const LegacyDec& validatorsPercent);

// α · current + (1 − α) · previous, in that order of operations.
Result<LegacyDec> emissionEma(const LegacyDec& current, const LegacyDec& alpha,
                              const LegacyDec& previous);

// What the keeper knows at a monthly recalculation.
struct EmissionInputs {
    uint64_t blockHeight = 0;                 // for the vesting schedule
    Amount networkStaked;                     // validators' bonded tokens + reputers' stake
    Amount ecosystemLocked;                   // T_eco: ecosystem balance + what it may still mint
    LegacyDec reputersPercentOfTopicRewards;  // f_rep, the previous month's
    std::optional<LegacyDec> previousEmissionPerUnitStaked;  // e_prev; none the first month
};

struct EmissionUpdate {
    LockedVesting lockedVesting;
    Amount circulatingSupply;
    LegacyDec targetEmissionPerUnitStaked;  // ê_target
    LegacyDec maxEmissionPerUnitStaked;     // ê_max
    LegacyDec cappedEmissionPerUnitStaked;  // ê
    LegacyDec emissionPerUnitStaked;        // e (store as the next e_prev)
    Amount monthlyEmission;                 // E_month
    Amount blockEmission;                   // E_block
};

Result<EmissionUpdate> computeEmission(const TokenomicsParams& params, const EmissionInputs& in);

// floor(monthly / blocks_per_month). The remainder (< blocks_per_month uallo a month) is never
// minted, as in allora-chain.
Result<Amount> blockEmission(const Amount& monthlyEmission, uint64_t blocksPerMonth);

// One block's mint: validators get floor(f_val · E_block) (to the fee collector), topic rewards
// get the rest, so the two always add up to E_block and rounding favours the rewards side.
struct BlockMintSplit {
    Amount validators;
    Amount topicRewards;
};
Result<BlockMintSplit> splitBlockEmission(const Amount& blockEmission,
                                          const LegacyDec& validatorsPercent);

}  // namespace allora::mint
