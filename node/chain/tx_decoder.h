// Decoding of a signed transaction (TxRaw → TxBody, AuthInfo) with the Cosmos field numbers
// (PROTOCOL.md §2). Strict: malformed bytes, trailing garbage and unknown fields are rejected
// (except the SDK's non-critical field numbers ≥ 1024 in TxBody, whose bit 11 marks them as safe
// to ignore), as are extension options this chain does not know.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

    // The ante handler's stateless checks (validateBasic), a pure function of the bytes and the
    // message router: computed the first time the ante handler sees this tx and reused by every
    // later step (checkTx, prepareProposal, finalizeBlock), so they cannot differ between steps.
    struct StatelessCheck {
        TxStatus status;
        std::vector<std::string> signers;  // bech32, in the order the signatures come
        std::string feePayer;
        uint64_t gasWanted = 0;
    };
    mutable std::shared_ptr<const StatelessCheck> stateless;
};

// TxCode::TxDecode with the reason on failure.
TxStatus decodeTx(ByteSpan txBytes, DecodedTx& out);

// The SIGN_MODE_DIRECT sign bytes: SignDoc{body_bytes, auth_info_bytes, chain_id, account_number}
// serialized, byte for byte what protobuf's serializer gives for the same SignDoc (fields in
// number order, proto3 defaults omitted), written directly without building the message.
Bytes signDocBytes(const DecodedTx& tx, std::string_view chainId, uint64_t accountNumber);

}  // namespace allora::node
