// allorad start (the node in the foreground) and allorad status (ask a running node).
#include <signal.h>
#include <sodium.h>

#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <future>
#include <iostream>

#include "app/cli/terminal.h"
#include "app/daemon/daemon_commands.h"
#include "core/file_util.h"
#include "core/log.h"
#include "core/paths.h"
#include "node/node.h"
#include "node/node_setup.h"
#include "node/participants/devnet_participants.h"
#include "node/participants/participant_keys.h"
#include "node/rpc/http_client.h"
#include "node/validator_key.h"

namespace allora::daemon {

namespace {

using cli::OptionSpec;

constexpr std::array kStartOptions = {
    OptionSpec{"home", true},     OptionSpec{"validator-password-file", true},
    OptionSpec{"api-port", true}, OptionSpec{"log-level", true},
    OptionSpec{"help", false},
};

constexpr std::array kStatusOptions = {
    OptionSpec{"home", true},
    OptionSpec{"node", true},
    OptionSpec{"help", false},
};

}  // namespace

Result<SecureBytes> validatorPassword(const cli::Options& options) {
    if (auto file = options.value("validator-password-file")) {
        auto bytes = readFile(*file, 4096);
        if (!bytes)
            return makeError(bytes.error().code,
                             "--validator-password-file: " + bytes.error().message);
        size_t end = 0;
        while (end < bytes->size() && (*bytes)[end] != '\n' && (*bytes)[end] != '\r') ++end;
        SecureBytes password(ByteSpan(bytes->data(), end));
        sodium_memzero(bytes->data(), bytes->size());
        return password;
    }
    return cli::readSecret("Password of the validator key: ", "the validator key password");
}

namespace {

Result<uint16_t> parsePort(std::string_view text) {
    unsigned value = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || p != text.data() + text.size() || value > 65535)
        return makeError(
            ErrorCode::InvalidArgument,
            "--api-port: expected a port number 0-65535, got '" + std::string(text) + "'");
    return static_cast<uint16_t>(value);
}

}  // namespace

std::filesystem::path homeFrom(const cli::Options& options) {
    if (auto h = options.value("home"); h && !h->empty()) return *h;
    return defaultHome();
}

int runStart(cli::ArgStream& args) {
    cli::Options options;
    auto words = args.rest(kStartOptions, options);
    if (!words) return reportError(words.error());
    if (options.has("help")) {
        std::cout << "Usage: allorad start [--home DIR] [--validator-password-file FILE]\n"
                     "                     [--api-port N] [--log-level debug|info|warn|error]\n\n"
                     "Runs the node in the foreground: produces blocks (solo engine) and serves\n"
                     "the HTTP API, until Ctrl-C or SIGTERM, which stop it cleanly. The validator\n"
                     "key's password is read from FILE, the terminal, or stdin.\n";
        return kExitOk;
    }
    if (!words->empty()) return usageError("allorad start takes no arguments");
    return runNodeInForeground(options, nullptr);
}

int runNodeInForeground(const cli::Options& options, const SecureBytes* knownPassword,
                        bool participants) {
    node::NodeOptions nodeOptions;
    nodeOptions.home = node::NodeHome{homeFrom(options)};
    auto config = node::loadNodeConfig(nodeOptions.home.configFile());
    if (!config) return reportError(config.error());
    nodeOptions.config = std::move(*config);
    if (auto level = options.value("log-level")) nodeOptions.config.logLevel = *level;
    const auto level = parseLogLevel(nodeOptions.config.logLevel);
    if (!level)
        return usageError("log level '" + nodeOptions.config.logLevel +
                          "' (expected debug, info, warn or error)");
    if (auto port = options.value("api-port")) {
        auto parsed = parsePort(*port);
        if (!parsed) return reportError(parsed.error());
        nodeOptions.apiPort = *parsed;
    }
    const LogSink log = makeStreamSink(std::cerr, *level);
    nodeOptions.log = log;

    auto keyFile = node::ValidatorKeyFile::load(nodeOptions.home.validatorKeyFile());
    if (!keyFile) return reportError(keyFile.error());
    auto password = knownPassword != nullptr ? Result<SecureBytes>(knownPassword->copy())
                                             : validatorPassword(options);
    if (!password) return reportError(password.error());
    // SIGINT and SIGTERM are blocked before any thread exists, so every thread inherits the mask
    // and only this thread receives them, synchronously, through sigtimedwait below: no code runs
    // in a signal handler. A Ctrl-C from here on (during the keys' unlock, say) waits until the
    // node has started and then stops it cleanly.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    const std::filesystem::path homeRoot = nodeOptions.home.root;
    // The participants' keyring is a second Argon2id (its own salt, so it cannot share the
    // validator key's): it runs on a thread of its own next to the validator key's, as allora-qt
    // does, instead of after the node has started. The future's destructor joins it on every
    // return path, before `password` goes away.
    std::future<Result<std::vector<wallet::Account>>> participantAccounts;
    if (participants)
        participantAccounts = std::async(std::launch::async, [&homeRoot, &password] {
            return participants::unlockParticipantKeys(homeRoot, *password);
        });
    auto key = keyFile->unlock(*password);
    if (!key) return reportError(key.error());
    nodeOptions.validatorKey = std::move(*key);
    const std::chrono::milliseconds blockTime = nodeOptions.config.blockTime;

    auto node = node::Node::open(std::move(nodeOptions));
    if (!node) return reportError(node.error());
    if (Status s = (*node)->start(); !s) return reportError(s.error());
    std::cout << "node started: chain " << (*node)->chainId() << ", API "
              << ((*node)->apiUrl().empty() ? std::string("off") : (*node)->apiUrl()) << std::endl;
    // The participants run on their own thread against the started node; they stop first.
    std::unique_ptr<participants::DevnetParticipants> devnetParticipants;
    if (participants) {
        auto accounts = participantAccounts.get();
        if (!accounts) {
            (*node)->stop();
            return reportError(accounts.error());
        }
        devnetParticipants = participants::DevnetParticipants::prepare(
            **node, std::move(*accounts), log, blockTime, node::kDevnetEpochLength);
        devnetParticipants->run();
    }

    int exitCode = kExitOk;
    for (;;) {
        const timespec tick{0, 200'000'000};
        const int sig = sigtimedwait(&stopSignals, nullptr, &tick);
        if (sig == SIGINT || sig == SIGTERM) {
            log(LogLevel::Info, "node",
                std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                    ", shutting down");
            break;
        }
        if (auto failure = (*node)->engine().failure()) {
            log(LogLevel::Error, "node", "the node halted: " + failure->message);
            exitCode = kExitFailure;
            break;
        }
    }
    if (devnetParticipants) devnetParticipants->stop();
    (*node)->stop();
    return exitCode;
}

int runStatus(cli::ArgStream& args) {
    cli::Options options;
    auto words = args.rest(kStatusOptions, options);
    if (!words) return reportError(words.error());
    if (options.has("help")) {
        std::cout << "Usage: allorad status [--home DIR] [--node URL]\n\n"
                     "Prints the status of the node serving the API at URL (default: the address\n"
                     "in HOME/config/config.json) as JSON.\n";
        return kExitOk;
    }
    if (!words->empty()) return usageError("allorad status takes no arguments");
    std::string url;
    if (auto n = options.value("node")) {
        url = *n;
    } else {
        node::NodeHome home{homeFrom(options)};
        auto config = node::loadNodeConfig(home.configFile());
        if (!config) return reportError(config.error());
        url = "http://" + config->apiAddress + ":" + std::to_string(config->apiPort);
    }
    while (!url.empty() && url.back() == '/') url.pop_back();
    node::rpc::HttpClient client;
    auto response = client.get(url + "/status");
    if (!response) return reportError(response.error());
    if (!response->ok())
        return reportError(makeError(
            ErrorCode::Io, "the node at " + url + " answered: " + response->errorMessage()));
    std::cout << response->body << std::endl;
    return kExitOk;
}

}  // namespace allora::daemon
