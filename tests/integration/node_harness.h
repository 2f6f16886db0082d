// What the node integration tests share: a node home built with the real `allorad init` and
// `allorad genesis add-genesis-account`, `allorad start` as a child process on a loopback port,
// `allora-cli` runs, and JSON over the node's HTTP API (node/rpc/http_client.h).
//
// Keys: the funded accounts are the chain fixture's (tests/unit/test_chain_fixture.h, the cosmjs
// "abandon … about" mnemonic), so a test can also build and tamper with transactions itself.
#pragma once

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

#include "core/encoding.h"
#include "node/rpc/http_client.h"
#include "tests/unit/test_chain_fixture.h"

namespace nodetest {

using namespace chaintest;

inline constexpr const char* kValidatorPassword = "validator-password";

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

inline QString bin(const char* name) {
    return QStringLiteral(ALLORA_BIN_DIR "/") + QString::fromUtf8(name);
}

// Runs a program to completion with `input` on stdin (then closed).
inline Run runProgram(const QString& program, const QStringList& args, const QByteArray& input = {},
                      int timeoutMs = 60'000) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted()) qFatal("%s did not start", qPrintable(program));
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        qFatal("%s %s timed out", qPrintable(program), qPrintable(args.join(' ')));
    }
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// A port nothing listens on right now (the OS picks it; a tiny race with other processes is
// acceptable in a test).
inline quint16 freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        qFatal("no free port");
    ::close(fd);
    return ntohs(addr.sin_port);
}

inline QJsonObject parseJson(const std::string& text) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

// One node home and, while started, its allorad process.
class NodeHome {
public:
    explicit NodeHome(const QString& chainId = QStringLiteral("allora-it-1")) : chainId_(chainId) {
        if (!dir_.isValid()) qFatal("no temporary directory");
        home_ = dir_.filePath("node");
        passwordFile_ = dir_.filePath("validator-password");
        QFile f(passwordFile_);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write the password file");
        f.write(QByteArray(kValidatorPassword) + "\n");
    }
    ~NodeHome() { kill(); }

    const QString& home() const { return home_; }
    const QString& chainId() const { return chainId_; }
    QString keyringDir() const { return dir_.filePath("keys"); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port_); }
    QString apiTokenFile() const { return home_ + "/config/api_token"; }
    QString logText() const { return log_; }
    // Waits (up to `ms`) until the running node's log holds `text` at least `count` times.
    bool waitForLog(const QString& text, int count, int ms = 30'000) {
        QDeadlineTimer deadline(ms);
        for (;;) {
            drainLog();
            if (log_.count(text) >= count) return true;
            if (deadline.hasExpired()) return false;
            QTest::qWait(50);
        }
    }

    // allorad init + genesis accounts (fixture keys with uallo amounts) + a fast block time.
    void init(const std::vector<std::pair<const Key*, std::string>>& accounts,
              int blockTimeMs = 200) {
        Run r = runProgram(bin("allorad"),
                           {"init", "it-validator", "--chain-id", chainId_, "--home", home_},
                           QByteArray(kValidatorPassword) + "\n");
        if (r.exitCode != 0) qFatal("allorad init: %s", qPrintable(r.err));
        for (const auto& [key, amount] : accounts) {
            r = runProgram(bin("allorad"), {"genesis", "add-genesis-account",
                                            QString::fromStdString(key->address()),
                                            QString::fromStdString(amount), "--home", home_});
            if (r.exitCode != 0) qFatal("add-genesis-account: %s", qPrintable(r.err));
        }
        // Blocks every blockTimeMs keep the tests short; the rest of config.json as init wrote it.
        QFile cfg(home_ + "/config/config.json");
        if (!cfg.open(QIODevice::ReadOnly)) qFatal("no config.json");
        QJsonObject config = QJsonDocument::fromJson(cfg.readAll()).object();
        cfg.close();
        QJsonObject consensus = config["consensus"].toObject();
        consensus["block_time_ms"] = blockTimeMs;
        config["consensus"] = consensus;
        // The tests poll the API far faster than a person: lift the per-client rate limit.
        QJsonObject api = config["api"].toObject();
        api["requests_per_second"] = 100000;
        config["api"] = api;
        if (!cfg.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write config");
        cfg.write(QJsonDocument(config).toJson());
    }

    // Adds a fixture key to the test keyring under `name`.
    void addKey(const QString& name, uint32_t index) {
        Run r = runProgram(bin("allora-cli"),
                           {"keys", "add", name, "--recover", "--index", QString::number(index),
                            "--keyring-backend", "test", "--keyring-dir", keyringDir()},
                           QByteArray(kMnemonic) + "\n");
        if (r.exitCode != 0) qFatal("keys add: %s", qPrintable(r.err));
    }

    // Starts `allorad start` (or another command that runs the node, e.g. {"devnet", flags…}) and
    // waits until its API answers /status with a block.
    void start(QStringList command = {QStringLiteral("start")}) {
        if (port_ == 0) port_ = freePort();
        process_ = std::make_unique<QProcess>();
        process_->setProcessChannelMode(QProcess::MergedChannels);
        command << "--home" << home_ << "--validator-password-file" << passwordFile_ << "--api-port"
                << QString::number(port_);
        process_->start(bin("allorad"), command);
        if (!process_->waitForStarted()) qFatal("allorad did not start");
        QDeadlineTimer deadline(30'000);
        while (!deadline.hasExpired()) {
            drainLog();
            if (process_->state() != QProcess::Running)
                qFatal("allorad exited: %s", qPrintable(log_));
            auto s = get("/status");
            if (s.status == 200 &&
                s.json["sync_info"].toObject()["latest_block_height"].toString().toLongLong() > 0)
                return;
            QTest::qWait(50);
        }
        qFatal("allorad did not serve /status within 30 s: %s", qPrintable(log_));
    }

    // SIGTERM and wait: the clean shutdown path.
    int stop() {
        if (!process_) return -1;
        process_->terminate();
        if (!process_->waitForFinished(30'000)) qFatal("allorad ignored SIGTERM");
        drainLog();
        const int code = process_->exitStatus() == QProcess::NormalExit ? process_->exitCode() : -1;
        process_.reset();
        return code;
    }

    // SIGKILL: the crash.
    void kill() {
        if (!process_) return;
        process_->kill();
        process_->waitForFinished(30'000);
        drainLog();
        process_.reset();
    }

    struct Http {
        unsigned status = 0;
        QJsonObject json;
        std::string body;
    };

    Http get(const QString& path) const {
        allora::node::rpc::HttpClient client;
        auto r = client.get(QString(url() + path).toStdString());
        if (!r) return {};
        return Http{r->status, parseJson(r->body), r->body};
    }

    // POST /cosmos/tx/v1beta1/txs with the API token.
    Http broadcast(allora::ByteSpan txRaw) const {
        QFile tokenFile(apiTokenFile());
        if (!tokenFile.open(QIODevice::ReadOnly)) qFatal("no api token");
        allora::node::rpc::HttpClientOptions options;
        options.bearerToken = tokenFile.readAll().trimmed().toStdString();
        allora::node::rpc::HttpClient client(options);
        QJsonObject body{{"tx_bytes", QString::fromStdString(allora::toBase64(txRaw))},
                         {"mode", "BROADCAST_MODE_SYNC"}};
        auto r = client.post(QString(url() + "/cosmos/tx/v1beta1/txs").toStdString(),
                             QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString());
        if (!r) return {};
        return Http{r->status, parseJson(r->body), r->body};
    }

    // allora-cli with the node, chain, keyring and token flags of this home.
    Run cli(QStringList args, const QByteArray& input = {}) const {
        args << "--node" << url() << "--keyring-backend"
             << "test"
             << "--keyring-dir" << keyringDir() << "--api-token-file" << apiTokenFile();
        return runProgram(bin("allora-cli"), args, input);
    }

    uint64_t height() const {
        return get("/status")
            .json["sync_info"]
            .toObject()["latest_block_height"]
            .toString()
            .toULongLong();
    }
    void waitForHeight(uint64_t h) const {
        QDeadlineTimer deadline(30'000);
        while (height() < h) {
            if (deadline.hasExpired()) qFatal("height %llu not reached", (unsigned long long)h);
            QTest::qWait(50);
        }
    }

    // uallo balance of an address (0 when it has none).
    allora::Amount balance(const std::string& address) const {
        const Http r = get(QString::fromStdString("/cosmos/bank/v1beta1/balances/" + address));
        if (r.status != 200) qFatal("balances: %s", r.body.c_str());
        for (const auto& coin : r.json["balances"].toArray())
            if (coin.toObject()["denom"].toString() == "uallo")
                return *allora::Amount::parse(coin.toObject()["amount"].toString().toStdString());
        return allora::Amount();
    }
    // account number and sequence; nullopt when the account does not exist
    std::optional<std::pair<uint64_t, uint64_t>> account(const std::string& address) const {
        const Http r = get(QString::fromStdString("/cosmos/auth/v1beta1/accounts/" + address));
        if (r.status == 404) return std::nullopt;
        if (r.status != 200) qFatal("account: %s", r.body.c_str());
        QJsonObject a = r.json["account"].toObject();
        if (a.contains("base_vesting_account"))
            a = a["base_vesting_account"].toObject()["base_account"].toObject();
        return std::make_pair(a["account_number"].toString().toULongLong(),
                              a["sequence"].toString().toULongLong());
    }
    allora::Amount supply() const {
        const Http r = get("/cosmos/bank/v1beta1/supply");
        for (const auto& coin : r.json["supply"].toArray())
            if (coin.toObject()["denom"].toString() == "uallo")
                return *allora::Amount::parse(coin.toObject()["amount"].toString().toStdString());
        qFatal("no uallo supply: %s", r.body.c_str());
    }

private:
    void drainLog() {
        if (process_) log_ += QString::fromUtf8(process_->readAll());
    }

    QTemporaryDir dir_;
    QString chainId_;
    QString home_;
    QString passwordFile_;
    quint16 port_ = 0;
    std::unique_ptr<QProcess> process_;
    QString log_;
};

}  // namespace nodetest
