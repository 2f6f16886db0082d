// Hash functions and key derivation used by the wallet and the node.
// SHA-2, HMAC and BLAKE2b come from libsodium; RIPEMD-160 and PBKDF2 from OpenSSL's libcrypto
// (libsodium has neither). All are deterministic and safe to use in consensus code.
#pragma once

#include <array>

#include "core/bytes.h"
#include "core/result.h"

namespace allora {

using Hash256 = std::array<uint8_t, 32>;
using Hash512 = std::array<uint8_t, 64>;
using Hash160 = std::array<uint8_t, 20>;

Hash256 sha256(ByteSpan data);
Hash512 sha512(ByteSpan data);
Hash160 ripemd160(ByteSpan data);
Hash512 hmacSha512(ByteSpan key, ByteSpan data);
Hash256 hmacSha256(ByteSpan key, ByteSpan data);

// BLAKE2b with a 32-byte output and no key (RFC 7693; libsodium's crypto_generichash). Not a
// truncated BLAKE2b-512: the output length is part of BLAKE2b's parameter block. An input of up to
// 128 bytes takes one compression, where SHA-256 takes one per 64 bytes; the state tree
// (node/state/merkle_tree.h) hashes with it.
Hash256 blake2b256(ByteSpan data);

// PBKDF2-HMAC-SHA512 (as BIP-39 uses it). The output is a secret, so it is SecureBytes.
SecureBytes pbkdf2HmacSha512(ByteSpan password, ByteSpan salt, uint32_t iterations, size_t outLen);

// RIPEMD160(SHA256(data)): the Cosmos/Bitcoin address hash of a compressed secp256k1 public key.
Hash160 hash160(ByteSpan data);

// Incremental SHA-256, for hashing data that arrives in pieces (blocks, files).
class Sha256 {
public:
    Sha256();
    Sha256& update(ByteSpan data);
    Hash256 finish();

private:
    alignas(16) unsigned char state_[128];  // large enough for crypto_hash_sha256_state
};

}  // namespace allora
