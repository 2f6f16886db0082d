// The emissions module's end-block step (PROTOCOL.md §5), run after the block's transactions:
//  1. stake removals (own and delegated) whose delay has passed move their coins back from the
//     staking account, in (completion height, topic, address) order;
//  2. for each active topic, in id order:
//     - a reputer nonce whose window closed (h ≥ nonce + 2·ground_truth_lag) is closed: the
//       network losses and regrets are computed (epoch_close.h) and it leaves the open list;
//     - a worker nonce whose window closed in this block (h ≥ nonce + worker_submission_window − 1)
//       is synthesized (epoch_close.h) and becomes a reputer nonce;
//     - when h ≥ epoch_last_ended + epoch_length, the worker nonce h opens and epoch_last_ended
//       becomes h.
#pragma once

#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

TxStatus emissionsEndBlock(const EmissionsKeeper& keeper, MsgContext& ctx);

}  // namespace allora::node::emissions
