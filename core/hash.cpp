#include "core/hash.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>

namespace allora {

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256::state_ too small");

namespace {

// A digest fetched from OpenSSL's default provider once: a fetch by name takes a lock and a
// lookup, which would cost more than hashing a short input.
const EVP_MD* fetchedDigest(const char* name) {
    EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    if (!md) md = EVP_MD_fetch(nullptr, name, "provider=legacy");
    // A libcrypto without it cannot compute any hash or address: nothing sensible to return.
    if (!md) std::abort();
    return md;  // kept for the process's lifetime
}

// One digest context per thread, reused: creating and freeing one per call costs about as much
// as hashing 64 bytes.
class DigestContext {
public:
    DigestContext() : ctx_(EVP_MD_CTX_new()) {
        if (!ctx_) std::abort();
    }
    ~DigestContext() { EVP_MD_CTX_free(ctx_); }
    DigestContext(const DigestContext&) = delete;
    DigestContext& operator=(const DigestContext&) = delete;

    template <size_t N>
    std::array<uint8_t, N> digest(const EVP_MD* md, ByteSpan data) {
        std::array<uint8_t, N> out{};
        unsigned int len = 0;
        if (EVP_DigestInit_ex2(ctx_, md, nullptr) != 1 ||
            EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1 ||
            EVP_DigestFinal_ex(ctx_, out.data(), &len) != 1 || len != N)
            std::abort();  // only fails on allocation failure inside libcrypto
        return out;
    }

private:
    EVP_MD_CTX* ctx_;
};

DigestContext& threadDigestContext() {
    thread_local DigestContext context;
    return context;
}

}  // namespace

// SHA-256 stays on libsodium: the guide limits libcrypto to what libsodium lacks (RIPEMD-160,
// PBKDF2). OpenSSL's SHA extensions would save about 3 µs per transaction.
Hash256 sha256(ByteSpan data) {
    initCrypto();
    Hash256 out;
    crypto_hash_sha256(out.data(), data.data(), data.size());
    return out;
}

Hash512 sha512(ByteSpan data) {
    initCrypto();
    Hash512 out;
    crypto_hash_sha512(out.data(), data.data(), data.size());
    return out;
}

Hash256 blake2b256(ByteSpan data) {
    initCrypto();
    Hash256 out;
    // Fails only for an output or key length out of range, which these are not.
    if (crypto_generichash(out.data(), out.size(), data.data(), data.size(), nullptr, 0) != 0)
        std::abort();
    return out;
}

Hash160 ripemd160(ByteSpan data) {
    // libsodium has no RIPEMD-160. In OpenSSL 3 it lives in the default provider (and the legacy
    // one).
    static const EVP_MD* md = fetchedDigest("RIPEMD160");
    return threadDigestContext().digest<20>(md, data);
}

Hash512 hmacSha512(ByteSpan key, ByteSpan data) {
    initCrypto();
    // crypto_auth_hmacsha512 takes a fixed 32-byte key; the _init/_update/_final form takes any
    // length, as HMAC (and BIP-32's "Bitcoin seed" key) requires.
    crypto_auth_hmacsha512_state st;
    crypto_auth_hmacsha512_init(&st, key.data(), key.size());
    crypto_auth_hmacsha512_update(&st, data.data(), data.size());
    Hash512 out;
    crypto_auth_hmacsha512_final(&st, out.data());
    sodium_memzero(&st, sizeof st);
    return out;
}

Hash256 hmacSha256(ByteSpan key, ByteSpan data) {
    initCrypto();
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.data(), key.size());
    crypto_auth_hmacsha256_update(&st, data.data(), data.size());
    Hash256 out;
    crypto_auth_hmacsha256_final(&st, out.data());
    sodium_memzero(&st, sizeof st);
    return out;
}

SecureBytes pbkdf2HmacSha512(ByteSpan password, ByteSpan salt, uint32_t iterations, size_t outLen) {
    SecureBytes out(outLen);
    if (PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(password.data()),
                          static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha512(),
                          static_cast<int>(outLen), out.data()) != 1) {
        std::abort();  // only fails on allocation failure inside libcrypto
    }
    return out;
}

Hash160 hash160(ByteSpan data) {
    const Hash256 h = sha256(data);
    return ripemd160(h);
}

Sha256::Sha256() {
    initCrypto();
    crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

Sha256& Sha256::update(ByteSpan data) {
    crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_), data.data(),
                              data.size());
    return *this;
}

Hash256 Sha256::finish() {
    Hash256 out;
    crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), out.data());
    return out;
}

}  // namespace allora
