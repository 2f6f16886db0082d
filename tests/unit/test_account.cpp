// Unit tests for Cosmos accounts: mnemonic → m/44'/118'/0'/0/i → public key → bech32 address
// against the cosmjs vectors (and their allo1… re-encodings), and SIGN_MODE_DIRECT signatures that
// must equal the ones cosmjs and simd produced, byte for byte. The protobuf around the signature
// (SignDoc, AuthInfo, TxBody, TxRaw) is rebuilt here by hand from the vector's fields, so the
// test shows what was signed without relying on the project's own encoder.
#include <QtTest/QtTest>

#include <string>
#include <vector>

#include "core/bech32.h"
#include "core/encoding.h"
#include "core/hash.h"
#include "core/secp256k1.h"
#include "wallet/account.h"
#include "wallet/bip32.h"
#include "wallet/bip39.h"

namespace wallet = allora::wallet;
namespace secp = allora::secp256k1;
using allora::Bytes;

namespace {

QJsonObject loadJson(const QString& relative) {
    QFile file(QStringLiteral(ALLORA_TEST_VECTORS_DIR "/") + relative);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open vector file %s", qPrintable(relative));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (!doc.isObject())
        qFatal("bad JSON in %s: %s", qPrintable(relative), qPrintable(err.errorString()));
    return doc.object();
}

Bytes hex(const QString& h) {
    auto b = allora::fromHex(h.toStdString());
    if (!b) qFatal("bad hex in vector: %s", qPrintable(h));
    return *b;
}

QString hexOf(allora::ByteSpan b) {
    return QString::fromStdString(allora::toHex(b));
}

// Just enough protobuf writing to rebuild the vectors' messages.
struct Proto {
    Bytes out;
    void varint(uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<uint8_t>(v | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<uint8_t>(v));
    }
    Proto& bytes(int field, allora::ByteSpan b) {
        varint(static_cast<uint64_t>(field) << 3 | 2);
        varint(b.size());
        out.insert(out.end(), b.begin(), b.end());
        return *this;
    }
    Proto& string(int field, std::string_view s) { return bytes(field, allora::asBytes(s)); }
    Proto& uint(int field, uint64_t v) {
        if (v == 0) return *this;  // proto3 leaves default scalars out
        varint(static_cast<uint64_t>(field) << 3);
        varint(v);
        return *this;
    }
};

Bytes coin(std::string_view denom, std::string_view amount) {
    return Proto{}.string(1, denom).string(2, amount).out;
}
Bytes any(std::string_view typeUrl, allora::ByteSpan value) {
    return Proto{}.string(1, typeUrl).bytes(2, value).out;
}

// "special sign fit ... ceiling" and "abandon x11 about" are how the vector file names mnemonics.
QString resolveMnemonic(const QString& label, const QStringList& known) {
    static const QRegularExpression repeated(QStringLiteral("^(\\w+) x(\\d+) (\\w+)$"));
    if (auto m = repeated.match(label); m.hasMatch())
        return QString(m.captured(1) + ' ').repeated(m.captured(2).toInt()) + m.captured(3);
    static const QRegularExpression elided(QStringLiteral("^(.+) \\.\\.\\. (\\w+)$"));
    if (auto m = elided.match(label); m.hasMatch())
        for (const QString& k : known)
            if (k.startsWith(m.captured(1) + ' ') && k.endsWith(' ' + m.captured(2))) return k;
    return {};
}

QString hrpOf(const QString& address) {
    return address.left(address.lastIndexOf('1'));
}

}  // namespace

class TestAccount : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void path();
    void mnemonicToAddress_data();
    void mnemonicToAddress();
    void signModeDirect_data();
    void signModeDirect();
    void normalisedMnemonicSameAccount();
    void passphraseChangesAccount();
    void invalidInput();
    void validateAddress();
};

void TestAccount::path() {
    QCOMPARE(wallet::accountPath(0), std::string("m/44'/118'/0'/0/0"));
    QCOMPARE(wallet::accountPath(2147483647u), std::string("m/44'/118'/0'/0/2147483647"));
    QCOMPARE(loadJson("standards/cosmos_mnemonic_address_vectors.json").value("path").toString(),
             QString::fromStdString(wallet::accountPath(0)));
}

// Every address in cosmos_mnemonic_address_vectors.json, from every section of the file.
void TestAccount::mnemonicToAddress_data() {
    QTest::addColumn<QString>("mnemonic");
    QTest::addColumn<uint>("index");
    QTest::addColumn<QString>("pubkeyHex");  // empty when the vector gives none
    QTest::addColumn<QString>("address");

    const QJsonObject root = loadJson("standards/cosmos_mnemonic_address_vectors.json");
    QCOMPARE(root.value("bip39_passphrase").toString(), QString());
    const QStringList sections = root.keys();
    QCOMPARE(sections, (QStringList{"address_rule", "bip39_passphrase",
                                    "derived_not_official_allora", "official", "path"}));
    static const QRegularExpression alsoAt(
        QStringLiteral("^also_at_m/44'/118'/0'/0/(\\d+)\\.\\.(\\d+) \\((\\w+) prefix\\)$"));

    QStringList mnemonics;
    int rows = 0;
    const auto add = [&](const QString& m, uint index, const QString& pub, const QString& addr) {
        QTest::addRow("%s… #%u %s", qPrintable(m.section(' ', 0, 1)), index,
                      qPrintable(addr.left(12)))
            << m << index << pub << addr;
        ++rows;
    };

    for (const QJsonValue& v : root.value("official").toArray()) {
        const QJsonObject o = v.toObject();
        const QString m = o.value("mnemonic").toString();
        mnemonics << m;
        QString pub = o.value("pubkey_hex").toString();
        if (o.contains("pubkey_base64"))
            pub = QString::fromLatin1(
                QByteArray::fromBase64(o.value("pubkey_base64").toString().toLatin1()).toHex());
        add(m, 0, pub, o.value("address").toString());
        for (const QString& key : o.keys()) {
            if (!key.startsWith(QLatin1String("also_at_"))) continue;
            const auto match = alsoAt.match(key);
            QVERIFY2(match.hasMatch(), qPrintable("unrecognised key " + key));
            const QJsonArray addrs = o.value(key).toArray();
            const uint first = match.captured(1).toUInt();
            QCOMPARE(uint(addrs.size()), match.captured(2).toUInt() - first + 1);
            for (int i = 0; i < addrs.size(); ++i) {
                QCOMPARE(hrpOf(addrs[i].toString()), match.captured(3));
                add(m, first + uint(i), QString(), addrs[i].toString());
            }
        }
    }

    const QJsonObject derived = root.value("derived_not_official_allora").toObject();
    for (const QString& label : derived.keys()) {
        if (label == QLatin1String("note")) continue;
        const QString m = resolveMnemonic(label, mnemonics);
        QVERIFY2(!m.isEmpty(), qPrintable("cannot tell which mnemonic is " + label));
        const QJsonValue v = derived.value(label);
        if (v.isString()) {
            add(m, 0, QString(), v.toString());
            continue;
        }
        const QJsonObject o = v.toObject();
        for (const QString& key : o.keys())
            if (key != QLatin1String("pubkey_hex")) {
                QCOMPARE(hrpOf(o.value(key).toString()), key);
                add(m, 0, o.value("pubkey_hex").toString(), o.value(key).toString());
            }
    }
    // 3 official cosmos1 + 3 wasm1 + 2 allo1 + (cosmos1, allo1) of "abandon … about".
    QCOMPARE(rows, 10);
}

void TestAccount::mnemonicToAddress() {
    QFETCH(QString, mnemonic);
    QFETCH(uint, index);
    QFETCH(QString, pubkeyHex);
    QFETCH(QString, address);
    const std::string hrp = hrpOf(address).toStdString();

    auto account = wallet::deriveAccount(mnemonic.toStdString(), {}, index, hrp);
    QVERIFY2(account.ok(), account.ok() ? "" : account.message().c_str());
    QCOMPARE(account->index, index);
    QCOMPARE(QString::fromStdString(account->address), address);
    if (!pubkeyHex.isEmpty()) QCOMPARE(hexOf(account->publicKey), pubkeyHex);

    // The private key is the one behind the public key, and the address follows from the key.
    QCOMPARE(int(account->privateKey.size()), 32);
    auto pub = secp::derivePublicKey(account->privateKey);
    QVERIFY(pub.ok());
    QVERIFY(*pub == account->publicKey);
    QCOMPARE(*wallet::addressFromPublicKey(account->publicKey, hrp), address.toStdString());
    QVERIFY(wallet::validateAddress(address.toStdString(), hrp).ok());

    // deriveAccount is BIP-39 → BIP-32 at accountPath(index), nothing more.
    const allora::SecureBytes seed = wallet::bip39::toSeed(mnemonic.toStdString());
    auto key = wallet::bip32::derivePath(*wallet::bip32::fromSeed(seed.span()),
                                         wallet::accountPath(index));
    QVERIFY(key.ok());
    QVERIFY(key->privateKey == account->privateKey);
}

void TestAccount::signModeDirect_data() {
    QTest::addColumn<int>("accountNumber");
    QTest::addColumn<int>("sequence");
    QTest::addColumn<QString>("chainId");
    QTest::addColumn<QString>("bodyBytes");
    QTest::addColumn<QString>("authInfoBytes");
    QTest::addColumn<QString>("signBytes");
    QTest::addColumn<QString>("signature");
    QTest::addColumn<QString>("signedTxBytes");
    const QJsonArray vectors =
        loadJson("standards/cosmjs_sign_mode_direct_vectors.json").value("vectors").toArray();
    QCOMPARE(vectors.size(), 3);
    for (const QJsonValue& value : vectors) {
        const QJsonObject v = value.toObject();
        QCOMPARE(v.keys(), (QStringList{"accountNumber", "authInfoBytes", "bodyBytes", "chainId",
                                        "sequence", "signBytes", "signature", "signedTxBytes"}));
        QTest::addRow("sequence %d", v.value("sequence").toInt())
            << v.value("accountNumber").toInt() << v.value("sequence").toInt()
            << v.value("chainId").toString() << v.value("bodyBytes").toString()
            << v.value("authInfoBytes").toString() << v.value("signBytes").toString()
            << v.value("signature").toString() << v.value("signedTxBytes").toString();
    }
}

void TestAccount::signModeDirect() {
    QFETCH(int, accountNumber);
    QFETCH(int, sequence);
    QFETCH(QString, chainId);
    QFETCH(QString, bodyBytes);
    QFETCH(QString, authInfoBytes);
    QFETCH(QString, signBytes);
    QFETCH(QString, signature);
    QFETCH(QString, signedTxBytes);

    const QJsonObject signer =
        loadJson("standards/cosmjs_sign_mode_direct_vectors.json").value("signer").toObject();
    QCOMPARE(signer.value("hdPath").toString(), QString::fromStdString(wallet::accountPath(0)));
    const QString address = signer.value("address").toString();
    auto account = wallet::deriveAccount(signer.value("mnemonic").toString().toStdString(), {}, 0,
                                         hrpOf(address).toStdString());
    QVERIFY2(account.ok(), account.ok() ? "" : account.message().c_str());
    QCOMPARE(QString::fromStdString(account->address), address);
    const QByteArray pubFromFile =
        QByteArray::fromBase64(signer.value("pubkey_base64").toString().toLatin1());
    QCOMPARE(hexOf(account->publicKey), QString::fromLatin1(pubFromFile.toHex()));

    // What was signed: a MsgSend from the signer (vector note), with the signer's key, this
    // sequence and the fee, inside a SignDoc for this chain and account number.
    const Bytes msgSend = Proto{}
                              .string(1, address.toStdString())
                              .string(2, "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu")
                              .bytes(3, coin("ucosm", "1234567"))
                              .out;
    const Bytes body = Proto{}.bytes(1, any("/cosmos.bank.v1beta1.MsgSend", msgSend)).out;
    QCOMPARE(hexOf(body), bodyBytes);
    const Bytes pubKey = Proto{}.bytes(1, account->publicKey).out;
    const Bytes modeDirect = Proto{}.bytes(1, Proto{}.uint(1, 1).out).out;
    const Bytes signerInfo = Proto{}
                                 .bytes(1, any("/cosmos.crypto.secp256k1.PubKey", pubKey))
                                 .bytes(2, modeDirect)
                                 .uint(3, uint64_t(sequence))
                                 .out;
    const Bytes fee = Proto{}.bytes(1, coin("ucosm", "2000")).uint(2, 200000).out;
    const Bytes authInfo = Proto{}.bytes(1, signerInfo).bytes(2, fee).out;
    QCOMPARE(hexOf(authInfo), authInfoBytes);
    const Bytes signDoc = Proto{}
                              .bytes(1, body)
                              .bytes(2, authInfo)
                              .string(3, chainId.toStdString())
                              .uint(4, uint64_t(accountNumber))
                              .out;
    QCOMPARE(hexOf(signDoc), signBytes);

    // The signature itself: RFC 6979 makes it reproducible, so it must match byte for byte.
    auto sig = secp::sign(account->privateKey, signDoc);
    QVERIFY(sig.ok());
    QCOMPARE(hexOf(*sig), signature);
    QVERIFY(secp::verify(account->publicKey, signDoc, *sig));
    QVERIFY(secp::verifyDigest(account->publicKey, allora::sha256(signDoc), *sig));
    Bytes tampered = signDoc;
    tampered.back() ^= 1;  // another account number
    QVERIFY(!secp::verify(account->publicKey, tampered, *sig));
    auto other = wallet::deriveAccount(signer.value("mnemonic").toString().toStdString(), {}, 1);
    QVERIFY(!secp::verify(other->publicKey, signDoc, *sig));

    // TxRaw {body_bytes, auth_info_bytes, signatures}: what is broadcast, and what its hash is of.
    const Bytes txRaw = Proto{}.bytes(1, body).bytes(2, authInfo).bytes(3, *sig).out;
    QCOMPARE(hexOf(txRaw), signedTxBytes);
    // The vector file gives no tx hash; the hash is SHA-256 of exactly these bytes.
    QCOMPARE(hexOf(allora::sha256(txRaw)), hexOf(allora::sha256(hex(signedTxBytes))));
}

// Capitals and stray whitespace in a typed mnemonic open the same account.
void TestAccount::normalisedMnemonicSameAccount() {
    const std::string canonical =
        "special sign fit simple patrol salute grocery chicken wheat radar tonight ceiling";
    const std::string typed =
        "\n Special SIGN fit  simple\tpatrol salute grocery chicken wheat radar tonight ceiling  ";
    auto a = wallet::deriveAccount(canonical, {}, 0, "cosmos");
    auto b = wallet::deriveAccount(typed, {}, 0, "cosmos");
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(b->address, std::string("cosmos1jhg0e7s6gn44tfc5k37kr04sznyhedtc9rzys5"));
    QVERIFY(a->privateKey == b->privateKey);
    auto allo = wallet::deriveAccount(typed);
    QVERIFY(allo.ok());
    QCOMPARE(allo->address, std::string("allo1jhg0e7s6gn44tfc5k37kr04sznyhedtctsc88d"));
}

void TestAccount::passphraseChangesAccount() {
    const std::string m =
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "about";
    auto plain = wallet::deriveAccount(m);
    auto withPass = wallet::deriveAccount(m, "TREZOR");
    QVERIFY(plain.ok() && withPass.ok());
    QCOMPARE(plain->address, std::string("allo19rl4cm2hmr8afy4kldpxz3fka4jguq0ajnh7gv"));
    QVERIFY(withPass->address != plain->address);
    // Against the Trezor root xprv of this mnemonic with "TREZOR", walked to the account path.
    auto root = wallet::bip32::fromBase58(
        "xprv9s21ZrQH143K3h3fDYiay8mocZ3afhfULfb5GX8kCBdno77K4HiA15Tg23wpbeF1pLfs1c5SPmYHrEpTuuRhxM"
        "wvKDwqdKiGJS9XFKzUsAF");
    QVERIFY(root.ok());
    auto key = wallet::bip32::derivePath(*root, wallet::accountPath(0));
    QVERIFY(key.ok());
    QVERIFY(key->publicKey == withPass->publicKey);
    auto idx5 = wallet::deriveAccount(m, {}, 5);
    QVERIFY(idx5.ok());
    QCOMPARE(idx5->index, 5u);
    QVERIFY(idx5->address != plain->address);
}

void TestAccount::invalidInput() {
    auto bad = wallet::deriveAccount(
        "abandon abandon abandn abandon abandon abandon abandon "
        "abandon abandon abandon abandon about");
    QVERIFY(!bad.ok());
    QCOMPARE(bad.code(), allora::ErrorCode::InvalidArgument);
    QCOMPARE(bad.message(), std::string("invalid mnemonic: unknown word 'abandn' (word 3)"));

    auto checksum = wallet::deriveAccount(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "abandon");
    QVERIFY(!checksum.ok());
    QVERIFY(checksum.message().find("checksum") != std::string::npos);

    const std::string good =
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "about";
    auto hardenedIndex = wallet::deriveAccount(good, {}, wallet::bip32::kHardened);
    QVERIFY(!hardenedIndex.ok());
    QCOMPARE(hardenedIndex.code(), allora::ErrorCode::InvalidArgument);

    auto badHrp = wallet::deriveAccount(good, {}, 0, "Allo");
    QVERIFY(!badHrp.ok());
}

void TestAccount::validateAddress() {
    const std::string good = "allo19rl4cm2hmr8afy4kldpxz3fka4jguq0ajnh7gv";
    QVERIFY(wallet::validateAddress(good).ok());
    QVERIFY(wallet::validateAddress(good, "allo").ok());

    // Another chain's address of the same key.
    auto st = wallet::validateAddress("cosmos19rl4cm2hmr8afy4kldpxz3fka4jguq0auqdal4");
    QVERIFY(!st.ok());
    QVERIFY2(st.message().find("prefix 'cosmos'") != std::string::npos, st.message().c_str());
    QVERIFY(
        wallet::validateAddress("cosmos19rl4cm2hmr8afy4kldpxz3fka4jguq0auqdal4", "cosmos").ok());

    // A validator operator address is not an account address.
    auto valoper =
        allora::bech32::encodeAddress("allovaloper", *allora::fromHex(std::string(40, 'a')));
    QVERIFY(valoper.ok());
    QVERIFY(!wallet::validateAddress(*valoper).ok());

    // One character changed: the checksum catches it.
    std::string typo = good;
    typo[10] = typo[10] == 'q' ? 'p' : 'q';
    QVERIFY(!wallet::validateAddress(typo).ok());

    // Right prefix and checksum, wrong payload size (32 bytes: a module or contract address).
    auto longPayload = allora::bech32::encodeAddress("allo", Bytes(32, 7));
    QVERIFY(longPayload.ok());
    auto st2 = wallet::validateAddress(*longPayload);
    QVERIFY(!st2.ok());
    QCOMPARE(st2.message(), std::string("invalid address: payload is 32 bytes (expected 20)"));

    for (const char* bad : {"", "allo", "allo1", "1qqqqqq", "allo1qqqqqqqqqqqq",
                            "allo19rl4cm2hmr8afy4kldpxz3fka4jguq0ajnh7gV"})
        QVERIFY2(!wallet::validateAddress(bad).ok(), bad);
}

QTEST_GUILESS_MAIN(TestAccount)
#include "test_account.moc"
