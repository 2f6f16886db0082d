// A proof that a key has a given value in the state (inclusion) or has none (exclusion), checked
// against an app hash alone. The tree and the hashing it verifies (BLAKE2b-256 throughout) are
// specified in merkle_tree.h.
//
// Wire encoding (encode/decode), so that other implementations can check our proofs:
//   byte 0        flags: bit 0 set = a leaf follows the siblings; other bits must be zero
//   bytes 1..2    n, the number of siblings, big-endian, 0..256
//   n × 32 bytes  siblings, root side first (siblings[i] is the hash of the subtree at depth i+1
//                 that is NOT on the key's path, i.e. the other child of the key's ancestor at
//                 depth i)
//   [32 + 32]     if flagged: the leaf's key hash and value hash
#pragma once

#include <optional>
#include <vector>

#include "core/bytes.h"
#include "core/hash.h"
#include "core/result.h"

namespace allora::node {

struct MerkleProof {
    struct Leaf {
        Hash256 keyHash{};
        Hash256 valueHash{};
        bool operator==(const Leaf&) const = default;
    };

    // The sibling hashes from the root down to the position the key's path ends at.
    std::vector<Hash256> siblings;
    // The leaf at that position: the key's own leaf (inclusion), another key's leaf whose hash
    // shares the first siblings.size() bits with the key's (exclusion), or none when the position
    // is empty (exclusion).
    std::optional<Leaf> leaf;

    bool operator==(const MerkleProof&) const = default;

    Bytes encode() const;
    static Result<MerkleProof> decode(ByteSpan data);
};

// Checks `proof` for BLAKE2b-256(key) against `root`. With a value: an inclusion proof that the key
// maps to exactly that value. Without (std::nullopt): an exclusion proof that the key is absent.
bool verifyMerkleProof(const Hash256& root, ByteSpan key, std::optional<ByteSpan> value,
                       const MerkleProof& proof);

// The same on pre-hashed inputs: keyHash = BLAKE2b-256(key), valueHash = BLAKE2b-256(value).
bool verifyMerkleProofHashed(const Hash256& root, const Hash256& keyHash,
                             const std::optional<Hash256>& valueHash, const MerkleProof& proof);

}  // namespace allora::node
