// Transactions between machines: the unsigned tx document that `allora-cli tx … --generate-only`
// prints and `tx sign` signs, the signed tx document that `tx sign` prints and `tx broadcast`
// sends, and a reading of a tx's bytes for the person about to sign them.
//
// Unsigned tx document (JSON):
//   {"type": "allora/unsigned-tx/v1",
//    "chain_id": "allora-devnet-1", "account_number": "5", "sequence": "3",
//    "signer": "allo1…",                        // the address whose key must sign
//    "body_bytes": base64, "auth_info_bytes": base64,   // the exact bytes that will be signed
//    "summary": ["send …", "fee …", …]}          // for people; ignored when reading
// auth_info_bytes either holds the signer's SignerInfo (public key, SIGN_MODE_DIRECT, sequence)
// or, when the public key was not known at generation time (a new account given by address),
// no SignerInfo at all; signing then adds it (withSigner). What gets signed is always read back
// from the bytes, never from the summary, so an edited summary cannot mislead the signer.
//
// Signed tx document (JSON): {"tx_bytes": base64 of TxRaw} — the body of
// POST /cosmos/tx/v1beta1/txs without the mode.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"
#include "core/secp256k1.h"
#include "wallet/tx_builder.h"

namespace allora::wallet {

inline constexpr std::string_view kUnsignedTxDocumentType = "allora/unsigned-tx/v1";

struct UnsignedTxDocument {
    std::string chainId;
    uint64_t accountNumber = 0;
    uint64_t sequence = 0;
    std::string signer;  // bech32 address
    UnsignedTx tx;
};

// The document's JSON text (one object, pretty enough to read: one field per line) with
// `summary` lines from summarizeTx.
std::string unsignedTxDocumentToJson(const UnsignedTxDocument& doc,
                                     const std::vector<std::string>& summary);
// Reads a document; InvalidArgument naming the field for anything missing or malformed (wrong
// type tag, bad base64, a number that is not a decimal uint64).
Result<UnsignedTxDocument> parseUnsignedTxDocument(std::string_view json);

std::string signedTxDocumentToJson(ByteSpan txRaw);
// The TxRaw bytes of a signed document; InvalidArgument if it is not one.
Result<Bytes> parseSignedTxDocument(std::string_view json);

// "1.5 ALLO (1500000000000000000uallo)" for uallo, "7 ustake" for anything else; several coins
// joined by ", "; "nothing" for none. For people: never parse it back.
std::string formatCoins(const std::vector<Coin>& coins);

// What a tx does, read from its bytes.
struct TxSummary {
    std::vector<std::string> lines;    // "send 1.5 ALLO (1500000000000000000uallo) from … to …"
    std::vector<std::string> signers;  // addresses the messages need signatures of, in order
    std::vector<Coin> fee;
    uint64_t gasLimit = 0;
    std::string memo;
    // The first SignerInfo, when the auth info has one.
    std::optional<secp256k1::PubKey> signerPublicKey;
    std::optional<uint64_t> signerSequence;
};
// InvalidArgument when the bytes do not decode as TxBody / AuthInfo.
Result<TxSummary> summarizeTx(const UnsignedTx& tx);

// The same tx with exactly one SignerInfo: `publicKey`, SIGN_MODE_DIRECT, `sequence` (replacing
// any there was). The body is untouched.
Result<UnsignedTx> withSigner(const UnsignedTx& tx, const secp256k1::PubKey& publicKey,
                              uint64_t sequence);
// The same tx with no SignerInfo (for a document whose signer's public key is not known yet).
Result<UnsignedTx> withoutSigner(const UnsignedTx& tx);

}  // namespace allora::wallet
