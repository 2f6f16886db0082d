// The mint's begin-block step (PROTOCOL.md §7, Emissions), as allora-chain's x/mint BeginBlocker:
//
// 1. Monthly recalculation, when due: in the first block, every blocks_per_month blocks after the
//    last one, and in every block after one that found nothing staked (a rate per staked token
//    needs stake; until a reputer stakes, nothing is emitted and e_prev is kept). Inputs, read from
//    state before this block mints: N_staked = the allorastaking account's balance (validator
//    stake joins when staking arrives); T_eco = the ecosystem account's balance + what it may
//    still mint; N_circ = max_supply − locked vesting(height) − T_eco (tokenomics.h; the model's
//    supply, as allora-chain computes it, not the bank's); f_rep from reward_pool.h (0.3 until the
//    emissions module writes one); e_prev from state. tokenomics.h computes ê, e, E_month and
//    E_block; they are stored (MintState, EmissionRecalculation) and an event
//    "mint.v1.EventTokenomicsSet" is emitted. A negative N_circ fails the block, as in
//    allora-chain (the params or the treasury are inconsistent; no node may go on guessing).
// 2. Every block: E_block is paid from the ecosystem account. What the account lacks is minted
//    into it first, capped by what the ecosystem may still mint (its allotment of the max supply)
//    and by max_supply − the bank's total supply, so the supply never exceeds max_supply (capping,
//    not halting: once the cap binds, only the treasury's own balance is paid out, and the event
//    says "capped"). The payout is split floor(f_val · paid) to the fee collector (validators) and
//    the rest to allorarewards (topic rewards); the rest is written with setRewardsPerBlock for
//    the emissions module. Events: the bank's transfer events, "coinbase" for a mint, and
//    "mint.v1.EventBlockEmission".
// A chain whose genesis has no mint params (created before the module existed) mints nothing.
// Begin-block, not end-block: the emission must sit in allorarewards before the emissions
// module's end-block sizes this block's topic rewards from it, as in allora-chain where x/mint's
// BeginBlocker precedes x/emissions' EndBlocker.
#pragma once

#include "node/modules/mint/keeper.h"
#include "node/modules/msg_router.h"

namespace allora::mint {

node::TxStatus mintBeginBlock(const MintKeeper& keeper, node::MsgContext& ctx);

}  // namespace allora::mint
