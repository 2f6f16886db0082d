// Ed25519 keys (libsodium): validator consensus keys and node identities.
#pragma once

#include <array>

#include "core/bytes.h"
#include "core/result.h"

namespace allora::ed25519 {

using PubKey = std::array<uint8_t, 32>;
using Signature = std::array<uint8_t, 64>;

struct KeyPair {
    PubKey publicKey{};
    SecureBytes secretKey;  // 64 bytes: seed || public key (libsodium layout)
};

KeyPair generate();
Result<KeyPair> fromSeed(ByteSpan seed32);
Result<Signature> sign(const SecureBytes& secretKey, ByteSpan message);
bool verify(ByteSpan pub32, ByteSpan message, ByteSpan sig64);

}  // namespace allora::ed25519
