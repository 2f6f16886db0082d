// The handler of /cosmos.bank.v1beta1.MsgSend: checks (addresses with the allo prefix, coins
// positive, valid, sorted and unique, sending enabled) and the transfer itself, with the SDK's
// events ("coin_spent", "coin_received", "transfer", "message").
#pragma once

#include <string_view>

#include "node/modules/bank/bank_keeper.h"
#include "node/modules/msg_router.h"

namespace allora::node::bank {

constexpr std::string_view kMsgSendTypeUrl = "/cosmos.bank.v1beta1.MsgSend";

class MsgSendHandler final : public MsgHandler {
public:
    explicit MsgSendHandler(const BankKeeper& bank) : bank_(bank) {}
    TxStatus validateBasic(ByteSpan value, std::vector<std::string>& signers) const override;
    TxStatus execute(MsgContext& ctx, ByteSpan value) const override;

private:
    const BankKeeper& bank_;
};

// Registers MsgSend (and later the module's other messages) with the router.
void registerBankMessages(MsgRouter& router, const BankKeeper& bank);

}  // namespace allora::node::bank
