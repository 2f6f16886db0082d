#include "app/participant/participant_app.h"

#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

#include "allora/emissions/v9/tx.pb.h"
#include "app/cli/terminal.h"
#include "core/bytes.h"
#include "core/encoding.h"
#include "core/file_util.h"
#include "core/log.h"
#include "core/paths.h"
#include "node/chain/chain_params.h"
#include "node/modules/address.h"
#include "node/modules/emissions/keeper.h"
#include "node/participants/chain_client.h"

namespace allora::participant {

namespace json = boost::json;

namespace {

std::atomic<bool> gStop{false};

extern "C" void onStopSignal(int) {
    gStop.store(true);
}

Error bad(std::string message) {
    return makeError(ErrorCode::InvalidArgument, std::move(message));
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    return std::string(s);
}

std::string shortQuote(std::string_view s) {
    std::string out(s.substr(0, 80));
    for (char& c : out)
        if (static_cast<unsigned char>(c) < ' ' || static_cast<unsigned char>(c) >= 127) c = '?';
    return "'" + out + (s.size() > 80 ? "…'" : "'");
}

// A JSON string member, or a 64-bit integer printed as a string (the gateway's way).
std::string stringAt(const json::value& v, std::string_view pointer) {
    json::error_code ec;
    const json::value* p = v.find_pointer(pointer, ec);
    if (!p) return {};
    if (p->is_string()) return std::string(p->get_string());
    if (p->is_int64()) return std::to_string(p->get_int64());
    if (p->is_uint64()) return std::to_string(p->get_uint64());
    return {};
}

int64_t intAt(const json::value& v, std::string_view pointer) {
    const std::string s = stringAt(v, pointer);
    int64_t out = 0;
    std::from_chars(s.data(), s.data() + s.size(), out);
    return out;
}

Result<std::chrono::milliseconds> parseSeconds(const cli::Options& o, std::string_view name,
                                               std::chrono::milliseconds fallback) {
    auto text = o.value(name);
    if (!text) return fallback;
    double v = 0;
    const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (text->empty() || ec != std::errc() || p != text->data() + text->size() || !(v > 0) ||
        v > 86'400)
        return bad("invalid --" + std::string(name) + " '" + *text +
                   "': expected a number of seconds above 0 (e.g. 10 or 0.5)");
    return std::chrono::milliseconds(static_cast<int64_t>(v * 1000 + 0.5));
}

Result<uint64_t> parseTopic(const std::string& text) {
    uint64_t v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v == 0)
        return bad("invalid --topic '" + text + "': expected a topic id (from 1)");
    return v;
}

}  // namespace

void installStopHandlers() {
    struct sigaction sa {};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
}

const std::atomic<bool>& stopFlag() {
    return gStop;
}

bool sleepUnlessStopped(std::chrono::milliseconds duration) {
    const auto end = std::chrono::steady_clock::now() + duration;
    while (!gStop.load()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= end) return true;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            end - now, std::chrono::milliseconds(50)));
    }
    return false;
}

void logLine(std::string_view component, std::string_view message, bool warn) {
    static std::mutex mutex;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    const std::string line =
        formatLogLine(warn ? LogLevel::Warn : LogLevel::Info, component, message, ms);
    std::lock_guard lock(mutex);
    std::cout << line << std::endl;
}

std::vector<cli::OptionSpec> runOptionSpecs(bool reputer) {
    std::vector<cli::OptionSpec> own(cli::nodeOptions().begin(), cli::nodeOptions().end());
    own.push_back({"topic", true});
    own.push_back({"key", true});
    own.push_back({reputer ? "truth-command" : "command", true});
    if (!reputer) own.push_back({"truth-command", true});
    own.push_back({"timeout", true});
    own.push_back({"register", false});
    own.push_back({"poll", true});
    own.push_back({"max-backoff", true});
    own.push_back({"password-file", true});
    if (reputer) own.push_back({"stake", true});
    return cli::withGlobalOptions(own);
}

Result<RunFlags> parseRunFlags(const cli::Options& o, bool reputer) {
    RunFlags f;
    const std::string commandFlag = reputer ? "truth-command" : "command";
    std::string missing;
    if (!o.has("topic")) missing += " --topic ID";
    if (!o.has("key")) missing += " --key NAME";
    if (!o.has(commandFlag)) missing += " --" + commandFlag + " CMD";
    if (!missing.empty()) return bad("run needs" + missing);
    auto topic = parseTopic(*o.value("topic"));
    if (!topic) return topic.error();
    f.topic = *topic;
    f.key = *o.value("key");
    if (auto s = wallet::validateKeyName(f.key); !s)
        return bad("invalid --key '" + f.key + "': " + s.message());
    f.command = *o.value(commandFlag);
    if (trimmed(f.command).empty()) return bad("--" + commandFlag + " is empty");
    auto timeout = parseSeconds(o, "timeout", f.timeout);
    if (!timeout) return timeout.error();
    f.timeout = *timeout;
    auto poll = parseSeconds(o, "poll", f.poll);
    if (!poll) return poll.error();
    f.poll = *poll;
    auto backoff = parseSeconds(o, "max-backoff", f.maxBackoff);
    if (!backoff) return backoff.error();
    f.maxBackoff = std::max(*backoff, f.poll);
    f.registerActor = o.has("register");
    if (!reputer && o.has("truth-command")) {
        f.truthCommand = *o.value("truth-command");
        if (trimmed(f.truthCommand).empty()) return bad("--truth-command is empty");
    }
    if (reputer && o.has("stake")) {
        const std::string text = *o.value("stake");
        auto amount = Amount::parse(text, Amount::Unit::Uallo);
        if (!amount || amount->isZero())
            return bad("invalid --stake '" + text +
                       "': expected a positive amount (1000000 uallo, 1000000uallo or 1.5ALLO)");
        f.stake = *amount;
    }
    return f;
}

boost::json::object epochJson(const TopicInfo& t, int64_t nonce, int64_t height) {
    return boost::json::object{{"topic_id", t.id},
                               {"nonce", nonce},
                               {"block_height", height},
                               {"loss_method", t.lossMethod},
                               {"epoch_length", t.epochLength}};
}

std::string truthInputJson(const TopicInfo& t, int64_t nonce, int64_t height) {
    boost::json::object o = epochJson(t, nonce, height);
    o["ground_truth_lag"] = t.groundTruthLag;
    return boost::json::serialize(o) + "\n";
}

Result<std::unique_ptr<ChainSession>> ChainSession::open(const cli::CliContext& ctx,
                                                         const std::string& keyName) {
    auto node = cli::NodeClient::fromOptions(ctx.options);
    if (!node) return node.error();
    std::unique_ptr<ChainSession> s(new ChainSession(std::move(*node)));
    if (auto id = ctx.options.value("chain-id"); id && !id->empty()) s->chainId_ = *id;
    auto keyring = ctx.openKeyring();
    if (!keyring) return keyring.error();
    auto key = (*keyring)->get(keyName);
    if (!key) return key.error();
    s->keyring_ = std::move(*keyring);
    s->key_ = std::move(*key);
    if (s->keyring_->backend() == wallet::KeyringBackend::File) {
        if (auto file = ctx.options.value("password-file"); file && !file->empty()) {
            auto bytes = readFile(*file, 4096);
            if (!bytes) return bytes.error();
            std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
            if (auto nl = text.find_first_of("\r\n"); nl != text.npos) text = text.substr(0, nl);
            s->password_ = SecureBytes::fromString(text);
            secureWipe(*bytes);
        } else if (const char* env = std::getenv("ALLORA_KEY_PASSWORD"); env && *env) {
            s->password_ = SecureBytes::fromString(env);
        } else {
            auto p = cli::readSecret("Enter the password of key '" + keyName + "': ",
                                     "the key's password (or give --password-file FILE, or set "
                                     "ALLORA_KEY_PASSWORD, or use --keyring-backend test)");
            if (!p) return p.error();
            s->password_ = std::move(*p);
        }
        // A wrong password fails now, not at the first epoch.
        const uint8_t probe[1] = {0};
        if (auto sig = s->sign(ByteSpan(probe, 1)); !sig) return sig.error();
    }
    auto token = cli::loadApiToken(ctx);
    if (!token) return token.error();
    s->token_ = std::move(*token);
    return s;
}

std::string ChainSession::publicKeyHex() const {
    return toHex(ByteSpan(key_.publicKey.data(), key_.publicKey.size()));
}

Result<secp256k1::Signature> ChainSession::sign(ByteSpan bytes) const {
    return keyring_->sign(key_.name, password_, bytes);
}

Result<json::value> ChainSession::get(const std::string& path) const {
    return node_.get(path);
}

Result<int64_t> ChainSession::height() const {
    auto s = node_.get("/status");
    if (!s) return s.error();
    return intAt(*s, "/sync_info/latest_block_height");
}

Result<TopicInfo> ChainSession::topic(uint64_t id) const {
    auto t = node_.get("/emissions/v9/topics/" + std::to_string(id));
    if (!t) {
        if (t.code() == ErrorCode::NotFound)
            return bad("topic " + std::to_string(id) + " does not exist on the node's chain");
        return t.error();
    }
    TopicInfo info;
    info.id = id;
    info.metadata = stringAt(*t, "/topic/metadata");
    info.lossMethod = stringAt(*t, "/topic/loss_method");
    info.epochLength = intAt(*t, "/topic/epoch_length");
    info.groundTruthLag = intAt(*t, "/topic/ground_truth_lag");
    info.workerSubmissionWindow = intAt(*t, "/topic/worker_submission_window");
    if (info.epochLength <= 0)
        return makeError(ErrorCode::Corrupt,
                         "the node's answer for topic " + std::to_string(id) + " has no epoch");
    return info;
}

Result<std::vector<int64_t>> ChainSession::openNonces(uint64_t topic, bool reputer) const {
    const std::string what = reputer ? "reputer" : "worker";
    auto answer =
        node_.get("/emissions/v9/unfulfilled_" + what + "_nonces/" + std::to_string(topic));
    if (!answer) return answer.error();
    std::vector<int64_t> out;
    json::error_code ec;
    const json::value* list = answer->find_pointer("/nonces/nonces", ec);
    if (list && list->is_array())
        for (const json::value& n : list->get_array()) {
            const int64_t h = intAt(n, reputer ? "/reputer_nonce/block_height" : "/block_height");
            if (h > 0) out.push_back(h);
        }
    std::sort(out.begin(), out.end());
    return out;
}

Result<bool> ChainSession::isRegistered(uint64_t topic, bool reputer) const {
    auto r = node_.get(std::string("/emissions/v9/") +
                       (reputer ? "reputer_registered/" : "worker_registered/") +
                       std::to_string(topic) + "/" + address());
    if (!r) return r.error();
    json::error_code ec;
    const json::value* v = r->find_pointer("/is_registered", ec);
    return v && v->is_bool() && v->get_bool();
}

Result<Amount> ChainSession::stakeIn(uint64_t topic) const {
    auto r = node_.get("/emissions/v9/reputer_stake/" + address() + "/" + std::to_string(topic));
    if (!r) return r.error();
    return Amount::parse(stringAt(*r, "/amount"), Amount::Unit::Uallo);
}

Result<Submitted> ChainSession::submit(std::vector<wallet::AnyMessage> messages, uint64_t gas) {
    if (!chainId_) {
        auto id = node_.chainId();
        if (!id) return id.error();
        chainId_ = *id;
    }
    auto account = node_.account(address());
    if (!account) return account.error();
    if (!*account)
        return bad("account " + address() + " does not exist on " + *chainId_ +
                   " yet: it must receive tokens before it can send");
    auto price = node_.minimumGasPrice();
    if (!price) return price.error();
    auto parsed = node::GasPrice::parse(*price);
    if (!parsed)
        return makeError(ErrorCode::Corrupt, "the node's minimum gas price: " + parsed.message());
    auto fee = parsed->feeFor(gas);
    if (!fee) return fee.error();
    wallet::TxSpec spec;
    spec.messages = std::move(messages);
    if (!fee->isZero()) spec.fee.amount = {{"uallo", fee->toUalloString()}};
    spec.fee.gasLimit = gas;
    spec.signerPublicKey = key_.publicKey;
    spec.sequence = (*account)->sequence;
    auto tx = wallet::buildTx(spec);
    if (!tx) return tx.error();
    auto signature = sign(tx->signBytes(*chainId_, (*account)->accountNumber));
    if (!signature) return signature.error();
    auto answer = node_.broadcast(tx->toTxRaw(*signature), token_);
    if (!answer) return answer.error();
    Submitted out;
    out.hash = stringAt(*answer, "/tx_response/txhash");
    if (intAt(*answer, "/tx_response/code") != 0)
        return bad("the node refused the transaction (code " +
                   stringAt(*answer, "/tx_response/code") +
                   "): " + stringAt(*answer, "/tx_response/raw_log"));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        auto found = node_.find("/cosmos/tx/v1beta1/txs/" + out.hash);
        if (!found) return found.error();
        if (*found) {
            if (intAt(**found, "/tx_response/code") != 0)
                return bad("the transaction " + out.hash + " failed in block " +
                           stringAt(**found, "/tx_response/height") + ": " +
                           stringAt(**found, "/tx_response/raw_log"));
            out.height = intAt(**found, "/tx_response/height");
            return out;
        }
        if (!sleepUnlessStopped(std::chrono::milliseconds(100))) break;
    }
    return makeError(ErrorCode::Io, "the transaction " + out.hash +
                                        " was accepted but is not in a block after 15 s");
}

Status ChainSession::ensureRegistered(uint64_t topic, bool reputer, std::string_view component) {
    auto is = isRegistered(topic, reputer);
    if (!is) return is.error();
    if (*is) return {};
    pb::RegisterRequest m;
    m.set_sender(address());
    m.set_owner(address());
    m.set_topic_id(topic);
    m.set_is_reputer(reputer);
    auto r = submit({participants::emissionsMessage("RegisterRequest", m)}, 400'000);
    if (!r) return r.error();
    logLine(component, std::string("registered ") + address() + " as a " +
                           (reputer ? "reputer" : "worker") + " in topic " + std::to_string(topic) +
                           " (tx " + r->hash + ", height " + std::to_string(r->height) + ")");
    return {};
}

Status ChainSession::ensureStake(uint64_t topic, const Amount& target, std::string_view component) {
    auto have = stakeIn(topic);
    if (!have) return have.error();
    if (!(*have < target)) return {};
    auto add = target.sub(*have);
    if (!add) return add.error();
    pb::AddStakeRequest m;
    m.set_sender(address());
    m.set_topic_id(topic);
    m.set_amount(add->toUalloString());
    auto r = submit({participants::emissionsMessage("AddStakeRequest", m)}, 400'000);
    if (!r) return r.error();
    logLine(component, "staked " + add->toUalloString() + " uallo in topic " +
                           std::to_string(topic) + " (now " + target.toUalloString() +
                           " uallo; tx " + r->hash + ")");
    return {};
}

Result<ModelOutput> parseModelOutput(std::string_view out, bool allowForecasts) {
    ModelOutput m;
    bool first = true;
    size_t lineNo = 0;
    while (!out.empty()) {
        const size_t nl = out.find('\n');
        const std::string line = trimmed(out.substr(0, nl));
        out = nl == out.npos ? std::string_view() : out.substr(nl + 1);
        ++lineNo;
        if (line.empty()) continue;
        if (first) {
            if (auto v = node::emissions::parseDecimal(line); !v)
                return bad("line " + std::to_string(lineNo) + " " + shortQuote(line) +
                           " is not a number: " + v.message());
            m.value = line;
            first = false;
            continue;
        }
        const size_t eq = line.find('=');
        if (!allowForecasts || eq == std::string::npos)
            return bad("line " + std::to_string(lineNo) + " " + shortQuote(line) +
                       (allowForecasts ? " is neither the first number nor ADDRESS=LOSS"
                                       : " follows the number (print one number only)"));
        const std::string addr = trimmed(std::string_view(line).substr(0, eq));
        const std::string value = trimmed(std::string_view(line).substr(eq + 1));
        if (auto a = node::parseAddress(addr); !a)
            return bad("line " + std::to_string(lineNo) + ": " + shortQuote(addr) +
                       " is not an address: " + a.message());
        if (auto v = node::emissions::parseDecimal(value); !v)
            return bad("line " + std::to_string(lineNo) + ": the loss " + shortQuote(value) +
                       " is not a number: " + v.message());
        m.forecasts.emplace_back(addr, value);
    }
    if (first) return bad("it printed no number");
    return m;
}

std::string describeFailure(const ChildResult& r, std::chrono::milliseconds timeout) {
    std::string text = r.describe(timeout);
    std::string err = trimmed(r.errTail);
    if (auto nl = err.rfind('\n'); nl != std::string::npos) err = err.substr(nl + 1);
    if (!err.empty()) text += " (stderr: " + shortQuote(err) + ")";
    return text;
}

Status runLoop(const RunFlags& flags, std::string_view component,
               const std::function<Status()>& step) {
    std::chrono::milliseconds backoff = flags.poll;
    uint64_t failures = 0;
    while (!gStop.load()) {
        Status s = step();
        if (gStop.load()) break;
        if (!s) {
            if (s.code() != ErrorCode::Io) return s;
            ++failures;
            backoff = failures == 1 ? flags.poll : std::min(backoff * 2, flags.maxBackoff);
            logLine(component,
                    "node unavailable (attempt " + std::to_string(failures) + "): " + s.message() +
                        "; retrying in " + std::to_string(backoff.count()) + " ms",
                    true);
            if (!sleepUnlessStopped(backoff)) break;
            continue;
        }
        if (failures > 0) logLine(component, "node reachable again; resuming");
        failures = 0;
        if (!sleepUnlessStopped(flags.poll)) break;
    }
    logLine(component, "stopping (signal received)");
    return {};
}

void Participant::log(int64_t nonce, const std::string& message, bool warn) const {
    logLine(component_,
            "topic " + std::to_string(flags_.topic) + " nonce " + std::to_string(nonce) + ": " +
                message,
            warn);
}

Status Participant::handleOnce(int64_t nonce, const std::function<Status()>& epoch) {
    done_.insert(nonce);
    Status r = epoch();
    if (!r && r.code() == ErrorCode::Io) done_.erase(nonce);  // retried once the node is back
    return r;
}

void Participant::forgetOld() {
    while (done_.size() > 64) done_.erase(done_.begin());
}

namespace {

int runProgram(int argc, char** argv, const ProgramSpec& spec) {
    using namespace allora::cli;
    initCrypto();
    installStopHandlers();
    ArgStream args(argc, argv);
    CliContext ctx;
    const auto specs = runOptionSpecs(spec.reputer);
    const std::string seeHelp = " (see '" + std::string(spec.program) + " help')";
    auto word = args.nextWord(specs, ctx.options);
    if (!word) return reportError(word.error());
    if (!*word || **word == "help" || ctx.options.has("help")) {
        std::cout << spec.help;
        return kExitOk;
    }
    if (**word == "version") {
        std::cout << versionString() << std::endl;
        return kExitOk;
    }
    if (**word != "run") return usageError("unknown command '" + **word + "'" + seeHelp);
    auto rest = args.rest(specs, ctx.options);
    if (!rest) return usageError(rest.message() + seeHelp);
    if (ctx.options.has("help")) {
        std::cout << spec.help;
        return kExitOk;
    }
    if (!rest->empty()) return usageError("unexpected argument '" + rest->front() + "'");
    auto flags = parseRunFlags(ctx.options, spec.reputer);
    if (!flags) return reportError(flags.error());
    auto session = ChainSession::open(ctx, flags->key);
    if (!session) return reportError(session.error());
    const std::function<Status()> step = spec.start(*flags, std::move(*session));
    if (auto s = runLoop(*flags, spec.component, step); !s) return reportError(s.error());
    return kExitOk;
}

}  // namespace

int participantMain(int argc, char** argv, const ProgramSpec& spec) {
    try {
        return runProgram(argc, argv, spec);
    } catch (const std::exception& e) {
        std::cerr << "Error: internal error: " << e.what() << std::endl;
        return cli::kExitFailure;
    }
}

}  // namespace allora::participant
