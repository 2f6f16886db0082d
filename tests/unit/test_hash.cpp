// Unit tests for core/hash: every function against its published test values.
//   SHA-256 / SHA-512: FIPS 180-2 appendix examples ("abc", the 448-bit message, one million 'a')
//                      and the digest of the empty string.
//   RIPEMD-160:        the test values published with the algorithm (Dobbertin, Bosselaers,
//   Preneel). HMAC:              RFC 4231 test cases 1-4, 6 and 7 (5 is a truncated output, not
//   applicable). PBKDF2-HMAC-SHA512: the widely published "password"/"salt" values, and the BIP-39
//   seeds in
//                      tests/vectors (BIP-39's seed is exactly PBKDF2-HMAC-SHA512, 2048 rounds).
//   hash160:           cosmjs test accounts: the address's bech32 payload is hash160(pubkey).
//   BLAKE2b-256:       RFC 7693 publishes only BLAKE2b-512 vectors, and a 256-bit BLAKE2b is not
//                      their truncation; the values here were computed twice, independently of
//                      libsodium, and agree: Python's hashlib.blake2b(data, digest_size=32) and
//                      GNU coreutils' `b2sum -l 256`.
#include <QtTest/QtTest>

#include <cstring>
#include <string>
#include <vector>

#include "core/bech32.h"
#include "core/bytes.h"
#include "core/hash.h"

using allora::Bytes;
using allora::ByteSpan;

namespace {

QByteArray hexOf(ByteSpan d) {
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()))
        .toHex();
}

// Hex constant -> bytes, independent of the code under test.
Bytes unhex(const char* h) {
    const QByteArray b = QByteArray::fromHex(h);
    if (static_cast<size_t>(b.size()) * 2 != std::strlen(h)) qFatal("bad hex constant %s", h);
    return Bytes(b.begin(), b.end());
}

Bytes bytesOf(const QByteArray& b) {
    return Bytes(b.begin(), b.end());
}

const QByteArray kNist448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

QByteArray millionA() {
    return QByteArray(1000000, 'a');
}

QByteArray readVectorFile(const char* name) {
    QFile f(QStringLiteral(ALLORA_TEST_VECTORS_DIR "/standards/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

}  // namespace

class TestHash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sha256Vectors_data();
    void sha256Vectors();
    void sha512Vectors_data();
    void sha512Vectors();
    void sha256Incremental();
    void sha256IncrementalVectors_data();
    void sha256IncrementalVectors();
    void ripemd160Vectors_data();
    void ripemd160Vectors();
    void hmacRfc4231_data();
    void hmacRfc4231();
    void pbkdf2Vectors_data();
    void pbkdf2Vectors();
    void pbkdf2ShorterOutputIsPrefix();
    void pbkdf2Bip39Seeds();
    void hash160CosmjsPubkey();
    void hash160CosmjsVectorFile();
    void blake2b256Vectors_data();
    void blake2b256Vectors();
};

void TestHash::sha256Vectors_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");
    QTest::newRow("empty")
        << QByteArray()
        << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray(
                                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("448 bits")
        << kNist448
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("million a")
        << millionA()
        << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

void TestHash::sha256Vectors() {
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);
    QCOMPARE(hexOf(allora::sha256(bytesOf(message))), digest);
    // The incremental hasher in one piece agrees.
    allora::Sha256 h;
    h.update(bytesOf(message));
    QCOMPARE(hexOf(h.finish()), digest);
}

void TestHash::sha512Vectors_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");
    QTest::newRow("empty")
        << QByteArray()
        << QByteArray(
               "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
               "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray(
                                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    QTest::newRow("448 bits")
        << kNist448
        << QByteArray(
               "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
               "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445");
    QTest::newRow("million a")
        << millionA()
        << QByteArray(
               "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
               "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
}

void TestHash::sha512Vectors() {
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);
    QCOMPARE(hexOf(allora::sha512(bytesOf(message))), digest);
}

// Random data hashed in random pieces (including empty ones and pieces that straddle the 64-byte
// block boundary) must equal the one-shot digest.
void TestHash::sha256Incremental() {
    QRandomGenerator rng(20240601);
    for (int round = 0; round < 200; ++round) {
        const auto len = static_cast<size_t>(rng.bounded(1, 600));
        Bytes data(len);
        for (auto& b : data) b = static_cast<uint8_t>(rng.bounded(256));
        const QByteArray expected = hexOf(allora::sha256(data));

        allora::Sha256 h;
        size_t pos = 0;
        while (pos < len) {
            const auto piece = std::min(len - pos, static_cast<size_t>(rng.bounded(0, 130)));
            h.update(ByteSpan(data).subspan(pos, piece));
            pos += piece;
        }
        QCOMPARE(hexOf(h.finish()), expected);
    }
}

void TestHash::sha256IncrementalVectors_data() {
    sha256Vectors_data();
}

// The published vectors fed one byte at a time (the million-'a' one in 1000-byte pieces).
void TestHash::sha256IncrementalVectors() {
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);
    const Bytes data = bytesOf(message);
    const size_t step = data.size() > 1000 ? 1000 : 1;
    allora::Sha256 h;
    h.update(ByteSpan{});  // an empty update changes nothing
    for (size_t i = 0; i < data.size(); i += step)
        h.update(ByteSpan(data).subspan(i, std::min(step, data.size() - i)));
    QCOMPARE(hexOf(h.finish()), digest);
}

void TestHash::ripemd160Vectors_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");
    QTest::newRow("empty") << QByteArray()
                           << QByteArray("9c1185a5c5e9fc54612808977ee8f548b2258d31");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    QTest::newRow("message digest")
        << QByteArray("message digest") << QByteArray("5d0689ef49d2fae572b881b123a85ffa21595f36");
    QTest::newRow("million a") << millionA()
                               << QByteArray("52783243c1697bdbe16d37f97f68f08325dc1528");
}

void TestHash::ripemd160Vectors() {
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);
    QCOMPARE(hexOf(allora::ripemd160(bytesOf(message))), digest);
}

void TestHash::hmacRfc4231_data() {
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("mac256");
    QTest::addColumn<QByteArray>("mac512");

    QTest::newRow("case 1")
        << QByteArray(20, '\x0b') << QByteArray("Hi There")
        << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        << QByteArray(
               "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
               "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
    QTest::newRow("case 2")
        << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        << QByteArray(
               "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
               "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    QTest::newRow("case 3")
        << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
        << QByteArray("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
        << QByteArray(
               "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
               "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb");
    QTest::newRow("case 4")
        << QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
        << QByteArray(50, '\xcd')
        << QByteArray("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
        << QByteArray(
               "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
               "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd");
    // Cases 6 and 7: a 131-byte key, longer than both block sizes (64 and 128), is hashed first.
    QTest::newRow("case 6")
        << QByteArray(131, '\xaa')
        << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        << QByteArray(
               "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
               "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598");
    QTest::newRow("case 7")
        << QByteArray(131, '\xaa')
        << QByteArray(
               "This is a test using a larger than block-size key and a larger than block-size "
               "data. "
               "The key needs to be hashed before being used by the HMAC algorithm.")
        << QByteArray("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
        << QByteArray(
               "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
               "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58");
}

void TestHash::hmacRfc4231() {
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, mac256);
    QFETCH(QByteArray, mac512);
    QCOMPARE(hexOf(allora::hmacSha256(bytesOf(key), bytesOf(data))), mac256);
    QCOMPARE(hexOf(allora::hmacSha512(bytesOf(key), bytesOf(data))), mac512);
}

void TestHash::pbkdf2Vectors_data() {
    QTest::addColumn<uint>("iterations");
    QTest::addColumn<QByteArray>("derived");
    QTest::newRow("c=1") << 1u
                         << QByteArray(
                                "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
                                "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce");
    QTest::newRow("c=2") << 2u
                         << QByteArray(
                                "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53c"
                                "f76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e");
    QTest::newRow("c=4096")
        << 4096u
        << QByteArray(
               "d197b1b33db0143e018b12f3d1d1479e6cdebdcc97c5c0f87f6902e072f457b5"
               "143f30602641b3d55cd335988cb36b84376060ecd532e039b742a239434af2d5");
}

void TestHash::pbkdf2Vectors() {
    QFETCH(uint, iterations);
    QFETCH(QByteArray, derived);
    const allora::SecureBytes out = allora::pbkdf2HmacSha512(
        allora::asBytes("password"), allora::asBytes("salt"), iterations, 64);
    QCOMPARE(out.size(), size_t{64});
    QCOMPARE(hexOf(out.span()), derived);
}

// PBKDF2's first output block does not depend on dkLen: a 32-byte output is the 64-byte one's
// prefix, and a 100-byte output (two blocks) starts with the 64-byte one.
void TestHash::pbkdf2ShorterOutputIsPrefix() {
    const auto full =
        allora::pbkdf2HmacSha512(allora::asBytes("password"), allora::asBytes("salt"), 2, 64);
    const auto half =
        allora::pbkdf2HmacSha512(allora::asBytes("password"), allora::asBytes("salt"), 2, 32);
    const auto longer =
        allora::pbkdf2HmacSha512(allora::asBytes("password"), allora::asBytes("salt"), 2, 100);
    QCOMPARE(half.size(), size_t{32});
    QCOMPARE(longer.size(), size_t{100});
    QCOMPARE(hexOf(half.span()), hexOf(full.span()).left(64));
    QCOMPARE(hexOf(longer.span()).left(128), hexOf(full.span()));
    // A different salt gives a different key.
    const auto other =
        allora::pbkdf2HmacSha512(allora::asBytes("password"), allora::asBytes("salt2"), 2, 64);
    QVERIFY(hexOf(other.span()) != hexOf(full.span()));
}

// BIP-39: seed = PBKDF2-HMAC-SHA512(mnemonic, "mnemonic" + passphrase, 2048, 64). The Trezor
// vectors use the passphrase "TREZOR".
void TestHash::pbkdf2Bip39Seeds() {
    const QByteArray raw = readVectorFile("bip39_trezor_english.json");
    QVERIFY2(!raw.isEmpty(), "cannot read bip39_trezor_english.json");
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &err);
    QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));
    const QJsonArray english = doc.object().value(QStringLiteral("english")).toArray();
    QCOMPARE(english.size(), 24);
    for (const QJsonValue& v : english) {
        const QJsonArray vec = v.toArray();
        QCOMPARE(vec.size(), 4);
        const QByteArray mnemonic = vec.at(1).toString().toUtf8();
        const QByteArray seed = vec.at(2).toString().toLatin1();
        const auto out = allora::pbkdf2HmacSha512(bytesOf(mnemonic),
                                                  allora::asBytes("mnemonicTREZOR"), 2048, 64);
        QCOMPARE(hexOf(out.span()), seed);
    }
}

// cosmjs's test account: pubkey 02baa4ef…d7b6 belongs to
// cosmos1jhg0e7s6gn44tfc5k37kr04sznyhedtc9rzys5.
void TestHash::hash160CosmjsPubkey() {
    const Bytes pub = unhex("02baa4ef93f2ce84592a49b1d729c074eab640112522a7a89f7d03ebab21ded7b6");
    auto payload =
        allora::bech32::decodeAddress("cosmos1jhg0e7s6gn44tfc5k37kr04sznyhedtc9rzys5", "cosmos");
    QVERIFY(payload.ok());
    QCOMPARE(payload->size(), size_t{20});
    const allora::Hash160 h = allora::hash160(pub);
    QCOMPARE(hexOf(h), hexOf(*payload));
    QCOMPARE(hexOf(h), QByteArray("95d0fcfa1a44eb55a714b47d61beb014c97cb578"));
    // hash160 is exactly RIPEMD160(SHA256(.)).
    QCOMPARE(hexOf(h), hexOf(allora::ripemd160(allora::sha256(pub))));
}

// Every official entry of the cosmjs vector file that carries a pubkey.
void TestHash::hash160CosmjsVectorFile() {
    const QByteArray raw = readVectorFile("cosmos_mnemonic_address_vectors.json");
    QVERIFY2(!raw.isEmpty(), "cannot read cosmos_mnemonic_address_vectors.json");
    const QJsonArray official = QJsonDocument::fromJson(raw).object().value("official").toArray();
    int checked = 0;
    for (const QJsonValue& v : official) {
        const QJsonObject o = v.toObject();
        QByteArray pub;
        if (o.contains("pubkey_hex"))
            pub = QByteArray::fromHex(o.value("pubkey_hex").toString().toLatin1());
        else if (o.contains("pubkey_base64"))
            pub = QByteArray::fromBase64(o.value("pubkey_base64").toString().toLatin1());
        else
            continue;
        QCOMPARE(pub.size(), 33);
        const std::string address = o.value("address").toString().toStdString();
        auto payload = allora::bech32::decodeAddress(address, "cosmos");
        QVERIFY2(payload.ok(), address.c_str());
        QCOMPARE(hexOf(allora::hash160(bytesOf(pub))), hexOf(*payload));
        ++checked;
    }
    QCOMPARE(checked, 2);
}

// Bytes 0, 1, 2, ... (mod 256): `n` of them.
QByteArray countingBytes(int n) {
    QByteArray out(n, 0);
    for (int i = 0; i < n; ++i) out[i] = static_cast<char>(i % 256);
    return out;
}

void TestHash::blake2b256Vectors_data() {
    // Generated with, for each message m:
    //   python3 -c "import hashlib; print(hashlib.blake2b(m, digest_size=32).hexdigest())"
    //   printf ... | b2sum -l 256
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");
    QTest::newRow("empty")
        << QByteArray()
        << QByteArray("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray(
                                "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    // 65 bytes: the size of a state-tree node's input (a tag and two hashes).
    QTest::newRow("65 bytes")
        << countingBytes(65)
        << QByteArray("84c04ab082c8ae24206561f77397704b627892089a05887a2a1996472bcfe15d");
    // One full block, and one byte past it (two compressions).
    QTest::newRow("128 bytes")
        << countingBytes(128)
        << QByteArray("c3582f71ebb2be66fa5dd750f80baae97554f3b015663c8be377cfcb2488c1d1");
    QTest::newRow("129 bytes")
        << countingBytes(129)
        << QByteArray("f7f3c46ba2564ff4c4c162da1f5b605f9f1c4aa6a20652a9f9a337c1a2f5b9c9");
    QTest::newRow("256 bytes")
        << countingBytes(256)
        << QByteArray("39a7eb9fedc19aabc83425c6755dd90e6f9d0c804964a1f4aaeea3b9fb599835");
    QTest::newRow("million a")
        << millionA()
        << QByteArray("0741850f36cba4259628355d1073e24ddb9ca0e1bfac36fd39ae5dc2101e23a4");
}

void TestHash::blake2b256Vectors() {
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);
    QCOMPARE(hexOf(allora::blake2b256(bytesOf(message))), digest);
}

QTEST_APPLESS_MAIN(TestHash)
#include "test_hash.moc"
