// Decoding of a signed transaction (TxRaw → TxBody, AuthInfo) with the Cosmos field numbers
// (PROTOCOL.md §2). Strict: malformed bytes, trailing garbage and unknown fields are rejected
// (except the SDK's non-critical field numbers ≥ 1024 in TxBody, whose bit 11 marks them as safe
// to ignore), as are extension options this chain does not know.
#pragma once

#include <string>

#include "core/bytes.h"
#include "core/hash.h"
#include "cosmos/tx/v1beta1/tx.pb.h"
#include "node/chain/tx_status.h"

namespace allora::node {

struct DecodedTx {
    Hash256 hash{};  // SHA-256 of the TxRaw bytes
    size_t size = 0;
    cosmos::tx::v1beta1::TxRaw raw;
    cosmos::tx::v1beta1::TxBody body;
    cosmos::tx::v1beta1::AuthInfo authInfo;
};

// TxCode::TxDecode with the reason on failure.
TxStatus decodeTx(ByteSpan txBytes, DecodedTx& out);

}  // namespace allora::node
