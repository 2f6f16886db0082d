// Unit tests for the keyring (wallet/keyring.h) with both backends: add/list/get/remove/sign,
// name rules, password rules, duplicate names, damaged and renamed files, the File and Test
// backends' separate directories, and export/import (wallet/key_export.h).
// Most File-backend tests use libsodium's INTERACTIVE limits through makeFileKeyring (the private
// constructor) to stay fast; one test opens the real keyring and checks it uses MODERATE.
#include <QtTest/QtTest>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/encoding.h"
#include "core/file_util.h"
#include "core/secp256k1.h"
#include "wallet/account.h"
#include "wallet/key_export.h"
#include "wallet/keyring.h"
#include "wallet/keyring_store.h"

namespace wallet = allora::wallet;
namespace fs = std::filesystem;
using allora::ErrorCode;
using allora::SecureBytes;
using wallet::KeyringBackend;

namespace {

constexpr std::string_view kSpecial =
    "special sign fit simple patrol salute grocery chicken wheat radar tonight ceiling";
constexpr std::string_view kSpecialAllo = "allo1jhg0e7s6gn44tfc5k37kr04sznyhedtctsc88d";
constexpr std::string_view kFaucet =
    "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom "
    "lizard educate guess current outdoor pair theory focus wife stone";
constexpr std::string_view kFaucetAllo = "allo1pkptre7fdkl6gfrzlesjjvhxhlc3r4gm49aq8r";
constexpr std::string_view kPassword = "correct horse";

SecureBytes secure(std::string_view s) {
    return SecureBytes::fromString(s);
}

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return 0;
    return st.st_mode & 0777;
}

}  // namespace

class TestKeyring : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;
    int counter_ = 0;

    // A fresh, empty keyring of the requested backend in its own directory.
    std::unique_ptr<wallet::Keyring> fresh(KeyringBackend backend) {
        const fs::path home = fs::path(tmp_.path().toStdString()) / std::to_string(++counter_);
        auto dir = wallet::prepareKeyringDirectory(home, backend);
        if (!dir) qFatal("prepare failed: %s", dir.message().c_str());
        return backend == KeyringBackend::File
                   ? wallet::makeFileKeyring(*dir, wallet::KdfParams::interactive())
                   : wallet::makeTestKeyring(*dir);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void lifecycle_data() {
        QTest::addColumn<int>("backend");
        QTest::newRow("file") << static_cast<int>(KeyringBackend::File);
        QTest::newRow("test") << static_cast<int>(KeyringBackend::Test);
    }

    // add → get → list (sorted) → sign (verifiable, equal to signing with the derived key) →
    // exportMnemonic → remove.
    void lifecycle() {
        QFETCH(int, backend);
        auto kr = fresh(static_cast<KeyringBackend>(backend));
        auto empty = kr->list();
        QVERIFY(empty.ok() && empty->empty());

        auto bob = kr->add("bob", secure(kSpecial), secure(kPassword));
        QVERIFY2(bob.ok(), bob.ok() ? "" : bob.message().c_str());
        QCOMPARE(bob->address, std::string(kSpecialAllo));
        QCOMPARE(bob->index, 0u);
        QCOMPARE(bob->hdPath, std::string("m/44'/118'/0'/0/0"));
        // Extra whitespace and capitals are normalised before anything is derived or stored.
        const std::string messy =
            "  Economy stock\ttheory " + std::string(kFaucet.substr(21)) + " ";
        auto alice = kr->add("alice", secure(messy), secure(kPassword), 2);
        QVERIFY2(alice.ok(), alice.ok() ? "" : alice.message().c_str());
        auto expected = wallet::deriveAccount(kFaucet, "", 2);
        QVERIFY(expected.ok());
        QCOMPARE(alice->address, expected->address);
        QCOMPARE(alice->index, 2u);

        auto got = kr->get("alice");
        QVERIFY(got.ok());
        QCOMPARE(got->address, expected->address);
        QCOMPARE(got->publicKey, expected->publicKey);
        QCOMPARE(got->hdPath, std::string("m/44'/118'/0'/0/2"));

        auto all = kr->list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), size_t{2});
        QCOMPARE((*all)[0].name, std::string("alice"));
        QCOMPARE((*all)[1].name, std::string("bob"));

        const allora::Bytes msg = allora::toBytes("sign doc bytes");
        auto sig = kr->sign("alice", secure(kPassword), msg);
        QVERIFY2(sig.ok(), sig.ok() ? "" : sig.message().c_str());
        QVERIFY(allora::secp256k1::verify(expected->publicKey, msg, *sig));
        auto direct = allora::secp256k1::sign(expected->privateKey, msg);
        QVERIFY(direct.ok());
        QCOMPARE(*sig, *direct);  // RFC 6979: the same bytes

        auto words = kr->exportMnemonic("bob", secure(kPassword));
        QVERIFY(words.ok());
        QCOMPARE(words->view(), kSpecial);

        QVERIFY(kr->remove("bob").ok());
        QCOMPARE(kr->get("bob").code(), ErrorCode::NotFound);
        QCOMPARE(kr->remove("bob").code(), ErrorCode::NotFound);
        QCOMPARE(kr->sign("bob", secure(kPassword), msg).code(), ErrorCode::NotFound);
        QCOMPARE(kr->list()->size(), size_t{1});
    }

    void passphraseChangesTheKey() {
        auto kr = fresh(KeyringBackend::File);
        auto k = kr->add("p", secure(kSpecial), secure(kPassword), 1, secure("TREZOR"));
        QVERIFY(k.ok());
        auto expected = wallet::deriveAccount(kSpecial, "TREZOR", 1);
        QCOMPARE(k->address, expected->address);
        QVERIFY(k->address != std::string(kSpecialAllo));
        auto sig = kr->sign("p", secure(kPassword), allora::asBytes("x"));
        QVERIFY(sig.ok());
        QVERIFY(allora::secp256k1::verify(expected->publicKey, allora::asBytes("x"), *sig));
    }

    void wrongPassword() {
        auto kr = fresh(KeyringBackend::File);
        QVERIFY(kr->add("alice", secure(kSpecial), secure(kPassword)).ok());
        const fs::path file = kr->directory() / "alice.key";
        const std::string before = readText(file);
        auto sig = kr->sign("alice", secure("correct horsf"), allora::asBytes("x"));
        QCOMPARE(sig.code(), ErrorCode::WrongPassword);
        QCOMPARE(sig.message(), std::string("wrong password for key 'alice'"));
        QCOMPARE(kr->exportMnemonic("alice", secure("")).code(), ErrorCode::WrongPassword);
        QCOMPARE(readText(file), before);
    }

    void duplicateName() {
        for (auto backend : {KeyringBackend::File, KeyringBackend::Test}) {
            auto kr = fresh(backend);
            QVERIFY(kr->add("alice", secure(kSpecial), secure(kPassword)).ok());
            const auto file =
                kr->directory() / (backend == KeyringBackend::File ? "alice.key" : "alice.json");
            const std::string before = readText(file);
            auto again = kr->add("alice", secure(kFaucet), secure(kPassword));
            QVERIFY(!again.ok());
            QCOMPARE(again.code(), ErrorCode::AlreadyExists);
            QCOMPARE(readText(file), before);
            QCOMPARE(kr->get("alice")->address, std::string(kSpecialAllo));
        }
    }

    void keyNames() {
        for (const char* good : {"a", "Alice", "validator-1", "my_key.2", "x.y"})
            QVERIFY2(wallet::validateKeyName(good).ok(), good);
        QVERIFY(wallet::validateKeyName(std::string(64, 'k')).ok());
        for (const char* bad : {"", ".hidden", "..", "../x", "a/b", "a b", "a\\b", "naïve", "a\n"})
            QVERIFY2(!wallet::validateKeyName(bad).ok(), bad);
        QVERIFY(!wallet::validateKeyName(std::string(65, 'k')).ok());

        auto kr = fresh(KeyringBackend::Test);
        auto bad = kr->add("../escape", secure(kSpecial), secure(kPassword));
        QCOMPARE(bad.code(), ErrorCode::InvalidArgument);
        QCOMPARE(kr->get("../escape").code(), ErrorCode::InvalidArgument);
        QCOMPARE(kr->remove("a/b").code(), ErrorCode::InvalidArgument);
        QVERIFY(!fs::exists(kr->directory().parent_path() / "escape.json"));
    }

    void passwordAndMnemonicRules() {
        auto kr = fresh(KeyringBackend::File);
        auto shortPw = kr->add("alice", secure(kSpecial), secure("1234567"));
        QCOMPARE(shortPw.code(), ErrorCode::InvalidArgument);
        auto badWords = kr->add("alice", secure("special sign fit"), secure(kPassword));
        QCOMPARE(badWords.code(), ErrorCode::InvalidArgument);
        auto badIndex = kr->add("alice", secure(kSpecial), secure(kPassword), 0x80000000u);
        QCOMPARE(badIndex.code(), ErrorCode::InvalidArgument);
        QVERIFY(kr->list()->empty());  // nothing was written
        // The Test backend ignores the password (Cosmos "test" keyring).
        auto test = fresh(KeyringBackend::Test);
        QVERIFY(test->add("alice", secure(kSpecial), secure("")).ok());
        QVERIFY(test->sign("alice", secure("anything"), allora::asBytes("x")).ok());
    }

    // The two backends in one home never see each other's keys; directories are 0700, files 0600.
    void backendsAreSeparate() {
        const fs::path home = fs::path(tmp_.path().toStdString()) / "shared-home";
        auto test = wallet::openKeyring(home, KeyringBackend::Test);
        QVERIFY(test.ok());
        QCOMPARE((*test)->backend(), KeyringBackend::Test);
        QCOMPARE((*test)->directory(), home / "keyring-test");
        QVERIFY((*test)->add("devnet", secure(kSpecial), secure("")).ok());
        const std::string clear = readText(home / "keyring-test" / "devnet.json");
        QVERIFY(clear.find(kSpecial) != std::string::npos);  // by design: unencrypted

        auto file = wallet::openKeyring(home, KeyringBackend::File);
        QVERIFY(file.ok());
        QCOMPARE((*file)->directory(), home / "keyring-file");
        QVERIFY((*file)->list()->empty());
        QCOMPARE((*file)->get("devnet").code(), ErrorCode::NotFound);
        // The real File keyring uses MODERATE limits (one ~1 s Argon2id run here).
        QVERIFY((*file)->add("secure", secure(kFaucet), secure(kPassword)).ok());
        const std::string enc = readText(home / "keyring-file" / "secure.key");
        QVERIFY(enc.find("\"opslimit\": 3") != std::string::npos);
        QVERIFY(enc.find("\"memlimit\": 268435456") != std::string::npos);
        QCOMPARE((*test)->list()->size(), size_t{1});
        QCOMPARE((*test)->get("secure").code(), ErrorCode::NotFound);

        QCOMPARE(modeOf(home / "keyring-file"), 0700u);
        QCOMPARE(modeOf(home / "keyring-test"), 0700u);
        QCOMPARE(modeOf(home / "keyring-file" / "secure.key"), 0600u);
        QCOMPARE(modeOf(home / "keyring-test" / "devnet.json"), 0600u);
        // A directory with wider permissions is tightened when opened.
        fs::permissions(home / "keyring-test", fs::perms::all, fs::perm_options::replace);
        QVERIFY(wallet::openKeyring(home, KeyringBackend::Test).ok());
        QCOMPARE(modeOf(home / "keyring-test"), 0700u);

        QCOMPARE(wallet::parseBackend("file").value(), KeyringBackend::File);
        QCOMPARE(wallet::parseBackend("test").value(), KeyringBackend::Test);
        QVERIFY(!wallet::parseBackend("os").ok());
    }

    // A damaged file is reported by list() and get(), naming the file; a renamed file does not
    // pass for another key; foreign and temporary files are ignored.
    void damagedFilesAreReported() {
        for (auto backend : {KeyringBackend::File, KeyringBackend::Test}) {
            auto kr = fresh(backend);
            const std::string ext = backend == KeyringBackend::File ? ".key" : ".json";
            QVERIFY(kr->add("alice", secure(kSpecial), secure(kPassword)).ok());
            QVERIFY(allora::writeFileAtomic(kr->directory() / ".alice.key.tmp-1234",
                                            allora::asBytes("junk"))
                        .ok());
            QVERIFY(allora::writeFileAtomic(kr->directory() / "notes.txt", allora::asBytes("junk"))
                        .ok());
            QCOMPARE(kr->list()->size(), size_t{1});

            fs::copy_file(kr->directory() / ("alice" + ext), kr->directory() / ("mallory" + ext));
            auto renamed = kr->get("mallory");
            QCOMPARE(renamed.code(), ErrorCode::Corrupt);
            QVERIFY(renamed.message().find("mallory" + ext) != std::string::npos);
            fs::remove(kr->directory() / ("mallory" + ext));

            const fs::path broken = kr->directory() / ("zed" + ext);
            QVERIFY(allora::writeFileAtomic(broken, allora::asBytes("{\"version\":1,")).ok());
            auto list = kr->list();
            QVERIFY(!list.ok());
            QCOMPARE(list.code(), ErrorCode::Corrupt);
            QVERIFY2(list.message().find(broken.string()) != std::string::npos,
                     list.message().c_str());
            QCOMPARE(kr->get("zed").code(), ErrorCode::Corrupt);
            QVERIFY(kr->remove("zed").ok());  // a damaged key can still be deleted
            QVERIFY(kr->list().ok());
        }
    }

    void exportAndImport() {
        auto from = fresh(KeyringBackend::File);
        QVERIFY(from->add("alice", secure(kFaucet), secure(kPassword), 3, secure("pp")).ok());
        auto key = wallet::unlockKey(*from, "alice", secure(kPassword));
        QVERIFY(key.ok());
        QCOMPARE(wallet::unlockKey(*from, "alice", secure("nope-nope")).code(),
                 ErrorCode::WrongPassword);
        auto armored =
            wallet::armorExport(*key, secure("export-pass"), wallet::KdfParams::interactive());
        QVERIFY(armored.ok());
        QVERIFY(armored->rfind(std::string(wallet::kArmorBegin), 0) == 0);
        QVERIFY(armored->find(kFaucet.substr(0, 20)) == std::string::npos);

        auto wrong = wallet::openExport(*armored, "export.txt", secure("export-pasS"));
        QCOMPARE(wrong.code(), ErrorCode::WrongPassword);
        auto cut = wallet::openExport(armored->substr(0, armored->size() / 2), "export.txt",
                                      secure("export-pass"));
        QCOMPARE(cut.code(), ErrorCode::Corrupt);
        auto opened = wallet::openExport(*armored, "export.txt", secure("export-pass"));
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.message().c_str());

        auto to = fresh(KeyringBackend::Test);
        auto imported = wallet::importKey(*to, "copy", *opened, secure(""));
        QVERIFY(imported.ok());
        QCOMPARE(imported->address, from->get("alice")->address);
        QCOMPARE(imported->index, 3u);
        auto s1 = from->sign("alice", secure(kPassword), allora::asBytes("m"));
        auto s2 = to->sign("copy", secure(""), allora::asBytes("m"));
        QVERIFY(s1.ok() && s2.ok());
        QCOMPARE(*s1, *s2);
    }
};

QTEST_GUILESS_MAIN(TestKeyring)
#include "test_keyring.moc"
