// Worker and reputer payloads (PROTOCOL.md §5): InsertWorkerPayloadRequest and
// InsertReputerPayloadRequest, and the bytes their bundles are signed over, as allora-chain defines
// them (a worker signs its InferenceForecastBundle's bytes, a reputer its ValueBundle's bytes;
// secp256k1 over SHA-256, 64-byte r‖s, low S; the key is given as 66 hex characters and its
// address must be the worker's or reputer's).
//
// Window of a worker payload: nonce < h ≤ nonce + worker_submission_window (epoch.h explains
// why); a reputer payload: nonce + ground_truth_lag ≤ h ≤ nonce + 2·ground_truth_lag.
// Gas: each payload's bundle signature check costs kPayloadSignatureGas (PROTOCOL.md §2's
// secp256k1 verify cost, as the ante charges for a tx signature), charged when the message
// executes, so a tx carrying many payloads pays for every check.
#pragma once

#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

inline constexpr uint64_t kPayloadSignatureGas = 1000;

Bytes workerBundleSignBytes(const pb::InferenceForecastBundle& bundle);
Bytes reputerBundleSignBytes(const pb::ValueBundle& bundle);

}  // namespace allora::node::emissions
