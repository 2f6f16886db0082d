// CometBFT's vote sign bytes: what a validator's Ed25519 key signs for a prevote, a precommit
// (and so every commit signature in a block header chain), PROTOCOL.md §4.
//
// The bytes are the protobuf encoding of CanonicalVote (core/proto/allora/consensus/v1/
// canonical.proto) prefixed with its length as a varint, exactly as CometBFT v0.38's
// types.VoteSignBytes, so that a signature made here verifies there and back. The vote extension
// is not part of them. Checked byte for byte against tests/vectors/standards/
// cometbft_vote_sign_bytes.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/bytes.h"

namespace allora::node::consensus {

// SignedMsgType values (tendermint.types.SignedMsgType).
enum class VoteType : int32_t { Unknown = 0, Prevote = 1, Precommit = 2, Proposal = 32 };

struct CanonicalBlockId {
    Bytes hash;  // 32 bytes
    uint32_t partSetTotal = 0;
    Bytes partSetHash;
};

struct VoteToSign {
    VoteType type = VoteType::Unknown;
    int64_t height = 0;
    int64_t round = 0;
    std::optional<CanonicalBlockId> blockId;  // nullopt: a vote for nil
    // google.protobuf.Timestamp: seconds since the Unix epoch (may be negative; Go's zero time is
    // -62135596800) and nanoseconds in [0, 1e9).
    int64_t timestampSeconds = 0;
    int32_t timestampNanos = 0;
    std::string chainId;
};

// Go's zero time.Time (0001-01-01T00:00:00Z), which CometBFT signs for a vote without a time.
constexpr int64_t kGoZeroTimeSeconds = -62135596800;

Bytes voteSignBytes(const VoteToSign& vote);

// Splits Unix nanoseconds into Timestamp's (seconds, nanos) with nanos always non-negative.
void splitUnixNanos(int64_t unixNanos, int64_t& seconds, int32_t& nanos);

}  // namespace allora::node::consensus
