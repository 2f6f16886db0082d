#include "node/consensus/canonical_vote.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "allora/consensus/v1/canonical.pb.h"

namespace allora::node::consensus {

namespace pb = ::allora::consensus::v1;

Bytes voteSignBytes(const VoteToSign& vote) {
    pb::CanonicalVote msg;
    msg.set_type(static_cast<pb::SignedMsgType>(vote.type));
    msg.set_height(vote.height);
    msg.set_round(vote.round);
    if (vote.blockId) {
        auto* id = msg.mutable_block_id();
        id->set_hash(vote.blockId->hash.data(), vote.blockId->hash.size());
        // Always present, even when zero: gogoproto's non-nullable field is always encoded.
        auto* psh = id->mutable_part_set_header();
        psh->set_total(vote.blockId->partSetTotal);
        psh->set_hash(vote.blockId->partSetHash.data(), vote.blockId->partSetHash.size());
    }
    // Always present, for the same reason.
    auto* ts = msg.mutable_timestamp();
    ts->set_seconds(vote.timestampSeconds);
    ts->set_nanos(vote.timestampNanos);
    msg.set_chain_id(vote.chainId);

    // protoio.MarshalDelimited: varint length, then the message.
    std::string out;
    {
        google::protobuf::io::StringOutputStream stream(&out);
        google::protobuf::io::CodedOutputStream coded(&stream);
        coded.SetSerializationDeterministic(true);
        coded.WriteVarint32(static_cast<uint32_t>(msg.ByteSizeLong()));
        msg.SerializeWithCachedSizes(&coded);
    }
    return Bytes(out.begin(), out.end());
}

void splitUnixNanos(int64_t unixNanos, int64_t& seconds, int32_t& nanos) {
    constexpr int64_t kNanosPerSecond = 1'000'000'000;
    seconds = unixNanos / kNanosPerSecond;
    int64_t rest = unixNanos % kNanosPerSecond;
    if (rest < 0) {
        rest += kNanosPerSecond;
        --seconds;
    }
    nanos = static_cast<int32_t>(rest);
}

}  // namespace allora::node::consensus
