#include "node/state/merkle_proof.h"

#include <algorithm>

#include "node/state/merkle_hash.h"

namespace allora::node {

using merkle::kPathBits;

Bytes MerkleProof::encode() const {
    assert(siblings.size() <= kPathBits);
    Bytes out;
    out.reserve(3 + siblings.size() * 32 + (leaf ? 64 : 0));
    out.push_back(leaf ? 1 : 0);
    out.push_back(static_cast<uint8_t>(siblings.size() >> 8));
    out.push_back(static_cast<uint8_t>(siblings.size() & 0xff));
    for (const Hash256& sibling : siblings) out.insert(out.end(), sibling.begin(), sibling.end());
    if (leaf) {
        out.insert(out.end(), leaf->keyHash.begin(), leaf->keyHash.end());
        out.insert(out.end(), leaf->valueHash.begin(), leaf->valueHash.end());
    }
    return out;
}

Result<MerkleProof> MerkleProof::decode(ByteSpan data) {
    if (data.size() < 3) return makeError(ErrorCode::Corrupt, "Merkle proof: truncated header");
    const uint8_t flags = data[0];
    if ((flags & ~1u) != 0) return makeError(ErrorCode::Corrupt, "Merkle proof: unknown flags");
    const size_t count = (static_cast<size_t>(data[1]) << 8) | data[2];
    if (count > kPathBits) {
        return makeError(ErrorCode::Corrupt, "Merkle proof: more than 256 siblings");
    }
    const size_t expected = 3 + count * 32 + ((flags & 1u) ? 64 : 0);
    if (data.size() != expected) {
        return makeError(ErrorCode::Corrupt, "Merkle proof: wrong length");
    }
    MerkleProof proof;
    proof.siblings.resize(count);
    size_t offset = 3;
    for (Hash256& sibling : proof.siblings) {
        std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(offset), 32, sibling.begin());
        offset += 32;
    }
    if (flags & 1u) {
        Leaf leaf;
        std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(offset), 32, leaf.keyHash.begin());
        std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(offset + 32), 32,
                    leaf.valueHash.begin());
        proof.leaf = leaf;
    }
    return proof;
}

bool verifyMerkleProofHashed(const Hash256& root, const Hash256& keyHash,
                             const std::optional<Hash256>& valueHash, const MerkleProof& proof) {
    const size_t depth = proof.siblings.size();
    if (depth > kPathBits) return false;

    // The hash of the subtree at the end of the key's path, as the proof claims it to be.
    Hash256 current;
    if (valueHash) {
        // Inclusion: the position holds exactly this key with exactly this value.
        if (!proof.leaf || proof.leaf->keyHash != keyHash || proof.leaf->valueHash != *valueHash) {
            return false;
        }
        current = merkle::leafHash(keyHash, *valueHash);
    } else if (proof.leaf) {
        // Exclusion by a neighbour: the subtree on the key's path at this depth holds one leaf
        // only, and it is another key's. Requiring the shared prefix makes sure that leaf really
        // sits on the key's path (else any leaf anywhere could "prove" absence).
        if (proof.leaf->keyHash == keyHash) return false;
        if (merkle::commonPrefixBits(proof.leaf->keyHash, keyHash) < depth) return false;
        current = merkle::leafHash(proof.leaf->keyHash, proof.leaf->valueHash);
    } else {
        // Exclusion by emptiness: nothing at all lies on the key's path at this depth.
        current = merkle::kEmptyHash;
    }

    for (size_t i = depth; i-- > 0;) {
        const Hash256& sibling = proof.siblings[i];
        current = merkle::pathBit(keyHash, static_cast<unsigned>(i)) == 0
                      ? merkle::internalHash(current, sibling)
                      : merkle::internalHash(sibling, current);
    }
    return current == root;
}

bool verifyMerkleProof(const Hash256& root, ByteSpan key, std::optional<ByteSpan> value,
                       const MerkleProof& proof) {
    std::optional<Hash256> valueHash;
    if (value) valueHash = merkle::valueHash(*value);
    return verifyMerkleProofHashed(root, merkle::keyHash(key), valueHash, proof);
}

}  // namespace allora::node
