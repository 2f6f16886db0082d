// Unit tests for BIP-32 extended keys and the Base58Check they are written in. The expected keys
// come from the BIP's own text (tests/vectors/standards/bip32_test_vectors_1-5.mediawiki.txt),
// parsed here line by line, so every published xpub/xprv of vectors 1-4 and every invalid key of
// vector 5 is checked, not a hand-copied subset.
#include <QtTest/QtTest>

#include <map>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "wallet/base58.h"
#include "wallet/bip32.h"

namespace bip32 = allora::wallet::bip32;
namespace base58 = allora::wallet::base58;

namespace {

struct Chain {
    std::string path;  // "m/0'/1"
    std::string xpub;
    std::string xprv;
};
struct ValidVector {
    int number = 0;
    std::string seedHex;
    std::vector<Chain> chains;
};
struct InvalidKey {
    std::string key;
    std::string reason;  // the BIP's parenthesised description
};
struct Bip32Vectors {
    std::vector<ValidVector> valid;
    std::vector<InvalidKey> invalid;
};

const Bip32Vectors& vectors() {
    static const Bip32Vectors parsed = [] {
        Bip32Vectors v;
        QFile file(QStringLiteral(ALLORA_TEST_VECTORS_DIR
                                  "/standards/bip32_test_vectors_1-5.mediawiki.txt"));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) qFatal("cannot open BIP-32 vectors");
        const QRegularExpression header(QStringLiteral("^===Test vector (\\d+)===$"));
        const QRegularExpression invalidLine(QStringLiteral("^\\* (\\S+) \\((.+)\\)$"));
        int current = 0;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (auto m = header.match(line); m.hasMatch()) {
                current = m.captured(1).toInt();
                if (current != 5) v.valid.push_back(ValidVector{current, {}, {}});
            } else if (current == 0) {
                continue;
            } else if (line.startsWith(QLatin1String("Seed (hex): "))) {
                v.valid.back().seedHex = line.mid(12).toStdString();
            } else if (line.startsWith(QLatin1String("* Chain "))) {
                QString path = line.mid(8);
                path.replace(QLatin1String("<sub>H</sub>"), QLatin1String("'"));
                v.valid.back().chains.push_back(Chain{path.toStdString(), {}, {}});
            } else if (line.startsWith(QLatin1String("** ext pub: "))) {
                v.valid.back().chains.back().xpub = line.mid(12).toStdString();
            } else if (line.startsWith(QLatin1String("** ext prv: "))) {
                v.valid.back().chains.back().xprv = line.mid(12).toStdString();
            } else if (current == 5) {
                if (auto k = invalidLine.match(line); k.hasMatch())
                    v.invalid.push_back(
                        InvalidKey{k.captured(1).toStdString(), k.captured(2).toStdString()});
            }
        }
        return v;
    }();
    return parsed;
}

// What fromBase58 must say for each of the BIP's descriptions of vector 5. A description not in
// this table fails the test, so a new line in the vector file cannot pass unnoticed.
QString expectedMessage(const QString& reason) {
    static const std::vector<std::pair<QString, QString>> table = {
        {"pubkey version / prvkey mismatch", "public key version (xpub) with private key data"},
        {"prvkey version / pubkey mismatch", "private key version (xprv) with public key data"},
        {"invalid pubkey prefix 04", "invalid public key prefix 0x04 (expected 0x02 or 0x03)"},
        {"invalid pubkey prefix 01", "invalid public key prefix 0x01 (expected 0x02 or 0x03)"},
        {"invalid prvkey prefix 04", "invalid private key prefix 0x04 (expected 0x00)"},
        {"invalid prvkey prefix 01", "invalid private key prefix 0x01 (expected 0x00)"},
        {"zero depth with non-zero parent fingerprint",
         "zero depth with non-zero parent fingerprint"},
        {"zero depth with non-zero index", "zero depth with non-zero child index"},
        {"unknown extended key version", "unknown version"},
        {"private key 0 not in 1..n-1", "private key not in 1..n-1"},
        {"private key n not in 1..n-1", "private key not in 1..n-1"},
        {"invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007",
         "invalid public key (not a point on secp256k1)"},
        {"invalid checksum", "checksum does not match"},
    };
    for (const auto& [r, message] : table)
        if (r == reason) return message;
    return {};
}

QByteArray failure(const allora::Error& e) {
    return QByteArray::fromStdString(e.message);
}

}  // namespace

class TestBip32 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void vectorFileParsed();
    void privateDerivation_data();
    void privateDerivation();
    void publicDerivation_data();
    void publicDerivation();
    void invalidKeys_data();
    void invalidKeys();
    void otherInvalidSerialisations();
    void parsePath();
    void hardenedFromPublicKey();
    void seedLength();
    void base58Vectors();
    void base58Invalid();
};

// The parser found what the BIP publishes; without this a parsing slip would silently test less.
void TestBip32::vectorFileParsed() {
    const auto& v = vectors();
    QCOMPARE(int(v.valid.size()), 4);
    const int chains[] = {6, 6, 2, 3};
    for (size_t i = 0; i < v.valid.size(); ++i) {
        QCOMPARE(v.valid[i].number, int(i) + 1);
        QVERIFY(!v.valid[i].seedHex.empty());
        QCOMPARE(int(v.valid[i].chains.size()), chains[i]);
        for (const Chain& c : v.valid[i].chains) {
            QVERIFY(c.xpub.rfind("xpub", 0) == 0);
            QVERIFY(c.xprv.rfind("xprv", 0) == 0);
        }
    }
    QCOMPARE(int(v.invalid.size()), 16);
}

void TestBip32::privateDerivation_data() {
    QTest::addColumn<QString>("seed");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("xpub");
    QTest::addColumn<QString>("xprv");
    for (const ValidVector& v : vectors().valid)
        for (const Chain& c : v.chains)
            QTest::addRow("%d %s", v.number, c.path.c_str())
                << QString::fromStdString(v.seedHex) << QString::fromStdString(c.path)
                << QString::fromStdString(c.xpub) << QString::fromStdString(c.xprv);
}

// seed → master → path gives the published xprv and xpub, and both parse back to the same key.
void TestBip32::privateDerivation() {
    QFETCH(QString, seed);
    QFETCH(QString, path);
    QFETCH(QString, xpub);
    QFETCH(QString, xprv);

    auto seedBytes = allora::fromHex(seed.toStdString());
    QVERIFY(seedBytes.ok());
    auto master = bip32::fromSeed(*seedBytes);
    QVERIFY2(master.ok(), master.ok() ? "" : failure(master.error()));
    auto key = bip32::derivePath(*master, path.toStdString());
    QVERIFY2(key.ok(), key.ok() ? "" : failure(key.error()));
    QVERIFY(key->isPrivate());
    QCOMPARE(QString::fromStdString(bip32::toBase58(*key)), xprv);
    QCOMPARE(QString::fromStdString(bip32::toBase58(key->neuter())), xpub);

    auto parsedPrv = bip32::fromBase58(xprv.toStdString());
    QVERIFY2(parsedPrv.ok(), parsedPrv.ok() ? "" : failure(parsedPrv.error()));
    QVERIFY(parsedPrv->isPrivate());
    QVERIFY(parsedPrv->privateKey == key->privateKey);
    QVERIFY(parsedPrv->publicKey == key->publicKey);
    QCOMPARE(parsedPrv->depth, key->depth);
    QCOMPARE(parsedPrv->parentFingerprint, key->parentFingerprint);
    QCOMPARE(parsedPrv->childNumber, key->childNumber);
    QVERIFY(parsedPrv->chainCode == key->chainCode);
    QCOMPARE(QString::fromStdString(bip32::toBase58(*parsedPrv)), xprv);
    QCOMPARE(QString::fromStdString(bip32::toBase58(parsedPrv->neuter())), xpub);

    auto parsedPub = bip32::fromBase58(xpub.toStdString());
    QVERIFY2(parsedPub.ok(), parsedPub.ok() ? "" : failure(parsedPub.error()));
    QVERIFY(!parsedPub->isPrivate());
    QVERIFY(parsedPub->publicKey == key->publicKey);
    QCOMPARE(QString::fromStdString(bip32::toBase58(*parsedPub)), xpub);

    auto cloned = key->clone();
    QVERIFY(cloned.privateKey == key->privateKey);
    QCOMPARE(QString::fromStdString(bip32::toBase58(cloned)), xprv);
}

// Each chain whose path ends in normal (non-hardened) steps is derived again from the published
// xpub of its last hardened ancestor, with public derivation only.
void TestBip32::publicDerivation_data() {
    QTest::addColumn<QString>("parentXpub");
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("xpub");
    int rows = 0;
    for (const ValidVector& v : vectors().valid) {
        std::map<std::string, std::string> xpubByPath;
        for (const Chain& c : v.chains) xpubByPath[c.path] = c.xpub;
        for (const Chain& c : v.chains) {
            auto indexes = bip32::parsePath(c.path);
            QVERIFY(indexes.ok());
            size_t prefix = indexes->size();
            while (prefix > 0 && (*indexes)[prefix - 1] < bip32::kHardened) --prefix;
            if (prefix == indexes->size()) continue;  // ends hardened: needs the private key
            // Rebuild the ancestor's path text: as many components as `prefix` from the start.
            size_t cut = 1;
            for (size_t i = 0; i < prefix; ++i) cut = c.path.find('/', cut + 1);
            const std::string ancestor = c.path.substr(0, std::min(cut, c.path.size()));
            const std::string rest = "m" + c.path.substr(ancestor.size());
            QVERIFY2(xpubByPath.count(ancestor), ancestor.c_str());
            QTest::addRow("%d %s from %s", v.number, c.path.c_str(), ancestor.c_str())
                << QString::fromStdString(xpubByPath[ancestor]) << QString::fromStdString(rest)
                << QString::fromStdString(c.xpub);
            ++rows;
        }
    }
    QCOMPARE(rows, 6);
}

void TestBip32::publicDerivation() {
    QFETCH(QString, parentXpub);
    QFETCH(QString, relativePath);
    QFETCH(QString, xpub);
    auto parent = bip32::fromBase58(parentXpub.toStdString());
    QVERIFY2(parent.ok(), parent.ok() ? "" : failure(parent.error()));
    QVERIFY(!parent->isPrivate());
    auto child = bip32::derivePath(*parent, relativePath.toStdString());
    QVERIFY2(child.ok(), child.ok() ? "" : failure(child.error()));
    QVERIFY(!child->isPrivate());
    QCOMPARE(QString::fromStdString(bip32::toBase58(*child)), xpub);
}

void TestBip32::invalidKeys_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("reason");
    int n = 0;
    for (const InvalidKey& k : vectors().invalid)
        QTest::addRow("%d %s", ++n, k.reason.c_str())
            << QString::fromStdString(k.key) << QString::fromStdString(k.reason);
}

// Every invalid key of vector 5 is refused, with the reason the BIP gives for it.
void TestBip32::invalidKeys() {
    QFETCH(QString, key);
    QFETCH(QString, reason);
    const QString expected = expectedMessage(reason);
    QVERIFY2(!expected.isEmpty(), qPrintable("no expected message for: " + reason));
    auto parsed = bip32::fromBase58(key.toStdString());
    QVERIFY2(!parsed.ok(), "accepted an invalid key");
    const QString message = QString::fromStdString(parsed.message());
    QVERIFY2(message.startsWith(QLatin1String("invalid extended key: ")), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message + " / expected: " + expected));
}

void TestBip32::otherInvalidSerialisations() {
    const std::string good = vectors().valid[0].chains[0].xprv;
    auto raw = base58::decodeCheck(good);
    QVERIFY(raw.ok());
    QCOMPARE(int(raw->size()), 78);

    allora::Bytes shorter(raw->begin(), raw->end() - 1);
    auto e1 = bip32::fromBase58(base58::encodeCheck(shorter));
    QVERIFY(!e1.ok());
    QCOMPARE(e1.message(), std::string("invalid extended key: 77 bytes (expected 78)"));

    allora::Bytes longer = *raw;
    longer.push_back(0);
    auto e2 = bip32::fromBase58(base58::encodeCheck(longer));
    QVERIFY(!e2.ok());
    QCOMPARE(e2.message(), std::string("invalid extended key: 79 bytes (expected 78)"));

    auto e3 = bip32::fromBase58(good.substr(0, 50) + "0" + good.substr(51));
    QVERIFY(!e3.ok());
    QVERIFY2(e3.message().find("character '0' at position 51") != std::string::npos,
             e3.message().c_str());

    QVERIFY(!bip32::fromBase58(" " + good).ok());
    QVERIFY(!bip32::fromBase58("").ok());
    QVERIFY(!bip32::fromBase58(std::string(1000, 'x')).ok());

    // A testnet key (tprv) is a valid serialisation of a version this build does not accept.
    allora::Bytes testnet = *raw;
    testnet[0] = 0x04, testnet[1] = 0x35, testnet[2] = 0x83, testnet[3] = 0x94;
    auto e4 = bip32::fromBase58(base58::encodeCheck(testnet));
    QVERIFY(!e4.ok());
    QCOMPARE(e4.code(), allora::ErrorCode::Unsupported);
    QVERIFY(e4.message().find("unknown version 0x04358394") != std::string::npos);
}

void TestBip32::parsePath() {
    using V = std::vector<uint32_t>;
    const uint32_t h = bip32::kHardened;
    QCOMPARE(*bip32::parsePath("m"), V{});
    QCOMPARE(*bip32::parsePath("m/44'/118'/0'/0/7"), (V{44 | h, 118 | h, 0 | h, 0, 7}));
    QCOMPARE(*bip32::parsePath("m/44h/118H/0'"), (V{44 | h, 118 | h, h}));
    QCOMPARE(*bip32::parsePath("m/2147483647'/2147483647"), (V{0xffffffffu, 0x7fffffffu}));

    for (const char* bad :
         {"", "M/0", "0/1", "m/", "m//0", "m/0/", "m/'", "m/-1", "m/+1", "m/1x", "m/ 1",
          "m/2147483648", "m/99999999999999999999", "m0", "m/0''", "/0"}) {
        auto p = bip32::parsePath(bad);
        QVERIFY2(!p.ok(), bad);
        QCOMPARE(p.code(), allora::ErrorCode::InvalidArgument);
        QVERIFY(p.message().rfind("invalid derivation path '" + std::string(bad) + "': ", 0) == 0);
    }
    std::string deep = "m";
    for (int i = 0; i < 256; ++i) deep += "/0";
    QVERIFY(!bip32::parsePath(deep).ok());
}

void TestBip32::hardenedFromPublicKey() {
    auto master = bip32::fromSeed(*allora::fromHex(vectors().valid[0].seedHex));
    QVERIFY(master.ok());
    const bip32::ExtendedKey pub = master->neuter();
    QVERIFY(!pub.isPrivate());
    auto child = bip32::deriveChild(pub, bip32::kHardened);
    QVERIFY(!child.ok());
    QCOMPARE(child.message(), std::string("cannot derive hardened child 0' from a public key"));
    auto path = bip32::derivePath(pub, "m/0/1'");
    QVERIFY(!path.ok());
    QCOMPARE(path.message(), std::string("cannot derive hardened child 1' from a public key"));
    // The same steps from the private key agree with the public ones where both are possible.
    auto viaPrivate = bip32::derivePath(*master, "m/0/1");
    auto viaPublic = bip32::derivePath(pub, "m/0/1");
    QVERIFY(viaPrivate.ok() && viaPublic.ok());
    QCOMPARE(bip32::toBase58(viaPrivate->neuter()), bip32::toBase58(*viaPublic));
    QCOMPARE(viaPublic->parentFingerprint, bip32::derivePath(pub, "m/0")->fingerprint());
}

void TestBip32::seedLength() {
    for (size_t n : {0u, 15u, 65u, 128u}) {
        auto k = bip32::fromSeed(allora::Bytes(n, 1));
        QVERIFY(!k.ok());
        QCOMPARE(k.code(), allora::ErrorCode::InvalidArgument);
    }
    QVERIFY(bip32::fromSeed(allora::Bytes(16, 1)).ok());
    QVERIFY(bip32::fromSeed(allora::Bytes(64, 1)).ok());
}

// Bitcoin Core's base58_encode_decode.json, including leading zero bytes ↔ leading '1's.
void TestBip32::base58Vectors() {
    const std::pair<const char*, const char*> cases[] = {
        {"", ""},
        {"61", "2g"},
        {"626262", "a3gV"},
        {"636363", "aPEr"},
        {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
        {"00eb15231dfceb60925886b67d065299925915aeb172c06647",
         "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
        {"516b6fcd0f", "ABnLTmg"},
        {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
        {"572e4794", "3EFU7m"},
        {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
        {"10c8511e", "Rt5zm"},
        {"00000000000000000000", "1111111111"},
    };
    for (const auto& [hex, text] : cases) {
        const allora::Bytes data = *allora::fromHex(hex);
        QCOMPARE(base58::encode(data), std::string(text));
        auto back = base58::decode(text);
        QVERIFY2(back.ok(), text);
        QCOMPARE(allora::toHex(*back), std::string(hex));
    }
    const allora::Bytes payload = *allora::fromHex("00010203");
    auto round = base58::decodeCheck(base58::encodeCheck(payload));
    QVERIFY(round.ok());
    QVERIFY(*round == payload);
}

void TestBip32::base58Invalid() {
    for (const char* bad : {"0", "O", "I", "l", "abc def", "3SEo3LWLoPntC\n", "\xc3\xa9"}) {
        auto d = base58::decode(bad);
        QVERIFY2(!d.ok(), bad);
        QVERIFY(d.message().rfind("invalid Base58: character ", 0) == 0);
    }
    QVERIFY(!base58::decodeCheck("").ok());
    QVERIFY(!base58::decodeCheck("1111").ok());  // four zero bytes: no payload, wrong checksum
    const std::string good = base58::encodeCheck(*allora::fromHex("0102030405"));
    std::string flipped = good;
    flipped.back() = flipped.back() == '2' ? '3' : '2';
    auto d = base58::decodeCheck(flipped);
    QVERIFY(!d.ok());
    QVERIFY(d.message().find("checksum does not match") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestBip32)
#include "test_bip32.moc"
