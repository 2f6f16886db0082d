// The emissions module's state key layout (keeper.h, epoch_close.h, epoch_state.h document the
// keys) and the helpers every part of the module builds keys and reads records with. Topic ids,
// heights and nonces are 8-byte big-endian, so a prefix scan visits them in numeric order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"
#include "node/modules/kv_store.h"
#include "node/modules/proto_util.h"

namespace allora::node::emissions {

void appendU64(Bytes& key, uint64_t v);
uint64_t readU64(ByteSpan b, size_t at);
// prefix + topic id [+ parts…]
Bytes topicKey(std::string_view prefix, uint64_t topicId);
Bytes topicKey(std::string_view prefix, uint64_t topicId, ByteSpan a);
Bytes topicKey(std::string_view prefix, uint64_t topicId, ByteSpan a, ByteSpan b);
// prefix + topic id + nonce + address
Bytes nonceKey(std::string_view prefix, uint64_t topicId, int64_t nonce, ByteSpan address);

namespace keys {
inline constexpr std::string_view kParams = "em/params";
inline constexpr std::string_view kNextTopic = "em/next_topic";
inline constexpr std::string_view kTopic = "em/topic/";
inline constexpr std::string_view kActive = "em/active/";
inline constexpr std::string_view kWorker = "em/worker/";
inline constexpr std::string_view kReputer = "em/reputer/";
inline constexpr std::string_view kRevenue = "em/revenue/";
inline constexpr std::string_view kTopicStake = "em/stake/topic/";
inline constexpr std::string_view kRepStake = "em/stake/rep/";
inline constexpr std::string_view kDelegTo = "em/stake/deleg_to/";
inline constexpr std::string_view kDelegBy = "em/stake/deleg_by/";
inline constexpr std::string_view kDeleg = "em/deleg/";
inline constexpr std::string_view kRps = "em/rps/";
inline constexpr std::string_view kRemoval = "em/rm/";
inline constexpr std::string_view kRemovalAt = "em/rm_at/";
inline constexpr std::string_view kDelegRemoval = "em/drm/";
inline constexpr std::string_view kDelegRemovalAt = "em/drm_at/";
inline constexpr std::string_view kWorkerNonces = "em/wnonce/";
inline constexpr std::string_view kReputerNonces = "em/rnonce/";
inline constexpr std::string_view kInference = "em/inf/";
inline constexpr std::string_view kForecast = "em/fc/";
inline constexpr std::string_view kReputerPayload = "em/rep/";
inline constexpr std::string_view kLatestInference = "em/latest_inf/";
inline constexpr std::string_view kInfererEma = "em/ema/inf/";
inline constexpr std::string_view kTopicHistory = "em/hist/";  // topic_history.h
// Per-nonce records of the epoch close (epoch_close.h, epoch_state.h), pruned with the history
// (topic_history.h, pruneNonceRecords).
inline constexpr std::string_view kNetworkLoss = "em/netloss/";  // id nonce
inline constexpr std::string_view kScore = "em/score/";          // kind id nonce actor
inline constexpr std::string_view kActiveSet = "em/aset/";       // kind id nonce actor
}  // namespace keys

template <typename Msg>
Result<std::optional<Msg>> readProto(const KvStore& store, const Bytes& k, const char* what) {
    auto raw = store.get(k);
    if (!raw) return raw.error();
    if (!*raw) return std::optional<Msg>{};
    Msg m;
    if (!m.ParseFromArray((*raw)->data(), static_cast<int>((*raw)->size())))
        return makeError(ErrorCode::Corrupt, std::string("stored ") + what + " does not decode");
    return std::optional<Msg>(std::move(m));
}

inline Status writeProto(KvStore& store, const Bytes& k, const google::protobuf::MessageLite& m) {
    return store.set(k, node::toBytes(m));
}

template <typename Msg>
Result<std::vector<Msg>> readAll(const KvStore& store, const Bytes& prefix, const char* what) {
    std::vector<Msg> out;
    Status failure;
    auto s = store.forEachPrefix(prefix, [&](ByteSpan, ByteSpan value) {
        Msg m;
        if (!m.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
            failure =
                makeError(ErrorCode::Corrupt, std::string("stored ") + what + " does not decode");
            return false;
        }
        out.push_back(std::move(m));
        return true;
    });
    if (!s) return s.error();
    if (!failure) return failure.error();
    return out;
}

}  // namespace allora::node::emissions
