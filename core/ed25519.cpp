#include "core/ed25519.h"

#include <sodium.h>

namespace allora::ed25519 {

KeyPair generate() {
    initCrypto();
    KeyPair kp;
    kp.secretKey = SecureBytes(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(kp.publicKey.data(), kp.secretKey.data());
    return kp;
}

Result<KeyPair> fromSeed(ByteSpan seed32) {
    initCrypto();
    if (seed32.size() != crypto_sign_SEEDBYTES)
        return makeError(ErrorCode::InvalidArgument, "ed25519 seed must be 32 bytes");
    KeyPair kp;
    kp.secretKey = SecureBytes(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(kp.publicKey.data(), kp.secretKey.data(), seed32.data());
    return kp;
}

Result<Signature> sign(const SecureBytes& secretKey, ByteSpan message) {
    if (secretKey.size() != crypto_sign_SECRETKEYBYTES)
        return makeError(ErrorCode::InvalidArgument, "ed25519 secret key must be 64 bytes");
    Signature sig{};
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secretKey.data());
    return sig;
}

bool verify(ByteSpan pub32, ByteSpan message, ByteSpan sig64) {
    initCrypto();
    if (pub32.size() != crypto_sign_PUBLICKEYBYTES || sig64.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(sig64.data(), message.data(), message.size(), pub32.data()) == 0;
}

}  // namespace allora::ed25519
