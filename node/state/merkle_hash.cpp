#include "node/state/merkle_hash.h"

#include <array>
#include <cassert>
#include <cstring>

namespace allora::node::merkle {

namespace {

Hash256 hashTagged(uint8_t tag, const Hash256& a, const Hash256& b) {
    std::array<uint8_t, 65> buffer;
    buffer[0] = tag;
    std::memcpy(buffer.data() + 1, a.data(), a.size());
    std::memcpy(buffer.data() + 33, b.data(), b.size());
    return blake2b256(buffer);  // 65 bytes: one BLAKE2b compression
}

}  // namespace

Hash256 keyHash(ByteSpan key) {
    return blake2b256(key);
}

Hash256 valueHash(ByteSpan value) {
    return blake2b256(value);
}

unsigned commonPrefixBits(const Hash256& a, const Hash256& b) {
    for (unsigned i = 0; i < 32; ++i) {
        const unsigned diff = static_cast<unsigned>(a[i] ^ b[i]);
        if (diff != 0) {
            unsigned bits = i * 8;
            for (unsigned mask = 0x80; (diff & mask) == 0; mask >>= 1) ++bits;
            return bits;
        }
    }
    return kPathBits;
}

Hash256 maskPath(const Hash256& path, unsigned bits) {
    assert(bits <= kPathBits);
    Hash256 out{};
    const unsigned fullBytes = bits / 8;
    std::memcpy(out.data(), path.data(), fullBytes);
    if (bits % 8 != 0) {
        out[fullBytes] = static_cast<uint8_t>(path[fullBytes] & (0xff00u >> (bits % 8)));
    }
    return out;
}

Hash256 leafHash(const Hash256& keyHash, const Hash256& valueHash) {
    return hashTagged(kLeafPrefix, keyHash, valueHash);
}

Hash256 internalHash(const Hash256& left, const Hash256& right) {
    return hashTagged(kInternalPrefix, left, right);
}

Hash256 liftHash(Hash256 hash, const Hash256& path, unsigned from, unsigned to, uint64_t* counter) {
    assert(to <= from && from <= kPathBits);
    for (unsigned level = from; level > to; --level) {
        // The node sits on side pathBit(level - 1) of the position one level up.
        hash = pathBit(path, level - 1) == 0 ? internalHash(hash, kEmptyHash)
                                             : internalHash(kEmptyHash, hash);
        if (counter) ++*counter;
    }
    return hash;
}

}  // namespace allora::node::merkle
