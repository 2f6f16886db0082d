// secp256k1 keys, as Cosmos accounts use them: 32-byte private keys, 33-byte compressed public
// keys, 64-byte compact (r||s) ECDSA signatures with low S and RFC 6979 nonces (libsecp256k1's
// default), so a signature over the same message is the same bytes every time and on every machine.
#pragma once

#include <array>
#include <optional>

#include "core/bytes.h"
#include "core/hash.h"
#include "core/result.h"

namespace allora::secp256k1 {

using PubKey = std::array<uint8_t, 33>;
using Signature = std::array<uint8_t, 64>;

bool isValidPrivateKey(ByteSpan key32);
Result<PubKey> derivePublicKey(const SecureBytes& privateKey);
bool isValidPublicKey(ByteSpan pub33);

// BIP-32 tweaks: (key + tweak) mod n, and point + tweak·G. Fail when the result is invalid
// (the caller skips to the next index, as BIP-32 says).
Result<SecureBytes> privateKeyTweakAdd(const SecureBytes& key, ByteSpan tweak32);
Result<PubKey> publicKeyTweakAdd(ByteSpan pub33, ByteSpan tweak32);

// Signs a 32-byte digest. The result is always low-S.
Result<Signature> signDigest(const SecureBytes& privateKey, const Hash256& digest);
// Signs SHA-256(message): what SIGN_MODE_DIRECT signs (message = SignDoc bytes).
Result<Signature> sign(const SecureBytes& privateKey, ByteSpan message);
// Verifies a compact signature over a digest; a high-S signature is rejected (Cosmos rule).
bool verifyDigest(ByteSpan pub33, const Hash256& digest, ByteSpan sig64);
bool verify(ByteSpan pub33, ByteSpan message, ByteSpan sig64);

// A public key checked and parsed once, for callers that verify many signatures of one key (the
// node's ante handler keeps them per signer): parsing a compressed key decompresses the point (a
// field square root), a good part of what a verification costs on top of the ECDSA itself.
// verifyDigest() on it answers exactly what the free verifyDigest() answers for the same 33 bytes.
// Plain data (libsecp256k1's parsed form): copyable, and usable from any thread.
class ParsedPubKey {
public:
    // nullopt unless `pub33` is a valid compressed key (33 bytes, a point on the curve).
    static std::optional<ParsedPubKey> parse(ByteSpan pub33);
    // A compact signature over `digest`; high-S is rejected (Cosmos rule).
    bool verifyDigest(const Hash256& digest, ByteSpan sig64) const;

private:
    ParsedPubKey() = default;
    std::array<uint8_t, 64> parsed_{};  // a secp256k1_pubkey (opaque, valid in this process)
};

}  // namespace allora::secp256k1
