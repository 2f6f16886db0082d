// Unit tests for core/encoding: hex and base64 (RFC 4648 section 10 vectors), round trips, and the
// strictness the header promises (odd or bad hex, unpadded or trailing-junk base64 are errors).
#include <QtTest/QtTest>

#include <string>

#include "core/bytes.h"
#include "core/encoding.h"

using allora::Bytes;
using allora::ByteSpan;
using allora::ErrorCode;

namespace {

QByteArray q(std::string_view s) {
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

// Bytes -> printable form for QCOMPARE, via Qt (not the code under test).
QByteArray qtHex(ByteSpan d) {
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()))
        .toHex();
}

Bytes bytesOf(const QByteArray& b) {
    return Bytes(b.begin(), b.end());
}

}  // namespace

class TestEncoding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void toHexKnown();
    void fromHexKnown_data();
    void fromHexKnown();
    void fromHexRejects_data();
    void fromHexRejects();
    void hexRoundTrip();

    void base64Rfc4648_data();
    void base64Rfc4648();
    void base64Binary();
    void fromBase64Rejects_data();
    void fromBase64Rejects();
    void base64RoundTrip();
};

void TestEncoding::toHexKnown() {
    QCOMPARE(q(allora::toHex(Bytes{})), QByteArray(""));
    QCOMPARE(q(allora::toHex(Bytes{0x00})), QByteArray("00"));
    QCOMPARE(q(allora::toHex(Bytes{0x00, 0x01, 0x7f, 0x80, 0xab, 0xff})),
             QByteArray("00017f80abff"));
    QCOMPARE(q(allora::toHex(allora::asBytes("Allora"))), QByteArray("416c6c6f7261"));
    // All 256 byte values, lower case.
    Bytes all(256);
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint8_t>(i);
    QCOMPARE(q(allora::toHex(all)), qtHex(all));
}

void TestEncoding::fromHexKnown_data() {
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray("") << QByteArray();
    QTest::newRow("lower") << QByteArray("deadbeef") << QByteArray("\xde\xad\xbe\xef", 4);
    QTest::newRow("upper") << QByteArray("DEADBEEF") << QByteArray("\xde\xad\xbe\xef", 4);
    QTest::newRow("mixed") << QByteArray("DeAdBeEf") << QByteArray("\xde\xad\xbe\xef", 4);
    QTest::newRow("zeros") << QByteArray("0000") << QByteArray(2, '\0');
    QTest::newRow("digits") << QByteArray("0123456789") << QByteArray("\x01\x23\x45\x67\x89", 5);
    QTest::newRow("af AF") << QByteArray("aAbBcCdDeEfF")
                           << QByteArray("\xaa\xbb\xcc\xdd\xee\xff", 6);
}

void TestEncoding::fromHexKnown() {
    QFETCH(QByteArray, hex);
    QFETCH(QByteArray, bytes);
    auto r = allora::fromHex(hex.toStdString());
    QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
    QCOMPARE(qtHex(*r), bytes.toHex());
}

void TestEncoding::fromHexRejects_data() {
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<QByteArray>("messagePart");
    QTest::newRow("odd length 1") << QByteArray("a") << QByteArray("odd");
    QTest::newRow("odd length 3") << QByteArray("abc") << QByteArray("odd");
    QTest::newRow("bad digit g at 2") << QByteArray("00g0") << QByteArray("position 2");
    QTest::newRow("bad digit at 3") << QByteArray("000z") << QByteArray("position 3");
    QTest::newRow("0x prefix") << QByteArray("0x00") << QByteArray("position 1");
    QTest::newRow("space") << QByteArray("00 0") << QByteArray("position 2");
    QTest::newRow("leading space") << QByteArray(" 000") << QByteArray("position 0");
    QTest::newRow("minus") << QByteArray("-1") << QByteArray("position 0");
    QTest::newRow("non-ascii") << QByteArray("\xc3\xa9") << QByteArray("position 0");
    QTest::newRow("nul") << QByteArray("0\0", 2) << QByteArray("position 1");
    QTest::newRow("G (past F)") << QByteArray("0G") << QByteArray("position 1");
    QTest::newRow("colon (past 9)") << QByteArray(":0") << QByteArray("position 0");
    QTest::newRow("slash (before 0)") << QByteArray("/0") << QByteArray("position 0");
    QTest::newRow("at (before A)") << QByteArray("@0") << QByteArray("position 0");
    QTest::newRow("backtick (before a)") << QByteArray("`0") << QByteArray("position 0");
}

void TestEncoding::fromHexRejects() {
    QFETCH(QByteArray, hex);
    QFETCH(QByteArray, messagePart);
    auto r = allora::fromHex(std::string_view(hex.constData(), static_cast<size_t>(hex.size())));
    QVERIFY(!r.ok());
    QCOMPARE(r.code(), ErrorCode::InvalidArgument);
    QVERIFY2(q(r.message()).contains(messagePart), r.message().c_str());
}

void TestEncoding::hexRoundTrip() {
    QRandomGenerator rng(16);
    for (size_t len = 0; len <= 80; ++len) {
        Bytes data(len);
        for (auto& b : data) b = static_cast<uint8_t>(rng.bounded(256));
        const std::string hex = allora::toHex(data);
        QCOMPARE(hex.size(), 2 * len);
        QCOMPARE(q(hex), qtHex(data));
        auto back = allora::fromHex(hex);
        QVERIFY(back.ok());
        QVERIFY(*back == data);
        // Upper case decodes to the same bytes.
        auto backUpper = allora::fromHex(q(hex).toUpper().toStdString());
        QVERIFY(backUpper.ok());
        QVERIFY(*backUpper == data);
    }
}

void TestEncoding::base64Rfc4648_data() {
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
    QTest::newRow("f") << QByteArray("f") << QByteArray("Zg==");
    QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8=");
    QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg==");
    QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE=");
    QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
}

void TestEncoding::base64Rfc4648() {
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, encoded);
    QCOMPARE(q(allora::toBase64(bytesOf(plain))), encoded);
    auto back = allora::fromBase64(encoded.toStdString());
    QVERIFY2(back.ok(), back.ok() ? "" : back.message().c_str());
    QCOMPARE(qtHex(*back), plain.toHex());
}

// Bytes that use '+' and '/' (the standard alphabet, not the URL-safe one).
void TestEncoding::base64Binary() {
    const Bytes data = {0xfb, 0xff, 0xbf, 0x00, 0x10, 0x83};
    QCOMPARE(q(allora::toBase64(data)), QByteArray("+/+/ABCD"));
    auto back = allora::fromBase64("+/+/ABCD");
    QVERIFY(back.ok());
    QVERIFY(*back == data);
    // The cosmjs faucet public key from tests/vectors.
    auto pub = allora::fromBase64("A08EGB7ro1ORuFhjOnZcSgwYlpe0DSFjVNUIkNNQxwKQ");
    QVERIFY(pub.ok());
    QCOMPARE(q(allora::toHex(*pub)),
             QByteArray("034f04181eeba35391b858633a765c4a0c189697b40d216354d50890d350c70290"));
}

void TestEncoding::fromBase64Rejects_data() {
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("bad char !") << QByteArray("Zm9v!A==");
    QTest::newRow("bad char in middle") << QByteArray("Zm*vYmFy");
    QTest::newRow("url-safe -") << QByteArray("-_-_ABCD");
    QTest::newRow("missing padding (2)") << QByteArray("Zg");
    QTest::newRow("missing padding (1)") << QByteArray("Zm8");
    QTest::newRow("short padding") << QByteArray("Zg=");
    QTest::newRow("too much padding") << QByteArray("Zm8==");
    QTest::newRow("padding only") << QByteArray("====");
    QTest::newRow("trailing junk") << QByteArray("Zm9vYg==junk");
    QTest::newRow("trailing char") << QByteArray("Zm9vx");
    QTest::newRow("trailing space") << QByteArray("Zm9v ");
    QTest::newRow("trailing newline") << QByteArray("Zm9v\n");
    QTest::newRow("inner space") << QByteArray("Zm9v YmFy");
    QTest::newRow("two groups padded") << QByteArray("Zg==Zg==");
    QTest::newRow("non-zero trailing bits") << QByteArray("Zh==");
    QTest::newRow("single char") << QByteArray("Z");
}

void TestEncoding::fromBase64Rejects() {
    QFETCH(QByteArray, encoded);
    auto r = allora::fromBase64(encoded.toStdString());
    QVERIFY2(!r.ok(), r.ok() ? qtHex(*r).constData() : "");
    QCOMPARE(r.code(), ErrorCode::InvalidArgument);
}

void TestEncoding::base64RoundTrip() {
    QRandomGenerator rng(64);
    for (size_t len = 0; len <= 100; ++len) {
        Bytes data(len);
        for (auto& b : data) b = static_cast<uint8_t>(rng.bounded(256));
        const std::string enc = allora::toBase64(data);
        QCOMPARE(enc.size(), (len + 2) / 3 * 4);
        // Qt's encoder is an independent reference.
        QCOMPARE(q(enc), QByteArray(reinterpret_cast<const char*>(data.data()),
                                    static_cast<qsizetype>(data.size()))
                             .toBase64());
        auto back = allora::fromBase64(enc);
        QVERIFY(back.ok());
        QVERIFY(*back == data);
    }
}

QTEST_APPLESS_MAIN(TestEncoding)
#include "test_encoding.moc"
