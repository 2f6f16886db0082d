#include "app/cli/cmd_tx.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <iostream>
#include <iterator>
#include <thread>

#include "app/cli/cmd_keys.h"
#include "app/cli/terminal.h"
#include "app/cli/tx_flow.h"
#include "core/file_util.h"
#include "wallet/tx_document.h"

namespace allora::cli {
namespace json = boost::json;
namespace {

constexpr std::string_view kTxHelp = R"(Usage: allora-cli tx COMMAND [ARGS] [flags]

Build, sign and broadcast transactions (the commands of `allorad tx`).

Commands:
  bank send FROM_KEY TO_ADDRESS COINS
        Send COINS (e.g. 1.5ALLO or 1500000000000000000uallo; 1 ALLO = 10^18 uallo) from the
        keyring key FROM_KEY to TO_ADDRESS. Prints the tx hash (with --output json, the node's
        answer {"tx_response": {...}}).
  sign FILE --from KEY
        Sign an unsigned tx document (from --generate-only) with KEY; prints the signed tx
        document. Never contacts the node: chain id, account number and sequence come from the
        document (or --account-number / --sequence).
  broadcast FILE|-
        Broadcast a signed tx document (from `tx sign` or `tx bank send --offline`).
  emissions COMMAND ...
        Topics, registrations, stake, delegation, topic funding and worker / reputer
        payloads (create-topic, register, add-stake, delegate-stake, fund-topic,
        insert-worker-payload, ...): see 'allora-cli tx emissions --help'. They take the
        flags of bank send below.

Flags of bank send:
  --fees COINS         fee to pay (default: gas × the node's minimum gas price, rounded up)
  --gas N              gas limit (default 200000)
  --memo TEXT          a note stored with the tx (at most 256 characters)
  --yes                do not ask for confirmation (required when stdin is not a terminal)
  --wait               after broadcasting, wait (up to 30 s) until the tx is in a block and
                       print its height and result code; exit 1 if it failed there
  --generate-only      print an unsigned tx document instead of signing; FROM may then be an
                       address instead of a key name
  --offline            do not contact the node: needs --chain-id, --account-number,
                       --sequence and --fees; signs and prints the signed tx document for
                       `tx broadcast` (or, with --generate-only, the unsigned one)
  --account-number N, --sequence N
                       use these instead of the values the node reports for FROM

Node flags (tx, q, status):
  --node URL           the node's HTTP API (default http://127.0.0.1:1317)
  --chain-id ID        the chain to sign for (default: the node's, from GET /status)
  --api-token-file FILE
                       the node's API token, needed to broadcast (default:
                       HOME/config/api_token of --home, the same home allorad uses; the
                       environment variable ALLORA_API_TOKEN is used when set and no file
                       is given)

Global flags: --home DIR, --keyring-dir DIR, --keyring-backend file|test, --output text|json
(see 'allora-cli keys --help').

Documents.
  Unsigned (--generate-only; read by `tx sign`):
    {"type": "allora/unsigned-tx/v1", "chain_id": "...", "account_number": "N",
     "sequence": "N", "signer": "allo1...", "body_bytes": BASE64, "auth_info_bytes": BASE64,
     "summary": ["send ...", "fee ..."]}
    body_bytes and auth_info_bytes are the Cosmos TxBody and AuthInfo exactly as they will be
    signed (SIGN_MODE_DIRECT); auth_info_bytes holds no signer info when the signer's public
    key was not known (a new account given by address), and `tx sign` adds it. The summary is
    for people only: `tx sign` shows what the bytes say, never the summary.
  Signed (`tx sign`, `tx bank send --offline`; read by `tx broadcast`):
    {"tx_bytes": BASE64}   the TxRaw, as POST /cosmos/tx/v1beta1/txs takes it

Input. On a terminal the command shows what it will sign and asks [y/N] (unless --yes), then
the key's password. When stdin is not a terminal, --yes is required and the password of a
file-backend key is read as the first line of stdin (the test backend needs none); `tx sign -`
reads the document from stdin, so it works only with the test backend.

Exit status: 0 success; 1 failure (node unreachable, tx rejected or failed, key not found,
wrong password); 2 invalid usage or input (unknown flag, bad address, bad amount).
)";

struct Subcommand {
    std::string_view name;
    std::vector<OptionSpec> options;
    size_t words;
    std::string_view usage;
    int (*run)(CliContext&, const TxWords&);
};

const Subcommand kBankSend = {"send",
                              {signingTxOptions().begin(), signingTxOptions().end()},
                              3,
                              "tx bank send FROM_KEY TO_ADDRESS COINS [flags]",
                              txBankSend};
const Subcommand kSign = {
    "sign",
    {{"from", true}, {"offline", false}, {"account-number", true}, {"sequence", true}},
    1,
    "tx sign FILE --from KEY [--account-number N] [--sequence N]",
    txSign};
const Subcommand kBroadcast = {
    "broadcast", {{"wait", false}}, 1, "tx broadcast FILE|- [--wait]", txBroadcast};

// The flags of every tx command: global, node, the subcommand's own.
std::vector<OptionSpec> specsFor(const Subcommand& sub) {
    std::vector<OptionSpec> own(nodeOptions().begin(), nodeOptions().end());
    own.insert(own.end(), sub.options.begin(), sub.options.end());
    return withGlobalOptions(own);
}

std::vector<OptionSpec> groupSpecs() {
    return withGlobalOptions(nodeOptions());
}

int runSubcommand(CliContext& ctx, ArgStream& args, const Subcommand& sub) {
    auto words = args.rest(specsFor(sub), ctx.options);
    if (!words)
        return usageError(words.message() + " (usage: allora-cli " + std::string(sub.usage) + ")");
    if (ctx.options.has("help")) {
        std::cout << kTxHelp;
        return kExitOk;
    }
    if (words->size() != sub.words)
        return usageError("usage: allora-cli " + std::string(sub.usage));
    if (auto f = ctx.output(); !f) return reportError(f.error());
    return sub.run(ctx, *words);
}

int failure(const std::string& message) {
    return reportError(makeError(ErrorCode::Io, message));
}

std::string stringAt(const json::value& v, std::string_view key) {
    const json::value* m = v.is_object() ? v.as_object().if_contains(key) : nullptr;
    if (m && m->is_string()) return std::string(m->get_string());
    if (m && (m->is_int64() || m->is_uint64())) return json::serialize(*m);
    return {};
}

int64_t codeAt(const json::value& txResponse) {
    const json::value* c =
        txResponse.is_object() ? txResponse.as_object().if_contains("code") : nullptr;
    if (c && c->is_int64()) return c->get_int64();
    if (c && c->is_uint64()) return static_cast<int64_t>(c->get_uint64());
    return -1;
}

std::string describeFailure(const json::value& txResponse) {
    const std::string codespace = stringAt(txResponse, "codespace");
    return "code " + std::to_string(codeAt(txResponse)) +
           (codespace.empty() ? "" : " (" + codespace + ")") + ": " +
           stringAt(txResponse, "raw_log");
}

}  // namespace

Result<std::optional<uint64_t>> parseU64Flag(const Options& options, std::string_view name) {
    const auto v = options.value(name);
    if (!v) return std::optional<uint64_t>();
    uint64_t out = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (v->empty() || ec != std::errc() || end != v->data() + v->size())
        return makeError(ErrorCode::InvalidArgument, "invalid --" + std::string(name) + " '" + *v +
                                                         "': expected a non-negative integer");
    return std::optional<uint64_t>(out);
}

Result<Amount> parseCoinsArg(std::string_view text, std::string_view what, bool allowZero) {
    if (text.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
        std::string_view::npos)
        return makeError(ErrorCode::InvalidArgument,
                         "invalid " + std::string(what) + " '" + std::string(text) +
                             "': give a denom, e.g. 1.5ALLO or 1500000000000000000uallo");
    auto amount = Amount::parse(text, Amount::Unit::Uallo);
    if (!amount)
        return makeError(ErrorCode::InvalidArgument,
                         "invalid " + std::string(what) + ": " + amount.message());
    if (!allowZero && amount->isZero())
        return makeError(ErrorCode::InvalidArgument, std::string(what) + " must be more than zero");
    return amount;
}

Result<SecureBytes> readKeyPassword(const wallet::Keyring& keyring, const std::string& name) {
    if (!needsPassword(keyring)) return SecureBytes();
    return readSecret("Enter the password of key '" + name + "': ", "the key's password");
}

Result<std::string> readDocument(const std::string& fileOrDash, std::string_view what) {
    constexpr size_t kMax = 4 * 1024 * 1024;  // a tx is at most 1 MiB, base64 and JSON around it
    if (fileOrDash == "-") {
        std::string text;
        char buf[4096];
        while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
            text.append(buf, static_cast<size_t>(std::cin.gcount()));
            if (text.size() > kMax)
                return makeError(ErrorCode::InvalidArgument,
                                 std::string(what) + " on stdin is too large");
        }
        return text;
    }
    auto bytes = readFile(fileOrDash, kMax);
    if (!bytes) {
        if (bytes.code() == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound, "no such file: " + fileOrDash);
        return bytes.error();
    }
    return std::string(bytes->begin(), bytes->end());
}

int broadcastAndReport(CliContext& ctx, const NodeClient& node, const std::string& apiToken,
                       ByteSpan txRaw) {
    const OutputFormat format = *ctx.output();
    auto answer = node.broadcast(txRaw, apiToken);
    if (!answer) return reportError(answer.error());
    const json::value& resp = answer->at("tx_response");
    const std::string hash = stringAt(resp, "txhash");
    if (codeAt(resp) != 0) {
        if (format == OutputFormat::Json) printJson(*answer);
        return failure("the node rejected the transaction: " + describeFailure(resp));
    }
    if (!ctx.options.has("wait")) {
        if (format == OutputFormat::Json)
            printJson(*answer);
        else
            std::cout << hash << std::endl;
        return kExitOk;
    }

    if (format == OutputFormat::Text) std::cout << hash << std::endl;
    // A progress note for a person watching; scripts get stderr's one "Error:" line or nothing.
    if (isatty(STDERR_FILENO) == 1)
        std::cerr << "Waiting for the transaction to be included in a block..." << std::endl;
    constexpr auto kTimeout = std::chrono::seconds(30);
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    std::optional<json::value> delivered;
    while (true) {
        auto found = node.find("/cosmos/tx/v1beta1/txs/" + hash);
        if (!found) return reportError(found.error());
        if (*found) {
            delivered = std::move(**found);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    if (!delivered) {
        if (format == OutputFormat::Json) printJson(*answer);
        return failure("the transaction " + hash +
                       " was accepted but is not in a block after 30 s; it may still be "
                       "included: check with 'allora-cli q tx " +
                       hash + "'");
    }
    const json::value* txResponse =
        delivered->is_object() ? delivered->as_object().if_contains("tx_response") : nullptr;
    if (!txResponse) return failure("the node's answer for tx " + hash + " has no tx_response");
    const std::string height = stringAt(*txResponse, "height");
    if (format == OutputFormat::Json)
        printJson(*delivered);
    else
        std::cout << "height: " << height << "\ncode: " << codeAt(*txResponse) << std::endl;
    if (codeAt(*txResponse) != 0)
        return failure("the transaction failed in block " + height + ": " +
                       describeFailure(*txResponse));
    return kExitOk;
}

int txBroadcast(CliContext& ctx, const TxWords& words) {
    auto text = readDocument(words[0], "the signed tx document");
    if (!text) return reportError(text.error());
    auto tx = wallet::parseSignedTxDocument(*text);
    if (!tx) return reportError(tx.error());
    auto node = NodeClient::fromOptions(ctx.options);
    if (!node) return reportError(node.error());
    auto token = loadApiToken(ctx);
    if (!token) return reportError(token.error());
    return broadcastAndReport(ctx, *node, *token, *tx);
}

int runTx(CliContext& ctx, ArgStream& args) {
    auto word = args.nextWord(groupSpecs(), ctx.options);
    if (!word) return reportError(word.error());
    if (!*word || **word == "help" || ctx.options.has("help")) {
        std::cout << kTxHelp;
        return kExitOk;
    }
    if (**word == "bank") {
        auto sub = args.nextWord(groupSpecs(), ctx.options);
        if (!sub) return reportError(sub.error());
        if (*sub && **sub == "send") return runSubcommand(ctx, args, kBankSend);
        if (!*sub && ctx.options.has("help")) {
            std::cout << kTxHelp;
            return kExitOk;
        }
        return usageError("unknown command 'tx bank" + (*sub ? " " + **sub : std::string()) +
                          "' (the bank commands: send; see 'allora-cli tx --help')");
    }
    if (**word == "emissions") return runTxEmissions(ctx, args);
    if (**word == "sign") return runSubcommand(ctx, args, kSign);
    if (**word == "broadcast") return runSubcommand(ctx, args, kBroadcast);
    return usageError("unknown command 'tx " + **word + "' (see 'allora-cli tx --help')");
}

}  // namespace allora::cli
