// The validator key file (node/validator_key.h): sealed under a password, never the seed in clear.
#include <QTemporaryDir>
#include <QtTest>

#include "core/encoding.h"
#include "core/file_util.h"
#include "node/validator_key.h"

using namespace allora;
using namespace allora::node;

namespace {

SecureBytes secure(const char* s) {
    return SecureBytes::fromString(s);
}

const KdfParams kFast = KdfParams::interactive();

ed25519::KeyPair fixedKey() {
    Bytes seed(32);
    for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i * 7 + 1);
    auto key = ed25519::fromSeed(seed);
    if (!key) qFatal("fromSeed failed");
    return std::move(*key);
}

}  // namespace

class TestValidatorKey : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initCrypto(); }

    void sealAndUnlockRoundTrip() {
        const auto key = fixedKey();
        auto file = ValidatorKeyFile::seal(key, secure("correct horse"), kFast);
        QVERIFY2(file.ok(), file.ok() ? "" : file.message().c_str());
        auto parsed = ValidatorKeyFile::parse(file->toJson(), "test");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.message().c_str());
        QCOMPARE(parsed->publicKey(), key.publicKey);
        auto unlocked = parsed->unlock(secure("correct horse"));
        QVERIFY(unlocked.ok());
        QCOMPARE(unlocked->publicKey, key.publicKey);
        QVERIFY(unlocked->secretKey.view() == key.secretKey.view());
        QCOMPARE(parsed->address().size(), size_t{20});
    }

    void fileHoldsNoSecretInAnyEncoding() {
        const auto key = fixedKey();
        const std::string json =
            ValidatorKeyFile::seal(key, secure("correct horse"), kFast)->toJson();
        const ByteSpan seed(key.secretKey.data(), 32);
        for (const std::string& encoded : {toHex(seed), toBase64(seed), toHex(key.secretKey.span()),
                                           toBase64(key.secretKey.span())}) {
            std::string upper = encoded;
            for (char& c : upper)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            QVERIFY(json.find(encoded) == std::string::npos);
            QVERIFY(json.find(upper) == std::string::npos);
        }
        QVERIFY(json.find(std::string(reinterpret_cast<const char*>(seed.data()), 32)) ==
                std::string::npos);
    }

    void wrongPasswordIsReportedAsSuch() {
        auto file = ValidatorKeyFile::seal(fixedKey(), secure("correct horse"), kFast);
        auto unlocked = file->unlock(secure("wrong horse"));
        QVERIFY(!unlocked.ok());
        QCOMPARE(unlocked.error().code, ErrorCode::WrongPassword);
    }

    void shortPasswordRefused() {
        auto file = ValidatorKeyFile::seal(fixedKey(), secure("short"), kFast);
        QVERIFY(!file.ok());
        QCOMPARE(file.error().code, ErrorCode::InvalidArgument);
    }

    void editedOrDamagedFilesFailCleanly() {
        const std::string json =
            ValidatorKeyFile::seal(fixedKey(), secure("correct horse"), kFast)->toJson();
        // Truncated anywhere: Corrupt, never a crash.
        for (size_t len :
             {size_t{0}, size_t{1}, json.size() / 3, json.size() / 2, json.size() - 3}) {
            auto parsed = ValidatorKeyFile::parse(json.substr(0, len), "cut");
            QVERIFY(!parsed.ok());
            QCOMPARE(parsed.error().code, ErrorCode::Corrupt);
        }
        // Another public key with its matching address: parses, but the open fails (the AD binds
        // it).
        const auto other = ed25519::generate();
        ValidatorKeyFile otherFile = *ValidatorKeyFile::seal(other, secure("correct horse"), kFast);
        auto swapField = [](std::string text, const std::string& field, const std::string& from,
                            const std::string& to) {
            const std::string needle = "\"" + field + "\":\"" + from + "\"";
            const size_t at = text.find(needle);
            if (at == std::string::npos) qFatal("field %s not found", field.c_str());
            return text.replace(at, needle.size(), "\"" + field + "\":\"" + to + "\"");
        };
        const auto original = *ValidatorKeyFile::parse(json, "x");
        std::string edited = swapField(json, "pub_key", toBase64(original.publicKey()),
                                       toBase64(otherFile.publicKey()));
        edited =
            swapField(edited, "address", toHex(original.address()), toHex(otherFile.address()));
        auto parsed = ValidatorKeyFile::parse(edited, "edited");
        QVERIFY(parsed.ok());
        auto unlocked = parsed->unlock(secure("correct horse"));
        QVERIFY(!unlocked.ok());
        QCOMPARE(unlocked.error().code, ErrorCode::Corrupt);
        // An address that does not belong to the key: Corrupt at parse time.
        auto badAddress = ValidatorKeyFile::parse(
            swapField(json, "address", toHex(original.address()), toHex(otherFile.address())), "a");
        QVERIFY(!badAddress.ok());
        QCOMPARE(badAddress.error().code, ErrorCode::Corrupt);
    }

    void saveIsOwnerOnlyAndNeverOverwritesByDefault() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("priv_validator_key.json").toStdString();
        auto file = ValidatorKeyFile::seal(fixedKey(), secure("correct horse"), kFast);
        QVERIFY(file->save(path).ok());
        QCOMPARE(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
                 kOwnerReadWrite);
        QVERIFY(!file->save(path).ok());
        auto loaded = ValidatorKeyFile::load(path);
        QVERIFY(loaded.ok());
        QVERIFY(loaded->unlock(secure("correct horse")).ok());
        auto missing = ValidatorKeyFile::load(dir.filePath("none.json").toStdString());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestValidatorKey)
#include "test_validator_key.moc"
