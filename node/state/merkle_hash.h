// The hashing rules of the state commitment, shared by the tree, the proof verifier and the tests.
// The full scheme is specified in merkle_tree.h; these functions are its vocabulary.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/bytes.h"
#include "core/hash.h"

namespace allora::node::merkle {

inline constexpr uint8_t kLeafPrefix = 0x00;
inline constexpr uint8_t kInternalPrefix = 0x01;
inline constexpr unsigned kPathBits = 256;

// The name of the tree's hash function, recorded with the tree (merkle_tree.h, "Hash scheme") so
// that a tree hashed otherwise (SHA-256, before this build) is refused instead of extended.
inline constexpr std::string_view kHashScheme = "blake2b-256";

// K = BLAKE2b-256(key): a state entry's path.
Hash256 keyHash(ByteSpan key);

// V = BLAKE2b-256(value).
Hash256 valueHash(ByteSpan value);

// The hash of an empty subtree, and so the root of the empty tree.
inline constexpr Hash256 kEmptyHash{};

// Bit `index` of a 256-bit path, most significant bit of byte 0 first: bit 0 chooses the root's
// side, bit 1 the next level's, and so on.
inline unsigned pathBit(const Hash256& path, unsigned index) {
    return (path[index / 8] >> (7 - index % 8)) & 1u;
}

// Number of leading bits two paths share (256 when equal).
unsigned commonPrefixBits(const Hash256& a, const Hash256& b);

// `path` with every bit from `bits` on cleared: the canonical name of a prefix.
Hash256 maskPath(const Hash256& path, unsigned bits);

// BLAKE2b-256(0x00 || keyHash || valueHash)
Hash256 leafHash(const Hash256& keyHash, const Hash256& valueHash);

// BLAKE2b-256(0x01 || left || right)
Hash256 internalHash(const Hash256& left, const Hash256& right);

// The hash at depth `to` of a subtree whose only non-empty part is the node with hash `hash` at
// depth `from` (>= to) on `path`: one internalHash per level, with an empty sibling each time.
// Counts the hashes it computes into *counter when given.
Hash256 liftHash(Hash256 hash, const Hash256& path, unsigned from, unsigned to,
                 uint64_t* counter = nullptr);

}  // namespace allora::node::merkle
