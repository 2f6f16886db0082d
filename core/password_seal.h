// Password-based sealing of a secret: Argon2id (libsodium crypto_pwhash, v1.3) derives a key from
// the password, XChaCha20-Poly1305 encrypts under it with associated data. The one place that turns
// a password into ciphertext, shared by the wallet's keystore (wallet/keystore.h) and the node's
// validator key file (node/validator_key.h), so both get the same limits and the same checks.
//
// Argon2id gives 64 bytes: the first 32 are the cipher key; a 16-byte hash of the last 32 is the
// "check", stored next to the ciphertext. It tells a wrong password apart from a damaged or edited
// file (both would otherwise be one AEAD failure) and gives an attacker nothing the ciphertext does
// not: each guess still costs one Argon2id run.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "core/result.h"

namespace allora {

struct KdfParams {
    uint64_t opsLimit = 0;
    uint64_t memLimit = 0;  // bytes

    static KdfParams interactive();  // libsodium INTERACTIVE: 2 passes, 64 MiB (~0.2 s)
    static KdfParams moderate();     // libsodium MODERATE: 3 passes, 256 MiB (~1 s)
    // Limits accepted when opening a file: a crafted file must not make us allocate 1 TiB or spin
    // for an hour before saying "wrong password". The ceiling is SENSITIVE's 1 GiB, 32 passes.
    bool acceptable() const;
    bool operator==(const KdfParams&) const = default;
};

// The rule for every password that encrypts a key: at least 8 characters (code points).
constexpr size_t kMinPasswordChars = 8;
Status validatePassword(const SecureBytes& password);

namespace password_seal {

constexpr size_t kSaltBytes = 16;
constexpr size_t kNonceBytes = 24;
constexpr size_t kCheckBytes = 16;
constexpr size_t kTagBytes = 16;  // the AEAD's authentication tag, appended to the ciphertext

// The key derived from a password and a salt, and its check value.
struct SealKey {
    SecureBytes key;  // 32 bytes
    Bytes check;      // kCheckBytes
};

// Argon2id with `kdf` (which must be acceptable()). Crypto when Argon2id cannot get its memory.
Result<SealKey> derive(const SecureBytes& password, ByteSpan salt, const KdfParams& kdf);

// True when `storedCheck` is the check of this key (constant time).
bool checkMatches(const SealKey& key, ByteSpan storedCheck);

// n random bytes (salts, nonces). Every seal uses a fresh salt and a fresh random 192-bit nonce.
Bytes randomBytes(size_t n);

// XChaCha20-Poly1305: ciphertext || tag.
Bytes encrypt(const SealKey& key, ByteSpan nonce, ByteSpan plaintext, ByteSpan associatedData);
// Crypto when the tag does not verify (edited ciphertext or associated data).
Result<SecureBytes> decrypt(const SealKey& key, ByteSpan nonce, ByteSpan ciphertext,
                            ByteSpan associatedData);

}  // namespace password_seal
}  // namespace allora
