#include "node/consensus/block_format.h"

#include <algorithm>
#include <bit>
#include <set>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "node/consensus/canonical_vote.h"

namespace allora::node::consensus {

Bytes consensusAddress(const ed25519::PubKey& pubKey) {
    const Hash256 h = sha256(pubKey);
    return Bytes(h.begin(), h.begin() + kConsensusAddressSize);
}

namespace {

Hash256 leafHash(ByteSpan item) {
    const uint8_t prefix = 0x00;
    return Sha256().update({&prefix, 1}).update(item).finish();
}

Hash256 innerHash(const Hash256& left, const Hash256& right) {
    const uint8_t prefix = 0x01;
    return Sha256().update({&prefix, 1}).update(left).update(right).finish();
}

Hash256 merkleRange(std::span<const Bytes> items) {
    if (items.size() == 1) return leafHash(items[0]);
    // Largest power of two strictly below n (n >= 2 here).
    const size_t split = std::bit_floor(items.size() - 1);
    return innerHash(merkleRange(items.first(split)), merkleRange(items.subspan(split)));
}

}  // namespace

Hash256 merkleRoot(std::span<const Bytes> items) {
    if (items.empty()) return sha256({});
    return merkleRange(items);
}

Hash256 dataHash(std::span<const Bytes> txs) {
    std::vector<Bytes> hashes;
    hashes.reserve(txs.size());
    for (const Bytes& tx : txs) {
        const Hash256 h = sha256(tx);
        hashes.emplace_back(h.begin(), h.end());
    }
    return merkleRoot(hashes);
}

Hash256 validatorsHash(std::span<const Validator> validators) {
    std::vector<Bytes> items;
    items.reserve(validators.size());
    for (const Validator& v : validators) {
        pb::SimpleValidator sv;
        sv.mutable_pub_key()->set_ed25519(toField(v.pubKey));
        sv.set_voting_power(v.power);
        items.push_back(encodeMessage(sv));
    }
    return merkleRoot(items);
}

Bytes encodeMessage(const google::protobuf::MessageLite& message) {
    std::string out;
    {
        google::protobuf::io::StringOutputStream stream(&out);
        google::protobuf::io::CodedOutputStream coded(&stream);
        coded.SetSerializationDeterministic(true);
        message.SerializeToCodedStream(&coded);
    }
    return Bytes(out.begin(), out.end());
}

Hash256 headerHash(const pb::Header& header) {
    return sha256(encodeMessage(header));
}

Hash256 commitHash(const pb::Commit& commit) {
    return sha256(encodeMessage(commit));
}

Bytes commitSignBytes(std::string_view chainId, const pb::Commit& commit,
                      const pb::CommitSig& sig) {
    VoteToSign vote;
    vote.type = VoteType::Precommit;
    vote.height = static_cast<int64_t>(commit.height());
    vote.round = commit.round();
    CanonicalBlockId id;
    const ByteSpan hash = fieldBytes(commit.block_hash());
    id.hash.assign(hash.begin(), hash.end());
    vote.blockId = std::move(id);
    splitUnixNanos(sig.timestamp_unix_nanos(), vote.timestampSeconds, vote.timestampNanos);
    vote.chainId = std::string(chainId);
    return voteSignBytes(vote);
}

Status verifyCommit(std::string_view chainId, const pb::Commit& commit,
                    std::span<const Validator> validators) {
    int64_t total = 0;
    for (const Validator& v : validators) total += v.power;
    int64_t signedPower = 0;
    std::set<Bytes> seen;
    for (const pb::CommitSig& sig : commit.signatures()) {
        const ByteSpan addr = fieldBytes(sig.validator_address());
        const Bytes address(addr.begin(), addr.end());
        const auto v = std::find_if(validators.begin(), validators.end(), [&](const Validator& x) {
            return consensusAddress(x.pubKey) == address;
        });
        if (v == validators.end()) {
            return makeError(ErrorCode::Crypto, "commit for height " +
                                                    std::to_string(commit.height()) +
                                                    " is signed by a non-validator");
        }
        if (!seen.insert(address).second) {
            return makeError(ErrorCode::Crypto, "commit for height " +
                                                    std::to_string(commit.height()) +
                                                    " has two signatures from one validator");
        }
        if (!ed25519::verify(v->pubKey, commitSignBytes(chainId, commit, sig),
                             fieldBytes(sig.signature()))) {
            return makeError(ErrorCode::Crypto, "commit signature for height " +
                                                    std::to_string(commit.height()) +
                                                    " does not verify");
        }
        signedPower += v->power;
    }
    // More than 2/3, in integers: 3 * signed > 2 * total.
    if (total <= 0 || 3 * signedPower <= 2 * total) {
        return makeError(ErrorCode::Crypto,
                         "commit for height " + std::to_string(commit.height()) +
                             " lacks signatures from more than 2/3 of the power");
    }
    return {};
}

Status checkBlockHashes(const pb::Block& block) {
    if (!block.has_header()) return makeError(ErrorCode::Corrupt, "block without a header");
    const pb::Header& h = block.header();
    std::vector<Bytes> txs;
    txs.reserve(static_cast<size_t>(block.txs_size()));
    for (const std::string& tx : block.txs()) txs.emplace_back(tx.begin(), tx.end());
    if (!fieldEquals(h.data_hash(), dataHash(txs))) {
        return makeError(ErrorCode::Corrupt, "block " + std::to_string(h.height()) +
                                                 ": data_hash does not match its txs");
    }
    // The chain's first block (at its initial height) is the one without a previous block.
    if (h.last_block_hash().empty()) {
        if (block.has_last_commit() || !h.last_commit_hash().empty()) {
            return makeError(ErrorCode::Corrupt, "block " + std::to_string(h.height()) +
                                                     " has no previous block but a last commit");
        }
        return {};
    }
    if (!block.has_last_commit() ||
        !fieldEquals(h.last_commit_hash(), commitHash(block.last_commit()))) {
        return makeError(ErrorCode::Corrupt,
                         "block " + std::to_string(h.height()) +
                             ": last_commit_hash does not match its last commit");
    }
    if (block.last_commit().height() + 1 != h.height() ||
        block.last_commit().block_hash() != h.last_block_hash()) {
        return makeError(ErrorCode::Corrupt, "block " + std::to_string(h.height()) +
                                                 ": last commit is not for the previous block");
    }
    return {};
}

Result<pb::Block> decodeBlock(ByteSpan bytes) {
    pb::Block block;
    if (!block.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
        return makeError(ErrorCode::Corrupt, "block bytes do not decode");
    }
    if (auto st = checkBlockHashes(block); !st) return st.error();
    return block;
}

}  // namespace allora::node::consensus
