#include "ui/txrecord.h"

#include <QCoreApplication>

#include "allora/chain/v1/chain.pb.h"
#include "allora/emissions/v9/tx.pb.h"
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

// The words of a record, under the context lupdate files them in (a free tr() helper would hide
// them from lupdate: tests/gui/test_translations).
struct Words {
    Q_DECLARE_TR_FUNCTIONS(allora::ui::TxRecord)
};

void addAmount(TxRecord& r, const Amount& a) {
    if (auto sum = r.amount.add(a)) r.amount = *sum;
}
Amount parsedAmount(const std::string& text) {
    auto a = Amount::parse(text);
    return a ? *a : Amount{};
}
void addAmount(TxRecord& r, const std::string& text) {
    addAmount(r, parsedAmount(text));
}

// The value of an event attribute given as coins ("123uallo"), in uallo; zero when absent.
Amount coinAmount(const std::string& text) {
    if (!text.ends_with("uallo")) return {};
    auto a = Amount::parse(std::string_view(text).substr(0, text.size() - 5));
    return a ? *a : Amount{};
}

// An emissions message sent by `self`: its words, amount and topic. False for other messages.
bool readEmissionsMessage(const google::protobuf::Any& any, const std::string& self,
                          const allora::chain::v1::TxResultRecord& result, TxRecord& r) {
    namespace em = ::emissions::v9;
    const std::string& type = any.type_url();
    auto parse = [&](auto& m) { return m.ParseFromString(any.value()) && m.sender() == self; };
    if (type == "/emissions.v9.FundTopicRequest") {
        em::FundTopicRequest m;
        if (!parse(m)) return false;
        r.topicId = m.topic_id();
        r.action = Words::tr("Paid topic %1").arg(m.topic_id());
        addAmount(r, m.amount());
    } else if (type == "/emissions.v9.AddStakeRequest") {
        em::AddStakeRequest m;
        if (!parse(m)) return false;
        r.topicId = m.topic_id();
        r.action = Words::tr("Staked on topic %1").arg(m.topic_id());
        addAmount(r, m.amount());
    } else if (type == "/emissions.v9.DelegateStakeRequest") {
        em::DelegateStakeRequest m;
        if (!parse(m)) return false;
        r.topicId = m.topic_id();
        r.counterparty = QString::fromStdString(m.reputer());
        r.action = Words::tr("Delegated on topic %1").arg(m.topic_id());
        addAmount(r, m.amount());
    } else if (type == "/emissions.v9.RemoveStakeRequest") {
        em::RemoveStakeRequest m;
        if (!parse(m)) return false;
        r.topicId = m.topic_id();
        const Amount a = parsedAmount(m.amount());
        r.action = Words::tr("Asked to unstake %1 from topic %2")
                       .arg(QString::fromStdString(a.format()))
                       .arg(m.topic_id());
    } else if (type == "/emissions.v9.RemoveDelegateStakeRequest") {
        em::RemoveDelegateStakeRequest m;
        if (!parse(m)) return false;
        r.topicId = m.topic_id();
        r.counterparty = QString::fromStdString(m.reputer());
        const Amount a = parsedAmount(m.amount());
        r.action = Words::tr("Asked to undelegate %1 from topic %2")
                       .arg(QString::fromStdString(a.format()))
                       .arg(m.topic_id());
    } else if (type == "/emissions.v9.RewardDelegateStakeRequest") {
        em::RewardDelegateStakeRequest m;
        if (!parse(m)) return false;
        r.topicId = m.topic_id();
        r.counterparty = QString::fromStdString(m.reputer());
        r.action = Words::tr("Claimed rewards of topic %1").arg(m.topic_id());
        r.incoming = true;
        // What came in: the transfers to this address the claim made.
        for (const auto& e : result.events()) {
            if (e.type() != "transfer") continue;
            std::string recipient, amount;
            for (const auto& a : e.attributes()) {
                if (a.key() == "recipient") recipient = a.value();
                if (a.key() == "amount") amount = a.value();
            }
            if (recipient == self) addAmount(r, coinAmount(amount));
        }
    } else if (type == "/emissions.v9.CreateNewTopicRequest") {
        em::CreateNewTopicRequest m;
        if (!m.ParseFromString(any.value()) || m.creator() != self) return false;
        r.action = Words::tr("Created a topic");
    } else if (type == "/emissions.v9.RegisterRequest") {
        em::RegisterRequest m;
        if (!parse(m)) return false;
        r.topicId = m.topic_id();
        r.action = m.is_reputer() ? Words::tr("Registered as reputer on topic %1").arg(m.topic_id())
                                  : Words::tr("Registered as worker on topic %1").arg(m.topic_id());
    } else if (type == "/emissions.v9.InsertWorkerPayloadRequest") {
        em::InsertWorkerPayloadRequest m;
        if (!parse(m)) return false;
        r.topicId = m.worker_data_bundle().topic_id();
        r.action = Words::tr("Inference for topic %1").arg(r.topicId);
    } else if (type == "/emissions.v9.InsertReputerPayloadRequest") {
        em::InsertReputerPayloadRequest m;
        if (!parse(m)) return false;
        r.topicId = m.reputer_value_bundle().value_bundle().topic_id();
        r.action = Words::tr("Losses for topic %1").arg(r.topicId);
    } else {
        return false;
    }
    return true;
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
    for (const auto& any : body.messages())
        if (r.kind == TxRecord::Kind::Other && readEmissionsMessage(any, self, result, r)) break;
    // Who paid the fee: the chain's "tx" event names the payer (the first signer); a tx stored
    // without its events falls back to the MsgSend's sender.
    bool payerKnown = false;
    for (const auto& e : result.events()) {
        if (e.type() != "tx") continue;
        for (const auto& a : e.attributes())
            if (a.key() == "fee_payer") {
                payerKnown = true;
                paidFee = a.value() == self;
            }
    }
    if (paidFee || (!payerKnown && auth.fee().payer() == self))
        r.fee = ualloOf(auth.fee().amount());
    return r;
}

}  // namespace allora::ui
