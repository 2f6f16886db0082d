// SIGN_MODE_DIRECT byte layout: rebuilds the three cosmjs-signed MsgSend transactions
// (tests/vectors/standards/cosmjs_sign_mode_direct_vectors.json) with our builder, from their
// plain parameters, and checks body, auth info, sign bytes, signature and TxRaw byte for byte.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "core/encoding.h"
#include "core/secp256k1.h"
#include "wallet/account.h"
#include "wallet/tx_builder.h"

using namespace allora;
using namespace allora::wallet;

namespace {

QJsonObject loadVectors() {
    QFile f(
        QStringLiteral(ALLORA_TEST_VECTORS_DIR "/standards/cosmjs_sign_mode_direct_vectors.json"));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot open cosmjs vectors");
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::string hex(const Bytes& b) {
    return toHex(b);
}

}  // namespace

class TestTxBuilder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rebuildsCosmjsVectors() {
        const QJsonObject root = loadVectors();
        const QJsonObject signer = root["signer"].toObject();
        auto account = deriveAccount(signer["mnemonic"].toString().toStdString(), {}, 0, "cosmos");
        QVERIFY2(account.ok(), account.ok() ? "" : account.message().c_str());
        QCOMPARE(QString::fromStdString(account->address), signer["address"].toString());
        QCOMPARE(QString::fromStdString(toBase64(account->publicKey)),
                 signer["pubkey_base64"].toString());

        const QJsonArray vectors = root["vectors"].toArray();
        QCOMPARE(vectors.size(), 3);
        for (const auto& item : vectors) {
            const QJsonObject v = item.toObject();
            TxSpec spec;
            spec.messages.push_back(makeMsgSend(account->address,
                                                "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu",
                                                {{"ucosm", "1234567"}}));
            spec.fee.amount = {{"ucosm", "2000"}};
            spec.fee.gasLimit = 200000;
            spec.signerPublicKey = account->publicKey;
            spec.sequence = static_cast<uint64_t>(v["sequence"].toInt());
            auto tx = buildTx(spec);
            QVERIFY(tx.ok());
            QCOMPARE(hex(tx->bodyBytes), v["bodyBytes"].toString().toStdString());
            QCOMPARE(hex(tx->authInfoBytes), v["authInfoBytes"].toString().toStdString());

            const Bytes signBytes =
                tx->signBytes(v["chainId"].toString().toStdString(),
                              static_cast<uint64_t>(v["accountNumber"].toInt()));
            QCOMPARE(hex(signBytes), v["signBytes"].toString().toStdString());

            auto sig = secp256k1::sign(account->privateKey, signBytes);
            QVERIFY(sig.ok());
            QCOMPARE(toHex(*sig), v["signature"].toString().toStdString());
            QVERIFY(secp256k1::verify(account->publicKey, signBytes, *sig));
            QCOMPARE(hex(tx->toTxRaw(*sig)), v["signedTxBytes"].toString().toStdString());
        }
    }

    void rejectsEmptyAndLongMemo() {
        TxSpec spec;
        QVERIFY(!buildTx(spec).ok());
        spec.messages.push_back(makeMsgSend("a", "b", {{"uallo", "1"}}));
        spec.memo = std::string(256, 'x');
        QVERIFY(buildTx(spec).ok());
        spec.memo = std::string(257, 'x');
        auto r = buildTx(spec);
        QVERIFY(!r.ok());
        QVERIFY(r.message().find("memo") != std::string::npos);
    }

    void txHashIsSha256OfRawBytes() {
        const Bytes raw = {1, 2, 3};
        QCOMPARE(toHex(txHash(raw)),
                 std::string("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"));
    }
};

QTEST_APPLESS_MAIN(TestTxBuilder)
#include "test_tx_builder.moc"
