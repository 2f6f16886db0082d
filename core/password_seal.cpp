#include "core/password_seal.h"

#include <sodium.h>

#include <string>

namespace allora {

static_assert(crypto_pwhash_SALTBYTES == password_seal::kSaltBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == password_seal::kNonceBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == password_seal::kTagBytes);

namespace {
constexpr size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr uint64_t kMaxOpsLimit = 32;
constexpr uint64_t kMaxMemLimit = crypto_pwhash_MEMLIMIT_SENSITIVE;
}  // namespace

KdfParams KdfParams::interactive() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

KdfParams KdfParams::moderate() {
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

bool KdfParams::acceptable() const {
    return opsLimit >= crypto_pwhash_OPSLIMIT_MIN && opsLimit <= kMaxOpsLimit &&
           memLimit >= crypto_pwhash_MEMLIMIT_MIN && memLimit <= kMaxMemLimit;
}

Status validatePassword(const SecureBytes& password) {
    size_t chars = 0;
    for (size_t i = 0; i < password.size(); ++i)
        if ((password[i] & 0xC0) != 0x80) ++chars;  // count UTF-8 lead bytes, not bytes
    if (chars < kMinPasswordChars)
        return makeError(
            ErrorCode::InvalidArgument,
            "the password must have at least " + std::to_string(kMinPasswordChars) + " characters");
    return {};
}

namespace password_seal {

Result<SealKey> derive(const SecureBytes& password, ByteSpan salt, const KdfParams& kdf) {
    initCrypto();
    if (!kdf.acceptable())
        return makeError(ErrorCode::InvalidArgument, "Argon2id limits out of range");
    if (salt.size() != kSaltBytes)
        return makeError(ErrorCode::InvalidArgument, "the salt must have 16 bytes");
    SecureBytes material(kKeyBytes * 2);
    const char* pw = password.empty() ? "" : reinterpret_cast<const char*>(password.data());
    if (crypto_pwhash(material.data(), material.size(), pw, password.size(), salt.data(),
                      static_cast<unsigned long long>(kdf.opsLimit),
                      static_cast<size_t>(kdf.memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return makeError(ErrorCode::Crypto, "Argon2id failed (not enough memory for " +
                                                std::to_string(kdf.memLimit / (1024 * 1024)) +
                                                " MiB?)");
    SealKey out;
    out.key = SecureBytes(ByteSpan(material.data(), kKeyBytes));
    out.check.resize(kCheckBytes);
    crypto_generichash(out.check.data(), out.check.size(), material.data() + kKeyBytes, kKeyBytes,
                       nullptr, 0);
    return out;
}

bool checkMatches(const SealKey& key, ByteSpan storedCheck) {
    return storedCheck.size() == kCheckBytes && key.check.size() == kCheckBytes &&
           sodium_memcmp(key.check.data(), storedCheck.data(), kCheckBytes) == 0;
}

Bytes randomBytes(size_t n) {
    initCrypto();
    Bytes out(n);
    if (n) randombytes_buf(out.data(), n);
    return out;
}

Bytes encrypt(const SealKey& key, ByteSpan nonce, ByteSpan plaintext, ByteSpan associatedData) {
    Bytes out(plaintext.size() + kTagBytes);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), &len, plaintext.data(), plaintext.size(),
                                               associatedData.data(), associatedData.size(),
                                               nullptr, nonce.data(), key.key.data());
    out.resize(static_cast<size_t>(len));
    return out;
}

Result<SecureBytes> decrypt(const SealKey& key, ByteSpan nonce, ByteSpan ciphertext,
                            ByteSpan associatedData) {
    if (ciphertext.size() < kTagBytes || nonce.size() != kNonceBytes)
        return makeError(ErrorCode::Crypto, "ciphertext too short");
    SecureBytes out(ciphertext.size() - kTagBytes);
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            out.data(), &len, nullptr, ciphertext.data(), ciphertext.size(), associatedData.data(),
            associatedData.size(), nonce.data(), key.key.data()) != 0)
        return makeError(ErrorCode::Crypto, "authentication failed");
    return out;
}

}  // namespace password_seal
}  // namespace allora
