#include "node/modules/bank/msg_send.h"

#include <memory>

#include "cosmos/bank/v1beta1/tx.pb.h"
#include "node/modules/address.h"
#include "node/modules/proto_util.h"

namespace allora::node::bank {

namespace {

struct DecodedSend {
    Bytes from, to;
    Coins coins;
};

TxStatus decode(ByteSpan value, DecodedSend& out) {
    cosmos::bank::v1beta1::MsgSend msg;
    if (!parseStrict(msg, value))
        return TxStatus::fail(TxCode::TxDecode, "MsgSend does not decode");
    auto from = parseAddress(msg.from_address());
    if (!from)
        return TxStatus::fail(TxCode::InvalidAddress, "invalid from address: " + from.message());
    auto to = parseAddress(msg.to_address());
    if (!to) return TxStatus::fail(TxCode::InvalidAddress, "invalid to address: " + to.message());
    auto coins = coinsFromProto(msg.amount());
    if (!coins) return TxStatus::fail(TxCode::InvalidCoins, coins.message());
    if (coins->empty()) return TxStatus::fail(TxCode::InvalidCoins, "send amount is empty");
    out = DecodedSend{std::move(*from), std::move(*to), std::move(*coins)};
    return TxStatus::success();
}

}  // namespace

TxStatus MsgSendHandler::validateBasic(ByteSpan value, std::vector<std::string>& signers) const {
    DecodedSend send;
    if (TxStatus s = decode(value, send); !s.ok()) return s;
    signers.push_back(formatAddress(send.from));
    return TxStatus::success();
}

TxStatus MsgSendHandler::execute(MsgContext& ctx, ByteSpan value) const {
    DecodedSend send;
    if (TxStatus s = decode(value, send); !s.ok()) return s;
    auto params = bank_.params(ctx.store);
    if (!params) return TxStatus::internal(params.error());
    if (!params->default_send_enabled())
        return TxStatus::fail(TxCode::InvalidRequest, "sending coins is disabled on this chain");
    ctx.events.push_back(Event{"message",
                               {{"action", std::string(kMsgSendTypeUrl)},
                                {"sender", formatAddress(send.from)},
                                {"module", "bank"}}});
    return bank_.send(ctx.store, ctx.block.timeUnixNanos / 1'000'000'000, send.from, send.to,
                      send.coins, &ctx.events);
}

void registerBankMessages(MsgRouter& router, const BankKeeper& bank) {
    router.add(std::string(kMsgSendTypeUrl), std::make_shared<MsgSendHandler>(bank));
}

}  // namespace allora::node::bank
