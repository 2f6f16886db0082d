// Unit tests for core/secp256k1: key validity, public key derivation (k·G for known k), RFC 6979
// deterministic signatures against the widely published secp256k1/SHA-256 vectors (bitcointalk
// topic 285142, reproduced by trezor-crypto, CoreBitcoin, btcd, bitcoinjs…), the low-S rule in both
// directions, a parsed public key verifying exactly as its bytes do, and the BIP-32 tweaks.
#include <QtTest/QtTest>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/hash.h"
#include "core/secp256k1.h"

using allora::Bytes;
using allora::ByteSpan;
using allora::ErrorCode;
using allora::SecureBytes;
namespace secp = allora::secp256k1;

namespace {

using U256 = std::array<uint8_t, 32>;  // big-endian

QByteArray hexOf(ByteSpan d) {
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()))
        .toHex();
}

Bytes unhex(const char* h) {
    const QByteArray b = QByteArray::fromHex(h);
    if (static_cast<size_t>(b.size()) * 2 != std::strlen(h)) qFatal("bad hex constant %s", h);
    return Bytes(b.begin(), b.end());
}

U256 u256(const char* h) {
    const Bytes b = unhex(h);
    if (b.size() != 32) qFatal("not 32 bytes: %s", h);
    U256 out{};
    std::copy(b.begin(), b.end(), out.begin());
    return out;
}

SecureBytes key(const char* h) {
    return SecureBytes(unhex(h));
}
SecureBytes key(const U256& k) {
    return SecureBytes(ByteSpan(k));
}

// a - b for a >= b, 256-bit big-endian.
U256 sub(const U256& a, const U256& b) {
    U256 out{};
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
        int d = a[static_cast<size_t>(i)] - b[static_cast<size_t>(i)] - borrow;
        borrow = d < 0 ? 1 : 0;
        if (d < 0) d += 256;
        out[static_cast<size_t>(i)] = static_cast<uint8_t>(d);
    }
    return out;
}

// a + small, 256-bit big-endian, no overflow expected.
U256 addSmall(U256 a, int small) {
    int carry = small;
    for (int i = 31; i >= 0 && carry; --i) {
        const int s = a[static_cast<size_t>(i)] + carry;
        a[static_cast<size_t>(i)] = static_cast<uint8_t>(s & 0xff);
        carry = s >> 8;
    }
    return a;
}

U256 fromInt(int v) {
    return addSmall(U256{}, v);
}

const U256 kN = u256("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
const U256 kHalfN = u256("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

const char* kG = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
const char* k2G = "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5";
const char* k3G = "02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9";
const char* kMinusG = "0379be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

U256 sOf(const secp::Signature& sig) {
    U256 s{};
    std::copy(sig.begin() + 32, sig.end(), s.begin());
    return s;
}

secp::Signature withS(const secp::Signature& sig, const U256& s) {
    secp::Signature out = sig;
    std::copy(s.begin(), s.end(), out.begin() + 32);
    return out;
}

U256 randomKey(QRandomGenerator& rng) {
    for (;;) {
        U256 k{};
        for (auto& b : k) b = static_cast<uint8_t>(rng.bounded(256));
        if (secp::isValidPrivateKey(k)) return k;
    }
}

}  // namespace

class TestSecp256k1 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownPublicKeys_data();
    void knownPublicKeys();
    void invalidPrivateKeys_data();
    void invalidPrivateKeys();
    void rfc6979Vectors_data();
    void rfc6979Vectors();
    void signingIsDeterministic();
    void signaturesAreLowSAndVerify();
    void verifyRejectsHighSTwin();
    void verifyRejectsTampering();
    void verifyRejectsMalformedInput();
    void publicKeyValidity();
    void parsedKeyVerifiesAsTheBytesDo();
    void privateKeyTweak();
    void publicKeyTweak();
    void tweaksAgree();
};

void TestSecp256k1::knownPublicKeys_data() {
    QTest::addColumn<QByteArray>("privateKey");
    QTest::addColumn<QByteArray>("publicKey");
    QTest::newRow("1 -> G") << QByteArray(reinterpret_cast<const char*>(fromInt(1).data()), 32)
                            << QByteArray(kG);
    QTest::newRow("2 -> 2G") << QByteArray(reinterpret_cast<const char*>(fromInt(2).data()), 32)
                             << QByteArray(k2G);
    QTest::newRow("3 -> 3G") << QByteArray(reinterpret_cast<const char*>(fromInt(3).data()), 32)
                             << QByteArray(k3G);
    const U256 nMinus1 = sub(kN, fromInt(1));
    QTest::newRow("n-1 -> -G") << QByteArray(reinterpret_cast<const char*>(nMinus1.data()), 32)
                               << QByteArray(kMinusG);
    QTest::newRow("Alan Turing key")
        << QByteArray::fromHex("f8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181")
        << QByteArray("0292df7b245b81aa637ab4e867c8d511008f79161a97d64f2ac709600352f7acbc");
}

void TestSecp256k1::knownPublicKeys() {
    QFETCH(QByteArray, privateKey);
    QFETCH(QByteArray, publicKey);
    const SecureBytes k(Bytes(privateKey.begin(), privateKey.end()));
    QVERIFY(secp::isValidPrivateKey(k.span()));
    auto pub = secp::derivePublicKey(k);
    QVERIFY2(pub.ok(), pub.ok() ? "" : pub.message().c_str());
    QCOMPARE(hexOf(*pub), publicKey);
    QVERIFY(secp::isValidPublicKey(*pub));
}

void TestSecp256k1::invalidPrivateKeys_data() {
    QTest::addColumn<QByteArray>("privateKey");
    QTest::newRow("zero") << QByteArray(32, '\0');
    QTest::newRow("n") << QByteArray(reinterpret_cast<const char*>(kN.data()), 32);
    const U256 nPlus1 = addSmall(kN, 1);
    QTest::newRow("n+1") << QByteArray(reinterpret_cast<const char*>(nPlus1.data()), 32);
    QTest::newRow("2^256-1") << QByteArray(32, '\xff');
    QTest::newRow("31 bytes") << QByteArray(31, '\x01');
    QTest::newRow("33 bytes") << QByteArray(33, '\x01');
    QTest::newRow("empty") << QByteArray();
}

void TestSecp256k1::invalidPrivateKeys() {
    QFETCH(QByteArray, privateKey);
    const SecureBytes k(Bytes(privateKey.begin(), privateKey.end()));
    QVERIFY(!secp::isValidPrivateKey(k.span()));
    auto pub = secp::derivePublicKey(k);
    QVERIFY(!pub.ok());
    QVERIFY(!pub.message().empty());
    auto sig = secp::signDigest(k, allora::sha256(allora::asBytes("message")));
    QVERIFY(!sig.ok());
    QVERIFY(!secp::sign(k, allora::asBytes("message")).ok());
    // A valid tweak cannot rescue an invalid key of the wrong length.
    if (k.size() != 32) {
        auto t = secp::privateKeyTweakAdd(k, fromInt(1));
        QVERIFY(!t.ok());
        QCOMPARE(t.code(), ErrorCode::InvalidArgument);
    }
}

void TestSecp256k1::rfc6979Vectors_data() {
    QTest::addColumn<QByteArray>("privateKey");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("signature");  // r || s, s already normalised to low-S

    // d = 1. The raw RFC 6979 s for this one is high (dbbd3162…675c); the low-S form published by
    // libsecp256k1-based libraries is n - s = 2442ce9d…d9e5.
    QTest::newRow("d=1, Satoshi Nakamoto")
        << QByteArray("0000000000000000000000000000000000000000000000000000000000000001")
        << QByteArray("Satoshi Nakamoto")
        << QByteArray(
               "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
               "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
    QTest::newRow("d=1, Everything should be made as simple…")
        << QByteArray("0000000000000000000000000000000000000000000000000000000000000001")
        << QByteArray("Everything should be made as simple as possible, but not simpler.")
        << QByteArray(
               "33a69cd2065432a30f3d1ce4eb0d59b8ab58c74f27c41a7fdb5696ad4e6108c9"
               "6f807982866f785d3f6418d24163ddae117b7db4d5fdf0071de069fa54342262");
    QTest::newRow("d=1, All those moments…")
        << QByteArray("0000000000000000000000000000000000000000000000000000000000000001")
        << QByteArray("All those moments will be lost in time, like tears in rain. Time to die...")
        << QByteArray(
               "8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b"
               "547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21");
    QTest::newRow("d=n-1, Satoshi Nakamoto")
        << QByteArray("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")
        << QByteArray("Satoshi Nakamoto")
        << QByteArray(
               "fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0"
               "6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5");
    QTest::newRow("Alan Turing")
        << QByteArray("f8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181")
        << QByteArray("Alan Turing")
        << QByteArray(
               "7063ae83e7f62bbb171798131b4a0564b956930092b33b07b395615d9ec7e15c"
               "58dfcc1e00a35e1572f366ffe34ba0fc47db1e7189759b9fb233c5b05ab388ea");
    QTest::newRow("computer disease")
        << QByteArray("e91671c46231f833a6406ccbea0e3e392c76c167bac1cb013f6f1013980455c2")
        << QByteArray(
               "There is a computer disease that anybody who works with computers knows about. "
               "It's a very serious disease and it interferes completely with the work. The "
               "trouble with computers is that you 'play' with them!")
        << QByteArray(
               "b552edd27580141f3b2a5463048cb7cd3e047b97c9f98076c32dbdf85a68718b"
               "279fa72dd19bfae05577e06c7c0c1900c371fcd5893f7e1d56a37d30174671f6");
}

void TestSecp256k1::rfc6979Vectors() {
    QFETCH(QByteArray, privateKey);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, signature);
    const SecureBytes k = key(privateKey.constData());
    const Bytes msg(message.begin(), message.end());

    auto sig = secp::sign(k, msg);
    QVERIFY2(sig.ok(), sig.ok() ? "" : sig.message().c_str());
    QCOMPARE(hexOf(*sig), signature);
    // sign() is signDigest(sha256(message)).
    auto sig2 = secp::signDigest(k, allora::sha256(msg));
    QVERIFY(sig2.ok());
    QCOMPARE(hexOf(*sig2), signature);

    auto pub = secp::derivePublicKey(k);
    QVERIFY(pub.ok());
    const Bytes expected = unhex(signature.constData());
    QVERIFY(secp::verify(*pub, msg, expected));
    QVERIFY(secp::verifyDigest(*pub, allora::sha256(msg), expected));
}

void TestSecp256k1::signingIsDeterministic() {
    QRandomGenerator rng(6979);
    for (int i = 0; i < 20; ++i) {
        const SecureBytes k = key(randomKey(rng));
        const std::string msg = "message " + std::to_string(rng.generate64());
        const std::string msg2 = msg + "!";
        auto a = secp::sign(k, allora::asBytes(msg));
        auto b = secp::sign(k, allora::asBytes(msg));
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(hexOf(*a), hexOf(*b));
        // A different message under the same key gives a different signature, with a different
        // nonce and therefore a different r.
        auto c = secp::sign(k, allora::asBytes(msg2));
        QVERIFY(c.ok());
        QVERIFY(hexOf(*c) != hexOf(*a));
        QVERIFY(hexOf(*c).left(64) != hexOf(*a).left(64));
    }
}

// Roughly half of all raw ECDSA signatures have a high s; every one we produce must be low.
void TestSecp256k1::signaturesAreLowSAndVerify() {
    QRandomGenerator rng(1234567);
    int count = 0;
    for (int i = 0; i < 300; ++i) {
        const SecureBytes k = key(randomKey(rng));
        auto pub = secp::derivePublicKey(k);
        QVERIFY(pub.ok());
        allora::Hash256 digest{};
        for (auto& b : digest) b = static_cast<uint8_t>(rng.bounded(256));
        auto sig = secp::signDigest(k, digest);
        QVERIFY(sig.ok());
        const U256 s = sOf(*sig);
        QVERIFY2(s <= kHalfN, hexOf(*sig).constData());
        QVERIFY(s != U256{});
        QVERIFY(secp::verifyDigest(*pub, digest, *sig));
        ++count;
    }
    QCOMPARE(count, 300);
}

// (r, n - s) is the same signature mathematically; the Cosmos rule (and libsecp256k1's verify)
// accepts only the low-S form, so that a third party cannot change a transaction's hash.
void TestSecp256k1::verifyRejectsHighSTwin() {
    QRandomGenerator rng(42);
    for (int i = 0; i < 50; ++i) {
        const SecureBytes k = key(randomKey(rng));
        auto pub = secp::derivePublicKey(k);
        QVERIFY(pub.ok());
        const std::string msg = "transfer " + std::to_string(i);
        auto sig = secp::sign(k, allora::asBytes(msg));
        QVERIFY(sig.ok());
        QVERIFY(secp::verify(*pub, allora::asBytes(msg), *sig));
        const U256 highS = sub(kN, sOf(*sig));
        QVERIFY(highS > kHalfN);
        const secp::Signature twin = withS(*sig, highS);
        QVERIFY(!secp::verify(*pub, allora::asBytes(msg), twin));
    }
    // The published vector whose raw s is high: the high form is refused, the low form accepted.
    const SecureBytes one = key("0000000000000000000000000000000000000000000000000000000000000001");
    auto g = secp::derivePublicKey(one);
    QVERIFY(g.ok());
    const Bytes low = unhex(
        "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
        "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
    const Bytes high = unhex(
        "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
        "dbbd3162d46e9f9bef7feb87c16dc13b4f6568a87f4e83f728e2443ba586675c");
    QVERIFY(secp::verify(*g, allora::asBytes("Satoshi Nakamoto"), low));
    QVERIFY(!secp::verify(*g, allora::asBytes("Satoshi Nakamoto"), high));
}

void TestSecp256k1::verifyRejectsTampering() {
    QRandomGenerator rng(777);
    const SecureBytes k = key(randomKey(rng));
    auto pubR = secp::derivePublicKey(k);
    QVERIFY(pubR.ok());
    const secp::PubKey pub = *pubR;
    const Bytes msg =
        allora::toBytes("send 1000000uallo to allo1jhg0e7s6gn44tfc5k37kr04sznyhedtctsc88d");
    auto sigR = secp::sign(k, msg);
    QVERIFY(sigR.ok());
    const secp::Signature sig = *sigR;
    QVERIFY(secp::verify(pub, msg, sig));

    // Every single-bit flip of the message is rejected.
    for (size_t i = 0; i < msg.size(); ++i) {
        for (int bit : {0, 7}) {
            Bytes m = msg;
            m[i] ^= static_cast<uint8_t>(1u << bit);
            QVERIFY(!secp::verify(pub, m, sig));
        }
    }
    // Every single-bit flip of the signature is rejected.
    for (size_t i = 0; i < sig.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            secp::Signature s = sig;
            s[i] ^= static_cast<uint8_t>(1u << bit);
            QVERIFY2(!secp::verify(pub, msg, s),
                     qPrintable(QStringLiteral("byte %1 bit %2").arg(i).arg(bit)));
        }
    }
    // Every single-bit flip of the public key is rejected (either not a point, or another key).
    for (size_t i = 0; i < pub.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            secp::PubKey p = pub;
            p[i] ^= static_cast<uint8_t>(1u << bit);
            QVERIFY(!secp::verify(p, msg, sig));
        }
    }
    // Another key's public key.
    auto other = secp::derivePublicKey(key(randomKey(rng)));
    QVERIFY(other.ok());
    QVERIFY(!secp::verify(*other, msg, sig));
}

void TestSecp256k1::verifyRejectsMalformedInput() {
    const SecureBytes k = key("0000000000000000000000000000000000000000000000000000000000000001");
    auto pub = secp::derivePublicKey(k);
    QVERIFY(pub.ok());
    const Bytes msg = allora::toBytes("Satoshi Nakamoto");
    auto sig = secp::sign(k, msg);
    QVERIFY(sig.ok());
    QVERIFY(secp::verify(*pub, msg, *sig));

    // Wrong-length public keys: truncated, extended, and the 65-byte uncompressed form of G.
    const Bytes pubBytes(pub->begin(), pub->end());
    QVERIFY(!secp::verify(Bytes(pubBytes.begin(), pubBytes.end() - 1), msg, *sig));
    Bytes longer = pubBytes;
    longer.push_back(0);
    QVERIFY(!secp::verify(longer, msg, *sig));
    QVERIFY(!secp::verify(Bytes{}, msg, *sig));
    const Bytes uncompressedG = unhex(
        "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
        "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    QVERIFY(!secp::verify(uncompressedG, msg, *sig));

    // Wrong-length signatures.
    const Bytes sigBytes(sig->begin(), sig->end());
    QVERIFY(!secp::verify(*pub, msg, Bytes(sigBytes.begin(), sigBytes.end() - 1)));
    Bytes sigLonger = sigBytes;
    sigLonger.push_back(0);
    QVERIFY(!secp::verify(*pub, msg, sigLonger));
    // r = 0 or s = 0, and r or s >= n.
    secp::Signature zeroR = *sig;
    std::fill(zeroR.begin(), zeroR.begin() + 32, 0);
    QVERIFY(!secp::verify(*pub, msg, zeroR));
    QVERIFY(!secp::verify(*pub, msg, withS(*sig, U256{})));
    QVERIFY(!secp::verify(*pub, msg, withS(*sig, kN)));
    secp::Signature bigR = *sig;
    std::copy(kN.begin(), kN.end(), bigR.begin());
    QVERIFY(!secp::verify(*pub, msg, bigR));
}

void TestSecp256k1::publicKeyValidity() {
    QVERIFY(secp::isValidPublicKey(unhex(kG)));
    QVERIFY(secp::isValidPublicKey(unhex(kMinusG)));
    // Prefix 04 (uncompressed) or 05 with 33 bytes, and x >= p, are not public keys.
    Bytes bad = unhex(kG);
    bad[0] = 0x04;
    QVERIFY(!secp::isValidPublicKey(bad));
    bad[0] = 0x05;
    QVERIFY(!secp::isValidPublicKey(bad));
    Bytes bigX(33, 0xff);
    bigX[0] = 0x02;
    QVERIFY(!secp::isValidPublicKey(bigX));
    QVERIFY(!secp::isValidPublicKey(Bytes(33, 0)));
    QVERIFY(!secp::isValidPublicKey(Bytes(32, 0x02)));
    QVERIFY(!secp::isValidPublicKey(Bytes{}));
    QVERIFY(!secp::isValidPublicKey(
        unhex("0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
              "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8")));
}

// The node keeps signers' keys parsed (ParsedPubKey) and verifies against them: every answer must
// be the one verifyDigest gives for the key's bytes, and only what isValidPublicKey accepts parses.
void TestSecp256k1::parsedKeyVerifiesAsTheBytesDo() {
    for (const Bytes& bad :
         {Bytes{}, Bytes(33, 0), Bytes(32, 0x02), Bytes(34, 0x02),
          unhex("0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8")}) {
        QVERIFY(!secp::isValidPublicKey(bad));
        QVERIFY(!secp::ParsedPubKey::parse(bad).has_value());
    }
    Bytes bigX(33, 0xff);
    bigX[0] = 0x02;
    QVERIFY(!secp::ParsedPubKey::parse(bigX).has_value());

    QRandomGenerator rng(2718);
    for (int i = 0; i < 20; ++i) {
        const SecureBytes k = key(randomKey(rng));
        auto pub = secp::derivePublicKey(k);
        QVERIFY(pub.ok());
        const auto parsed = secp::ParsedPubKey::parse(*pub);
        QVERIFY(parsed.has_value());
        const auto digest = allora::sha256(allora::asBytes("parsed " + std::to_string(i)));
        auto sig = secp::signDigest(k, digest);
        QVERIFY(sig.ok());
        const secp::Signature highS = withS(*sig, sub(kN, sOf(*sig)));
        auto otherDigest = digest;
        otherDigest[31] ^= 1;
        auto otherKey = secp::derivePublicKey(key(randomKey(rng)));
        QVERIFY(otherKey.ok());
        const auto otherParsed = secp::ParsedPubKey::parse(*otherKey);
        QVERIFY(otherParsed.has_value());
        struct Case {
            const secp::ParsedPubKey& parsedKey;
            const secp::PubKey& keyBytes;
            const allora::Hash256& digest;
            Bytes signature;
            bool valid;
        };
        const Bytes good(sig->begin(), sig->end());
        const Case cases[] = {
            {*parsed, *pub, digest, good, true},
            {*parsed, *pub, digest, Bytes(highS.begin(), highS.end()), false},
            {*parsed, *pub, otherDigest, good, false},
            {*otherParsed, *otherKey, digest, good, false},
            {*parsed, *pub, digest, Bytes(good.begin(), good.end() - 1), false},
            {*parsed, *pub, digest, Bytes(64, 0), false},
        };
        for (const Case& c : cases) {
            QCOMPARE(c.parsedKey.verifyDigest(c.digest, c.signature), c.valid);
            QCOMPARE(secp::verifyDigest(c.keyBytes, c.digest, c.signature), c.valid);
        }
        const secp::ParsedPubKey copy = *parsed;  // plain data: a copy verifies the same
        QVERIFY(copy.verifyDigest(digest, good));
    }
}

void TestSecp256k1::privateKeyTweak() {
    // 1 + 1 = 2, whose public key is 2G.
    auto two = secp::privateKeyTweakAdd(key(fromInt(1)), fromInt(1));
    QVERIFY(two.ok());
    QCOMPARE(hexOf(two->span()), hexOf(fromInt(2)));
    auto pub2 = secp::derivePublicKey(*two);
    QVERIFY(pub2.ok());
    QCOMPARE(hexOf(*pub2), QByteArray(k2G));

    // (n - 1) + 2 wraps to 1.
    auto wrapped = secp::privateKeyTweakAdd(key(sub(kN, fromInt(1))), fromInt(2));
    QVERIFY(wrapped.ok());
    QCOMPARE(hexOf(wrapped->span()), hexOf(fromInt(1)));

    QRandomGenerator rng(32);
    for (int i = 0; i < 20; ++i) {
        const U256 kRaw = randomKey(rng);
        const SecureBytes k = key(kRaw);
        // + 0 is the identity, and leaves the input untouched.
        auto same = secp::privateKeyTweakAdd(k, U256{});
        QVERIFY(same.ok());
        QCOMPARE(hexOf(same->span()), hexOf(kRaw));
        QCOMPARE(hexOf(k.span()), hexOf(kRaw));
        // tweak = n - key: the sum is zero, not a key; BIP-32 skips such an index.
        auto zero = secp::privateKeyTweakAdd(k, sub(kN, kRaw));
        QVERIFY(!zero.ok());
        QCOMPARE(zero.code(), ErrorCode::Crypto);
        // tweak >= n is refused.
        QVERIFY(!secp::privateKeyTweakAdd(k, kN).ok());
        U256 allOnes{};
        allOnes.fill(0xff);
        QVERIFY(!secp::privateKeyTweakAdd(k, allOnes).ok());
    }
    // Wrong tweak length.
    auto shortTweak = secp::privateKeyTweakAdd(key(fromInt(1)), Bytes(31, 1));
    QVERIFY(!shortTweak.ok());
    QCOMPARE(shortTweak.code(), ErrorCode::InvalidArgument);
}

void TestSecp256k1::publicKeyTweak() {
    // G + 1·G = 2G, G + 2·G = 3G.
    auto p2 = secp::publicKeyTweakAdd(unhex(kG), fromInt(1));
    QVERIFY(p2.ok());
    QCOMPARE(hexOf(*p2), QByteArray(k2G));
    auto p3 = secp::publicKeyTweakAdd(unhex(kG), fromInt(2));
    QVERIFY(p3.ok());
    QCOMPARE(hexOf(*p3), QByteArray(k3G));
    // + 0·G is the identity.
    auto same = secp::publicKeyTweakAdd(unhex(k3G), U256{});
    QVERIFY(same.ok());
    QCOMPARE(hexOf(*same), QByteArray(k3G));
    // G + (n-1)·G = n·G = the point at infinity: refused.
    auto inf = secp::publicKeyTweakAdd(unhex(kG), sub(kN, fromInt(1)));
    QVERIFY(!inf.ok());
    QCOMPARE(inf.code(), ErrorCode::Crypto);
    // tweak >= n, a bad point, a bad tweak length.
    QVERIFY(!secp::publicKeyTweakAdd(unhex(kG), kN).ok());
    QVERIFY(!secp::publicKeyTweakAdd(Bytes(33, 0), fromInt(1)).ok());
    auto shortTweak = secp::publicKeyTweakAdd(unhex(kG), Bytes(31, 1));
    QVERIFY(!shortTweak.ok());
    QCOMPARE(shortTweak.code(), ErrorCode::InvalidArgument);
}

// BIP-32's public derivation relies on pub(k + t) == pub(k) + t·G.
void TestSecp256k1::tweaksAgree() {
    QRandomGenerator rng(3232);
    for (int i = 0; i < 30; ++i) {
        const SecureBytes k = key(randomKey(rng));
        const U256 t = randomKey(rng);
        auto pub = secp::derivePublicKey(k);
        QVERIFY(pub.ok());
        auto kt = secp::privateKeyTweakAdd(k, t);
        QVERIFY(kt.ok());
        auto viaPrivate = secp::derivePublicKey(*kt);
        QVERIFY(viaPrivate.ok());
        auto viaPublic = secp::publicKeyTweakAdd(*pub, t);
        QVERIFY(viaPublic.ok());
        QCOMPARE(hexOf(*viaPublic), hexOf(*viaPrivate));
        QVERIFY(hexOf(*viaPublic) != hexOf(*pub));
    }
}

QTEST_APPLESS_MAIN(TestSecp256k1)
#include "test_secp256k1.moc"
