// BIP-32 hierarchical deterministic keys over secp256k1, with xprv/xpub serialisation
// (Base58Check, mainnet version bytes 0x0488ADE4 / 0x0488B21E).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"
#include "core/secp256k1.h"

namespace allora::wallet::bip32 {

constexpr uint32_t kHardened = 0x80000000u;

struct ExtendedKey {
    uint8_t depth = 0;
    uint32_t parentFingerprint = 0;
    uint32_t childNumber = 0;
    std::array<uint8_t, 32> chainCode{};
    secp256k1::PubKey publicKey{};
    SecureBytes privateKey;  // 32 bytes, or empty for a public-only (neutered) key

    bool isPrivate() const { return !privateKey.empty(); }
    uint32_t fingerprint() const;  // first 4 bytes of hash160(publicKey), big-endian
    ExtendedKey neuter() const;    // the public half
    ExtendedKey clone() const;
};

// Master key from a 16..64-byte seed: HMAC-SHA512("Bitcoin seed", seed).
Result<ExtendedKey> fromSeed(ByteSpan seed);
// One step. index >= kHardened derives a hardened child (needs the private key).
Result<ExtendedKey> deriveChild(const ExtendedKey& parent, uint32_t index);
// "m/44'/118'/0'/0/0" (also accepts h or H for hardened). A path that does not start with "m",
// an empty or out-of-range component, or a hardened step from a public key is an error.
Result<std::vector<uint32_t>> parsePath(std::string_view path);
Result<ExtendedKey> derivePath(const ExtendedKey& root, std::string_view path);

// Serialisation. toBase58 gives xprv for a private key and xpub for a public one.
std::string toBase58(const ExtendedKey& key);
// Parses xprv/xpub and rejects every invalid form of BIP-32 test vector 5 with a clear message
// (wrong length, unknown version, depth 0 with non-zero parent or index, private key out of range
// or without its 0x00 prefix, invalid public key, bad checksum).
Result<ExtendedKey> fromBase58(std::string_view text);

}  // namespace allora::wallet::bip32
