// The block format's rules in code: hashes, addresses, commit sign bytes and checks.
// The format itself, and why each hash is defined the way it is, is documented in
// core/proto/allora/consensus/v1/block.proto.
//
// Every function here is pure and deterministic (consensus code: DESIGN.md, Determinism).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "allora/consensus/v1/block.pb.h"
#include "core/bytes.h"
#include "core/ed25519.h"
#include "core/hash.h"
#include "core/result.h"

namespace google::protobuf {
class MessageLite;
}

namespace allora::node::consensus {

namespace pb = ::allora::consensus::v1;

constexpr size_t kConsensusAddressSize = 20;

struct Validator {
    ed25519::PubKey pubKey{};
    int64_t power = 0;
};

// First 20 bytes of SHA-256(pubkey): CometBFT's ed25519 address.
Bytes consensusAddress(const ed25519::PubKey& pubKey);

// RFC 6962 Merkle root of `items` (CometBFT's merkle.HashFromByteSlices): leaf = SHA-256(0x00 ||
// item), inner = SHA-256(0x01 || left || right), split at the largest power of two below n,
// SHA-256("") for none.
Hash256 merkleRoot(std::span<const Bytes> items);
// merkleRoot of SHA-256(tx) per tx: CometBFT's Txs.Hash().
Hash256 dataHash(std::span<const Bytes> txs);
// merkleRoot of SimpleValidator{pub_key{ed25519}, voting_power} bytes: ValidatorSet.Hash().
Hash256 validatorsHash(std::span<const Validator> validators);

// Protobuf encoding with deterministic serialization: the bytes that get hashed and stored.
Bytes encodeMessage(const google::protobuf::MessageLite& message);

// The block hash: SHA-256 of the encoded header.
Hash256 headerHash(const pb::Header& header);
// last_commit_hash of the next block: SHA-256 of the encoded commit.
Hash256 commitHash(const pb::Commit& commit);

// What validator `sig.validator_address` signs for `commit`: CanonicalVote sign bytes of a
// PRECOMMIT at (commit.height, commit.round) for block id {commit.block_hash, empty part set
// header}, timestamped with sig.timestamp_unix_nanos, on `chainId`.
Bytes commitSignBytes(std::string_view chainId, const pb::Commit& commit, const pb::CommitSig& sig);

// Checks that every signature in `commit` is by a member of `validators`, verifies, and that the
// signers hold more than 2/3 of the total power. A signer may appear once.
Status verifyCommit(std::string_view chainId, const pb::Commit& commit,
                    std::span<const Validator> validators);

// Decodes a stored or received block and checks what it can check alone: the header is present,
// data_hash matches the txs, last_commit_hash matches last_commit (both absent in the first
// block, the one with an empty last_block_hash), and the commit is for the previous height and
// last_block_hash.
Result<pb::Block> decodeBlock(ByteSpan bytes);
Status checkBlockHashes(const pb::Block& block);

// Bytes <-> the `bytes` fields of the generated messages.
inline std::string toField(ByteSpan b) {
    return std::string(b.begin(), b.end());
}
inline ByteSpan fieldBytes(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline bool fieldEquals(const std::string& s, const Hash256& h) {
    return s.size() == h.size() && std::equal(h.begin(), h.end(), fieldBytes(s).begin());
}

}  // namespace allora::node::consensus
