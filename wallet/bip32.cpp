#include "wallet/bip32.h"

#include <cstring>

#include "core/hash.h"
#include "wallet/base58.h"

namespace allora::wallet::bip32 {
namespace {

constexpr uint32_t kVersionPrivate = 0x0488ADE4u;  // "xprv"
constexpr uint32_t kVersionPublic = 0x0488B21Eu;   // "xpub"
constexpr size_t kSerializedSize = 78;

void putU32(uint8_t* p, uint32_t v) {
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}
uint32_t getU32(const uint8_t* p) {
    return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}

std::string hexByte(uint8_t b) {
    constexpr char kDigits[] = "0123456789abcdef";
    return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

std::string hex32(uint32_t v) {
    std::string s = "0x";
    for (int shift = 28; shift >= 0; shift -= 4) s += "0123456789abcdef"[(v >> shift) & 15];
    return s;
}

Error invalidKey(const std::string& why) {
    return makeError(ErrorCode::InvalidArgument, "invalid extended key: " + why);
}

// HMAC output split as BIP-32 uses it: IL (the tweak or key) and IR (the chain code). Wiped on
// destruction because IL of a private derivation is the child's secret.
struct SplitHmac {
    Hash512 i{};
    ~SplitHmac() { secureWipe(i.data(), i.size()); }
    ByteSpan left() const { return {i.data(), 32}; }
    ByteSpan right() const { return {i.data() + 32, 32}; }
};

std::string indexName(uint32_t index) {
    return index >= kHardened ? std::to_string(index - kHardened) + "'" : std::to_string(index);
}

}  // namespace

uint32_t ExtendedKey::fingerprint() const {
    return getU32(hash160(publicKey).data());
}

ExtendedKey ExtendedKey::neuter() const {
    ExtendedKey out;
    out.depth = depth;
    out.parentFingerprint = parentFingerprint;
    out.childNumber = childNumber;
    out.chainCode = chainCode;
    out.publicKey = publicKey;
    return out;
}

ExtendedKey ExtendedKey::clone() const {
    ExtendedKey out = neuter();
    out.privateKey = privateKey.copy();
    return out;
}

Result<ExtendedKey> fromSeed(ByteSpan seed) {
    if (seed.size() < 16 || seed.size() > 64)
        return makeError(ErrorCode::InvalidArgument,
                         "BIP-32 seed must be 16 to 64 bytes, not " + std::to_string(seed.size()));
    constexpr std::string_view kKey = "Bitcoin seed";
    SplitHmac h;
    h.i = hmacSha512(asBytes(kKey), seed);
    ExtendedKey key;
    key.privateKey = SecureBytes(h.left());
    // Probability below 2^-127, but BIP-32 names it: such a seed has no master key.
    if (!secp256k1::isValidPrivateKey(key.privateKey.span()))
        return makeError(ErrorCode::Crypto, "BIP-32 seed gives an invalid master key; use another");
    auto pub = secp256k1::derivePublicKey(key.privateKey);
    if (!pub) return pub.error();
    key.publicKey = *pub;
    std::memcpy(key.chainCode.data(), h.right().data(), 32);
    return key;
}

Result<ExtendedKey> deriveChild(const ExtendedKey& parent, uint32_t index) {
    const bool hardened = index >= kHardened;
    if (hardened && !parent.isPrivate())
        return makeError(ErrorCode::InvalidArgument,
                         "cannot derive hardened child " + indexName(index) + " from a public key");
    if (parent.depth == 255)
        return makeError(ErrorCode::InvalidArgument, "BIP-32 depth limit (255) reached");

    // 0x00 || k (hardened) or K (normal), then the index: 37 bytes either way.
    std::array<uint8_t, 37> data{};
    if (hardened) {
        std::memcpy(data.data() + 1, parent.privateKey.data(), 32);
    } else {
        std::memcpy(data.data(), parent.publicKey.data(), 33);
    }
    putU32(data.data() + 33, index);
    SplitHmac h;
    h.i = hmacSha512(parent.chainCode, data);
    secureWipe(data.data(), data.size());

    ExtendedKey child;
    child.depth = static_cast<uint8_t>(parent.depth + 1);
    child.parentFingerprint = parent.fingerprint();
    child.childNumber = index;
    std::memcpy(child.chainCode.data(), h.right().data(), 32);

    // The tweak functions fail exactly when BIP-32 says the index is invalid (IL >= n, or a zero
    // key / point at infinity); the caller moves on to the next index.
    const auto skip = [&] {
        return makeError(ErrorCode::Crypto, "BIP-32 child " + indexName(index) +
                                                " is invalid (IL >= n or zero key); use the next "
                                                "index");
    };
    if (parent.isPrivate()) {
        auto k = secp256k1::privateKeyTweakAdd(parent.privateKey, h.left());
        if (!k) return skip();
        auto pub = secp256k1::derivePublicKey(*k);
        if (!pub) return pub.error();
        child.privateKey = std::move(*k);
        child.publicKey = *pub;
    } else {
        auto pub = secp256k1::publicKeyTweakAdd(parent.publicKey, h.left());
        if (!pub) return skip();
        child.publicKey = *pub;
    }
    return child;
}

Result<std::vector<uint32_t>> parsePath(std::string_view path) {
    const auto bad = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid derivation path '" + std::string(path) + "': " + why);
    };
    if (path.empty() || path[0] != 'm') return bad("must start with \"m\"");
    std::vector<uint32_t> out;
    std::string_view rest = path.substr(1);
    while (!rest.empty()) {
        if (rest[0] != '/') return bad("components are separated by '/'");
        rest.remove_prefix(1);
        const size_t end = rest.find('/');
        std::string_view part = rest.substr(0, end);
        rest.remove_prefix(part.size());
        const std::string label = "component " + std::to_string(out.size() + 1);

        bool hardened = false;
        if (!part.empty() && (part.back() == '\'' || part.back() == 'h' || part.back() == 'H')) {
            hardened = true;
            part.remove_suffix(1);
        }
        if (part.empty()) return bad(label + " is empty");
        uint64_t value = 0;
        for (char c : part) {
            if (c < '0' || c > '9') return bad(label + " is not a number");
            value = value * 10 + static_cast<uint64_t>(c - '0');
            if (value >= kHardened) return bad(label + " is not below 2^31");
        }
        out.push_back(static_cast<uint32_t>(value) | (hardened ? kHardened : 0u));
        if (out.size() > 255) return bad("deeper than 255 levels");
    }
    return out;
}

Result<ExtendedKey> derivePath(const ExtendedKey& root, std::string_view path) {
    auto indexes = parsePath(path);
    if (!indexes) return indexes.error();
    ExtendedKey key = root.clone();
    for (uint32_t index : *indexes) {
        auto child = deriveChild(key, index);
        if (!child) return child.error();
        key = std::move(*child);
    }
    return key;
}

std::string toBase58(const ExtendedKey& key) {
    // Holds the private key for an xprv, so it lives in locked memory.
    SecureBytes out(kSerializedSize);
    uint8_t* p = out.data();
    putU32(p, key.isPrivate() ? kVersionPrivate : kVersionPublic);
    p[4] = key.depth;
    putU32(p + 5, key.parentFingerprint);
    putU32(p + 9, key.childNumber);
    std::memcpy(p + 13, key.chainCode.data(), 32);
    if (key.isPrivate()) {
        p[45] = 0;
        std::memcpy(p + 46, key.privateKey.data(), 32);
    } else {
        std::memcpy(p + 45, key.publicKey.data(), 33);
    }
    return base58::encodeCheck(out.span());
}

Result<ExtendedKey> fromBase58(std::string_view text) {
    // 78 bytes + checksum is 111 or 112 characters; anything far longer is not worth decoding.
    if (text.size() > 120)
        return invalidKey(std::to_string(text.size()) + " characters (expected 111 or 112)");
    auto decodedResult = base58::decodeCheck(text);
    if (!decodedResult) {
        // "invalid Base58Check: checksum …" reads better as "invalid extended key: checksum …".
        constexpr std::string_view kPrefix = "invalid Base58Check: ";
        std::string_view why = decodedResult.message();
        if (why.substr(0, kPrefix.size()) == kPrefix) why.remove_prefix(kPrefix.size());
        return invalidKey(std::string(why));
    }
    // Copy into locked memory and wipe the ordinary buffer: an xprv carries a private key.
    const SecureBytes raw{ByteSpan(*decodedResult)};
    secureWipe(*decodedResult);
    if (raw.size() != kSerializedSize)
        return invalidKey(std::to_string(raw.size()) + " bytes (expected 78)");

    const uint8_t* p = raw.data();
    const uint32_t version = getU32(p);
    if (version != kVersionPrivate && version != kVersionPublic)
        return makeError(ErrorCode::Unsupported,
                         "invalid extended key: unknown version " + hex32(version) +
                             " (expected xprv 0x0488ade4 or xpub 0x0488b21e)");
    const bool isPrivate = version == kVersionPrivate;

    ExtendedKey key;
    key.depth = p[4];
    key.parentFingerprint = getU32(p + 5);
    key.childNumber = getU32(p + 9);
    std::memcpy(key.chainCode.data(), p + 13, 32);
    if (key.depth == 0 && key.parentFingerprint != 0)
        return invalidKey("zero depth with non-zero parent fingerprint " +
                          hex32(key.parentFingerprint));
    if (key.depth == 0 && key.childNumber != 0)
        return invalidKey("zero depth with non-zero child index " +
                          std::to_string(key.childNumber));

    const uint8_t prefix = p[45];
    const ByteSpan keyData(p + 45, 33);
    if (isPrivate) {
        if (prefix == 0x02 || prefix == 0x03)
            return invalidKey("private key version (xprv) with public key data");
        if (prefix != 0x00)
            return invalidKey("invalid private key prefix " + hexByte(prefix) + " (expected 0x00)");
        if (!secp256k1::isValidPrivateKey(keyData.subspan(1)))
            return invalidKey("private key not in 1..n-1");
        key.privateKey = SecureBytes(keyData.subspan(1));
        auto pub = secp256k1::derivePublicKey(key.privateKey);
        if (!pub) return pub.error();
        key.publicKey = *pub;
    } else {
        if (prefix == 0x00) return invalidKey("public key version (xpub) with private key data");
        if (prefix != 0x02 && prefix != 0x03)
            return invalidKey("invalid public key prefix " + hexByte(prefix) +
                              " (expected 0x02 or 0x03)");
        if (!secp256k1::isValidPublicKey(keyData))
            return invalidKey("invalid public key (not a point on secp256k1)");
        std::memcpy(key.publicKey.data(), keyData.data(), 33);
    }
    return key;
}

}  // namespace allora::wallet::bip32
