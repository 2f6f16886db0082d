#include "core/hash.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define ALLORA_SHA256_X86 1
#endif

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

#if defined(ALLORA_SHA256_X86)
namespace {

// SHA-256 (FIPS 180-4) on the x86 SHA extensions, for CPUs that have them: the node hashes every
// tx several times and every changed state entry and Merkle branch at each block, and the
// instructions do a 64-byte block several times faster than libsodium's portable code. Same
// function, same digests: tests/unit/test_sha256_accel.cpp compares the two on every length
// around the block and padding boundaries, test_hash checks the FIPS examples.
bool cpuHasShaExtensions() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) == 0) return false;
    const bool ssse3 = (c & (1u << 9)) != 0, sse41 = (c & (1u << 19)) != 0;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0) return false;
    const bool sha = (b & (1u << 29)) != 0;
    return ssse3 && sse41 && sha;
}

alignas(16) constexpr uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// Runs the compression function over `blocks` 64-byte blocks. The extensions keep the eight
// working words as two vectors, (A, B, E, F) and (C, D, G, H); sha256rnds2 does two rounds.
__attribute__((target("sha,sse4.1,ssse3"))) void compressBlocksSha(uint32_t state[8],
                                                                   const uint8_t* data,
                                                                   size_t blocks) {
    // state[0..3] = a, b, c, d and state[4..7] = e, f, g, h, one word per 32-bit lane.
    __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
    __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
    const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    // Message words are big-endian: reverse the bytes of each 32-bit lane.
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    for (size_t block = 0; block < blocks; ++block, data += 64) {
        const __m128i abefStart = abef, cdghStart = cdgh;
        __m128i w[16];  // w[i] holds message words 4i .. 4i+3
        for (int i = 0; i < 16; ++i) {
            if (i < 4) {
                w[i] = _mm_shuffle_epi8(
                    _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * i)), byteSwap);
            } else {
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] for t = 4i .. 4i+3.
                __m128i t = _mm_sha256msg1_epu32(w[i - 4], w[i - 3]);
                t = _mm_add_epi32(t, _mm_alignr_epi8(w[i - 1], w[i - 2], 4));
                w[i] = _mm_sha256msg2_epu32(t, w[i - 1]);
            }
            __m128i wk = _mm_add_epi32(
                w[i], _mm_load_si128(reinterpret_cast<const __m128i*>(kRoundConstants + 4 * i)));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);  // rounds 4i, 4i+1: new (A, B, E, F)
            wk = _mm_shuffle_epi32(wk, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);  // rounds 4i+2, 4i+3
        }
        abef = _mm_add_epi32(abef, abefStart);
        cdgh = _mm_add_epi32(cdgh, cdghStart);
    }

    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    dcba = _mm_blend_epi16(feba, dchg, 0xF0);
    hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), dcba);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), hgfe);
}

Hash256 sha256WithShaExtensions(ByteSpan data) {
    uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const size_t full = data.size() / 64;
    if (full != 0) compressBlocksSha(state, data.data(), full);
    // The tail, the 0x80 byte, zeros and the bit length (big-endian) in one or two blocks.
    uint8_t last[128] = {};
    const size_t rest = data.size() - full * 64;
    if (rest != 0) std::memcpy(last, data.data() + full * 64, rest);
    last[rest] = 0x80;
    const size_t lastBlocks = rest + 1 + 8 <= 64 ? 1 : 2;
    const uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
    for (int i = 0; i < 8; ++i)
        last[lastBlocks * 64 - 1 - i] = static_cast<uint8_t>(bits >> (8 * i));
    compressBlocksSha(state, last, lastBlocks);
    Hash256 out;
    for (int i = 0; i < 8; ++i) {
        out[4 * i] = static_cast<uint8_t>(state[i] >> 24);
        out[4 * i + 1] = static_cast<uint8_t>(state[i] >> 16);
        out[4 * i + 2] = static_cast<uint8_t>(state[i] >> 8);
        out[4 * i + 3] = static_cast<uint8_t>(state[i]);
    }
    return out;
}

const bool kHaveShaExtensions = cpuHasShaExtensions();

}  // namespace
#endif

bool sha256UsesShaExtensions() {
#if defined(ALLORA_SHA256_X86)
    return kHaveShaExtensions;
#else
    return false;
#endif
}

// SHA-256 stays off libcrypto (the guide limits libcrypto to what libsodium lacks: RIPEMD-160,
// PBKDF2): the x86 SHA extensions where the CPU has them, else libsodium.
Hash256 sha256(ByteSpan data) {
#if defined(ALLORA_SHA256_X86)
    if (kHaveShaExtensions) return sha256WithShaExtensions(data);
#endif
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
