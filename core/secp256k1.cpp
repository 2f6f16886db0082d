#include "core/secp256k1.h"

#include <secp256k1.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>

namespace allora::secp256k1 {
namespace {

// One context for the process. After creation and randomisation it is only read, which
// libsecp256k1 documents as safe from any number of threads.
const secp256k1_context* ctx() {
    static const secp256k1_context* context = [] {
        initCrypto();
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        if (!c) std::abort();
        // Blinding against side channels in signing and key generation (does not change results).
        unsigned char seed[32];
        randombytes_buf(seed, sizeof seed);
        if (!secp256k1_context_randomize(c, seed)) std::abort();
        sodium_memzero(seed, sizeof seed);
        return c;
    }();
    return context;
}

Result<secp256k1_pubkey> parsePub(ByteSpan pub33) {
    secp256k1_pubkey pk;
    if (pub33.size() != 33 || !secp256k1_ec_pubkey_parse(ctx(), &pk, pub33.data(), pub33.size()))
        return makeError(ErrorCode::InvalidArgument, "invalid secp256k1 public key");
    return pk;
}

PubKey serialize(const secp256k1_pubkey& pk) {
    PubKey out{};
    size_t len = out.size();
    secp256k1_ec_pubkey_serialize(ctx(), out.data(), &len, &pk, SECP256K1_EC_COMPRESSED);
    return out;
}

}  // namespace

bool isValidPrivateKey(ByteSpan key32) {
    return key32.size() == 32 && secp256k1_ec_seckey_verify(ctx(), key32.data()) == 1;
}

Result<PubKey> derivePublicKey(const SecureBytes& privateKey) {
    secp256k1_pubkey pk;
    if (privateKey.size() != 32 || !secp256k1_ec_pubkey_create(ctx(), &pk, privateKey.data()))
        return makeError(ErrorCode::Crypto, "invalid secp256k1 private key");
    return serialize(pk);
}

bool isValidPublicKey(ByteSpan pub33) {
    return parsePub(pub33).ok();
}

Result<SecureBytes> privateKeyTweakAdd(const SecureBytes& key, ByteSpan tweak32) {
    if (key.size() != 32 || tweak32.size() != 32)
        return makeError(ErrorCode::InvalidArgument, "private key and tweak must be 32 bytes");
    SecureBytes out = key.copy();
    // Fails when the tweak is >= n or the sum is zero: BIP-32 says skip to the next index.
    if (!secp256k1_ec_seckey_tweak_add(ctx(), out.data(), tweak32.data()))
        return makeError(ErrorCode::Crypto, "derived private key is invalid");
    return out;
}

Result<PubKey> publicKeyTweakAdd(ByteSpan pub33, ByteSpan tweak32) {
    auto pk = parsePub(pub33);
    if (!pk) return pk.error();
    if (tweak32.size() != 32)
        return makeError(ErrorCode::InvalidArgument, "tweak must be 32 bytes");
    if (!secp256k1_ec_pubkey_tweak_add(ctx(), &*pk, tweak32.data()))
        return makeError(ErrorCode::Crypto, "derived public key is invalid");
    return serialize(*pk);
}

Result<Signature> signDigest(const SecureBytes& privateKey, const Hash256& digest) {
    if (privateKey.size() != 32)
        return makeError(ErrorCode::InvalidArgument, "private key must be 32 bytes");
    secp256k1_ecdsa_signature sig;
    // nullptr nonce function = RFC 6979, and libsecp256k1 always produces low-S signatures.
    if (!secp256k1_ecdsa_sign(ctx(), &sig, digest.data(), privateKey.data(), nullptr, nullptr))
        return makeError(ErrorCode::Crypto, "signing failed: invalid private key");
    Signature out{};
    secp256k1_ecdsa_signature_serialize_compact(ctx(), out.data(), &sig);
    return out;
}

Result<Signature> sign(const SecureBytes& privateKey, ByteSpan message) {
    return signDigest(privateKey, sha256(message));
}

bool verifyDigest(ByteSpan pub33, const Hash256& digest, ByteSpan sig64) {
    const auto key = ParsedPubKey::parse(pub33);
    return key && key->verifyDigest(digest, sig64);
}

bool verify(ByteSpan pub33, ByteSpan message, ByteSpan sig64) {
    return verifyDigest(pub33, sha256(message), sig64);
}

// Parsing and verifying use no secret, so they need neither the randomised context nor its
// one-time set-up: the library's static context serves them, from any thread.
std::optional<ParsedPubKey> ParsedPubKey::parse(ByteSpan pub33) {
    secp256k1_pubkey pk;
    if (pub33.size() != 33 ||
        !secp256k1_ec_pubkey_parse(secp256k1_context_static, &pk, pub33.data(), pub33.size()))
        return std::nullopt;
    ParsedPubKey out;
    static_assert(sizeof pk.data == sizeof out.parsed_);
    std::memcpy(out.parsed_.data(), pk.data, sizeof pk.data);
    return out;
}

bool ParsedPubKey::verifyDigest(const Hash256& digest, ByteSpan sig64) const {
    if (sig64.size() != 64) return false;
    secp256k1_pubkey pk;
    std::memcpy(pk.data, parsed_.data(), sizeof pk.data);
    secp256k1_ecdsa_signature sig;
    if (!secp256k1_ecdsa_signature_parse_compact(secp256k1_context_static, &sig, sig64.data()))
        return false;
    // secp256k1_ecdsa_verify rejects high-S signatures, which is the Cosmos SDK's rule too.
    return secp256k1_ecdsa_verify(secp256k1_context_static, &sig, digest.data(), &pk) == 1;
}

}  // namespace allora::secp256k1
