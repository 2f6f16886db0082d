// MintKeeper: the mint module's state (PROTOCOL.md §7, Emissions). It holds no state of its own:
// every call takes the KvStore to work on, so nothing survives in memory from block to block.
//
// State layout (under "mint/"; "mint/rewards_per_block" belongs to node/modules/reward_pool.h):
//   mint/params              mint.v1.Params
//   mint/state               mint.v1.MintState (e_prev, block emission, tokens minted, last
//                            recalculation height)
//   mint/last_recalculation  mint.v1.EmissionRecalculation (the figures, for queries)
// Balances it reads: the ecosystem account (fees and FundTopic amounts, and what the mint mints
// before paying it out), the allorastaking account (N_staked), the fee collector and
// allorarewards accounts (where each block's emission goes); all are module accounts,
// address = moduleAddress(name), the names the emissions module uses.
#pragma once

#include <optional>
#include <string_view>

#include "node/modules/bank/bank_keeper.h"
#include "node/modules/kv_store.h"
#include "node/modules/mint/params.h"

namespace allora::mint {

inline constexpr std::string_view kEcosystemName = "ecosystem";
inline constexpr std::string_view kStakingName = "allorastaking";
inline constexpr std::string_view kRewardsName = "allorarewards";

class MintKeeper {
public:
    explicit MintKeeper(const node::bank::BankKeeper& bank) : bank_(bank) {}
    const node::bank::BankKeeper& bank() const { return bank_; }

    Result<pb::Params> params(const node::KvStore& store) const;
    Status setParams(node::KvStore& store, const pb::Params& params) const;

    Result<pb::MintState> state(const node::KvStore& store) const;
    Status setState(node::KvStore& store, const pb::MintState& state) const;

    Result<std::optional<pb::EmissionRecalculation>> lastRecalculation(
        const node::KvStore& store) const;
    Status setLastRecalculation(node::KvStore& store, const pb::EmissionRecalculation& r) const;

    // Balance of a module account in uallo.
    Result<Amount> moduleBalance(const node::KvStore& store, std::string_view name) const;

    // floor(max_supply · ecosystem percent) − ecosystem_tokens_minted, floored at zero.
    Result<Amount> ecosystemMintSupplyRemaining(const pb::Params& params,
                                                const pb::MintState& state) const;

    // The reputers' share of topic rewards as the emissions module last wrote it (reward_pool.h),
    // read as a LegacyDec (digits past the 18th decimal are dropped; an exponent is allowed);
    // kDefaultReputersPercent when none is written. isDefault tells which.
    struct ReputersPercent {
        LegacyDec value;
        bool isDefault = false;
    };
    Result<ReputersPercent> reputersPercent(const node::KvStore& store) const;

private:
    const node::bank::BankKeeper& bank_;
};

// Parses a non-negative decimal ("0.25", "0.333…" with any number of digits, "2.5e-1") into a
// LegacyDec, truncating past 18 decimals. InvalidArgument for anything else.
Result<LegacyDec> parseShare(std::string_view text);

}  // namespace allora::mint
