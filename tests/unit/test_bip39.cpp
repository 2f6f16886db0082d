// Unit tests for BIP-39 mnemonics: the 24 Trezor reference vectors (entropy ↔ mnemonic, seed with
// the passphrase "TREZOR", and the BIP-32 root key of that seed), the errors a user can make when
// typing a mnemonic, normalisation of what they type, and fresh mnemonics from generate().
#include <QtTest/QtTest>

#include <set>
#include <string>

#include "core/encoding.h"
#include "wallet/bip32.h"
#include "wallet/bip39.h"

namespace bip39 = allora::wallet::bip39;
namespace bip32 = allora::wallet::bip32;

namespace {

QJsonDocument loadJson(const QString& relative) {
    QFile file(QStringLiteral(ALLORA_TEST_VECTORS_DIR "/") + relative);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open vector file %s", qPrintable(relative));
    QJsonParseError err;
    QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (doc.isNull())
        qFatal("bad JSON in %s: %s", qPrintable(relative), qPrintable(err.errorString()));
    return doc;
}

std::string hexOf(const allora::SecureBytes& b) {
    return allora::toHex(b.span());
}
std::string str(const allora::SecureBytes& b) {
    return std::string(b.view());
}

}  // namespace

class TestBip39 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wordlist();
    void trezorVectors_data();
    void trezorVectors();
    void invalidMnemonics_data();
    void invalidMnemonics();
    void invalidEntropy();
    void normalization();
    void generate_data();
    void generate();
    void generateRejectsBadLength();
};

// The embedded list is the BIP's file byte for byte, and lookups agree with it both ways.
void TestBip39::wordlist() {
    QCOMPARE(bip39::wordlistSha256(),
             std::string("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"));
    QCOMPARE(bip39::word(0), std::string_view("abandon"));
    QCOMPARE(bip39::word(2047), std::string_view("zoo"));
    QVERIFY(bip39::word(-1).empty());
    QVERIFY(bip39::word(2048).empty());
    for (int i = 0; i < 2048; ++i) QCOMPARE(bip39::wordIndex(bip39::word(i)), i);
    QCOMPARE(bip39::wordIndex("abandn"), -1);
    QCOMPARE(bip39::wordIndex("Abandon"), -1);  // the list is lower case; normalize() first
    QCOMPARE(bip39::wordIndex(""), -1);
}

void TestBip39::trezorVectors_data() {
    QTest::addColumn<QString>("entropy");
    QTest::addColumn<QString>("mnemonic");
    QTest::addColumn<QString>("seed");
    QTest::addColumn<QString>("xprv");
    const QJsonObject root = loadJson("standards/bip39_trezor_english.json").object();
    QCOMPARE(root.value("passphrase").toString(), QStringLiteral("TREZOR"));
    const QJsonArray vectors = root.value("english").toArray();
    QCOMPARE(vectors.size(), 24);
    int n = 0;
    for (const QJsonValue& v : vectors) {
        const QJsonArray a = v.toArray();
        QCOMPARE(a.size(), 4);
        QTest::addRow("%d (%d words)", ++n, int(a[1].toString().split(' ').size()))
            << a[0].toString() << a[1].toString() << a[2].toString() << a[3].toString();
    }
}

void TestBip39::trezorVectors() {
    QFETCH(QString, entropy);
    QFETCH(QString, mnemonic);
    QFETCH(QString, seed);
    QFETCH(QString, xprv);
    const std::string m = mnemonic.toStdString();

    auto entropyBytes = allora::fromHex(entropy.toStdString());
    QVERIFY(entropyBytes.ok());
    auto fromEntropy = bip39::fromEntropy(*entropyBytes);
    QVERIFY2(fromEntropy.ok(), fromEntropy.ok() ? "" : fromEntropy.message().c_str());
    QCOMPARE(str(*fromEntropy), m);

    auto back = bip39::toEntropy(m);
    QVERIFY2(back.ok(), back.ok() ? "" : back.message().c_str());
    QCOMPARE(hexOf(*back), entropy.toStdString());
    QVERIFY(bip39::validate(m).ok());

    const allora::SecureBytes s = bip39::toSeed(m, "TREZOR");
    QCOMPARE(hexOf(s), seed.toStdString());

    auto root = bip32::fromSeed(s.span());
    QVERIFY(root.ok());
    QCOMPARE(bip32::toBase58(*root), xprv.toStdString());
}

// Each mistake is reported as what it is: the count, the word and where it is, or the checksum.
void TestBip39::invalidMnemonics_data() {
    QTest::addColumn<QString>("mnemonic");
    QTest::addColumn<QString>("message");
    const QString a11 = QStringLiteral("abandon ").repeated(11).trimmed();
    QTest::newRow("empty") << ""
                           << "invalid mnemonic: 0 words (expected 12, 15, 18, 21 or 24)";
    QTest::newRow("blank") << "  \t\n "
                           << "invalid mnemonic: 0 words (expected 12, 15, 18, 21 or 24)";
    QTest::newRow("1 word") << "abandon"
                            << "invalid mnemonic: 1 word (expected 12, 15, 18, 21 or 24)";
    QTest::newRow("11 words") << a11
                              << "invalid mnemonic: 11 words (expected 12, 15, 18, 21 or 24)";
    QTest::newRow("13 words") << a11 + " about abandon"
                              << "invalid mnemonic: 13 words (expected 12, 15, 18, 21 or 24)";
    QTest::newRow("25 words") << QStringLiteral("abandon ").repeated(24) + "art"
                              << "invalid mnemonic: 25 words (expected 12, 15, 18, 21 or 24)";
    QTest::newRow("unknown word 3")
        << "abandon abandon abandn abandon abandon abandon abandon abandon abandon abandon abandon "
           "about"
        << "invalid mnemonic: unknown word 'abandn' (word 3)";
    QTest::newRow("unknown last word") << a11 + " abouts"
                                       << "invalid mnemonic: unknown word 'abouts' (word 12)";
    QTest::newRow("unknown first word, upper case")
        << "XYZZY " + QStringLiteral("abandon ").repeated(10) + "about"
        << "invalid mnemonic: unknown word 'xyzzy' (word 1)";
    QTest::newRow("checksum 12") << a11 + " abandon"
                                 << "invalid mnemonic: checksum does not match (a word is wrong "
                                    "or out of order)";
    QTest::newRow("checksum swapped words")
        << "legal winner thank year wave sausage worth useful legal winner yellow thank"
        << "invalid mnemonic: checksum does not match (a word is wrong or out of order)";
    QTest::newRow("checksum 24") << QStringLiteral("zoo ").repeated(24).trimmed()
                                 << "invalid mnemonic: checksum does not match (a word is wrong "
                                    "or out of order)";
}

void TestBip39::invalidMnemonics() {
    QFETCH(QString, mnemonic);
    QFETCH(QString, message);
    const std::string m = mnemonic.toStdString();
    const allora::Status st = bip39::validate(m);
    QVERIFY(!st.ok());
    QCOMPARE(st.code(), allora::ErrorCode::InvalidArgument);
    QCOMPARE(QString::fromStdString(st.message()), message);
    auto e = bip39::toEntropy(m);
    QVERIFY(!e.ok());
    QCOMPARE(QString::fromStdString(e.message()), message);
}

void TestBip39::invalidEntropy() {
    for (size_t n : {0u, 4u, 15u, 17u, 33u, 64u}) {
        allora::Bytes entropy(n, 0x42);
        auto m = bip39::fromEntropy(entropy);
        QVERIFY(!m.ok());
        QVERIFY(m.message().find("invalid entropy: " + std::to_string(n) + " bytes") == 0);
    }
}

// What a user pastes (capitals, tabs, new lines, doubled spaces) means the canonical mnemonic.
void TestBip39::normalization() {
    const std::string canonical =
        "legal winner thank year wave sausage worth useful legal winner thank yellow";
    const std::string typed =
        "  Legal WINNER\tthank  year\n wave sausage\r\nworth useful legal winner thank Yellow \n";
    QCOMPARE(str(bip39::normalize(typed)), canonical);
    QCOMPARE(str(bip39::normalize(canonical)), canonical);
    QCOMPARE(str(bip39::normalize("")), std::string());
    QCOMPARE(str(bip39::normalize(" \t\n")), std::string());
    QVERIFY(bip39::validate(typed).ok());
    auto e = bip39::toEntropy(typed);
    QVERIFY(e.ok());
    QCOMPARE(hexOf(*e), std::string("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f"));
    // toSeed hashes exactly what it is given: callers normalise first.
    QCOMPARE(hexOf(bip39::toSeed(str(bip39::normalize(typed)), "TREZOR")),
             std::string("2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1"
                         "296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607"));
}

void TestBip39::generate_data() {
    QTest::addColumn<int>("words");
    for (int w : {12, 15, 18, 21, 24}) QTest::addRow("%d words", w) << w;
}

void TestBip39::generate() {
    QFETCH(int, words);
    std::set<std::string> seen;
    for (int i = 0; i < 20; ++i) {
        auto m = bip39::generate(words);
        QVERIFY(m.ok());
        const std::string text = str(*m);
        QCOMPARE(int(std::count(text.begin(), text.end(), ' ')) + 1, words);
        QVERIFY2(bip39::validate(text).ok(), text.c_str());
        auto e = bip39::toEntropy(text);
        QVERIFY(e.ok());
        QCOMPARE(int(e->size()), words / 3 * 4);
        QCOMPARE(str(*bip39::fromEntropy(e->span())), text);
        QVERIFY2(seen.insert(text).second, "generate() repeated a mnemonic");
    }
}

void TestBip39::generateRejectsBadLength() {
    for (int w : {-12, 0, 11, 13, 14, 25, 27, 48}) {
        auto m = bip39::generate(w);
        QVERIFY(!m.ok());
        QCOMPARE(m.code(), allora::ErrorCode::InvalidArgument);
        QVERIFY(m.message().find(std::to_string(w) + " words") != std::string::npos);
    }
}

QTEST_GUILESS_MAIN(TestBip39)
#include "test_bip39.moc"
