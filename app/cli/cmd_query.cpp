#include "app/cli/cmd_query.h"

#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <iostream>

#include "app/cli/node_client.h"
#include "core/civil_time.h"
#include "core/encoding.h"
#include "core/hash.h"
#include "node/modules/address.h"
#include "wallet/tx_document.h"

namespace allora::cli {
namespace json = boost::json;
namespace {

constexpr std::string_view kQueryHelp =
    R"(Usage: allora-cli q COMMAND [ARGS] [flags]   (or: allora-cli query ...)

Query the chain through a node's HTTP API (the commands of `allorad q`).

Commands:
  bank balances ADDRESS   the balances of an account
  bank total              the total supply
  account ADDRESS         account number, sequence, public key and vesting schedule
  tx HASH                 a transaction in a block: result, gas, fee, memo and messages
  block [HEIGHT]          a block (default: the latest)
  emissions COMMAND ...   topics, stake, delegations, registrations, nonces, the latest
                          network inference, regrets and params of the emissions module:
                          see 'allora-cli q emissions --help'

Flags:
  --node URL              the node's HTTP API (default http://127.0.0.1:1317)
  --output text|json      text for people (amounts also in ALLO, 1 ALLO = 10^18 uallo), or
                          the API's JSON unchanged (default text)

See also 'allora-cli status'.

Exit status: 0 success; 1 failure (node unreachable, not found); 2 invalid usage or input
(unknown flag, bad address, bad hash or height).
)";

using Words = std::vector<std::string>;

std::string text(const json::value& v, std::string_view pointer) {
    return jsonText(v, pointer);
}

const json::array& arrayAt(const json::value& v, std::string_view pointer) {
    static const json::array kEmpty;
    json::error_code ec;
    const json::value* p = v.find_pointer(pointer, ec);
    return p && !ec && p->is_array() ? p->get_array() : kEmpty;
}

std::vector<wallet::Coin> coinsAt(const json::value& v, std::string_view pointer) {
    std::vector<wallet::Coin> out;
    for (const json::value& c : arrayAt(v, pointer))
        out.push_back({text(c, "/denom"), text(c, "/amount")});
    return out;
}

std::string hexOfBase64(const std::string& b64) {
    auto bytes = fromBase64(b64);
    if (!bytes) return b64;
    std::string hex = toHex(*bytes);
    for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return hex;
}

std::string unixTime(const std::string& seconds) {
    int64_t t = 0;
    auto [end, ec] = std::from_chars(seconds.data(), seconds.data() + seconds.size(), t);
    if (seconds.empty() || ec != std::errc() || end != seconds.data() + seconds.size())
        return seconds;
    return formatRfc3339(t);
}

void printCoinList(const std::vector<wallet::Coin>& coins, std::string_view none) {
    if (coins.empty()) std::cout << "  " << none << "\n";
    for (const wallet::Coin& c : coins) std::cout << "  " << wallet::formatCoins({c}) << "\n";
    std::cout << std::flush;
}

Result<std::string> addressArg(const std::string& word) {
    if (auto a = node::parseAddress(word); !a)
        return makeError(ErrorCode::InvalidArgument, "ADDRESS: " + a.message());
    return word;
}

int bankBalances(CliContext& ctx, const Words& w) {
    auto address = addressArg(w[0]);
    if (!address) return reportError(address.error());
    return fetchAndPrint(ctx, "/cosmos/bank/v1beta1/balances/" + *address,
                         [&](const json::value& a) {
                             std::cout << "balances of " << *address << ":\n";
                             printCoinList(coinsAt(a, "/balances"), "(none)");
                         });
}

int bankTotal(CliContext& ctx, const Words&) {
    return fetchAndPrint(ctx, "/cosmos/bank/v1beta1/supply", [&](const json::value& a) {
        std::cout << "total supply:\n";
        printCoinList(coinsAt(a, "/supply"), "(none)");
    });
}

int account(CliContext& ctx, const Words& w) {
    auto address = addressArg(w[0]);
    if (!address) return reportError(address.error());
    return fetchAndPrint(
        ctx, "/cosmos/auth/v1beta1/accounts/" + *address, [&](const json::value& a) {
            const std::string type = text(a, "/account/@type");
            json::error_code ec;
            const bool vesting = a.find_pointer("/account/base_vesting_account", ec) != nullptr;
            const std::string base =
                vesting ? "/account/base_vesting_account/base_account" : "/account";
            std::cout << "address: " << text(a, base + "/address") << "\n"
                      << "type: " << type.substr(type.rfind('.') + 1) << "\n"
                      << "account number: " << text(a, base + "/account_number") << "\n"
                      << "sequence: " << text(a, base + "/sequence") << "\n";
            const std::string key = text(a, base + "/pub_key/key");
            std::cout << "public key: "
                      << (key.empty() ? "none yet (the account has not signed a transaction)" : key)
                      << "\n";
            if (vesting) {
                const std::string bva = "/account/base_vesting_account";
                std::cout << "vesting: "
                          << wallet::formatCoins(coinsAt(a, bva + "/original_vesting"));
                if (const std::string start = text(a, "/account/start_time"); !start.empty())
                    std::cout << ", from " << unixTime(start);
                if (const std::string cliff = text(a, "/account/cliff_time"); !cliff.empty())
                    std::cout << ", cliff " << unixTime(cliff);
                std::cout << (type.find("Delayed") != std::string::npos ? ", all at "
                                                                        : ", fully vested at ")
                          << unixTime(text(a, bva + "/end_time")) << "\n";
            }
            std::cout << std::flush;
        });
}

Result<std::string> hashArg(const std::string& word) {
    auto bytes = fromHex(word);
    if (word.size() != 64 || !bytes)
        return makeError(ErrorCode::InvalidArgument,
                         "invalid tx hash '" + word + "': expected 64 hexadecimal digits");
    std::string upper = word;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
}

int tx(CliContext& ctx, const Words& w) {
    auto hash = hashArg(w[0]);
    if (!hash) return reportError(hash.error());
    return fetchAndPrint(ctx, "/cosmos/tx/v1beta1/txs/" + *hash, [&](const json::value& a) {
        const std::string code = text(a, "/tx_response/code");
        std::cout << "txhash: " << text(a, "/tx_response/txhash") << "\n"
                  << "height: " << text(a, "/tx_response/height") << "\n"
                  << "time: " << text(a, "/tx_response/timestamp") << "\n";
        if (code == "0") {
            std::cout << "result: success\n";
        } else {
            const std::string codespace = text(a, "/tx_response/codespace");
            std::cout << "result: failed, code " << code
                      << (codespace.empty() ? "" : " (" + codespace + ")") << ": "
                      << text(a, "/tx_response/raw_log") << "\n";
        }
        std::cout << "gas: used " << text(a, "/tx_response/gas_used") << " of "
                  << text(a, "/tx_response/gas_wanted") << "\n"
                  << "fee: " << wallet::formatCoins(coinsAt(a, "/tx/auth_info/fee/amount")) << "\n";
        if (const std::string memo = text(a, "/tx/body/memo"); !memo.empty())
            std::cout << "memo: " << memo << "\n";
        std::cout << "messages:\n";
        for (const json::value& m : arrayAt(a, "/tx/body/messages")) {
            const std::string type = text(m, "/@type");
            if (type == "/cosmos.bank.v1beta1.MsgSend")
                std::cout << "  send " << wallet::formatCoins(coinsAt(m, "/amount")) << " from "
                          << text(m, "/from_address") << " to " << text(m, "/to_address") << "\n";
            else
                std::cout << "  " << type << "\n";
        }
        std::cout << std::flush;
    });
}

int block(CliContext& ctx, const Words& w) {
    std::string which = "latest";
    if (!w.empty()) {
        uint64_t h = 0;
        const std::string& s = w[0];
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), h);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size() || h == 0)
            return usageError("invalid HEIGHT '" + s + "': expected a positive integer");
        which = std::to_string(h);
    }
    return fetchAndPrint(
        ctx, "/cosmos/base/tendermint/v1beta1/blocks/" + which, [&](const json::value& a) {
            std::cout << "height: " << text(a, "/block/header/height") << "\n"
                      << "hash: " << hexOfBase64(text(a, "/block_id/hash")) << "\n"
                      << "time: " << text(a, "/block/header/time") << "\n"
                      << "chain id: " << text(a, "/block/header/chain_id") << "\n"
                      << "proposer: " << hexOfBase64(text(a, "/block/header/proposer_address"))
                      << "\n";
            const json::array& txs = arrayAt(a, "/block/data/txs");
            std::cout << "txs: " << txs.size() << "\n";
            for (const json::value& t : txs) {
                auto bytes = t.is_string() ? fromBase64(t.get_string())
                                           : Result<Bytes>(makeError(ErrorCode::Corrupt, ""));
                if (bytes) std::cout << "  " << hexOfBase64(toBase64(sha256(*bytes))) << "\n";
            }
            std::cout << std::flush;
        });
}

struct Subcommand {
    std::string_view name;
    size_t minWords, maxWords;
    std::string_view usage;
    int (*run)(CliContext&, const Words&);
};

const Subcommand kBank[] = {
    {"balances", 1, 1, "q bank balances ADDRESS", bankBalances},
    {"total", 0, 0, "q bank total", bankTotal},
};
const Subcommand kTop[] = {
    {"account", 1, 1, "q account ADDRESS", account},
    {"tx", 1, 1, "q tx HASH", tx},
    {"block", 0, 1, "q block [HEIGHT]", block},
};

std::vector<OptionSpec> specs() {
    return withGlobalOptions(nodeOptions());
}

int runSubcommand(CliContext& ctx, ArgStream& args, const Subcommand& sub) {
    auto words = args.rest(specs(), ctx.options);
    if (!words)
        return usageError(words.message() + " (usage: allora-cli " + std::string(sub.usage) + ")");
    if (ctx.options.has("help")) {
        std::cout << kQueryHelp;
        return kExitOk;
    }
    if (words->size() < sub.minWords || words->size() > sub.maxWords)
        return usageError("usage: allora-cli " + std::string(sub.usage));
    if (auto f = ctx.output(); !f) return reportError(f.error());
    return sub.run(ctx, *words);
}

}  // namespace

std::string jsonText(const json::value& v, std::string_view pointer) {
    json::error_code ec;
    const json::value* p = v.find_pointer(pointer, ec);
    if (!p || ec) return {};
    if (p->is_string()) return std::string(p->get_string());
    if (p->is_null()) return {};
    return json::serialize(*p);
}

int fetchAndPrint(const CliContext& ctx, const std::string& path,
                  const std::function<void(const json::value&)>& printText) {
    auto node = NodeClient::fromOptions(ctx.options);
    if (!node) return reportError(node.error());
    auto answer = node->get(path);
    if (!answer) return reportError(answer.error());
    if (*ctx.output() == OutputFormat::Json)
        printJson(*answer);
    else
        printText(*answer);
    return kExitOk;
}

int runQuery(CliContext& ctx, ArgStream& args) {
    auto word = args.nextWord(specs(), ctx.options);
    if (!word) return reportError(word.error());
    if (!*word || **word == "help" || ctx.options.has("help")) {
        std::cout << kQueryHelp;
        return kExitOk;
    }
    if (**word == "bank") {
        auto sub = args.nextWord(specs(), ctx.options);
        if (!sub) return reportError(sub.error());
        for (const Subcommand& s : kBank)
            if (*sub && **sub == s.name) return runSubcommand(ctx, args, s);
        if (!*sub && ctx.options.has("help")) {
            std::cout << kQueryHelp;
            return kExitOk;
        }
        return usageError("unknown command 'q bank" + (*sub ? " " + **sub : std::string()) +
                          "' (the bank queries: balances, total; see 'allora-cli q --help')");
    }
    if (**word == "emissions") return runQueryEmissions(ctx, args);
    for (const Subcommand& s : kTop)
        if (**word == s.name) return runSubcommand(ctx, args, s);
    return usageError("unknown command 'q " + **word + "' (see 'allora-cli q --help')");
}

}  // namespace allora::cli
