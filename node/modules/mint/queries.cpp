#include "node/modules/mint/queries.h"

#include "allora/mint/v1/query.pb.h"
#include "node/modules/coins.h"
#include "node/modules/proto_util.h"
#include "node/modules/reward_pool.h"

namespace allora::mint {

namespace {

using node::QueryResponse;
using node::TxCode;

QueryResponse fail(TxCode code, std::string log) {
    QueryResponse r;
    r.code = static_cast<uint32_t>(code);
    r.log = std::move(log);
    return r;
}

QueryResponse internal(const Error& e) {
    return fail(TxCode::Internal, e.message);
}

QueryResponse answer(const google::protobuf::MessageLite& msg) {
    QueryResponse r;
    r.value = node::toBytes(msg);
    return r;
}

// Decodes the (empty) request strictly, then answers with body().
template <typename Req, typename Body>
QueryResponse run(const node::QueryRequest& request, Body body) {
    Req req;
    if (!node::parseStrict(req, request.data))
        return fail(TxCode::TxDecode, "malformed query request for " + request.path);
    return body();
}

// block emission · blocks_per_month · 12 / circulating, as a LegacyDec; 0 without a figure.
Result<LegacyDec> inflation(const pb::Params& params, const pb::MintState& state,
                            const std::optional<pb::EmissionRecalculation>& last) {
    if (!last) return LegacyDec{};
    auto block = node::parseCoinAmount(state.previous_block_emission());
    auto circulating = node::parseCoinAmount(last->circulating_supply());
    if (!block || !circulating) return makeError(ErrorCode::Corrupt, "mint state is corrupt");
    if (circulating->isZero()) return LegacyDec{};
    auto yearly = block->mul(params.blocks_per_month());
    if (!yearly) return yearly.error();
    auto yearly12 = yearly->mul(12);
    if (!yearly12) return yearly12.error();
    auto num = LegacyDec::fromAmount(*yearly12);
    auto den = LegacyDec::fromAmount(*circulating);
    if (!num) return num.error();
    if (!den) return den.error();
    return num->quo(*den);
}

}  // namespace

QueryResponse mintQuery(const MintKeeper& keeper, const node::KvStore& store,
                        const node::QueryRequest& request) {
    const std::string_view name = std::string_view(request.path).substr(kQueryPrefix.size());
    auto params = keeper.params(store);
    if (!params) return internal(params.error());
    auto state = keeper.state(store);
    if (!state) return internal(state.error());
    auto last = keeper.lastRecalculation(store);
    if (!last) return internal(last.error());

    if (name == "Params")
        return run<pb::ParamsRequest>(request, [&] {
            pb::ParamsResponse r;
            *r.mutable_params() = *params;
            return answer(r);
        });
    if (name == "Inflation")
        return run<pb::InflationRequest>(request, [&] {
            auto rate = inflation(*params, *state, *last);
            if (!rate) return internal(rate.error());
            pb::InflationResponse r;
            r.set_inflation(rate->toString());
            r.set_emission_per_unit_staked_token(
                state->previous_reward_emission_per_unit_staked_token().empty()
                    ? LegacyDec{}.toString()
                    : state->previous_reward_emission_per_unit_staked_token());
            return answer(r);
        });
    if (name == "BlockEmission")
        return run<pb::BlockEmissionRequest>(request, [&] {
            auto block = node::parseCoinAmount(state->previous_block_emission());
            if (!block) return internal(makeError(ErrorCode::Corrupt, "mint state is corrupt"));
            auto fVal = validatorsPercent(*params);
            if (!fVal) return internal(fVal.error());
            auto split = splitBlockEmission(*block, *fVal);
            if (!split) return internal(split.error());
            auto rewards = node::rewardsPerBlock(store);
            if (!rewards) return internal(rewards.error());
            pb::BlockEmissionResponse r;
            r.set_block_emission(block->toUalloString());
            r.set_validator_cut(split->validators.toUalloString());
            r.set_allora_rewards_cut(split->topicRewards.toUalloString());
            r.set_rewards_per_block(rewards->toUalloString());
            return answer(r);
        });
    if (name == "LastRecalculation")
        return run<pb::LastRecalculationRequest>(request, [&] {
            pb::LastRecalculationResponse r;
            if (*last) *r.mutable_recalculation() = **last;
            return answer(r);
        });
    if (name == "EmissionInfo")
        return run<pb::EmissionInfoRequest>(request, [&] {
            auto balance = keeper.moduleBalance(store, kEcosystemName);
            if (!balance) return internal(balance.error());
            auto remaining = keeper.ecosystemMintSupplyRemaining(*params, *state);
            if (!remaining) return internal(remaining.error());
            pb::EmissionInfoResponse r;
            *r.mutable_params() = *params;
            r.set_ecosystem_balance(balance->toUalloString());
            r.set_previous_block_emission(state->previous_block_emission());
            r.set_ecosystem_mint_supply_remaining(remaining->toUalloString());
            r.set_blocks_per_month(params->blocks_per_month());
            r.set_block_height_target_e_i_last_calculated(state->last_recalculation_height());
            r.set_block_height_target_e_i_next_calculated(
                state->retry_recalculation() || state->last_recalculation_height() == 0
                    ? state->last_recalculation_height() + 1
                    : state->last_recalculation_height() + params->blocks_per_month());
            r.set_ecosystem_tokens_minted(state->ecosystem_tokens_minted());
            r.set_previous_reward_emission_per_unit_staked_token(
                state->previous_reward_emission_per_unit_staked_token());
            if (*last) *r.mutable_last_recalculation() = **last;
            return answer(r);
        });
    return fail(TxCode::UnknownRequest, "unknown mint query: " + request.path);
}

}  // namespace allora::mint
