#include "core/hash.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>

namespace allora {

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256::state_ too small");

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

Hash160 ripemd160(ByteSpan data) {
    // libsodium has no RIPEMD-160. In OpenSSL 3 it lives in the default provider (and the legacy
    // one); EVP_Digest fetches it by name.
    Hash160 out{};
    unsigned int len = 0;
    EVP_MD* md = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr);
    if (!md) md = EVP_MD_fetch(nullptr, "RIPEMD160", "provider=legacy");
    if (!md || EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1 ||
        len != out.size()) {
        // A libcrypto without RIPEMD-160 cannot compute any address: nothing sensible to return.
        std::abort();
    }
    EVP_MD_free(md);
    return out;
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
                          static_cast<int>(salt.size()), static_cast<int>(iterations),
                          EVP_sha512(), static_cast<int>(outLen), out.data()) != 1) {
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
