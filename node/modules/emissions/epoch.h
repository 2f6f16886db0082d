// The emissions module's end-block step (PROTOCOL.md §5), run after the block's transactions:
//  1. stake removals (own and delegated) whose delay has passed move their coins back from the
//     staking account, in (completion height, topic, address) order;
//  2. for each active topic, in id order:
//     - a reputer nonce whose window closed (h ≥ nonce + 2·ground_truth_lag) is closed: the
//       network losses and regrets are computed (epoch_close.h) and it leaves the open list;
//     - a worker nonce whose window closed in this block (h ≥ nonce + worker_submission_window)
//       is synthesized (epoch_close.h) and becomes a reputer nonce;
//     - when h ≥ epoch_last_ended + epoch_length, the topic's weight is updated and its fee
//       revenue drips (topic_weights.h), the worker nonce h opens and epoch_last_ended becomes h.
//
// The worker submission window. A nonce opens in the end-block of h = nonce, after that block's
// transactions ran, so no transaction of block `nonce` can see it. The window is therefore the
// w = worker_submission_window blocks after it: nonce < h ≤ nonce + w (w = 1 leaves one block,
// nonce + 1). This is allora-chain's rule (BlockWithinWorkerSubmissionWindowOfNonce accepts
// nonce ≤ h ≤ nonce + w, and its nonce too opens at the end of block `nonce`), and
// PROTOCOL.md's "nonce ≤ h < nonce + w" read with the nonce visible from the block after it.
// The window closes (synthesis) in the end-block of h = nonce + w, after that block's payloads.
// Since w ≤ epoch_length, it closes no later than the next nonce opens.
#pragma once

#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

TxStatus emissionsEndBlock(const EmissionsKeeper& keeper, MsgContext& ctx);

// The last block of the worker window of `nonce`: nonce + max(w, 1).
int64_t workerWindowEnd(const Topic& topic, int64_t nonce);
// Whether a payload in block `height` is inside the window: nonce < height ≤ workerWindowEnd.
bool inWorkerWindow(const Topic& topic, int64_t nonce, int64_t height);

}  // namespace allora::node::emissions
