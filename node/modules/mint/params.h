// The mint module's params and genesis (core/proto/allora/mint/v1/mint.proto): defaults from
// PROTOCOL.md §1, §7 and §8, validation with a message naming the field, the genesis section
// Genesis::moduleStates["mint"] and the conversion to the pure tokenomics' TokenomicsParams.
//
// Genesis JSON: {"params": {...}, "previous_reward_emission_per_unit_staked_token": "0.01",
// "previous_block_emission": "123", "ecosystem_tokens_minted": "0"}, every key optional; params
// keys are the Params field names, integers as numbers or strings, decimals as strings. Missing
// params take the defaults; an unknown key or a bad value fails the genesis, naming it.
#pragma once

#include <string_view>

#include "allora/mint/v1/mint.pb.h"
#include "core/amount.h"
#include "core/result.h"
#include "node/modules/mint/legacy_dec.h"
#include "node/modules/mint/tokenomics.h"

namespace allora::mint {

namespace pb = ::mint::v1;

// f_rep when the emissions module has not written one yet: 0.3, the "previous percentage of
// rewards to staked reputers" allora-chain's emissions genesis starts from.
inline constexpr std::string_view kDefaultReputersPercent = "0.3";

pb::Params defaultParams();

// Every field in range: denom "uallo"; max_supply > 0; percents, f_emission, α_e in [0, 1] with
// α_e > 0; the six allocation percents summing to at most 1; MPY_max > 0; blocks_per_month > 0;
// validators_vs_allora_percent_reward in (0, 1] (0 would make ê_max's denominator zero when no
// reputer is paid). The message names the first bad field: "mint param f_emission: …".
Status validateParams(const pb::Params& params);

// The params as the pure tokenomics functions take them (validateParams must have passed).
Result<TokenomicsParams> tokenomicsParams(const pb::Params& params);
Result<LegacyDec> validatorsPercent(const pb::Params& params);

// The genesis section (JSON text; an empty text is every default), validated.
Result<pb::GenesisState> genesisFromJson(std::string_view json);

}  // namespace allora::mint
