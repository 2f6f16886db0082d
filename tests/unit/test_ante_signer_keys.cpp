// The signer's public key in the ante checks (node/chain/ante.cpp), read from the signer info or
// from the account, through the application: a tx that names no key is checked with the key the
// account stored at its first tx, and every way a key can be missing or wrong is rejected in
// checkTx and in a block with its code and message, changing nothing. The txs are built by hand
// from a wallet-built one (signer info edited, then signed again over the edited AuthInfo).
#include "test_chain_fixture.h"

#include "cosmos/crypto/secp256k1/keys.pb.h"
#include "cosmos/tx/v1beta1/tx.pb.h"

#include <functional>

#include <google/protobuf/unknown_field_set.h>

using namespace chaintest;

namespace {

// The signer info's public key of a transfer from `from`: kept, removed, or replaced by an Any
// of the given type and value.
struct KeyEdit {
    enum class Kind { Keep, Remove, Replace } kind = Kind::Keep;
    std::string typeUrl{};
    std::string value{};
};
const KeyEdit kKeep{KeyEdit::Kind::Keep, {}, {}};
const KeyEdit kRemove{KeyEdit::Kind::Remove, {}, {}};
KeyEdit replaced(std::string typeUrl, std::string value) {
    return KeyEdit{KeyEdit::Kind::Replace, std::move(typeUrl), std::move(value)};
}
const std::string kSecp256k1Type = "/cosmos.crypto.secp256k1.PubKey";

// A transfer from `from` with its signer info edited (and then `more` applied to its AuthInfo),
// signed by `signWith` (default: `from`).
Bytes editedSend(const Key& from, const std::string& to, uint64_t sequence, uint64_t accountNumber,
                 const KeyEdit& edit, const Key* signWith = nullptr,
                 const std::function<void(cosmos::tx::v1beta1::AuthInfo&)>& more = {}) {
    const wallet::UnsignedTx unsignedTx =
        unsignedSend(from, {.to = to, .sequence = sequence, .accountNumber = accountNumber});
    cosmos::tx::v1beta1::TxRaw raw;
    const Bytes original = unsignedTx.toTxRaw(signTx(from, unsignedTx, kChainId, accountNumber));
    if (!raw.ParseFromArray(original.data(), static_cast<int>(original.size())))
        qFatal("TxRaw does not parse");
    cosmos::tx::v1beta1::AuthInfo authInfo;
    if (!authInfo.ParseFromString(raw.auth_info_bytes())) qFatal("AuthInfo does not parse");
    auto* info = authInfo.mutable_signer_infos(0);
    if (edit.kind == KeyEdit::Kind::Remove) info->clear_public_key();
    if (edit.kind == KeyEdit::Kind::Replace) {
        info->mutable_public_key()->set_type_url(edit.typeUrl);
        info->mutable_public_key()->set_value(edit.value);
    }
    if (more) more(authInfo);
    raw.set_auth_info_bytes(authInfo.SerializeAsString());
    cosmos::tx::v1beta1::SignDoc doc;
    doc.set_body_bytes(raw.body_bytes());
    doc.set_auth_info_bytes(raw.auth_info_bytes());
    doc.set_chain_id(kChainId);
    doc.set_account_number(accountNumber);
    const std::string signBytes = doc.SerializeAsString();
    auto sig =
        secp256k1::sign((signWith ? *signWith : from).account.privateKey, asBytes(signBytes));
    if (!sig) qFatal("sign: %s", sig.message().c_str());
    raw.clear_signatures();
    raw.add_signatures(std::string(sig->begin(), sig->end()));
    const std::string out = raw.SerializeAsString();
    return Bytes(out.begin(), out.end());
}

std::string pubKeyValue(ByteSpan key) {
    cosmos::crypto::secp256k1::PubKey pk;
    pk.set_key(std::string(key.begin(), key.end()));
    return pk.SerializeAsString();
}

// checkTx and a block both reject `tx` with `code` and `logPart`; balances, sequences and the app
// hash stay as they were.
void expectRejected(Node& node, const Key& from, const Bytes& tx, TxCode code,
                    const std::string& logPart) {
    const Amount balance = node.balance(from);
    const uint64_t sequence = node.sequence(from);
    const Hash256 hashBefore = node.app->info().lastBlockAppHash;
    CheckTxResult check = node.app->checkTx(tx, CheckTxMode::New);
    QCOMPARE(check.result.code, static_cast<uint32_t>(code));
    QVERIFY2(check.result.log.find(logPart) != std::string::npos, check.result.log.c_str());
    FinalizeBlockResponse r = node.block({tx});
    QCOMPARE(r.txResults.size(), size_t{1});
    QCOMPARE(r.txResults[0].code, static_cast<uint32_t>(code));
    QVERIFY2(r.txResults[0].log.find(logPart) != std::string::npos, r.txResults[0].log.c_str());
    QCOMPARE(node.balance(from), balance);
    QCOMPARE(node.sequence(from), sequence);
    QCOMPARE(toHex(r.appHash), toHex(hashBefore));
}

}  // namespace

class TestAnteSignerKeys : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<Node> node_;
    const Keys& k = keys();

private Q_SLOTS:
    void init() {
        static int n = 0;
        node_ = std::make_unique<Node>(dir_.filePath(QString("k%1.db").arg(++n)).toStdString());
        node_->init();
    }
    void cleanup() { node_.reset(); }

    // The first tx stores the key on the account; later txs may leave it out of the signer info
    // and are checked with the stored key, in checkTx and in a block.
    void keyFromTheAccountAfterTheFirstTx() {
        const uint64_t number = node_->accountNumber(k.alice);
        const Bytes first = editedSend(k.alice, k.bob.address(), 0, number, kKeep);
        QCOMPARE(node_->block({first}).txResults[0].code, 0u);
        const Bytes second = editedSend(k.alice, k.bob.address(), 1, number, kRemove);
        QCOMPARE(node_->app->checkTx(second, CheckTxMode::New).result.code, 0u);
        const FinalizeBlockResponse r = node_->block({second});
        QCOMPARE(r.txResults[0].code, 0u);
        QCOMPARE(node_->sequence(k.alice), uint64_t{2});
        // The same keyless tx signed by bob's key fails against alice's stored key.
        const Bytes forged = editedSend(k.alice, k.bob.address(), 2, number, kRemove, &k.bob);
        expectRejected(*node_, k.alice, forged, TxCode::Unauthorized,
                       "signature verification failed");
    }

    // No key in the signer info and none stored yet: nothing to verify with.
    void noKeyAnywhere() {
        const Bytes tx =
            editedSend(k.bob, k.alice.address(), 0, node_->accountNumber(k.bob), kRemove);
        expectRejected(*node_, k.bob, tx, TxCode::InvalidPubKey,
                       "pubKey on account " + k.bob.address() + " is not set");
    }

    void unsupportedKeyType() {
        const Bytes tx =
            editedSend(k.bob, k.alice.address(), 0, node_->accountNumber(k.bob),
                       replaced("/cosmos.crypto.ed25519.PubKey", std::string(34, '\x01')));
        expectRejected(*node_, k.bob, tx, TxCode::InvalidPubKey,
                       "unsupported public key type: /cosmos.crypto.ed25519.PubKey");
    }

    // Not a compressed point (prefix 0x05), and a key of the wrong length.
    void invalidKeyBytes() {
        Bytes notAPoint(33, 0x11);
        notAPoint[0] = 0x05;
        expectRejected(*node_, k.bob,
                       editedSend(k.bob, k.alice.address(), 0, node_->accountNumber(k.bob),
                                  replaced(kSecp256k1Type, pubKeyValue(notAPoint))),
                       TxCode::InvalidPubKey, "invalid secp256k1 public key");
        const Bytes shortKey(k.bob.account.publicKey.begin(), k.bob.account.publicKey.end() - 1);
        expectRejected(*node_, k.bob,
                       editedSend(k.bob, k.alice.address(), 0, node_->accountNumber(k.bob),
                                  replaced(kSecp256k1Type, pubKeyValue(shortKey))),
                       TxCode::InvalidPubKey, "invalid secp256k1 public key");
    }

    // An unknown field anywhere inside the AuthInfo (a nested message, an element of a repeated
    // field, a oneof member) makes the tx undecodable, as one at its top level does.
    void nestedUnknownFieldsAreRejected() {
        const uint64_t number = node_->accountNumber(k.bob);
        const auto withUnknown =
            [&](const std::function<google::protobuf::Message*(cosmos::tx::v1beta1::AuthInfo&)>&
                    where) {
                return editedSend(k.bob, k.alice.address(), 0, number, kKeep, nullptr,
                                  [&](cosmos::tx::v1beta1::AuthInfo& a) {
                                      google::protobuf::Message* m = where(a);
                                      m->GetReflection()->MutableUnknownFields(m)->AddVarint(9, 1);
                                  });
            };
        const std::string why = "AuthInfo is malformed or has unknown fields";
        expectRejected(*node_, k.bob, withUnknown([](auto& a) {
            return static_cast<google::protobuf::Message*>(a.mutable_fee());
        }),
                       TxCode::TxDecode, why);
        expectRejected(*node_, k.bob, withUnknown([](auto& a) {
            return static_cast<google::protobuf::Message*>(
                a.mutable_signer_infos(0)->mutable_mode_info()->mutable_single());
        }),
                       TxCode::TxDecode, why);
        expectRejected(*node_, k.bob, withUnknown([](auto& a) {
            return static_cast<google::protobuf::Message*>(
                a.mutable_signer_infos(0)->mutable_public_key());
        }),
                       TxCode::TxDecode, why);
        // The same tx without the extra field passes.
        QCOMPARE(node_->block({editedSend(k.bob, k.alice.address(), 0, number, kKeep)})
                     .txResults[0]
                     .code,
                 0u);
    }

    // Once alice's key is stored, a tx of hers declaring (and signed with) bob's key is refused
    // for the address, before any signature is looked at.
    void otherKeyAfterTheFirstTx() {
        const uint64_t number = node_->accountNumber(k.alice);
        QCOMPARE(node_->block({editedSend(k.alice, k.bob.address(), 0, number, kKeep)})
                     .txResults[0]
                     .code,
                 0u);
        const Bytes tx = editedSend(
            k.alice, k.bob.address(), 1, number,
            replaced(kSecp256k1Type, pubKeyValue(ByteSpan(k.bob.account.publicKey.data(),
                                                          k.bob.account.publicKey.size()))));
        expectRejected(*node_, k.alice, tx, TxCode::InvalidPubKey,
                       "pubKey does not match signer address");
    }
};

QTEST_GUILESS_MAIN(TestAnteSignerKeys)
#include "test_ante_signer_keys.moc"
