// Ante checks (node/chain/ante.h, tx_decoder.h) through the application: each rejected tx gets
// the right TxCode and a readable log, and changes nothing (no fee, no sequence, same app hash);
// a tx whose messages fail still pays its fee and uses its sequence, as in the Cosmos SDK.
#include "test_chain_fixture.h"

#include "cosmos/tx/v1beta1/tx.pb.h"

using namespace chaintest;

namespace {

struct Snapshot {
    Amount alice, bob, carol, dave, fees;
    uint64_t aliceSeq = 0, carolSeq = 0, daveSeq = 0;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const Node& n) {
    const Keys& k = keys();
    return Snapshot{n.balance(k.alice),  n.balance(k.bob),  n.balance(k.carol),
                    n.balance(k.dave),   n.feeCollector(),  n.sequence(k.alice),
                    n.sequence(k.carol), n.sequence(k.dave)};
}

// Runs `tx` through checkTx and then in a block; both must reject with `code` and `logPart`,
// and the state must be exactly as before.
void expectRejected(Node& node, const Bytes& tx, TxCode code, const std::string& logPart) {
    const Snapshot before = snapshot(node);
    const Hash256 hashBefore = node.app->info().lastBlockAppHash;
    CheckTxResult check = node.app->checkTx(tx, CheckTxMode::New);
    QCOMPARE(check.result.code, static_cast<uint32_t>(code));
    QVERIFY2(check.result.log.find(logPart) != std::string::npos, check.result.log.c_str());
    FinalizeBlockResponse r = node.block({tx});
    QCOMPARE(r.txResults.size(), size_t{1});
    QCOMPARE(r.txResults[0].code, static_cast<uint32_t>(code));
    QVERIFY2(r.txResults[0].log.find(logPart) != std::string::npos, r.txResults[0].log.c_str());
    QVERIFY(snapshot(node) == before);
    QCOMPARE(toHex(r.appHash), toHex(hashBefore));
}

}  // namespace

class TestAnte : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<Node> node_;
    const Keys& k = keys();

private Q_SLOTS:
    void init() {
        static int n = 0;
        node_ = std::make_unique<Node>(dir_.filePath(QString("n%1.db").arg(++n)).toStdString());
        node_->init();
    }
    void cleanup() { node_.reset(); }

    void replayedTx() {
        const Bytes tx = signedSend(k.alice, {.to = k.bob.address()});
        QCOMPARE(node_->block({tx}).txResults[0].code, 0u);
        expectRejected(*node_, tx, TxCode::InvalidSequence,
                       "account sequence mismatch, expected 1, got 0");
    }

    void wrongChainId() {
        expectRejected(
            *node_, signedSend(k.alice, {.to = k.bob.address(), .chainId = "allora-testnet-1"}),
            TxCode::Unauthorized,
            "signature verification failed; please verify account number (0), sequence (0) "
            "and chain-id (allora-devnet-1)");
    }

    void wrongAccountNumber() {
        expectRejected(*node_, signedSend(k.alice, {.to = k.bob.address(), .accountNumber = 7}),
                       TxCode::Unauthorized, "signature verification failed");
    }

    void badSignature() {
        auto tx = unsignedSend(k.alice, {.to = k.bob.address()});
        auto sig = signTx(k.alice, tx, kChainId, 0);
        sig[10] ^= 0x01;
        expectRejected(*node_, tx.toTxRaw(sig), TxCode::Unauthorized,
                       "signature verification failed");
        // Signed by someone else's key.
        auto other = signTx(k.bob, tx, kChainId, 0);
        expectRejected(*node_, tx.toTxRaw(other), TxCode::Unauthorized,
                       "signature verification failed");
    }

    void highSSignature() {
        auto tx = unsignedSend(k.alice, {.to = k.bob.address()});
        auto sig = signTx(k.alice, tx, kChainId, 0);
        const auto malleated = highS(sig);
        QVERIFY(malleated != sig);
        QVERIFY(highS(malleated) == sig);  // n − (n − s) = s: the arithmetic is right
        expectRejected(*node_, tx.toTxRaw(malleated), TxCode::Unauthorized,
                       "signature verification failed");
        // The low-S original is accepted.
        QCOMPARE(node_->block({tx.toTxRaw(sig)}).txResults[0].code, 0u);
    }

    void unfundedFee() {
        expectRejected(
            *node_, signedSend(k.dave, {.to = k.bob.address(), .amount = "1", .accountNumber = 3}),
            TxCode::InsufficientFunds, "spendable balance 100uallo is smaller than 2000000uallo");
    }

    void unknownSender() {
        expectRejected(*node_, signedSend(k.eve, {.to = k.bob.address()}), TxCode::UnknownAddress,
                       "does not exist");
    }

    void feeBelowMinGasPrice() {
        expectRejected(*node_, signedSend(k.alice, {.to = k.bob.address(), .fee = "10"}),
                       TxCode::InsufficientFee,
                       "insufficient fees; got: 10uallo required: 2000000uallo");
        expectRejected(*node_, signedSend(k.alice, {.to = k.bob.address(), .fee = ""}),
                       TxCode::InsufficientFee,
                       "insufficient fees; got: 0uallo required: 2000000uallo");
    }

    void memoTooLong() {
        expectRejected(
            *node_, signedSend(k.alice, {.to = k.bob.address(), .memo = std::string(65, 'm')}),
            TxCode::MemoTooLarge, "maximum number of characters is 64 but received 65 characters");
    }

    void malformedBody() {
        auto tx = unsignedSend(k.alice, {.to = k.bob.address()});
        auto sig = signTx(k.alice, tx, kChainId, 0);
        // Body bytes that are not a TxBody.
        wallet::UnsignedTx broken = tx;
        broken.bodyBytes = {0xff, 0xff, 0xff};
        expectRejected(*node_, broken.toTxRaw(sig), TxCode::TxDecode, "TxBody");
        // Trailing garbage after a valid TxRaw.
        Bytes trailing = tx.toTxRaw(sig);
        trailing.push_back(0x07);
        expectRejected(*node_, trailing, TxCode::TxDecode, "tx parse error");
        // An unknown critical field in the body (field 5, varint).
        wallet::UnsignedTx unknown = tx;
        unknown.bodyBytes.push_back(0x28);
        unknown.bodyBytes.push_back(0x01);
        expectRejected(*node_, unknown.toTxRaw(signTx(k.alice, unknown, kChainId, 0)),
                       TxCode::TxDecode, "unknown critical fields");
        // Not protobuf at all, and empty.
        expectRejected(*node_, toBytes("hello, world"), TxCode::TxDecode, "tx parse error");
        expectRejected(*node_, Bytes{}, TxCode::TxDecode, "empty transaction");
    }

    void invalidMessage() {
        expectRejected(*node_, signedSend(k.alice, {.to = "allo1notanaddress"}),
                       TxCode::InvalidAddress, "invalid to address");
        expectRejected(*node_, signedSend(k.alice, {.to = k.bob.address(), .amount = "0"}),
                       TxCode::InvalidCoins, "not positive");
    }

    void wrongPublicKey() {
        // Alice's message, signed and declared with Bob's key: the key does not hash to the signer.
        wallet::TxSpec spec;
        spec.messages.push_back(
            wallet::makeMsgSend(k.alice.address(), k.bob.address(), {{"uallo", "1"}}));
        spec.fee.amount = {{"uallo", std::to_string(kFee)}};
        spec.fee.gasLimit = kGas;
        spec.signerPublicKey = k.bob.account.publicKey;
        auto tx = *wallet::buildTx(spec);
        expectRejected(*node_, tx.toTxRaw(signTx(k.bob, tx, kChainId, 0)), TxCode::InvalidPubKey,
                       "pubKey does not match signer address");
    }

    void outOfGasChargesFeeAndSequence() {
        // Measure the gas of a transfer, then give the next one a little less than that.
        FinalizeBlockResponse ok = node_->block({signedSend(k.alice, {.to = k.bob.address()})});
        QCOMPARE(ok.txResults[0].code, 0u);
        const uint64_t used = ok.txResults[0].gasUsed;
        QVERIFY(used > 10'000 && used < kGas);
        const Amount bobBefore = node_->balance(k.bob), aliceBefore = node_->balance(k.alice);
        const Amount feesBefore = node_->feeCollector();
        const uint64_t gas = used - 500;
        const std::string fee = std::to_string(gas * 10);
        FinalizeBlockResponse r = node_->block(
            {signedSend(k.alice, {.to = k.bob.address(), .sequence = 1, .fee = fee, .gas = gas})});
        QCOMPARE(r.txResults[0].code, static_cast<uint32_t>(TxCode::OutOfGas));
        QVERIFY2(r.txResults[0].log.find("out of gas") != std::string::npos,
                 r.txResults[0].log.c_str());
        QCOMPARE(node_->balance(k.bob), bobBefore);  // the transfer is dropped
        QCOMPARE(node_->balance(k.alice),
                 *aliceBefore.sub(*Amount::parse(fee)));  // the fee is charged
        QCOMPARE(node_->feeCollector(), *feesBefore.add(*Amount::parse(fee)));
        QCOMPARE(node_->sequence(k.alice), uint64_t{2});  // and the sequence used
    }

    void failedMessageStillPays() {
        // Bob sends more than he has: the message fails, the fee is paid, the sequence advances.
        const Amount bobBefore = node_->balance(k.bob);
        FinalizeBlockResponse r = node_->block({signedSend(
            k.bob,
            {.to = k.alice.address(), .amount = "5000000000000000000", .accountNumber = 1})});
        QCOMPARE(r.txResults[0].code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        QCOMPARE(node_->balance(k.bob), *bobBefore.sub(Amount::fromUallo(kFee)));
        QCOMPARE(node_->sequence(k.bob), uint64_t{1});
    }

    void vestingLockedPartCannotBeSent() {
        // Carol holds 1010 ALLO, 1000 of them locked until the cliff: 10 ALLO minus the fee is all
        // she can send now.
        const Amount free = *Amount::parse("10000000000000000000");
        const Amount spendable = *free.sub(Amount::fromUallo(kFee));
        const std::string tooMuch = spendable.add(Amount::fromUallo(1))->toUalloString();
        const Amount carolBefore = node_->balance(k.carol);
        FinalizeBlockResponse r = node_->block(
            {signedSend(k.carol, {.to = k.bob.address(), .amount = tooMuch, .accountNumber = 2})});
        QCOMPARE(r.txResults[0].code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        QVERIFY2(r.txResults[0].log.find("spendable balance") != std::string::npos,
                 r.txResults[0].log.c_str());
        QCOMPARE(node_->balance(k.carol), *carolBefore.sub(Amount::fromUallo(kFee)));
        // Exactly the spendable part goes through.
        const std::string exact = spendable.sub(Amount::fromUallo(kFee))->toUalloString();
        r = node_->block({signedSend(
            k.carol, {.to = k.bob.address(), .amount = exact, .sequence = 1, .accountNumber = 2})});
        QCOMPARE(r.txResults[0].code, 0u);
        // After the cliff (block time 12 months on) a third of the vesting is free.
        r = node_->block({signedSend(k.carol, {.to = k.bob.address(),
                                               .amount = "300000000000000000000",
                                               .sequence = 2,
                                               .accountNumber = 2})},
                         kGenesisTime + 12 * kMonth);
        QCOMPARE(r.txResults[0].code, 0u);
    }

    // A recheck (the mempool after a block) skips the signature, but must reach the verdict a new
    // check reaches, with the same gas, sender, sequence and priority. No check builds events (a
    // sync broadcast answers without them, as Cosmos's does); the block's result carries them.
    void recheckGivesTheSameVerdictWithoutEvents() {
        const Bytes good = signedSend(k.alice, {.to = k.bob.address()});
        const Bytes cheap =
            signedSend(k.bob, {.to = k.alice.address(), .accountNumber = 1, .fee = "10"});
        const CheckTxResult fresh = node_->app->checkTx(good, CheckTxMode::New);
        QCOMPARE(fresh.result.code, 0u);
        QVERIFY(fresh.result.events.empty());
        const CheckTxResult freshCheap = node_->app->checkTx(cheap, CheckTxMode::New);
        QCOMPARE(freshCheap.result.code, static_cast<uint32_t>(TxCode::InsufficientFee));

        node_->block({});  // a commit: the check state starts again from the committed state
        const CheckTxResult again = node_->app->checkTx(good, CheckTxMode::Recheck);
        QCOMPARE(again.result.code, 0u);
        QVERIFY(again.result.events.empty());
        QCOMPARE(again.result.gasUsed, fresh.result.gasUsed);
        QCOMPARE(again.result.gasWanted, fresh.result.gasWanted);
        QCOMPARE(again.sender, fresh.sender);
        QCOMPARE(again.sequence, fresh.sequence);
        QCOMPARE(again.priority, fresh.priority);
        const CheckTxResult againCheap = node_->app->checkTx(cheap, CheckTxMode::Recheck);
        QCOMPARE(againCheap.result.code, freshCheap.result.code);
        QCOMPARE(againCheap.result.log, freshCheap.result.log);
        // The recheck advanced the check state's sequence like a new check: a replay is refused.
        QCOMPARE(node_->app->checkTx(good, CheckTxMode::Recheck).result.code,
                 static_cast<uint32_t>(TxCode::InvalidSequence));

        // The proposal (which builds no events either) keeps the good tx only, and the block
        // then carries the ante's events (fee, acc_seq, signature) ahead of the message's.
        const std::vector<Bytes> candidates{good, cheap};
        const std::vector<Bytes> picked = node_->app->prepareProposal(candidates, 1 << 20);
        QCOMPARE(picked.size(), size_t{1});
        QVERIFY(picked[0] == good);
        const FinalizeBlockResponse r = node_->block(picked);
        QCOMPARE(r.txResults[0].code, 0u);
        const auto& events = r.txResults[0].events;
        QVERIFY(events.size() > 3);
        const char* const anteKeys[] = {"fee", "acc_seq", "signature"};
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(events[i].type, std::string("tx"));
            QVERIFY(!events[i].attributes.empty());
            QCOMPARE(events[i].attributes[0].key, std::string(anteKeys[i]));
        }
        QCOMPARE(events[1].attributes[0].value, k.alice.address() + "/0");
    }

    void unknownMessageType() {
        wallet::TxSpec spec;
        spec.messages.push_back(wallet::AnyMessage{"/cosmos.staking.v1beta1.MsgDelegate", Bytes{}});
        spec.fee.amount = {{"uallo", std::to_string(kFee)}};
        spec.fee.gasLimit = kGas;
        spec.signerPublicKey = k.alice.account.publicKey;
        auto tx = *wallet::buildTx(spec);
        expectRejected(*node_, tx.toTxRaw(signTx(k.alice, tx, kChainId, 0)), TxCode::UnknownRequest,
                       "unrecognized message type: /cosmos.staking.v1beta1.MsgDelegate");
    }
};

QTEST_GUILESS_MAIN(TestAnte)
#include "test_ante.moc"
