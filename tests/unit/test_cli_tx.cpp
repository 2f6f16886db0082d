// `allora-cli tx`, `q` and `status` end to end: the real allora-cli binary (QProcess) against the
// real LCD routes served by an in-process HttpServer over a real node (lcd_test_node.h: ChainApp
// on SQLite, mempool, solo engine). Also the wallet's tx documents (wallet/tx_document.h) that
// --generate-only, `tx sign` and `tx broadcast` exchange.
//
// The lead's tests/integration run the CLI against a real allorad process; these run without one,
// so they can check every path of the CLI (offline signing, rejections, token errors) quickly.
#include <QProcess>

#include <boost/json.hpp>

#include "lcd_test_node.h"
#include "node/api/lcd_routes.h"
#include "node/rpc/http_server.h"
#include "wallet/keyring.h"
#include "wallet/tx_document.h"

using namespace lcdtest;
namespace json = boost::json;

namespace {

constexpr const char* kToken = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr const char* kFilePassword = "correct horse battery";

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QStringList errLines() const { return err.split('\n', Qt::SkipEmptyParts); }
    json::value outJson() const {
        json::error_code ec;
        json::value v = json::parse(out.toStdString(), ec);
        if (ec) qWarning("stdout is not JSON: %s", qPrintable(out));
        return v;
    }
    std::string at(std::string_view pointer) const {
        json::value v = outJson();
        json::error_code ec;
        const json::value* p = v.find_pointer(pointer, ec);
        if (!p) return {};
        return p->is_string() ? std::string(p->get_string()) : json::serialize(*p);
    }
};

std::string upperHex(ByteSpan b) {
    return QString::fromStdString(toHex(b)).toUpper().toStdString();
}

Hash256 hashOf(const QString& hex) {
    auto bytes = fromHex(hex.trimmed().toStdString());
    Hash256 h{};
    if (!bytes || bytes->size() != h.size()) qFatal("not a tx hash: %s", qPrintable(hex));
    std::copy(bytes->begin(), bytes->end(), h.begin());
    return h;
}

}  // namespace

class TestCliTx : public QObject {
    Q_OBJECT

    const Keys& k = keys();
    QTemporaryDir dir_;
    std::unique_ptr<TestNode> node_;
    std::unique_ptr<allora::node::rpc::HttpServer> server_;
    QString url_, tokenFile_, keyringDir_, fileKeyringDir_;
    QMap<QString, QString> extraEnv_;  // for the next cli() calls

    Run cli(QStringList args, const QByteArray& input = {}, bool nodeFlags = true) {
        // The test's own values first; a flag the test gives itself is not overridden.
        auto add = [&](const char* flag, const QString& value) {
            if (!args.contains(flag)) args << flag << value;
        };
        if (nodeFlags) {
            add("--node", url_);
            add("--api-token-file", tokenFile_);
            add("--keyring-backend", "test");
            add("--keyring-dir", keyringDir_);
        }
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("ALLORA_HOME", dir_.path() + "/default-home");  // never the user's real home
        env.remove("ALLORA_API_TOKEN");
        for (auto it = extraEnv_.begin(); it != extraEnv_.end(); ++it)
            env.insert(it.key(), it.value());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ALLORA_BIN_DIR "/allora-cli"), args);
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

    // Exit `code` with exactly one "Error: …" line on stderr.
    static void expectError(const Run& r, int code, const char* what) {
        QVERIFY2(r.exitCode == code,
                 qPrintable(QString(what) + ": exit " + QString::number(r.exitCode) + " " + r.err));
        QVERIFY2(r.errLines().size() == 1, qPrintable(QString(what) + ": " + r.err));
        QVERIFY2(r.err.startsWith("Error: "), qPrintable(r.err));
    }

    std::string balance(const Key& key) { return node_->balance(key).toUalloString(); }
    QString q(const Key& key) { return QString::fromStdString(key.address()); }

    QString writeFile(const QString& name, const QString& content) {
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content.toUtf8());
        return path;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(QFile::exists(QStringLiteral(ALLORA_BIN_DIR "/allora-cli")));
        keyringDir_ = dir_.filePath("keys");
        fileKeyringDir_ = dir_.filePath("file-keys");
        auto keyring = wallet::openKeyring(keyringDir_.toStdString(), wallet::KeyringBackend::Test);
        QVERIFY(keyring.ok());
        const auto mnemonic = SecureBytes::fromString(kMnemonic);
        QVERIFY((*keyring)->add("alice", mnemonic, {}, 0).ok());
        QVERIFY((*keyring)->add("bob", mnemonic, {}, 1).ok());
        QVERIFY((*keyring)->add("eve", mnemonic, {}, 4).ok());
        QVERIFY((*keyring)->add("frank", mnemonic, {}, 9).ok());
        auto fileKeyring =
            wallet::openKeyring(fileKeyringDir_.toStdString(), wallet::KeyringBackend::File);
        QVERIFY(fileKeyring.ok());
        QVERIFY(
            (*fileKeyring)->add("carol", mnemonic, SecureBytes::fromString(kFilePassword), 2).ok());

        node_ = std::make_unique<TestNode>();
        allora::node::rpc::HttpServerOptions options;
        options.port = 0;
        options.apiToken = kToken;
        options.rateLimitPerSecond = 0;
        server_ = std::make_unique<allora::node::rpc::HttpServer>(
            allora::node::api::makeLcdRouter(*node_->api), options);
        QVERIFY(server_->start().ok());
        url_ = QString::fromStdString(server_->baseUrl());
        tokenFile_ = writeFile("api_token", QString(kToken) + "\n");
    }

    void cleanupTestCase() {
        server_.reset();  // before the node its routes call
        node_.reset();
    }

    // --- wallet/tx_document.h --------------------------------------------------------------------

    void unsignedDocumentRoundTrip() {
        const wallet::UnsignedTx tx = unsignedSend(k.alice, {.to = k.bob.address(), .memo = "m"});
        wallet::UnsignedTxDocument doc{kChainId, 7, 3, k.alice.address(), tx};
        auto summary = wallet::summarizeTx(tx);
        QVERIFY(summary.ok());
        QCOMPARE(summary->signers, std::vector<std::string>{k.alice.address()});
        QCOMPARE(summary->gasLimit, kGas);
        QCOMPARE(summary->memo, std::string("m"));
        QVERIFY(summary->signerPublicKey == k.alice.account.publicKey);
        QCOMPARE(summary->signerSequence.value(), uint64_t{0});
        QVERIFY(summary->lines.at(0).find("send 0.000000000000001 ALLO (1000uallo) from " +
                                          k.alice.address()) == 0);
        const std::string text = wallet::unsignedTxDocumentToJson(doc, summary->lines);
        auto back = wallet::parseUnsignedTxDocument(text);
        QVERIFY2(back.ok(), back.ok() ? "" : back.message().c_str());
        QCOMPARE(back->chainId, std::string(kChainId));
        QCOMPARE(back->accountNumber, uint64_t{7});
        QCOMPARE(back->sequence, uint64_t{3});
        QVERIFY(back->tx.bodyBytes == tx.bodyBytes && back->tx.authInfoBytes == tx.authInfoBytes);

        // Broken documents say what is wrong.
        for (const char* bad :
             {"", "[]", "{}", R"({"type":"other"})",
              R"({"type":"allora/unsigned-tx/v1","chain_id":"c","account_number":"x",
                  "sequence":"0","signer":"allo1","body_bytes":"","auth_info_bytes":""})"}) {
            auto r = wallet::parseUnsignedTxDocument(bad);
            QVERIFY(!r.ok());
            QCOMPARE(r.code(), ErrorCode::InvalidArgument);
        }
        json::value edited = json::parse(text);
        edited.as_object()["extra"] = 1;
        QVERIFY(!wallet::parseUnsignedTxDocument(json::serialize(edited)).ok());
        edited = json::parse(text);
        edited.as_object()["body_bytes"] = "not base64!";
        QVERIFY(!wallet::parseUnsignedTxDocument(json::serialize(edited)).ok());
    }

    void signerInfoCanBeAddedLater() {
        // Built without a signer and completed with withSigner: byte-identical to building with
        // the signer from the start, so the signature is the one cosmjs would make.
        const wallet::UnsignedTx full =
            unsignedSend(k.bob, {.to = k.alice.address(), .sequence = 4});
        auto bare = wallet::withoutSigner(full);
        QVERIFY(bare.ok());
        QVERIFY(bare->authInfoBytes != full.authInfoBytes);
        auto s = wallet::summarizeTx(*bare);
        QVERIFY(s.ok() && !s->signerPublicKey && !s->signerSequence);
        auto completed = wallet::withSigner(*bare, k.bob.account.publicKey, 4);
        QVERIFY(completed.ok());
        QVERIFY(completed->authInfoBytes == full.authInfoBytes);
        QVERIFY(completed->bodyBytes == full.bodyBytes);
    }

    void signedDocument() {
        const Bytes raw = signedSend(k.alice, {.to = k.bob.address()});
        const std::string text = wallet::signedTxDocumentToJson(raw);
        auto back = wallet::parseSignedTxDocument(text);
        QVERIFY(back.ok() && *back == raw);
        for (const char* bad : {"", "{}", R"({"tx_bytes":"AAAA"})", R"({"tx_bytes":1})",
                                R"({"tx_bytes":"x","mode":"BROADCAST_MODE_SYNC"})"})
            QVERIFY(!wallet::parseSignedTxDocument(bad).ok());
        QCOMPARE(wallet::formatCoins({{"uallo", "1500000000000000000"}, {"ustake", "7"}}),
                 std::string("1.5 ALLO (1500000000000000000uallo), 7 ustake"));
        QCOMPARE(wallet::formatCoins({}), std::string("nothing"));
    }

    // --- the CLI against the node
    // ------------------------------------------------------------------

    void sendWaitText() {
        const std::string bobBefore = balance(k.bob);
        const Run r = cli({"tx", "bank", "send", "alice", q(k.bob), "1.5ALLO", "--yes", "--wait"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].size(), 64);
        QVERIFY2(lines[1].startsWith("height: "), qPrintable(r.out));
        QCOMPARE(lines[2], QString("code: 0"));
        QVERIFY(node_->waitForTx(hashOf(lines[0])));
        const Amount expected = *Amount::parse(bobBefore + "uallo")->add(*Amount::parse("1.5ALLO"));
        QCOMPARE(balance(k.bob), expected.toUalloString());
        // The default fee: 200 000 gas × 10 uallo.
        const Run tx = cli({"q", "tx", lines[0], "--output", "json"});
        QCOMPARE(tx.exitCode, 0);
        QCOMPARE(tx.at("/tx/auth_info/fee/amount/0/amount"), std::string("2000000"));
        QCOMPARE(tx.at("/tx_response/code"), std::string("0"));
        QCOMPARE(tx.at("/tx_response/txhash"), lines[0].toStdString());
    }

    void sendJsonAndQueries() {
        const Run r = cli({"tx", "bank", "send", "alice", q(k.eve), "1000uallo", "--yes", "--memo",
                           "for eve", "--output", "json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.at("/tx_response/code"), std::string("0"));
        QCOMPARE(r.at("/tx_response/height"), std::string("0"));
        const std::string hash = r.at("/tx_response/txhash");
        QVERIFY(node_->waitForTx(hashOf(QString::fromStdString(hash))));

        // q tx: text for people, json = the API's answer.
        Run t = cli({"q", "tx", QString::fromStdString(hash).toLower()});
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        QVERIFY2(t.out.contains("txhash: " + QString::fromStdString(hash)), qPrintable(t.out));
        QVERIFY(t.out.contains("result: success"));
        QVERIFY(t.out.contains("memo: for eve"));
        QVERIFY2(t.out.contains("send 0.000000000000001 ALLO (1000uallo) from " + q(k.alice) +
                                " to " + q(k.eve)),
                 qPrintable(t.out));
        QVERIFY(t.out.contains("fee: 0.000000000002 ALLO (2000000uallo)"));

        // q bank balances / total.
        Run b = cli({"q", "bank", "balances", q(k.eve)});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QVERIFY2(b.out.contains("0.000000000000001 ALLO (1000uallo)"), qPrintable(b.out));
        b = cli({"q", "bank", "balances", q(k.eve), "--output", "json"});
        QCOMPARE(b.at("/balances/0/amount"), std::string("1000"));
        Run total = cli({"query", "bank", "total"});
        QVERIFY2(total.exitCode == 0, qPrintable(total.err));
        QVERIFY(total.out.contains(QString::fromStdString(node_->supply().toUalloString())));

        // q account: a new account, and a vesting one.
        Run a = cli({"q", "account", q(k.eve)});
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QVERIFY(a.out.contains("type: BaseAccount"));
        QVERIFY(a.out.contains("sequence: 0"));
        QVERIFY(a.out.contains("public key: none yet"));
        a = cli({"q", "account", q(k.carol)});
        QVERIFY(a.out.contains("type: ContinuousVestingAccount"));
        QVERIFY2(a.out.contains("vesting: 1000 ALLO (1000000000000000000000uallo), from "
                                "2026-01-01T00:00:00Z, cliff 2026-12-27T00:00:00Z"),
                 qPrintable(a.out));
        a = cli({"q", "account", q(k.alice), "--output", "json"});
        QCOMPARE(a.at("/account/address"), k.alice.address());
        QCOMPARE(a.at("/account/pub_key/key"), toBase64(k.alice.account.publicKey));

        // q block and status.
        Run blk = cli({"q", "block"});
        QVERIFY2(blk.exitCode == 0, qPrintable(blk.err));
        QVERIFY(blk.out.contains("chain id: " + QString(kChainId)));
        QVERIFY(blk.out.contains("txs: "));
        blk = cli({"q", "block", "1", "--output", "json"});
        QCOMPARE(blk.at("/block/header/height"), std::string("1"));
        Run s = cli({"status"});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        QVERIFY(s.out.contains("network: " + QString(kChainId)));
        QVERIFY(s.out.contains("engine: solo"));
        s = cli({"status", "--output", "json"});
        QCOMPARE(s.at("/node_info/network"), std::string(kChainId));
        // Beyond the tip and unknown hashes: the node's message, exit 1.
        expectError(cli({"q", "block", "999999"}), 1, "height beyond the tip");
        expectError(cli({"q", "tx", QString(64, 'a')}), 1, "unknown tx");
        expectError(cli({"q", "account", q(key(9))}), 1, "unknown account");
    }

    void rejectedByTheNode() {
        // A fee below gas × minimum gas price: CheckTx's code and log, exit 1.
        Run r =
            cli({"tx", "bank", "send", "alice", q(k.bob), "1uallo", "--yes", "--fees", "1uallo"});
        expectError(r, 1, "fee too small");
        QVERIFY2(r.err.contains("code 13"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        // A sequence the chain does not expect.
        r = cli({"tx", "bank", "send", "alice", q(k.bob), "1uallo", "--yes", "--sequence", "999"});
        expectError(r, 1, "wrong sequence");
        QVERIFY2(r.err.contains("code 3") && r.err.contains("sequence"), qPrintable(r.err));
        // json: the answer on stdout as well.
        r = cli({"tx", "bank", "send", "alice", q(k.bob), "1uallo", "--yes", "--sequence", "999",
                 "--output", "json"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.at("/tx_response/code"), std::string("3"));
        // An account that does not exist yet cannot send.
        r = cli({"tx", "bank", "send", "frank", q(k.bob), "1uallo", "--yes"});
        expectError(r, 1, "no account");
        QVERIFY2(r.err.contains("does not exist"), qPrintable(r.err));
    }

    void usageErrors() {
        const QString bob = q(k.bob);
        expectError(cli({"tx", "bank", "send", "alice", "allo1xyz", "1uallo", "--yes"}), 2,
                    "bad address");
        expectError(cli({"tx", "bank", "send", "alice", bob, "5", "--yes"}), 2, "no denom");
        expectError(cli({"tx", "bank", "send", "alice", bob, "0uallo", "--yes"}), 2, "zero");
        expectError(cli({"tx", "bank", "send", "alice", bob, "1.5foo", "--yes"}), 2, "denom");
        expectError(cli({"tx", "bank", "send", "alice", bob, "1uallo", "--gas", "x"}), 2, "gas");
        expectError(cli({"tx", "bank", "send", "alice", bob, "1uallo", "--fees", "-1uallo"}), 2,
                    "fees");
        expectError(cli({"tx", "bank", "send", "alice", bob, "1uallo", "--bogus"}), 2, "flag");
        expectError(cli({"tx", "bank", "send", "alice", bob}), 2, "missing COINS");
        expectError(cli({"tx", "bank", "send", "alice", bob, "1uallo", "--output", "yaml"}), 2,
                    "output");
        expectError(cli({"tx", "bank", "send", q(k.alice), bob, "1uallo", "--yes"}), 2,
                    "address as FROM without --generate-only");
        expectError(cli({"tx", "bank", "send", "alice", bob, "1uallo", "--offline", "--yes"}), 2,
                    "offline without numbers");
        expectError(
            cli({"tx", "bank", "send", "alice", bob, "1uallo", "--generate-only", "--wait"}), 2,
            "wait with generate-only");
        expectError(cli({"tx", "bank", "send", "alice", bob, "1uallo", "--node", "https://x"}), 2,
                    "https node");
        expectError(cli({"tx", "bank", "frob"}), 2, "unknown bank command");
        expectError(cli({"tx", "frob"}), 2, "unknown tx command");
        expectError(cli({"q", "frob"}), 2, "unknown q command");
        expectError(cli({"q", "tx", "abc"}), 2, "bad hash");
        expectError(cli({"q", "block", "0"}), 2, "height 0");
        expectError(cli({"q", "block", "-3"}), 2, "negative height");
        expectError(cli({"q", "account", "allo1qqq"}), 2, "bad account address");
        expectError(cli({"status", "extra"}), 2, "status with an argument");
        // Not a terminal and no --yes: refused before anything is signed.
        Run r = cli({"tx", "bank", "send", "alice", bob, "1uallo"});
        expectError(r, 2, "no --yes");
        QVERIFY(r.err.contains("--yes"));
        // A key that does not exist: exit 1.
        expectError(cli({"tx", "bank", "send", "nobody", bob, "1uallo", "--yes"}), 1, "no key");
        // Help texts document the flags and formats.
        Run h = cli({"tx", "--help"}, {}, false);
        QCOMPARE(h.exitCode, 0);
        for (const char* s :
             {"--fees", "--gas", "--memo", "--yes", "--wait", "--generate-only", "--offline",
              "--account-number", "--sequence", "--node", "--chain-id", "--api-token-file",
              "allora/unsigned-tx/v1", "tx_bytes", "ALLORA_API_TOKEN"})
            QVERIFY2(h.out.contains(s), s);
        QCOMPARE(cli({"q", "--help"}, {}, false).exitCode, 0);
        QCOMPARE(cli({"status", "--help"}, {}, false).exitCode, 0);
    }

    void nodeAndTokenProblems() {
        const QString bob = q(k.bob);
        // Nothing listens on port 1.
        Run r = cli({"q", "bank", "balances", bob, "--node", "http://127.0.0.1:1"});
        expectError(r, 1, "unreachable");
        QCOMPARE(r.err.trimmed(), QString("Error: cannot reach the node at http://127.0.0.1:1: "
                                          "connection refused (is allorad running?)"));
        r = cli({"status", "--node", "http://127.0.0.1:1"});
        expectError(r, 1, "unreachable status");

        // The token: missing file, wrong token, from the environment, from --home.
        const QString before = QString::fromStdString(balance(k.bob));
        r = cli({"tx", "bank", "send", "alice", bob, "1uallo", "--yes", "--api-token-file",
                 dir_.filePath("no-such-token")});
        expectError(r, 1, "missing token");
        QVERIFY(r.err.contains("no API token at"));
        const QString wrong = writeFile("wrong_token", QString(64, 'f'));
        r = cli({"tx", "bank", "send", "alice", bob, "1uallo", "--yes", "--api-token-file", wrong});
        expectError(r, 1, "wrong token");
        QVERIFY(r.err.contains("API token"));
        QCOMPARE(QString::fromStdString(balance(k.bob)), before);

        // $ALLORA_API_TOKEN when no file is given (here --home has none).
        extraEnv_["ALLORA_API_TOKEN"] = kToken;
        // (--wait: the next send reads alice's sequence from committed state.)
        r = cli({"tx", "bank", "send", "alice", bob, "1uallo", "--yes", "--wait", "--node", url_,
                 "--home", dir_.filePath("empty-home"), "--keyring-backend", "test",
                 "--keyring-dir", keyringDir_},
                {}, false);
        extraEnv_.clear();
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // --home's config/api_token, the default.
        QDir().mkpath(dir_.filePath("home/config"));
        writeFile("home/config/api_token", kToken);
        r = cli({"tx", "bank", "send", "alice", bob, "1uallo", "--yes", "--wait", "--node", url_,
                 "--home", dir_.filePath("home"), "--keyring-backend", "test", "--keyring-dir",
                 keyringDir_},
                {}, false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void generateSignBroadcast() {
        // bob has never signed here: his account has no public key on chain, so a document made
        // from his address alone has no signer info until `tx sign` adds it.
        const QString bob = q(k.bob);
        const std::string bobBefore = balance(k.bob);
        Run gen = cli({"tx", "bank", "send", bob, q(k.dave), "2ALLO", "--generate-only"});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        QCOMPARE(gen.at("/type"), std::string("allora/unsigned-tx/v1"));
        QCOMPARE(gen.at("/chain_id"), std::string(kChainId));
        QCOMPARE(gen.at("/account_number"), std::string("1"));
        QCOMPARE(gen.at("/sequence"), std::string("0"));
        QCOMPARE(gen.at("/signer"), k.bob.address());
        QVERIFY(gen.at("/summary/0").find("send 2 ALLO (2000000000000000000uallo)") == 0);
        auto doc = wallet::parseUnsignedTxDocument(gen.out.toStdString());
        QVERIFY(doc.ok());
        QVERIFY(!wallet::summarizeTx(doc->tx)->signerPublicKey);
        const QString unsignedFile = writeFile("unsigned.json", gen.out);

        // The wrong key is refused before anything is signed.
        Run wrongKey = cli({"tx", "sign", unsignedFile, "--from", "alice"});
        expectError(wrongKey, 2, "sign with another key");
        QVERIFY(wrongKey.out.isEmpty());
        expectError(cli({"tx", "sign", unsignedFile}), 2, "sign without --from");
        expectError(cli({"tx", "sign", unsignedFile, "--from", "bob", "--chain-id", "other"}), 2,
                    "sign for another chain");
        expectError(cli({"tx", "sign", writeFile("junk.json", "{\"type\": 1}"), "--from", "bob"}),
                    2, "junk document");

        Run sign = cli({"tx", "sign", unsignedFile, "--from", "bob"});
        QVERIFY2(sign.exitCode == 0, qPrintable(sign.err));
        QVERIFY(sign.err.contains("send 2 ALLO"));  // what is signed, read from the bytes
        auto raw = wallet::parseSignedTxDocument(sign.out.toStdString());
        QVERIFY(raw.ok());
        // Identical to what the chain fixture signs for bob (account 1, sequence 0).
        QVERIFY(*raw == signedSend(k.bob, {.to = k.dave.address(),
                                           .amount = "2000000000000000000",
                                           .accountNumber = 1}));
        const QString signedFile = writeFile("signed.json", sign.out);

        // Broadcast from a file, then the same bytes again from stdin: the second is refused.
        Run b = cli({"tx", "broadcast", signedFile, "--wait"});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QVERIFY(b.out.startsWith(QString::fromStdString(upperHex(sha256(*raw)))));
        const Amount expected = *Amount::parse(bobBefore + "uallo")
                                     ->sub(*Amount::parse("2ALLO"))
                                     ->sub(Amount::fromUallo(kFee));
        QCOMPARE(balance(k.bob), expected.toUalloString());
        expectError(cli({"tx", "broadcast", "-"}, sign.out.toUtf8()), 1, "replay");
        expectError(cli({"tx", "broadcast", "-"}, "{\"tx_bytes\": \"???\"}"), 2, "bad doc");
        expectError(cli({"tx", "broadcast", dir_.filePath("none.json")}), 1, "missing file");
    }

    void offlineSigning() {
        // Everything from flags: no node needed to sign (the URL points nowhere).
        const std::string seq = std::to_string(node_->sequence(k.alice));
        Run r = cli({"tx", "bank", "send", "alice", q(k.dave), "3uallo", "--yes", "--offline",
                     "--chain-id", kChainId, "--account-number", "0", "--sequence",
                     QString::fromStdString(seq), "--fees", "2000000uallo", "--node",
                     "http://127.0.0.1:1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto raw = wallet::parseSignedTxDocument(r.out.toStdString());
        QVERIFY(raw.ok());
        QVERIFY(*raw ==
                signedSend(k.alice,
                           {.to = k.dave.address(), .amount = "3", .sequence = std::stoull(seq)}));
        const Run b = cli({"tx", "broadcast", "-", "--output", "json"}, r.out.toUtf8());
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QCOMPARE(b.at("/tx_response/code"), std::string("0"));
        QVERIFY(node_->waitForTx(sha256(*raw)));

        // Generate-only offline, then sign with explicit numbers that override the document's.
        Run gen = cli({"tx", "bank", "send", "alice", q(k.dave), "4uallo", "--generate-only",
                       "--offline", "--chain-id", kChainId, "--account-number", "0", "--sequence",
                       "0", "--fees", "2000000uallo"});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        const QString file = writeFile("offline-unsigned.json", gen.out);
        const uint64_t next = node_->sequence(k.alice);
        Run sign = cli({"tx", "sign", file, "--from", "alice", "--offline", "--sequence",
                        QString::number(next)});
        QVERIFY2(sign.exitCode == 0, qPrintable(sign.err));
        auto signedRaw = wallet::parseSignedTxDocument(sign.out.toStdString());
        QVERIFY(*signedRaw ==
                signedSend(k.alice, {.to = k.dave.address(), .amount = "4", .sequence = next}));
    }

    void fileKeyPasswordFromStdin() {
        // carol's key is in a file keyring: the password is the first line of stdin. Her free
        // 10 ALLO are spendable; her vesting 1000 ALLO are not.
        const QStringList base = {"--node",        url_,           "--api-token-file", tokenFile_,
                                  "--keyring-dir", fileKeyringDir_};
        Run wrong =
            cli(QStringList{"tx", "bank", "send", "carol", q(k.dave), "1ALLO", "--yes"} + base,
                "not the password\n", false);
        expectError(wrong, 1, "wrong password");
        Run none =
            cli(QStringList{"tx", "bank", "send", "carol", q(k.dave), "1ALLO", "--yes"} + base, {},
                false);
        expectError(none, 2, "no password");
        Run r =
            cli(QStringList{"tx", "bank", "send", "carol", q(k.dave), "1ALLO", "--yes", "--wait"} +
                    base,
                QByteArray(kFilePassword) + "\n", false);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.out.contains(kFilePassword) && !r.err.contains(kFilePassword));
        // CheckTx only checks the fee; the send itself fails in the block, which --wait reports.
        Run locked = cli(
            QStringList{"tx", "bank", "send", "carol", q(k.dave), "100ALLO", "--yes", "--wait"} +
                base,
            QByteArray(kFilePassword) + "\n", false);
        expectError(locked, 1, "vesting coins are locked");
        QVERIFY2(locked.err.contains("failed in block") && locked.err.contains("code 5"),
                 qPrintable(locked.err));
        QVERIFY2(locked.out.contains("code: 5"), qPrintable(locked.out));
        // `tx sign -` cannot read both the document and the password from stdin.
        expectError(cli(QStringList{"tx", "sign", "-", "--from", "carol"} + base, "{}", false), 2,
                    "sign - with a file key");
    }
};

QTEST_GUILESS_MAIN(TestCliTx)
#include "test_cli_tx.moc"
