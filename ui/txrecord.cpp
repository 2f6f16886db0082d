#include "ui/txrecord.h"

#include "allora/chain/v1/chain.pb.h"
#include "core/encoding.h"
#include "cosmos/bank/v1beta1/tx.pb.h"
#include "cosmos/tx/v1beta1/tx.pb.h"

namespace allora::ui {

namespace {

constexpr std::string_view kMsgSend = "/cosmos.bank.v1beta1.MsgSend";

Amount ualloOf(const google::protobuf::RepeatedPtrField<cosmos::base::v1beta1::Coin>& coins) {
    Amount sum;
    for (const auto& c : coins) {
        if (c.denom() != "uallo") continue;
        auto a = Amount::parse(c.amount());
        if (!a) continue;
        auto s = sum.add(*a);
        if (s) sum = *s;
    }
    return sum;
}

}  // namespace

TxRecord readTxRecord(const node::TxsByAddressEntry& entry, const std::string& self) {
    TxRecord r;
    r.hash = QString::fromStdString(toHex(entry.hash)).toUpper();
    r.height = entry.height;
    r.index = entry.index;
    r.time = QDateTime::fromMSecsSinceEpoch(entry.timeUnixNanos / 1'000'000, Qt::UTC);

    allora::chain::v1::TxResultRecord result;
    if (result.ParseFromArray(entry.result.data(), static_cast<int>(entry.result.size()))) {
        r.ok = result.code() == 0;
        if (!r.ok) r.failure = QString::fromStdString(result.log());
    }
    cosmos::tx::v1beta1::TxRaw raw;
    cosmos::tx::v1beta1::TxBody body;
    cosmos::tx::v1beta1::AuthInfo auth;
    if (!raw.ParseFromArray(entry.tx.data(), static_cast<int>(entry.tx.size())) ||
        !body.ParseFromString(raw.body_bytes()) || !auth.ParseFromString(raw.auth_info_bytes()))
        return r;  // a tx the chain refused to decode: only its place and result are known
    r.memo = QString::fromStdString(body.memo());
    if (body.messages_size() > 0)
        r.messageType = QString::fromStdString(body.messages(0).type_url());

    bool paidFee = false;
    for (const auto& any : body.messages()) {
        if (any.type_url() != kMsgSend) continue;
        cosmos::bank::v1beta1::MsgSend send;
        if (!send.ParseFromString(any.value())) continue;
        const bool from = send.from_address() == self, to = send.to_address() == self;
        if (!from && !to) continue;
        paidFee = paidFee || from;
        r.kind = from && to ? TxRecord::Kind::SentToSelf
                 : from     ? TxRecord::Kind::Sent
                            : TxRecord::Kind::Received;
        r.counterparty = QString::fromStdString(from ? send.to_address() : send.from_address());
        auto sum = r.amount.add(ualloOf(send.amount()));
        if (sum) r.amount = *sum;
    }
    // The fee payer is the first signer unless the fee names one; for a MsgSend that is the
    // sender.
    if (paidFee || auth.fee().payer() == self) r.fee = ualloOf(auth.fee().amount());
    return r;
}

}  // namespace allora::ui
