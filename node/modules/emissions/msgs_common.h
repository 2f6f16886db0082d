// Shared by the emissions message handlers (msgs_topics.cpp, msgs_stake.cpp, payloads.cpp): a
// handler template that decodes a message strictly and hands it to two functions (stateless
// checks with the signers, and execution), and the checks every message repeats.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "node/modules/address.h"
#include "node/modules/emissions/genesis.h"
#include "node/modules/emissions/keeper.h"
#include "node/modules/msg_router.h"
#include "node/modules/proto_util.h"

namespace allora::node::emissions {

template <typename Msg>
class ProtoMsgHandler final : public MsgHandler {
public:
    using Basic = std::function<TxStatus(const Msg&, std::vector<std::string>& signers)>;
    using Exec = std::function<TxStatus(MsgContext&, const Msg&)>;

    ProtoMsgHandler(std::string name, Basic basic, Exec exec)
        : name_(std::move(name)), basic_(std::move(basic)), exec_(std::move(exec)) {}

    TxStatus validateBasic(ByteSpan value, std::vector<std::string>& signers) const override {
        Msg msg;
        if (!parseStrict(msg, value))
            return TxStatus::fail(TxCode::TxDecode, name_ + " does not decode");
        return basic_(msg, signers);
    }
    TxStatus execute(MsgContext& ctx, ByteSpan value) const override {
        Msg msg;
        if (!parseStrict(msg, value))
            return TxStatus::fail(TxCode::TxDecode, name_ + " does not decode");
        ctx.events.push_back(
            Event{"message", {{"action", "/emissions.v9." + name_}, {"module", "emissions"}}});
        return exec_(ctx, msg);
    }

private:
    std::string name_;
    Basic basic_;
    Exec exec_;
};

template <typename Msg>
void addHandler(MsgRouter& router, const std::string& name,
                typename ProtoMsgHandler<Msg>::Basic basic,
                typename ProtoMsgHandler<Msg>::Exec exec) {
    router.add("/emissions.v9." + name,
               std::make_shared<ProtoMsgHandler<Msg>>(name, std::move(basic), std::move(exec)));
}

inline TxStatus invalid(std::string log) {
    return TxStatus::fail(TxCode::InvalidRequest, std::move(log));
}

// An "allo1…" address field; InvalidAddress naming the field.
inline TxStatus checkAddress(std::string_view field, std::string_view text, Bytes* out = nullptr) {
    auto a = parseAddress(text);
    if (!a)
        return TxStatus::fail(TxCode::InvalidAddress,
                              "invalid " + std::string(field) + " address: " + a.message());
    if (out != nullptr) *out = std::move(*a);
    return TxStatus::success();
}

// A positive uallo amount field (decimal digits).
inline TxStatus checkPositiveAmount(std::string_view field, std::string_view text, Amount* out) {
    auto a = parseCoinAmount(text);
    if (!a)
        return TxStatus::fail(TxCode::InvalidCoins,
                              "invalid " + std::string(field) + ": " + a.message());
    if (a->isZero())
        return TxStatus::fail(TxCode::InvalidCoins, std::string(field) + " must be positive");
    *out = *a;
    return TxStatus::success();
}

// A signer check + one address (validateBasic of the messages with a sender).
inline TxStatus senderSigns(std::string_view sender, std::vector<std::string>& signers) {
    if (TxStatus s = checkAddress("sender", sender); !s.ok()) return s;
    signers.push_back(std::string(sender));
    return TxStatus::success();
}

// The topic, or InvalidRequest "topic N does not exist".
inline TxStatus requireTopic(const EmissionsKeeper& keeper, const KvStore& store, uint64_t id,
                             Topic& out) {
    auto t = keeper.topic(store, id);
    if (!t) return TxStatus::internal(t.error());
    if (!*t) return invalid("topic " + std::to_string(id) + " does not exist");
    out = std::move(**t);
    return TxStatus::success();
}

inline TxStatus requireParams(const EmissionsKeeper& keeper, const KvStore& store, Params& params,
                              ParsedParams& amounts) {
    auto p = keeper.params(store);
    if (!p) return TxStatus::internal(p.error());
    auto a = parseParamAmounts(*p);
    if (!a) return TxStatus::internal(a.error());
    params = std::move(*p);
    amounts = *a;
    return TxStatus::success();
}

inline int64_t blockSeconds(const MsgContext& ctx) {
    return ctx.block.timeUnixNanos / 1'000'000'000;
}

void registerTopicMessages(MsgRouter& router, std::shared_ptr<const EmissionsKeeper> keeper);
void registerStakeMessages(MsgRouter& router, std::shared_ptr<const EmissionsKeeper> keeper);
void registerPayloadMessages(MsgRouter& router, std::shared_ptr<const EmissionsKeeper> keeper);
void registerParamsMessages(MsgRouter& router, std::shared_ptr<const EmissionsKeeper> keeper);

}  // namespace allora::node::emissions
