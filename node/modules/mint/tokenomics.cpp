#include "node/modules/mint/tokenomics.h"

#include <string>

namespace allora::mint {

namespace {

// Unwraps a Result into `var` or returns its error from the enclosing function.
#define ALLORA_TRY(var, expr)             \
    auto var##_r = (expr);                \
    if (!var##_r) return var##_r.error(); \
    auto var = std::move(*var##_r)

constexpr uint64_t kCliffMonths = 12;    // team and investors: locked for a year
constexpr uint64_t kVestingMonths = 36;  // then linear until the end of year three

}  // namespace

TokenomicsParams defaultTokenomicsParams() {
    TokenomicsParams p;
    p.maxSupply = Amount::fromAllo(1'000'000'000);
    p.fEmission = LegacyDec::mustParse("0.025");
    p.oneMonthSmoothingDegree = LegacyDec::mustParse("0.1");
    p.maxMonthlyPercentageYield = LegacyDec::mustParse("0.0095");
    p.validatorsPercent = LegacyDec::mustParse("0.25");
    p.ecosystemPercent = LegacyDec::mustParse("0.3595");
    p.investorsPercent = LegacyDec::mustParse("0.2605");
    p.investorsPreseedPercent = LegacyDec::mustParse("0.05");
    p.teamPercent = LegacyDec::mustParse("0.175");
    p.foundationPercent = LegacyDec::mustParse("0.10");
    p.participantsPercent = LegacyDec::mustParse("0.055");
    p.blocksPerMonth = 864'000;
    return p;
}

Result<Amount> allocation(const TokenomicsParams& params, const LegacyDec& percent) {
    ALLORA_TRY(supply, LegacyDec::fromAmount(params.maxSupply));
    ALLORA_TRY(share, percent.mul(supply));
    return Amount::fromInt(share.truncate());
}

Result<LockedVesting> lockedVestingTokens(const TokenomicsParams& params, uint64_t blockHeight) {
    if (params.blocksPerMonth == 0) {
        return makeError(ErrorCode::InvalidArgument, "blocks_per_month is zero");
    }
    ALLORA_TRY(preseed, allocation(params, params.investorsPreseedPercent));
    ALLORA_TRY(investors, allocation(params, params.investorsPercent));
    ALLORA_TRY(team, allocation(params, params.teamPercent));
    const uint64_t months = blockHeight / params.blocksPerMonth;
    LockedVesting out;
    if (months < kCliffMonths) {
        out.preseedInvestors = preseed;
        out.investors = investors;
        out.team = team;
    } else if (months < kVestingMonths) {
        ALLORA_TRY(lockedFraction, LegacyDec::ratio(kVestingMonths - months, kVestingMonths));
        auto part = [&](const Amount& full) -> Result<Amount> {
            ALLORA_TRY(fullDec, LegacyDec::fromAmount(full));
            ALLORA_TRY(locked, lockedFraction.mul(fullDec));
            return Amount::fromInt(locked.truncate());
        };
        ALLORA_TRY(p, part(preseed));
        ALLORA_TRY(i, part(investors));
        ALLORA_TRY(t, part(team));
        out.preseedInvestors = p;
        out.investors = i;
        out.team = t;
    }
    ALLORA_TRY(sum, out.preseedInvestors.add(out.investors));
    ALLORA_TRY(total, sum.add(out.team));
    out.total = total;
    return out;
}

Result<Amount> circulatingSupply(const Amount& maxSupply, const Amount& lockedVesting,
                                 const Amount& ecosystemLocked) {
    ALLORA_TRY(afterVesting, maxSupply.sub(lockedVesting));
    return afterVesting.sub(ecosystemLocked);
}

Result<LegacyDec> targetEmissionPerUnitStaked(const LegacyDec& fEmission,
                                              const Amount& ecosystemLocked,
                                              const Amount& networkStaked,
                                              const Amount& circulatingSupply,
                                              const Amount& maxSupply) {
    if (networkStaked.isZero() || maxSupply.isZero()) {
        return makeError(ErrorCode::InvalidArgument,
                         "zero denominator: staked " + networkStaked.toUalloString() +
                             ", max supply " + maxSupply.toUalloString());
    }
    ALLORA_TRY(circ, LegacyDec::fromAmount(circulatingSupply));
    ALLORA_TRY(max, LegacyDec::fromAmount(maxSupply));
    ALLORA_TRY(eco, LegacyDec::fromAmount(ecosystemLocked));
    ALLORA_TRY(staked, LegacyDec::fromAmount(networkStaked));
    ALLORA_TRY(ratioCirculating, circ.quo(max));
    ALLORA_TRY(ratioEcosystemToStaked, eco.quo(staked));
    ALLORA_TRY(partial, fEmission.mul(ratioEcosystemToStaked));
    return partial.mul(ratioCirculating);
}

Result<LegacyDec> maxEmissionPerUnitStaked(const LegacyDec& maxMonthlyPercentageYield,
                                           const LegacyDec& reputersPercentOfTopicRewards,
                                           const LegacyDec& validatorsPercent) {
    // f_rep is a share of the topic rewards, which are (1 − f_val) of the emission.
    ALLORA_TRY(topicShare, LegacyDec::one().sub(validatorsPercent));
    ALLORA_TRY(reputersShare, topicShare.mul(reputersPercentOfTopicRewards));
    ALLORA_TRY(stakersShare, reputersShare.add(validatorsPercent));
    return maxMonthlyPercentageYield.quo(stakersShare);
}

Result<LegacyDec> emissionEma(const LegacyDec& current, const LegacyDec& alpha,
                              const LegacyDec& previous) {
    ALLORA_TRY(first, alpha.mul(current));
    ALLORA_TRY(inverseAlpha, LegacyDec::one().sub(alpha));
    ALLORA_TRY(second, inverseAlpha.mul(previous));
    return first.add(second);
}

Result<EmissionUpdate> computeEmission(const TokenomicsParams& params, const EmissionInputs& in) {
    EmissionUpdate out;
    ALLORA_TRY(locked, lockedVestingTokens(params, in.blockHeight));
    out.lockedVesting = locked;
    ALLORA_TRY(circ, circulatingSupply(params.maxSupply, locked.total, in.ecosystemLocked));
    out.circulatingSupply = circ;
    ALLORA_TRY(target, targetEmissionPerUnitStaked(params.fEmission, in.ecosystemLocked,
                                                   in.networkStaked, circ, params.maxSupply));
    out.targetEmissionPerUnitStaked = target;
    ALLORA_TRY(
        max, maxEmissionPerUnitStaked(params.maxMonthlyPercentageYield,
                                      in.reputersPercentOfTopicRewards, params.validatorsPercent));
    out.maxEmissionPerUnitStaked = max;
    out.cappedEmissionPerUnitStaked = target > max ? max : target;
    // The first month has no history: its smoothed rate is the capped target itself.
    const LegacyDec previous =
        in.previousEmissionPerUnitStaked.value_or(out.cappedEmissionPerUnitStaked);
    ALLORA_TRY(
        e, emissionEma(out.cappedEmissionPerUnitStaked, params.oneMonthSmoothingDegree, previous));
    out.emissionPerUnitStaked = e;
    ALLORA_TRY(monthly, e.mulTruncate(in.networkStaked));
    out.monthlyEmission = monthly;
    ALLORA_TRY(block, blockEmission(monthly, params.blocksPerMonth));
    out.blockEmission = block;
    return out;
}

Result<Amount> blockEmission(const Amount& monthlyEmission, uint64_t blocksPerMonth) {
    if (blocksPerMonth == 0)
        return makeError(ErrorCode::InvalidArgument, "blocks_per_month is zero");
    return monthlyEmission.mulFrac(1, blocksPerMonth);
}

Result<BlockMintSplit> splitBlockEmission(const Amount& blockEmission,
                                          const LegacyDec& validatorsPercent) {
    if (validatorsPercent > LegacyDec::one()) {
        return makeError(ErrorCode::InvalidArgument,
                         "validators percent above 1: " + validatorsPercent.toString());
    }
    ALLORA_TRY(validators, validatorsPercent.mulTruncate(blockEmission));
    ALLORA_TRY(rewards, blockEmission.sub(validators));
    return BlockMintSplit{validators, rewards};
}

#undef ALLORA_TRY

}  // namespace allora::mint
