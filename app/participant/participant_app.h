// What allora-worker and allora-reputer share: their flags, the signal handling that stops them
// cleanly, the one-line log, and a ChainSession: the node's HTTP API (app/cli/node_client.h), the
// keyring key that signs, and a sign-broadcast-confirm of one transaction at a time.
//
// Failures are split the way the loop needs them: ErrorCode::Io means the node could not be
// reached or answered with a server error (retry with backoff: it may be restarting); anything else
// is about this submission (refused, bad output) and is logged and skipped.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "allora/emissions/v9/types.pb.h"
#include "app/cli/cli_context.h"
#include "app/cli/node_client.h"
#include "app/participant/child_process.h"
#include "core/amount.h"
#include "core/secp256k1.h"
#include "wallet/keyring.h"
#include "wallet/tx_builder.h"

namespace allora::participant {

namespace pb = ::emissions::v9;

// SIGINT and SIGTERM set the stop flag (the program finishes what it is doing, kills a running
// CMD, and exits 0). SIGPIPE is ignored.
void installStopHandlers();
const std::atomic<bool>& stopFlag();
// Sleeps in short slices; false when stopped meanwhile.
bool sleepUnlessStopped(std::chrono::milliseconds duration);

// One line on stdout, flushed: "2026-12-02T09:01:02.345Z INFO  worker: MESSAGE".
void logLine(std::string_view component, std::string_view message, bool warn = false);

// The flags both programs take, parsed and checked before anything is asked of the node.
struct RunFlags {
    uint64_t topic = 0;
    std::string key;
    std::string command;  // --command (worker) or --truth-command (reputer)
    // Worker only, optional: --truth-command, whose answers for past epochs the worker gives its
    // model as "ground_truth".
    std::string truthCommand;
    std::chrono::milliseconds timeout{10'000};
    bool registerActor = false;
    std::optional<Amount> stake;  // reputer only
    std::chrono::milliseconds poll{500};
    std::chrono::milliseconds maxBackoff{10'000};
};

// The flag specs of `run` (global, node and own flags); `reputer` adds --stake and names the
// command flag --truth-command.
std::vector<cli::OptionSpec> runOptionSpecs(bool reputer);
Result<RunFlags> parseRunFlags(const cli::Options& options, bool reputer);

// The topic as the node reports it (GET /emissions/v9/topics/ID).
struct TopicInfo {
    uint64_t id = 0;
    std::string metadata;
    std::string lossMethod;
    int64_t epochLength = 0;
    int64_t groundTruthLag = 0;
    int64_t workerSubmissionWindow = 0;
};

// What every CMD reads about its epoch: {"topic_id", "nonce", "block_height", "loss_method",
// "epoch_length"}; each program adds its own fields.
boost::json::object epochJson(const TopicInfo& t, int64_t nonce, int64_t height);
// The JSON a truth command reads on stdin (allora-reputer's --truth-command, allora-worker's
// optional one): {"topic_id", "nonce", "block_height", "loss_method", "epoch_length",
// "ground_truth_lag"}, one line.
std::string truthInputJson(const TopicInfo& t, int64_t nonce, int64_t height);

struct Submitted {
    std::string hash;
    int64_t height = 0;
};

class ChainSession {
public:
    // Opens the keyring and the key, reads its password (file backend: --password-file, else
    // $ALLORA_KEY_PASSWORD, else the terminal or the first line of stdin) and checks it by signing,
    // and reads the node's API token. Nothing here needs the node to be up.
    static Result<std::unique_ptr<ChainSession>> open(const cli::CliContext& ctx,
                                                      const std::string& keyName);

    const std::string& address() const { return key_.address; }
    std::string publicKeyHex() const;
    Result<secp256k1::Signature> sign(ByteSpan bytes) const;

    // GET a route: its JSON (404 is NotFound; unreachable or 5xx is Io).
    Result<boost::json::value> get(const std::string& path) const;
    Result<int64_t> height() const;
    Result<TopicInfo> topic(uint64_t id) const;
    // Open nonces of a topic (block heights): worker nonces, or reputer nonces.
    Result<std::vector<int64_t>> openNonces(uint64_t topic, bool reputer) const;
    Result<bool> isRegistered(uint64_t topic, bool reputer) const;
    Result<Amount> stakeIn(uint64_t topic) const;

    // Builds, signs and broadcasts one tx of `messages`, then waits (up to 15 s) until it is in a
    // block. A CheckTx refusal or a failed delivery is InvalidArgument with the node's log.
    Result<Submitted> submit(std::vector<wallet::AnyMessage> messages, uint64_t gas);

    // Registers in the topic (worker or reputer) unless it already is; logs what it did.
    Status ensureRegistered(uint64_t topic, bool reputer, std::string_view component);
    // Adds stake up to `target` in the topic; logs what it did.
    Status ensureStake(uint64_t topic, const Amount& target, std::string_view component);

private:
    ChainSession(cli::NodeClient node) : node_(std::move(node)) {}

    cli::NodeClient node_;
    std::string token_;
    std::unique_ptr<wallet::Keyring> keyring_;
    wallet::KeyInfo key_;
    SecureBytes password_;
    std::optional<std::string> chainId_;
};

constexpr uint64_t kPayloadGas = 1'000'000;

// Reads CMD's output as one decimal number (the chain's decimal rule), optionally followed by
// lines "allo1…=VALUE" (forecasted losses, worker only: `forecasts` non-null). Blank lines and
// surrounding spaces are ignored. Anything else is InvalidArgument quoting the offending line.
struct ModelOutput {
    std::string value;
    std::vector<std::pair<std::string, std::string>> forecasts;  // (inferer, value)
};
Result<ModelOutput> parseModelOutput(std::string_view out, bool allowForecasts);

// A ChildResult's failure as one phrase with stderr's last line, for the log.
std::string describeFailure(const ChildResult& r, std::chrono::milliseconds timeout);

// The loop both programs run: `step` once per poll; an Io failure is logged (one line per
// attempt) and retried with backoff doubling from the poll interval up to maxBackoff; any
// other failure ends the program (returned).
Status runLoop(const RunFlags& flags, std::string_view component,
               const std::function<Status()>& step);

// The state both programs' participants keep: their flags and session, the topic once read, and
// the nonces already handled (the newest 64).
class Participant {
protected:
    Participant(std::string_view component, RunFlags flags, std::unique_ptr<ChainSession> session)
        : component_(component), flags_(std::move(flags)), s_(std::move(session)) {}

    // "topic T nonce N: MESSAGE".
    void log(int64_t nonce, const std::string& message, bool warn = false) const;
    // Marks `nonce` handled and runs `epoch`; on an Io failure (node unreachable) the nonce is
    // forgotten again so that the next step retries it.
    Status handleOnce(int64_t nonce, const std::function<Status()>& epoch);
    // Keeps only the newest 64 handled nonces.
    void forgetOld();

    std::string_view component_;
    RunFlags flags_;
    std::unique_ptr<ChainSession> s_;
    std::optional<TopicInfo> topic_;
    std::set<int64_t> done_;
};

// What differs between the two programs' mains.
struct ProgramSpec {
    std::string_view program;    // "allora-worker": named in usage errors
    std::string_view component;  // "worker": the log lines' component
    std::string_view help;       // printed by `help`, `--help` and no command
    bool reputer = false;        // runOptionSpecs / parseRunFlags
    // Builds the participant on its session; the returned step is what runLoop calls.
    std::function<std::function<Status()>(const RunFlags&, std::unique_ptr<ChainSession>)> start;
};

// The whole main() of allora-worker and allora-reputer: crypto init, stop handlers, the words
// help / version / run and their flags, the session, the loop, and the exit code (an escaping
// exception is one "Error: internal error: ..." line on stderr and a failure code).
int participantMain(int argc, char** argv, const ProgramSpec& spec);

}  // namespace allora::participant
