#include "node/modules/mint/begin_block.h"

#include <algorithm>
#include <string>

#include "node/modules/address.h"
#include "node/modules/auth/auth_keeper.h"
#include "node/modules/coins.h"
#include "node/modules/reward_pool.h"

namespace allora::mint {

namespace {

using node::TxCode;
using node::TxStatus;

// Unwraps a Result into `var` or returns a failed TxStatus from the enclosing function.
#define MINT_TRY(var, expr)                                   \
    auto var##_r = (expr);                                    \
    if (!var##_r) return TxStatus::internal(var##_r.error()); \
    auto var = std::move(*var##_r)

#define MINT_CHECK(expr)                                                  \
    do {                                                                  \
        if (auto s_ = (expr); !s_) return TxStatus::internal(s_.error()); \
    } while (0)

node::Coins uallo(const Amount& amount) {
    return node::Coins{node::Coin{std::string(node::kBondDenom), amount}};
}

struct BlockInputs {
    uint64_t height;
    Amount ecosystemBalance;
    Amount mintRemaining;
};

// The monthly recalculation: updates `state` and stores the figures.
TxStatus recalculate(const MintKeeper& keeper, node::MsgContext& ctx, const TokenomicsParams& t,
                     const BlockInputs& in, pb::MintState& state) {
    MINT_TRY(staked, keeper.moduleBalance(ctx.store, kStakingName));
    MINT_TRY(reputers, keeper.reputersPercent(ctx.store));
    MINT_TRY(ecosystemLocked, in.ecosystemBalance.add(in.mintRemaining));
    MINT_TRY(locked, lockedVestingTokens(t, in.height));
    auto circulating = circulatingSupply(t.maxSupply, locked.total, ecosystemLocked);
    if (!circulating)
        return TxStatus::fail(TxCode::Internal,
                              "negative circulating supply at height " + std::to_string(in.height) +
                                  ": max supply " + t.maxSupply.toCoinString() +
                                  " - locked vesting " + locked.total.toCoinString() +
                                  " - ecosystem locked " + ecosystemLocked.toCoinString());

    pb::EmissionRecalculation r;
    r.set_block_height(in.height);
    r.set_network_staked_tokens(staked.toUalloString());
    r.set_ecosystem_balance(in.ecosystemBalance.toUalloString());
    r.set_ecosystem_mint_supply_remaining(in.mintRemaining.toUalloString());
    r.set_ecosystem_locked(ecosystemLocked.toUalloString());
    r.set_locked_vesting_tokens_total(locked.total.toUalloString());
    r.set_locked_vesting_tokens_investors_preseed(locked.preseedInvestors.toUalloString());
    r.set_locked_vesting_tokens_investors_seed(locked.investors.toUalloString());
    r.set_locked_vesting_tokens_team(locked.team.toUalloString());
    r.set_circulating_supply(circulating->toUalloString());
    r.set_reputers_percent(reputers.value.toString());
    r.set_reputers_percent_is_default(reputers.isDefault);

    Amount monthly, block;
    if (staked.isZero()) {
        // No stake: no rate per staked token and nothing to pay; e_prev stays for the next try.
        state.set_retry_recalculation(true);
    } else {
        EmissionInputs inputs;
        inputs.blockHeight = in.height;
        inputs.networkStaked = staked;
        inputs.ecosystemLocked = ecosystemLocked;
        inputs.reputersPercentOfTopicRewards = reputers.value;
        if (!state.previous_reward_emission_per_unit_staked_token().empty()) {
            MINT_TRY(prev,
                     LegacyDec::parse(state.previous_reward_emission_per_unit_staked_token()));
            inputs.previousEmissionPerUnitStaked = prev;
        }
        MINT_TRY(upd, computeEmission(t, inputs));
        r.set_target_emission_rate_per_unit_staked_token(
            upd.targetEmissionPerUnitStaked.toString());
        r.set_maximum_monthly_emission_per_unit_staked_token(
            upd.maxEmissionPerUnitStaked.toString());
        r.set_capped_emission_per_unit_staked_token(upd.cappedEmissionPerUnitStaked.toString());
        r.set_emission_per_unit_staked_token(upd.emissionPerUnitStaked.toString());
        monthly = upd.monthlyEmission;
        block = upd.blockEmission;
        state.set_previous_reward_emission_per_unit_staked_token(
            upd.emissionPerUnitStaked.toString());
        state.set_retry_recalculation(false);
    }
    r.set_emission_per_month(monthly.toUalloString());
    r.set_block_emission(block.toUalloString());
    state.set_previous_block_emission(block.toUalloString());
    state.set_last_recalculation_height(in.height);
    MINT_CHECK(keeper.setLastRecalculation(ctx.store, r));
    ctx.events.push_back(
        node::Event{"mint.v1.EventTokenomicsSet",
                    {{"block_height", std::to_string(in.height)},
                     {"staked_token_amount", staked.toCoinString()},
                     {"circulating_supply", circulating->toCoinString()},
                     {"emissions_amount", monthly.toCoinString()},
                     {"block_emission", block.toCoinString()},
                     {"emission_per_unit_staked_token", r.emission_per_unit_staked_token()}}});
    return TxStatus::success();
}

}  // namespace

TxStatus mintBeginBlock(const MintKeeper& keeper, node::MsgContext& ctx) {
    auto stored = keeper.params(ctx.store);
    // A chain whose genesis predates the mint module has no mint params: it runs without minting
    // (writing nothing), so its existing homes keep their state and app hashes.
    if (!stored && stored.code() == ErrorCode::NotFound) return TxStatus::success();
    MINT_TRY(params, std::move(stored));
    // Emission disabled: nothing is minted or paid, and rewards_per_block is left as it is (a
    // devnet may set it in the emissions genesis and fund allorarewards itself).
    if (!params.emission_enabled()) return TxStatus::success();
    MINT_TRY(state, keeper.state(ctx.store));
    MINT_TRY(t, tokenomicsParams(params));
    MINT_TRY(fVal, validatorsPercent(params));
    const auto& bank = keeper.bank();
    const Bytes ecosystem = node::moduleAddress(kEcosystemName);

    BlockInputs in{ctx.block.height, {}, {}};
    MINT_TRY(balance, keeper.moduleBalance(ctx.store, kEcosystemName));
    MINT_TRY(remaining, keeper.ecosystemMintSupplyRemaining(params, state));
    in.ecosystemBalance = balance;
    in.mintRemaining = remaining;

    const bool due = state.last_recalculation_height() == 0 || state.retry_recalculation() ||
                     in.height >= state.last_recalculation_height() + params.blocks_per_month();
    if (due)
        if (TxStatus s = recalculate(keeper, ctx, t, in, state); !s.ok()) return s;

    auto emission = node::parseCoinAmount(state.previous_block_emission());
    if (!emission) return TxStatus::fail(TxCode::Internal, "mint state: previous_block_emission");

    // Mint what the ecosystem account lacks, within its allotment and the max supply.
    Amount minted;
    bool capped = false;
    if (*emission > balance) {
        MINT_TRY(wanted, emission->sub(balance));
        MINT_TRY(supply, bank.supplyOf(ctx.store, node::kBondDenom));
        const Amount headroom = supply >= t.maxSupply ? Amount{} : *t.maxSupply.sub(supply);
        minted = std::min({wanted, remaining, headroom});
        capped = minted < wanted;
        if (!minted.isZero()) {
            MINT_CHECK(bank.mint(ctx.store, ecosystem, uallo(minted)));
            MINT_TRY(prior, node::parseCoinAmount(state.ecosystem_tokens_minted()));
            MINT_TRY(total, prior.add(minted));
            state.set_ecosystem_tokens_minted(total.toUalloString());
            ctx.events.push_back(node::Event{
                "coinbase",
                {{"minter", node::formatAddress(ecosystem)}, {"amount", minted.toCoinString()}}});
        }
    }
    MINT_TRY(available, balance.add(minted));
    const Amount paid = std::min(*emission, available);
    MINT_TRY(split, splitBlockEmission(paid, fVal));
    const int64_t seconds = ctx.block.timeUnixNanos / 1'000'000'000;
    if (!split.validators.isZero()) {
        TxStatus s = bank.send(ctx.store, seconds, ecosystem,
                               node::moduleAddress(node::auth::kFeeCollectorName),
                               uallo(split.validators), &ctx.events);
        if (!s.ok()) return s;
    }
    if (!split.topicRewards.isZero()) {
        TxStatus s = bank.send(ctx.store, seconds, ecosystem, node::moduleAddress(kRewardsName),
                               uallo(split.topicRewards), &ctx.events);
        if (!s.ok()) return s;
    }
    MINT_CHECK(node::setRewardsPerBlock(ctx.store, split.topicRewards));
    MINT_CHECK(keeper.setState(ctx.store, state));
    ctx.events.push_back(node::Event{"mint.v1.EventBlockEmission",
                                     {{"block_height", std::to_string(in.height)},
                                      {"block_emission", emission->toCoinString()},
                                      {"minted", minted.toCoinString()},
                                      {"validator_cut", split.validators.toCoinString()},
                                      {"allora_rewards_cut", split.topicRewards.toCoinString()},
                                      {"capped", capped ? "true" : "false"}}});
    return TxStatus::success();
}

#undef MINT_TRY
#undef MINT_CHECK

}  // namespace allora::mint
