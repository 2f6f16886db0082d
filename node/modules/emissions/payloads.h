// Worker and reputer payloads (PROTOCOL.md §5): InsertWorkerPayloadRequest and
// InsertReputerPayloadRequest, and the bytes their bundles are signed over, as allora-chain defines
// them (a worker signs its InferenceForecastBundle's bytes, a reputer its ValueBundle's bytes;
// secp256k1 over SHA-256, 64-byte r‖s, low S; the key is given as 66 hex characters and its
// address must be the worker's or reputer's).
#pragma once

#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

Bytes workerBundleSignBytes(const pb::InferenceForecastBundle& bundle);
Bytes reputerBundleSignBytes(const pb::ValueBundle& bundle);

}  // namespace allora::node::emissions
