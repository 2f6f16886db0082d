// Unit tests for the encrypted keystore (wallet/keystore.h) and the atomic file writer it uses
// (core/file_util.h): the secret survives a round trip, never appears in the file in any encoding,
// and every kind of damage (wrong password, truncation, flipped bits, edited header, newer version)
// is reported with the right error code and leaves the file exactly as it was.
#include <QtTest/QtTest>

#include <sys/stat.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "core/file_util.h"
#include "wallet/account.h"
#include "wallet/bip39.h"
#include "wallet/keystore.h"

namespace wallet = allora::wallet;
namespace fs = std::filesystem;
using allora::Bytes;
using allora::ErrorCode;
using allora::SecureBytes;

namespace {

// The cosmjs faucet mnemonic (tests/vectors/standards/cosmos_mnemonic_address_vectors.json).
constexpr std::string_view kMnemonic24 =
    "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom "
    "lizard educate guess current outdoor pair theory focus wife stone";
constexpr std::string_view kOtherMnemonic =
    "special sign fit simple patrol salute grocery chicken wheat radar tonight ceiling";
constexpr std::string_view kPassphrase = "Correct-Horse-25th";

SecureBytes secure(std::string_view s) {
    return SecureBytes::fromString(s);
}

// Cheap limits for most tests: the format and checks do not depend on them.
const wallet::KdfParams kFast = wallet::KdfParams::interactive();

wallet::KeystoreHeader headerFor(std::string_view mnemonic, std::string_view passphrase,
                                 uint32_t index, const std::string& name) {
    auto acct = wallet::deriveAccount(mnemonic, passphrase, index);
    if (!acct) qFatal("derive failed: %s", acct.message().c_str());
    return {name, acct->address, acct->publicKey, wallet::accountPath(index)};
}

wallet::KeySecret secretFor(std::string_view mnemonic, std::string_view passphrase,
                            uint32_t index) {
    return {secure(mnemonic), secure(passphrase), index};
}

std::string readText(const fs::path& p) {
    auto b = allora::readFile(p, 1 << 20);
    if (!b) qFatal("read failed: %s", b.message().c_str());
    return std::string(b->begin(), b->end());
}

void writeText(const fs::path& p, std::string_view text) {
    if (!allora::writeFileAtomic(p, allora::asBytes(text))) qFatal("write failed");
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Loads and unlocks a file, returning the error code (or nullopt on success).
std::optional<ErrorCode> openError(const fs::path& p, std::string_view password) {
    auto ks = wallet::Keystore::load(p);
    if (!ks) return ks.code();
    auto secret = ks->unlock(secure(password));
    if (!secret) return secret.code();
    return std::nullopt;
}

}  // namespace

class TestKeystore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;
    fs::path dir() const { return fs::path(tmp_.path().toStdString()); }

    // A fresh file for key "alice" from the 24-word mnemonic, with a BIP-39 passphrase.
    fs::path makeFile(const std::string& fileName) {
        auto ks = wallet::Keystore::seal(headerFor(kMnemonic24, kPassphrase, 3, "alice"),
                                         secretFor(kMnemonic24, kPassphrase, 3),
                                         secure("hunter2-hunter2"), kFast);
        if (!ks) qFatal("seal failed: %s", ks.message().c_str());
        const fs::path p = dir() / fileName;
        if (!ks->save(p, allora::IfExists::Replace)) qFatal("save failed");
        return p;
    }

    // Rewrites one field of the document (as parsed JSON) and returns the new text.
    static std::string editJson(const std::string& text,
                                const std::function<void(boost::json::object&)>& edit) {
        boost::json::value v = boost::json::parse(text);
        edit(v.as_object());
        return boost::json::serialize(v);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void roundTrip() {
        const fs::path p = makeFile("roundtrip.key");
        auto ks = wallet::Keystore::load(p);
        QVERIFY2(ks.ok(), ks.ok() ? "" : ks.message().c_str());
        QCOMPARE(ks->header(), headerFor(kMnemonic24, kPassphrase, 3, "alice"));
        QCOMPARE(ks->kdf(), kFast);
        auto secret = ks->unlock(secure("hunter2-hunter2"));
        QVERIFY2(secret.ok(), secret.ok() ? "" : secret.message().c_str());
        QCOMPARE(secret->mnemonic.view(), kMnemonic24);
        QCOMPARE(secret->passphrase.view(), kPassphrase);
        QCOMPARE(secret->index, 3u);
        // The file is private to its owner.
        struct stat st {};
        QCOMPARE(::stat(p.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
    }

    // The limits File keys use, recorded in the file; and how long one unlock takes here.
    void moderateLimitsRecordedAndTimed() {
        auto ks = wallet::Keystore::seal(headerFor(kOtherMnemonic, "", 0, "bob"),
                                         secretFor(kOtherMnemonic, "", 0), secure("password1"));
        QVERIFY(ks.ok());
        const std::string text = ks->toJson();
        const auto doc = boost::json::parse(text).as_object();
        QCOMPARE(doc.at("kdf").at("opslimit").to_number<uint64_t>(), 3u);
        QCOMPARE(doc.at("kdf").at("memlimit").to_number<uint64_t>(), 256u * 1024 * 1024);
        auto parsed = wallet::Keystore::parse(text, "mem");
        QVERIFY(parsed.ok());
        const auto t0 = std::chrono::steady_clock::now();
        auto secret = parsed->unlock(secure("password1"));
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - t0)
                            .count();
        QVERIFY(secret.ok());
        QCOMPARE(secret->mnemonic.view(), kOtherMnemonic);
        qInfo("Argon2id MODERATE unlock: %lld ms", static_cast<long long>(ms));
    }

    void fileHoldsNoSecret() {
        const fs::path p = makeFile("secrets.key");
        const std::string text = readText(p);
        const std::string textLower = lower(text);

        QVERIFY(textLower.find(std::string(kMnemonic24)) == std::string::npos);
        QVERIFY(text.find(kPassphrase) == std::string::npos);
        // Every word long enough not to occur by chance in the base64 fields (>= 5 letters;
        // case-sensitive, since base64 matches a 5-letter word case-insensitively ~1 in 5000 runs).
        size_t checked = 0;
        for (size_t start = 0; start < kMnemonic24.size();) {
            size_t end = kMnemonic24.find(' ', start);
            if (end == std::string_view::npos) end = kMnemonic24.size();
            const std::string word(kMnemonic24.substr(start, end - start));
            if (word.size() >= 5) {
                QVERIFY2(text.find(word) == std::string::npos, word.c_str());
                ++checked;
            }
            start = end + 1;
        }
        QVERIFY(checked >= 10);

        auto acct = wallet::deriveAccount(kMnemonic24, kPassphrase, 3);
        QVERIFY(acct.ok());
        const SecureBytes seed = wallet::bip39::toSeed(kMnemonic24, kPassphrase);
        for (const allora::ByteSpan secret : {acct->privateKey.span(), seed.span()}) {
            const std::string h = allora::toHex(secret);
            const std::string b64 = allora::toBase64(secret);
            QVERIFY(text.find(lower(h)) == std::string::npos);
            QVERIFY(text.find(upper(h)) == std::string::npos);
            QVERIFY(text.find(b64) == std::string::npos);
            // A prefix of the base64 too (an encoder might pad or wrap differently), and raw.
            QVERIFY(text.find(b64.substr(0, 40)) == std::string::npos);
            QVERIFY(text.find(std::string(secret.begin(), secret.end())) == std::string::npos);
        }
    }

    void wrongPasswordLeavesFileUnchanged() {
        const fs::path p = makeFile("wrong.key");
        const std::string before = readText(p);
        auto ks = wallet::Keystore::load(p);
        QVERIFY(ks.ok());
        auto secret = ks->unlock(secure("hunter3-hunter3"));
        QVERIFY(!secret.ok());
        QCOMPARE(secret.code(), ErrorCode::WrongPassword);
        QCOMPARE(secret.message(), std::string("wrong password for key 'alice'"));
        QCOMPARE(readText(p), before);
    }

    void truncatedFileIsCorrupt() {
        const fs::path original = makeFile("full.key");
        const std::string full = readText(original);
        const size_t n = full.size();
        for (size_t cut :
             {size_t{0}, size_t{1}, size_t{10}, n / 4, n / 2, n - 100, n - 20, n - 2}) {
            const fs::path p = dir() / ("cut-" + std::to_string(cut) + ".key");
            writeText(p, full.substr(0, cut));
            const std::string before = readText(p);
            auto ks = wallet::Keystore::load(p);
            QVERIFY2(!ks.ok(), std::to_string(cut).c_str());
            QCOMPARE(ks.code(), ErrorCode::Corrupt);
            // The message names the file, so a user knows which one to restore.
            QVERIFY2(ks.message().find(p.string()) != std::string::npos, ks.message().c_str());
            QCOMPARE(readText(p), before);
        }
    }

    void flippedCiphertextByteIsDetected() {
        const fs::path p = makeFile("flip.key");
        for (size_t pos : {size_t{0}, size_t{100}, size_t{270}}) {
            const std::string text = editJson(readText(p), [&](boost::json::object& o) {
                auto& c = o["cipher"].as_object();
                auto ct = allora::fromBase64(std::string(c["ciphertext"].as_string()));
                QVERIFY(ct.ok() && ct->size() > pos);
                (*ct)[pos] ^= 0x01;
                c["ciphertext"] = allora::toBase64(*ct);
            });
            const fs::path q = dir() / "flipped.key";
            writeText(q, text);
            const auto err = openError(q, "hunter2-hunter2");
            QVERIFY(err.has_value());
            // The password is right: this is damage, not a wrong password.
            QCOMPARE(*err, ErrorCode::Corrupt);
            QCOMPARE(readText(q), text);
        }
    }

    void tamperedHeaderIsDetected() {
        const fs::path p = makeFile("header.key");
        const auto other = headerFor(kOtherMnemonic, "", 0, "bob");
        using Edit = std::function<void(boost::json::object&)>;
        const std::vector<std::pair<const char*, Edit>> edits = {
            {"address swapped", [&](auto& o) { o["address"] = other.address; }},
            {"pubkey swapped", [&](auto& o) { o["pubkey"] = allora::toHex(other.publicKey); }},
            {"name changed", [&](auto& o) { o["name"] = "mallory"; }},
            {"path changed", [&](auto& o) { o["hd_path"] = "m/44'/118'/0'/0/0"; }},
            {"field added", [&](auto& o) { o["note"] = "hello"; }},
            {"nonce flipped",
             [&](auto& o) {
                 auto& c = o["cipher"].as_object();
                 auto n = allora::fromBase64(std::string(c["nonce"].as_string()));
                 (*n)[0] ^= 0x80;
                 c["nonce"] = allora::toBase64(*n);
             }},
        };
        for (const auto& [what, edit] : edits) {
            const std::string text = editJson(readText(p), edit);
            const fs::path q = dir() / "tampered.key";
            writeText(q, text);
            const auto err = openError(q, "hunter2-hunter2");
            QVERIFY2(err.has_value(), what);
            QVERIFY2(*err == ErrorCode::Corrupt, what);
            QCOMPARE(readText(q), text);
        }
        // Key order and whitespace are not content: a re-serialised file still opens.
        const std::string compact = editJson(readText(p), [](auto&) {});
        writeText(dir() / "compact.key", compact);
        QVERIFY(!openError(dir() / "compact.key", "hunter2-hunter2").has_value());
    }

    void versions() {
        const fs::path p = makeFile("version.key");
        const std::string text = readText(p);
        const std::vector<std::pair<int, ErrorCode>> cases = {
            {2, ErrorCode::Unsupported}, {99, ErrorCode::Unsupported}, {0, ErrorCode::Corrupt}};
        for (const auto& [version, code] : cases) {
            const std::string edited = editJson(text, [v = version](auto& o) { o["version"] = v; });
            auto ks = wallet::Keystore::parse(edited, "v.key");
            QVERIFY(!ks.ok());
            QCOMPARE(ks.code(), code);
            QVERIFY(ks.message().find("v.key") != std::string::npos);
        }
        auto ks = wallet::Keystore::parse(editJson(text, [](auto& o) { o.erase("version"); }), "x");
        QVERIFY(!ks.ok());
        QCOMPARE(ks.code(), ErrorCode::Corrupt);
        // Limits beyond what we accept are refused before any Argon2id run.
        ks = wallet::Keystore::parse(
            editJson(text, [](auto& o) { o["kdf"].as_object()["memlimit"] = uint64_t{1} << 42; }),
            "x");
        QVERIFY(!ks.ok());
        QCOMPARE(ks.code(), ErrorCode::Unsupported);
    }

    void passwordRule() {
        QVERIFY(!wallet::validatePassword(secure("1234567")).ok());
        QVERIFY(wallet::validatePassword(secure("12345678")).ok());
        // Characters, not bytes: seven characters in nine bytes are still too short.
        QVERIFY(!wallet::validatePassword(secure("p\xc3\xa4sw\xc3\xb6rt")).ok());
        auto ks = wallet::Keystore::seal(headerFor(kOtherMnemonic, "", 0, "bob"),
                                         secretFor(kOtherMnemonic, "", 0), secure("short"), kFast);
        QVERIFY(!ks.ok());
        QCOMPARE(ks.code(), ErrorCode::InvalidArgument);
    }

    void atomicWriter() {
        const fs::path p = dir() / "atomic" / "file.bin";
        fs::create_directories(p.parent_path());
        const mode_t old = ::umask(0);  // a permissive umask must not widen the file
        QVERIFY(allora::writeFileAtomic(p, allora::asBytes("one")).ok());
        ::umask(old);
        struct stat st {};
        QCOMPARE(::stat(p.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QVERIFY(allora::writeFileAtomic(p, allora::asBytes("two")).ok());
        QCOMPARE(readText(p), std::string("two"));
        auto s = allora::writeFileAtomic(p, allora::asBytes("three"), allora::kOwnerReadWrite,
                                         allora::IfExists::Fail);
        QVERIFY(!s.ok());
        QCOMPARE(s.code(), ErrorCode::AlreadyExists);
        QCOMPARE(readText(p), std::string("two"));
        // No temporary file is left behind.
        size_t entries = 0;
        for ([[maybe_unused]] const auto& e : fs::directory_iterator(p.parent_path())) ++entries;
        QCOMPARE(entries, size_t{1});

        auto tooBig = allora::readFile(p, 2);
        QVERIFY(!tooBig.ok());
        QCOMPARE(tooBig.code(), ErrorCode::Corrupt);
        auto missing = allora::readFile(dir() / "nope", 10);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.code(), ErrorCode::NotFound);
        QVERIFY(allora::removeFileDurable(p).ok());
        QCOMPARE(allora::removeFileDurable(p).code(), ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestKeystore)
#include "test_keystore.moc"
