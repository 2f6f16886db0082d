// Decoding of a signed transaction (TxRaw → TxBody, AuthInfo) with the Cosmos field numbers
// (PROTOCOL.md §2). Strict: malformed bytes, trailing garbage and unknown fields are rejected
// (except the SDK's non-critical field numbers ≥ 1024 in TxBody, whose bit 11 marks them as safe
// to ignore), as are extension options this chain does not know.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/arena.h>

#include "core/bytes.h"
#include "core/hash.h"
#include "cosmos/tx/v1beta1/tx.pb.h"
#include "node/chain/tx_status.h"
#include "node/modules/coins.h"

namespace allora::node {

struct DecodedTx {
    DecodedTx();
    DecodedTx(const DecodedTx&) = delete;
    DecodedTx& operator=(const DecodedTx&) = delete;

private:
    // The three messages and every string and repeated field in them live on this arena, whose
    // first block is inside the DecodedTx itself: a usual tx (one message, one signer) decodes
    // without a heap allocation of its own and is freed in one piece when the last step is done
    // with it, instead of field by field (that was ~9% of finalizeBlock in bench_chain).
    static constexpr size_t kInitialArenaBlock = 2048;
    alignas(std::max_align_t) char initialBlock_[kInitialArenaBlock];
    google::protobuf::Arena arena_;

public:
    Hash256 hash{};  // SHA-256 of the TxRaw bytes
    size_t size = 0;
    cosmos::tx::v1beta1::TxRaw& raw;
    cosmos::tx::v1beta1::TxBody& body;
    cosmos::tx::v1beta1::AuthInfo& authInfo;

    // The ante handler's stateless checks (validateBasic), a pure function of the bytes and the
    // message router: computed the first time the ante handler sees this tx and reused by every
    // later step (checkTx, prepareProposal, finalizeBlock), so they cannot differ between steps.
    struct StatelessCheck {
        TxStatus status;
        std::vector<std::string> signers;  // bech32, in the order the signatures come
        std::string feePayer;
        uint64_t gasWanted = 0;

        // Derived from the same bytes for the stateful checks, so that no run decodes them again
        // (set only when `status` is a success). Each signer's 20-byte address, empty when its
        // bech32 does not decode (the stateful check then reports that itself); the fee as coins
        // and as text (its "fee" event).
        std::vector<Bytes> signerAddresses;
        Coins fee;
        std::string feeText;
        // Each signer info's public key, as the signer check reads it: absent, of a type other
        // than secp256k1, not a valid compressed secp256k1 key, or valid (with its address).
        struct SignerKey {
            enum class State : uint8_t { Absent, WrongType, Invalid, Valid };
            State state = State::Absent;
            std::array<uint8_t, 33> key{};
            Hash160 address{};
        };
        std::vector<SignerKey> signerKeys;
    };
    mutable std::shared_ptr<const StatelessCheck> stateless;

    // Values derived from the bytes alone that each step of the tx's way would otherwise compute
    // again (signDocDigest, signatureBase64): pure functions of the bytes and of their stated
    // inputs, so a remembered value is the one computing it again would give and changes no
    // outcome. Bounded by the tx's signer count; they live and die with this DecodedTx.
    struct SignDigest {
        std::string chainId;
        uint64_t accountNumber = 0;
        Hash256 digest{};
    };
    mutable std::vector<SignDigest> signDigests;
    mutable std::vector<std::string> signaturesBase64;  // empty until first asked for
};

// TxCode::TxDecode with the reason on failure.
TxStatus decodeTx(ByteSpan txBytes, DecodedTx& out);

// SHA-256 of a tx's bytes (its hash). The mempool hashes a tx and, a moment later, the decoder
// hashes the same bytes again; this remembers the last bytes hashed on this thread with their
// hash, so the second call compares bytes instead of hashing. A pure function of the bytes: the
// memo changes no result, only the time.
Hash256 txHash(ByteSpan txBytes);

// The SIGN_MODE_DIRECT sign bytes: SignDoc{body_bytes, auth_info_bytes, chain_id, account_number}
// serialized, byte for byte what protobuf's serializer gives for the same SignDoc (fields in
// number order, proto3 defaults omitted), written directly without building the message.
Bytes signDocBytes(const DecodedTx& tx, std::string_view chainId, uint64_t accountNumber);
// SHA-256 of signDocBytes(tx, chainId, accountNumber), remembered on the tx (DecodedTx's memo):
// checkTx, prepareProposal and finalizeBlock each need it for the same (chain id, account number).
Hash256 signDocDigest(const DecodedTx& tx, std::string_view chainId, uint64_t accountNumber);
// The base64 of the tx's signature `index` (the "signature" event attribute), remembered on the tx.
const std::string& signatureBase64(const DecodedTx& tx, size_t index);

}  // namespace allora::node
