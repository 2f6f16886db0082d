// Integration tests of `allora-cli keys`: the real binary run with QProcess, secrets fed on stdin
// (not a terminal), a throw-away home in a QTemporaryDir. Checks addresses against the cosmjs
// vectors, the exit codes (0 ok, 1 failure, 2 usage/invalid input) and that every error is exactly
// one "Error: …" line on stderr.
#include <QtTest/QtTest>

#include "core/bech32.h"

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QStringList errLines() const { return err.split('\n', Qt::SkipEmptyParts); }
};

QJsonObject loadVectors() {
    QFile file(
        QStringLiteral(ALLORA_TEST_VECTORS_DIR "/standards/cosmos_mnemonic_address_vectors.json"));
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open the mnemonic vectors");
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The same 20-byte payload under another prefix (the vectors give wasm… at indexes 1..3).
QString reencode(const QString& address, const char* hrp) {
    auto payload = allora::bech32::decodeAddress(address.toStdString());
    if (!payload) qFatal("bad vector address");
    return QString::fromStdString(allora::bech32::encodeAddress(hrp, *payload).value());
}

}  // namespace

class TestCliKeys : public QObject {
    Q_OBJECT

private:
    QTemporaryDir home_;
    QString special_, specialAllo_, specialPubHex_, faucet_;
    QJsonObject vectors_;

    Run cli(const QStringList& args, const QByteArray& input = {}, bool withHome = true) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("ALLORA_HOME", home_.path() + "/default-home");  // never the user's real home
        p.setProcessEnvironment(env);
        QStringList all = args;
        if (withHome) all << "--home" << home_.path();
        p.start(QStringLiteral(ALLORA_BIN_DIR "/allora-cli"), all);
        if (!p.waitForStarted()) qFatal("allora-cli did not start");
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) qFatal("allora-cli timed out");
        Run r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    static QByteArray lines(const QStringList& items) { return (items.join('\n') + '\n').toUtf8(); }

    // Exit 2 with exactly one "Error: …" line on stderr and nothing on stdout.
    static void expectUsage(const Run& r, const char* what) {
        QVERIFY2(r.exitCode == 2,
                 qPrintable(QString(what) + ": exit " + QString::number(r.exitCode) + " " + r.err));
        QVERIFY2(r.errLines().size() == 1, qPrintable(QString(what) + ": " + r.err));
        QVERIFY2(r.err.startsWith("Error: "), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        QVERIFY(QFile::exists(QStringLiteral(ALLORA_BIN_DIR "/allora-cli")));
        vectors_ = loadVectors();
        const QJsonArray official = vectors_["official"].toArray();
        special_ = official[0].toObject()["mnemonic"].toString();
        specialPubHex_ = official[0].toObject()["pubkey_hex"].toString();
        faucet_ = official[1].toObject()["mnemonic"].toString();
        specialAllo_ = vectors_["derived_not_official_allora"]
                           .toObject()["special sign fit ... ceiling"]
                           .toString();
        QVERIFY(specialAllo_.startsWith("allo1"));
    }

    void help() {
        const Run r = cli({"keys", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* cmd : {"add NAME", "list", "show NAME", "delete NAME", "export NAME",
                                "import NAME FILE", "derive"})
            QVERIFY2(r.out.contains(cmd), cmd);
        expectUsage(cli({"keys", "frobnicate"}), "unknown subcommand");
        expectUsage(cli({"keys", "list", "--no-such-flag"}), "unknown flag");
        expectUsage(cli({"keys", "list", "--keyring-backend", "os"}), "unknown backend");
    }

    // keys add --recover → show / list with the cosmjs mnemonic; flags before and after words.
    void recoverShowList() {
        Run r =
            cli({"keys", "add", "alice", "--recover"}, lines({special_, "password1", "password1"}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(specialAllo_));
        QVERIFY(!r.out.contains("ceiling") && !r.err.contains("ceiling"));  // never echoed

        r = cli({"--output", "text", "keys", "show", "alice", "--address"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, specialAllo_ + "\n");
        r = cli({"keys", "show", "--pubkey", "alice"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, specialPubHex_ + "\n");
        r = cli({"keys", "show", "alice", "--pubkey", "--output", "json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject pk = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(pk["@type"].toString(), QString("/cosmos.crypto.secp256k1.PubKey"));
        QCOMPARE(QByteArray::fromBase64(pk["key"].toString().toLatin1()).toHex(),
                 specialPubHex_.toLatin1());

        // A second key at index 2 of the faucet mnemonic, confirmation line omitted.
        r = cli({"keys", "add", "bob", "--recover", "--index", "2"}, lines({faucet_, "password2"}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString bobWasm = vectors_["official"]
                                    .toArray()[1]
                                    .toObject()["also_at_m/44'/118'/0'/0/1..3 (wasm prefix)"]
                                    .toArray()[1]
                                    .toString();
        QVERIFY(r.out.contains(reencode(bobWasm, "allo")));

        r = cli({"keys", "list", "--output", "json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray keys = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(keys.size(), 2);
        QCOMPARE(keys[0].toObject()["name"].toString(), QString("alice"));
        QCOMPARE(keys[0].toObject()["address"].toString(), specialAllo_);
        QCOMPARE(keys[1].toObject()["name"].toString(), QString("bob"));
        QCOMPARE(keys[1].toObject()["hd_path"].toString(), QString("m/44'/118'/0'/0/2"));
        r = cli({"keys", "list"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.indexOf("name: alice") < r.out.indexOf("name: bob"));

        // Duplicate name, bad name, mismatched confirmation, short password, bad mnemonic.
        r = cli({"keys", "add", "alice", "--recover"}, lines({special_, "password1"}));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.errLines().size(), 1);
        expectUsage(cli({"keys", "add", "../evil", "--recover"}, lines({special_, "password1"})),
                    "bad name");
        expectUsage(
            cli({"keys", "add", "carol", "--recover"}, lines({special_, "password1", "password9"})),
            "confirmation differs");
        expectUsage(cli({"keys", "add", "carol", "--recover"}, lines({special_, "short"})),
                    "short password");
        expectUsage(
            cli({"keys", "add", "carol", "--recover"}, lines({"special sign", "password1"})),
            "bad mnemonic");
        QCOMPARE(cli({"keys", "show", "carol"}).exitCode, 1);
    }

    void wrongPasswordAndUnsafeExport() {
        Run r = cli({"keys", "add", "dave", "--recover"}, lines({special_, "password1"}));
        QCOMPARE(r.exitCode, 0);
        r = cli({"keys", "export", "dave", "--unsafe", "--mnemonic"}, lines({"password0"}));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QString("Error: wrong password for key 'dave'\n"));
        QVERIFY(r.out.isEmpty());
        expectUsage(cli({"keys", "export", "dave", "--mnemonic"}, lines({"password1"})),
                    "--mnemonic without --unsafe");
        r = cli({"keys", "export", "dave", "--unsafe", "--mnemonic"}, lines({"password1"}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, special_ + "\n");
        QVERIFY(r.err.contains("WARNING"));
        r = cli({"keys", "export", "nobody", "--unsafe", "--mnemonic"}, lines({"password1"}));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.errLines().size(), 1);
    }

    void exportImport() {
        Run r = cli({"keys", "add", "erin", "--recover", "--index", "1"},
                    lines({faucet_, "password1"}));
        QCOMPARE(r.exitCode, 0);
        r = cli({"keys", "export", "erin"}, lines({"password1", "export-pass", "export-pass"}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith("-----BEGIN ALLORA KEY-----\n"));
        QVERIFY(!r.out.contains("economy"));
        const QString file = home_.path() + "/erin.export";
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(r.out.toUtf8());
        f.close();

        r = cli({"keys", "import", "erin2", file}, lines({"wrong-pass", "password3"}));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.errLines().size(), 1);
        r = cli({"keys", "import", "erin2", file}, lines({"export-pass", "password3"}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Run a = cli({"keys", "show", "erin", "--address"});
        const Run b = cli({"keys", "show", "erin2", "--address"});
        QCOMPARE(a.out, b.out);
        r = cli({"keys", "export", "erin2", "--unsafe", "--mnemonic"}, lines({"password3"}));
        QCOMPARE(r.out, faucet_ + "\n");
    }

    void deleteKey() {
        QCOMPARE(
            cli({"keys", "add", "frank", "--recover"}, lines({special_, "password1"})).exitCode, 0);
        // Not a terminal and no --yes: refuse, keep the key.
        expectUsage(cli({"keys", "delete", "frank"}), "delete without --yes");
        QCOMPARE(cli({"keys", "show", "frank"}).exitCode, 0);
        Run r = cli({"keys", "delete", "frank", "--yes"});
        QCOMPARE(r.exitCode, 0);
        r = cli({"keys", "show", "frank"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QString("Error: key 'frank' not found\n"));
        QCOMPARE(cli({"keys", "delete", "frank", "--yes"}).exitCode, 1);
    }

    // A new key on the Test backend: no password, the mnemonic shown once on stderr, and it
    // derives the address that was stored.
    void addNewTestBackend() {
        Run r = cli({"keys", "add", "gina", "--keyring-backend", "test", "--words", "12"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList errLines = r.errLines();
        const QString mnemonic = errLines.last();
        QCOMPARE(mnemonic.split(' ').size(), 12);
        QVERIFY(r.err.contains("write this mnemonic phrase"));
        const Run d = cli({"keys", "derive"}, lines({mnemonic}), false);
        QCOMPARE(d.exitCode, 0);
        QVERIFY(r.out.contains(d.out.trimmed()));
        // The File backend does not see it.
        QCOMPARE(cli({"keys", "show", "gina"}).exitCode, 1);
        QCOMPARE(cli({"keys", "show", "gina", "--keyring-backend", "test"}).exitCode, 0);
        QVERIFY(QFile::exists(home_.path() + "/keyring-test/gina.json"));
        // --keyring-dir overrides --home.
        const QString other = home_.path() + "/elsewhere";
        r = cli({"keys", "add", "hal", "--keyring-backend", "test", "--keyring-dir", other});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(other + "/keyring-test/hal.json"));
        expectUsage(cli({"keys", "add", "ian", "--keyring-backend", "test", "--words", "13"}),
                    "bad --words");
    }

    void derive_data() {
        QTest::addColumn<QString>("mnemonic");
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("address");
        const QJsonArray official = vectors_["official"].toArray();
        const QJsonObject allo = vectors_["derived_not_official_allora"].toObject();
        QTest::newRow("special cosmos") << special_ << QStringList{"--prefix", "cosmos"}
                                        << official[0].toObject()["address"].toString();
        QTest::newRow("special allo") << special_ << QStringList{} << specialAllo_;
        QTest::newRow("faucet cosmos") << faucet_ << QStringList{"--prefix", "cosmos"}
                                       << official[1].toObject()["address"].toString();
        QTest::newRow("faucet allo") << faucet_ << QStringList{"--prefix", "allo"}
                                     << allo["economy stock theory ... stone"].toString();
        QTest::newRow("oyster cosmos")
            << official[2].toObject()["mnemonic"].toString() << QStringList{"--prefix", "cosmos"}
            << official[2].toObject()["address"].toString();
        const QJsonArray wasm =
            official[1].toObject()["also_at_m/44'/118'/0'/0/1..3 (wasm prefix)"].toArray();
        for (int i = 1; i <= 3; ++i) {
            const QString w = wasm[i - 1].toString();
            const QString idx = QString::number(i);
            for (const char* hrp : {"wasm", "cosmos", "allo"})
                QTest::newRow(qPrintable(QString("faucet %1 %2").arg(hrp).arg(i)))
                    << faucet_ << QStringList{"--index", idx, "--prefix", hrp} << reencode(w, hrp);
        }
        const QJsonObject abandon = allo["abandon x11 about"].toObject();
        QTest::newRow("abandon allo")
            << "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
               "abandon about"
            << QStringList{"--index=0"} << abandon["allo"].toString();
    }

    // keys derive prints only the address; no keyring is touched (no --home given).
    void derive() {
        QFETCH(QString, mnemonic);
        QFETCH(QStringList, flags);
        QFETCH(QString, address);
        const Run r = cli(QStringList{"keys", "derive"} + flags, lines({mnemonic}), false);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, address + "\n");
        QVERIFY(r.err.isEmpty());
    }

    void derivePubkey() {
        const QString abandon =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
            "abandon about";
        const QJsonObject v =
            vectors_["derived_not_official_allora"].toObject()["abandon x11 about"].toObject();
        const Run r = cli({"keys", "derive", "--pubkey"}, lines({abandon}), false);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, v["allo"].toString() + "\n" + v["pubkey_hex"].toString() + "\n");
        QVERIFY(!QDir(home_.path() + "/default-home").exists());
    }

    void deriveInvalid_data() {
        QTest::addColumn<QString>("mnemonic");
        QTest::addColumn<QString>("reason");
        QTest::newRow("bad word") << QString(special_).replace("ceiling", "ceilinx")
                                  << "unknown word";
        // Twelve valid words whose checksum does not match.
        QTest::newRow("bad checksum")
            << "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
               "abandon abandon"
            << "checksum";
        QTest::newRow("bad length") << "abandon abandon abandon abandon abandon abandon abandon "
                                       "abandon abandon abandon about"
                                    << "11 words";
    }

    void deriveInvalid() {
        QFETCH(QString, mnemonic);
        QFETCH(QString, reason);
        const Run r = cli({"keys", "derive"}, lines({mnemonic}), false);
        expectUsage(r, qPrintable(reason));
        QVERIFY2(r.err.contains("invalid mnemonic") && r.err.contains(reason), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliKeys)
#include "test_cli_keys.moc"
