// Unit tests for core/ed25519 against RFC 8032 section 7.1 (Ed25519 TEST 1, 2 and 3): secret seed
// -> public key -> signature, then verification and its rejections.
#include <QtTest/QtTest>

#include <cstring>

#include "core/bytes.h"
#include "core/ed25519.h"

using allora::Bytes;
using allora::ByteSpan;
using allora::ErrorCode;
using allora::SecureBytes;
namespace ed = allora::ed25519;

namespace {

QByteArray hexOf(ByteSpan d) {
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()))
        .toHex();
}

Bytes unhex(const QByteArray& h) {
    const QByteArray b = QByteArray::fromHex(h);
    if (b.size() * 2 != h.size()) qFatal("bad hex constant %s", h.constData());
    return Bytes(b.begin(), b.end());
}

}  // namespace

class TestEd25519 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rfc8032_data();
    void rfc8032();
    void fromSeedWrongLength_data();
    void fromSeedWrongLength();
    void signWrongSecretLength();
    void verifyWrongLengths();
    void generatedKeys();
};

void TestEd25519::rfc8032_data() {
    QTest::addColumn<QByteArray>("seed");
    QTest::addColumn<QByteArray>("publicKey");
    QTest::addColumn<QByteArray>("message");  // hex
    QTest::addColumn<QByteArray>("signature");

    QTest::newRow("TEST 1")
        << QByteArray("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        << QByteArray("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        << QByteArray("")
        << QByteArray(
               "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
               "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    QTest::newRow("TEST 2")
        << QByteArray("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
        << QByteArray("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
        << QByteArray("72")
        << QByteArray(
               "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
               "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    QTest::newRow("TEST 3")
        << QByteArray("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7")
        << QByteArray("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025")
        << QByteArray("af82")
        << QByteArray(
               "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
               "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
}

void TestEd25519::rfc8032() {
    QFETCH(QByteArray, seed);
    QFETCH(QByteArray, publicKey);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, signature);
    const Bytes msg = unhex(message);

    auto kp = ed::fromSeed(unhex(seed));
    QVERIFY2(kp.ok(), kp.ok() ? "" : kp.message().c_str());
    QCOMPARE(hexOf(kp->publicKey), publicKey);
    // libsodium's secret key layout: seed || public key.
    QCOMPARE(kp->secretKey.size(), size_t{64});
    QCOMPARE(hexOf(kp->secretKey.span()), seed + publicKey);

    auto sig = ed::sign(kp->secretKey, msg);
    QVERIFY(sig.ok());
    QCOMPARE(hexOf(*sig), signature);
    // Signing is deterministic.
    auto again = ed::sign(kp->secretKey, msg);
    QVERIFY(again.ok());
    QCOMPARE(hexOf(*again), signature);

    const Bytes sigBytes = unhex(signature);
    const Bytes pub = unhex(publicKey);
    QVERIFY(ed::verify(pub, msg, sigBytes));

    // A flipped bit anywhere in the signature is rejected.
    for (size_t i = 0; i < sigBytes.size(); ++i) {
        for (int bit : {0, 3, 7}) {
            Bytes s = sigBytes;
            s[i] ^= static_cast<uint8_t>(1u << bit);
            QVERIFY2(!ed::verify(pub, msg, s),
                     qPrintable(QStringLiteral("signature byte %1 bit %2").arg(i).arg(bit)));
        }
    }
    // A flipped bit in the message, or one byte more, is rejected.
    for (size_t i = 0; i < msg.size(); ++i) {
        Bytes m = msg;
        m[i] ^= 0x01;
        QVERIFY(!ed::verify(pub, m, sigBytes));
    }
    Bytes longer = msg;
    longer.push_back(0);
    QVERIFY(!ed::verify(pub, longer, sigBytes));
    // A flipped bit in the public key is rejected.
    for (size_t i = 0; i < pub.size(); ++i) {
        Bytes p = pub;
        p[i] ^= 0x01;
        QVERIFY(!ed::verify(p, msg, sigBytes));
    }
}

void TestEd25519::fromSeedWrongLength_data() {
    QTest::addColumn<int>("length");
    QTest::newRow("0") << 0;
    QTest::newRow("31") << 31;
    QTest::newRow("33") << 33;
    QTest::newRow("64") << 64;
}

void TestEd25519::fromSeedWrongLength() {
    QFETCH(int, length);
    auto kp = ed::fromSeed(Bytes(static_cast<size_t>(length), 0x42));
    QVERIFY(!kp.ok());
    QCOMPARE(kp.code(), ErrorCode::InvalidArgument);
    QVERIFY(!kp.message().empty());
}

void TestEd25519::signWrongSecretLength() {
    // A bare 32-byte seed is not a secret key (libsodium's is seed || public key).
    const SecureBytes seedOnly(
        unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    auto sig = ed::sign(seedOnly, allora::asBytes("x"));
    QVERIFY(!sig.ok());
    QCOMPARE(sig.code(), ErrorCode::InvalidArgument);
    QVERIFY(!ed::sign(SecureBytes(), allora::asBytes("x")).ok());
    QVERIFY(!ed::sign(SecureBytes(65), allora::asBytes("x")).ok());
}

void TestEd25519::verifyWrongLengths() {
    const Bytes pub = unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    const Bytes sig = unhex(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    QVERIFY(ed::verify(pub, Bytes{}, sig));
    QVERIFY(!ed::verify(Bytes(pub.begin(), pub.end() - 1), Bytes{}, sig));
    Bytes pubLong = pub;
    pubLong.push_back(0);
    QVERIFY(!ed::verify(pubLong, Bytes{}, sig));
    QVERIFY(!ed::verify(pub, Bytes{}, Bytes(sig.begin(), sig.end() - 1)));
    Bytes sigLong = sig;
    sigLong.push_back(0);
    QVERIFY(!ed::verify(pub, Bytes{}, sigLong));
    QVERIFY(!ed::verify(Bytes{}, Bytes{}, Bytes{}));
}

void TestEd25519::generatedKeys() {
    const ed::KeyPair a = ed::generate();
    const ed::KeyPair b = ed::generate();
    QCOMPARE(a.secretKey.size(), size_t{64});
    QVERIFY(hexOf(a.publicKey) != hexOf(b.publicKey));
    // The second half of the secret key is the public key, and fromSeed(first half) rebuilds it.
    QCOMPARE(hexOf(a.secretKey.span().subspan(32)), hexOf(a.publicKey));
    auto rebuilt = ed::fromSeed(a.secretKey.span().first(32));
    QVERIFY(rebuilt.ok());
    QCOMPARE(hexOf(rebuilt->publicKey), hexOf(a.publicKey));

    const Bytes msg = allora::toBytes("node identity handshake");
    auto sig = ed::sign(a.secretKey, msg);
    QVERIFY(sig.ok());
    QVERIFY(ed::verify(a.publicKey, msg, *sig));
    QVERIFY(!ed::verify(b.publicKey, msg, *sig));
}

QTEST_APPLESS_MAIN(TestEd25519)
#include "test_ed25519.moc"
