// ui/txrecord: how one stored tx reads in a wallet's history. The txs are built as the node stores
// them (TxRaw bytes and a TxResultRecord with the chain's events), one per kind of message the
// wallet's pages send, and read from the sender's and from another address's point of view.
#include <QtTest>

#include <string>
#include <vector>

#include "allora/chain/v1/chain.pb.h"
#include "allora/emissions/v9/tx.pb.h"
#include "cosmos/bank/v1beta1/tx.pb.h"
#include "cosmos/tx/v1beta1/tx.pb.h"
#include "ui/txrecord.h"

using namespace allora;
using allora::ui::TxRecord;

namespace {

const std::string kSelf = "allo1selfselfselfselfselfselfselfselfself0";
const std::string kOther = "allo1otherotherotherotherotherotherother0";
const std::string kReputer = "allo1reputerreputerreputerreputerreputer0";
const std::string kPool = "allo1poolpoolpoolpoolpoolpoolpoolpoolpool0";

void addEvent(allora::chain::v1::TxResultRecord& result, const std::string& type,
              std::vector<std::pair<std::string, std::string>> attributes) {
    auto* e = result.add_events();
    e->set_type(type);
    for (const auto& [k, v] : attributes) {
        auto* a = e->add_attributes();
        a->set_key(k);
        a->set_value(v);
    }
}

// A stored tx with one message, a fee of 2,000 uallo paid by `payer`, and the result's events.
node::TxsByAddressEntry entry(const std::string& typeUrl, const google::protobuf::MessageLite& msg,
                              const std::string& payer,
                              allora::chain::v1::TxResultRecord result = {}) {
    cosmos::tx::v1beta1::TxBody body;
    auto* any = body.add_messages();
    any->set_type_url(typeUrl);
    any->set_value(msg.SerializeAsString());
    body.set_memo("memo text");
    cosmos::tx::v1beta1::AuthInfo auth;
    auto* coin = auth.mutable_fee()->add_amount();
    coin->set_denom("uallo");
    coin->set_amount("2000");
    auth.mutable_fee()->set_gas_limit(200);
    cosmos::tx::v1beta1::TxRaw raw;
    raw.set_body_bytes(body.SerializeAsString());
    raw.set_auth_info_bytes(auth.SerializeAsString());
    raw.add_signatures(std::string(64, '\1'));
    addEvent(result, "tx", {{"fee", "2000uallo"}, {"fee_payer", payer}});
    node::TxsByAddressEntry e;
    e.height = 42;
    e.index = 3;
    e.timeUnixNanos = 1'700'000'000'000'000'000;
    const std::string rawBytes = raw.SerializeAsString(), resultBytes = result.SerializeAsString();
    e.tx.assign(rawBytes.begin(), rawBytes.end());
    e.result.assign(resultBytes.begin(), resultBytes.end());
    return e;
}

Amount uallo(uint64_t n) {
    return Amount::fromInt(n);
}

}  // namespace

class TestTxRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sendReadsFromBothSides() {
        cosmos::bank::v1beta1::MsgSend m;
        m.set_from_address(kSelf);
        m.set_to_address(kOther);
        auto* c = m.add_amount();
        c->set_denom("uallo");
        c->set_amount("5000");
        const auto e = entry("/cosmos.bank.v1beta1.MsgSend", m, kSelf);
        const TxRecord out = ui::readTxRecord(e, kSelf);
        QCOMPARE(out.kind, TxRecord::Kind::Sent);
        QCOMPARE(out.amount, uallo(5000));
        QCOMPARE(out.fee, uallo(2000));
        QCOMPARE(out.counterparty, QString::fromStdString(kOther));
        QCOMPARE(out.height, uint64_t(42));
        QCOMPARE(out.memo, QStringLiteral("memo text"));
        QVERIFY(out.action.isEmpty());
        const TxRecord in = ui::readTxRecord(e, kOther);
        QCOMPARE(in.kind, TxRecord::Kind::Received);
        QCOMPARE(in.amount, uallo(5000));
        QVERIFY(in.fee.isZero());  // the receiver paid no fee
    }

    void payingATopicIsNamedWithItsAmount() {
        ::emissions::v9::FundTopicRequest m;
        m.set_sender(kSelf);
        m.set_topic_id(7);
        m.set_amount("250000");
        const auto e = entry("/emissions.v9.FundTopicRequest", m, kSelf);
        const TxRecord r = ui::readTxRecord(e, kSelf);
        QCOMPARE(r.kind, TxRecord::Kind::Other);
        QCOMPARE(r.action, QStringLiteral("Paid topic 7"));
        QCOMPARE(r.topicId, uint64_t(7));
        QCOMPARE(r.amount, uallo(250000));
        QVERIFY(!r.incoming);
        QCOMPARE(r.fee, uallo(2000));
        // Someone else's payment, listed for another address (e.g. a named reputer): no words,
        // no amount, no fee for that address.
        const TxRecord other = ui::readTxRecord(e, kOther);
        QVERIFY(other.action.isEmpty());
        QVERIFY(other.amount.isZero());
        QVERIFY(other.fee.isZero());
    }

    void stakingMessages() {
        ::emissions::v9::DelegateStakeRequest d;
        d.set_sender(kSelf);
        d.set_topic_id(2);
        d.set_reputer(kReputer);
        d.set_amount("10000");
        TxRecord r = ui::readTxRecord(entry("/emissions.v9.DelegateStakeRequest", d, kSelf), kSelf);
        QCOMPARE(r.action, QStringLiteral("Delegated on topic 2"));
        QCOMPARE(r.amount, uallo(10000));
        QCOMPARE(r.counterparty, QString::fromStdString(kReputer));

        ::emissions::v9::RemoveDelegateStakeRequest u;
        u.set_sender(kSelf);
        u.set_topic_id(2);
        u.set_reputer(kReputer);
        u.set_amount("10000");
        r = ui::readTxRecord(entry("/emissions.v9.RemoveDelegateStakeRequest", u, kSelf), kSelf);
        QVERIFY2(r.action.startsWith(QStringLiteral("Asked to undelegate")), qPrintable(r.action));
        QVERIFY2(r.action.endsWith(QStringLiteral("from topic 2")), qPrintable(r.action));
        QVERIFY(r.amount.isZero());  // nothing moves until the delay has passed

        ::emissions::v9::AddStakeRequest s;
        s.set_sender(kSelf);
        s.set_topic_id(3);
        s.set_amount("777");
        r = ui::readTxRecord(entry("/emissions.v9.AddStakeRequest", s, kSelf), kSelf);
        QCOMPARE(r.action, QStringLiteral("Staked on topic 3"));
        QCOMPARE(r.amount, uallo(777));
    }

    void claimedRewardsComeIn() {
        ::emissions::v9::RewardDelegateStakeRequest m;
        m.set_sender(kSelf);
        m.set_topic_id(1);
        m.set_reputer(kReputer);
        allora::chain::v1::TxResultRecord result;
        addEvent(result, "transfer",
                 {{"sender", kPool}, {"recipient", kSelf}, {"amount", "1234uallo"}});
        addEvent(result, "transfer",
                 {{"sender", kPool}, {"recipient", kOther}, {"amount", "99uallo"}});
        const TxRecord r = ui::readTxRecord(
            entry("/emissions.v9.RewardDelegateStakeRequest", m, kSelf, result), kSelf);
        QCOMPARE(r.action, QStringLiteral("Claimed rewards of topic 1"));
        QVERIFY(r.incoming);
        QCOMPARE(r.amount, uallo(1234));  // only what came to this address
    }

    void feePayerComesFromTheChainsEvent() {
        // A topic created by this address, the fee paid by it: named and charged.
        ::emissions::v9::CreateNewTopicRequest m;
        m.set_creator(kSelf);
        TxRecord r =
            ui::readTxRecord(entry("/emissions.v9.CreateNewTopicRequest", m, kSelf), kSelf);
        QCOMPARE(r.action, QStringLiteral("Created a topic"));
        QCOMPARE(r.fee, uallo(2000));
        // The same tx with another fee payer: no fee for this address.
        r = ui::readTxRecord(entry("/emissions.v9.CreateNewTopicRequest", m, kOther), kSelf);
        QVERIFY(r.fee.isZero());
    }
};

QTEST_GUILESS_MAIN(TestTxRecord)
#include "test_tx_record.moc"
