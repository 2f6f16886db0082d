#include "app/cli/node_client.h"

#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <cstdlib>
#include <iostream>

#include "core/encoding.h"
#include "core/file_util.h"
#include "node/node_config.h"
#include "node/rpc/url.h"

namespace allora::cli {
namespace json = boost::json;
namespace {

constexpr std::array kNodeOptions = {
    OptionSpec{"node", true},
    OptionSpec{"chain-id", true},
    OptionSpec{"api-token-file", true},
};

// A token as api_token.h writes it is 64 hex digits; anything printable without spaces is taken
// from the environment, where the user may have another node's token format.
bool plausibleToken(std::string_view t) {
    if (t.empty() || t.size() > 1024) return false;
    for (char c : t)
        if (static_cast<unsigned char>(c) <= ' ' || static_cast<unsigned char>(c) >= 127)
            return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() &&
           (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

const json::value* member(const json::value& v, std::string_view name) {
    return v.is_object() ? v.as_object().if_contains(name) : nullptr;
}

Result<uint64_t> u64Member(const json::value& o, std::string_view name) {
    const json::value* v = member(o, name);
    if (v && v->is_string()) {
        const std::string_view s = v->get_string();
        uint64_t out = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) return out;
    }
    return makeError(ErrorCode::Corrupt,
                     "the node's account answer has no valid \"" + std::string(name) + "\"");
}

}  // namespace

void printJson(const json::value& value) {
    std::cout << json::serialize(value) << std::endl;
}

std::span<const OptionSpec> nodeOptions() {
    return kNodeOptions;
}

Result<std::string> loadApiToken(const CliContext& ctx) {
    std::filesystem::path file;
    if (auto f = ctx.options.value("api-token-file"); f && !f->empty()) {
        file = *f;
    } else if (const char* env = std::getenv("ALLORA_API_TOKEN"); env && *env) {
        const std::string_view token = trim(env);
        if (!plausibleToken(token))
            return makeError(ErrorCode::InvalidArgument,
                             "ALLORA_API_TOKEN does not hold an API token");
        return std::string(token);
    } else {
        file = node::NodeHome{ctx.home()}.apiTokenFile();
    }
    auto bytes = readFile(file, 4096);
    if (!bytes) {
        if (bytes.code() == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound,
                             "no API token at " + file.string() +
                                 ": sending a tx needs the node's token (allorad writes it to "
                                 "HOME/config/api_token when it starts); pass the node's --home, "
                                 "--api-token-file FILE, or set ALLORA_API_TOKEN");
        return bytes.error();
    }
    std::string text(bytes->begin(), bytes->end());
    secureWipe(*bytes);
    const std::string token(trim(text));
    secureWipe(text);
    if (!plausibleToken(token))
        return makeError(ErrorCode::Corrupt,
                         "the API token file " + file.string() + " does not hold a token");
    return token;
}

Result<AccountInfo> parseAccountJson(const json::value& answer) {
    const json::value* account = member(answer, "account");
    if (!account || !account->is_object())
        return makeError(ErrorCode::Corrupt, "the node's account answer has no \"account\"");
    // Vesting accounts nest the base account (the SDK's shape).
    const json::value* base = account;
    if (const json::value* bva = member(*account, "base_vesting_account"))
        base = member(*bva, "base_account");
    if (!base || !base->is_object())
        return makeError(ErrorCode::Corrupt, "the node's account answer has no base account");
    AccountInfo info;
    const json::value* address = member(*base, "address");
    if (!address || !address->is_string())
        return makeError(ErrorCode::Corrupt, "the node's account answer has no address");
    info.address = std::string(address->get_string());
    auto number = u64Member(*base, "account_number");
    if (!number) return number.error();
    info.accountNumber = *number;
    auto sequence = u64Member(*base, "sequence");
    if (!sequence) return sequence.error();
    info.sequence = *sequence;
    if (const json::value* pub = member(*base, "pub_key"); pub && !pub->is_null()) {
        const json::value* key = member(*pub, "key");
        auto bytes = key && key->is_string() ? fromBase64(key->get_string())
                                             : Result<Bytes>(makeError(ErrorCode::Corrupt, ""));
        if (!bytes || bytes->size() != 33)
            return makeError(ErrorCode::Corrupt, "the node's account answer has a bad pub_key");
        info.publicKey = std::move(*bytes);
    }
    return info;
}

Result<NodeClient> NodeClient::fromOptions(const Options& options) {
    std::string url = options.value("node").value_or(std::string(kDefaultNodeUrl));
    while (url.size() > 1 && url.back() == '/') url.pop_back();
    auto parsed = node::rpc::parseHttpUrl(url);
    if (!parsed)
        return makeError(ErrorCode::InvalidArgument,
                         "invalid --node URL '" + url + "': " + parsed.message());
    if (parsed->target.find('?') != std::string::npos)
        return makeError(ErrorCode::InvalidArgument,
                         "invalid --node URL '" + url + "': it must not have a query");
    return NodeClient(std::move(url));
}

Result<node::rpc::HttpResponse> NodeClient::send(std::string_view method, std::string_view path,
                                                 std::string_view body,
                                                 const node::rpc::HttpHeaders& headers) const {
    node::rpc::HttpClient client;
    auto r = client.request(method, url_ + std::string(path), body, headers);
    if (r || r.code() != ErrorCode::Io) return r;
    // The client's message names the origin and why ("cannot connect to node at X: connection
    // refused — is allorad running?"); keep the why, say it once, the way the CLI says it.
    std::string why = r.message();
    if (const size_t colon = why.find(": "); colon != std::string::npos)
        why = why.substr(colon + 2);
    if (const size_t dash = why.find(" — "); dash != std::string::npos) why.resize(dash);
    return makeError(ErrorCode::Io,
                     "cannot reach the node at " + url_ + ": " + why + " (is allorad running?)");
}

Result<json::value> NodeClient::parseAnswer(const node::rpc::HttpResponse& r,
                                            std::string_view path) const {
    if (!r.ok()) {
        // Only what may pass by itself is Io (callers retry it): a node restarting or overloaded
        // (5xx), a timeout or the rate limit. A refused token or a refused request stays refused:
        // retrying it would loop forever.
        if (r.status == 404) return makeError(ErrorCode::NotFound, r.errorMessage());
        if (r.status == 401 || r.status == 403)
            return makeError(ErrorCode::WrongPassword,
                             "the node refused the API token (" + r.errorMessage() +
                                 "); use the token of the node at " + url_ +
                                 " (--home, --api-token-file or ALLORA_API_TOKEN)");
        if (r.status >= 500 || r.status == 408 || r.status == 429)
            return makeError(ErrorCode::Io, r.errorMessage());
        return makeError(ErrorCode::Unsupported,
                         "the node refused the request to " + std::string(path) + " (HTTP " +
                             std::to_string(r.status) + "): " + r.errorMessage());
    }
    json::error_code ec;
    json::value v = json::parse(r.body, ec);
    if (ec)
        return makeError(ErrorCode::Corrupt,
                         "the node's answer to " + std::string(path) + " is not JSON");
    return v;
}

Result<json::value> NodeClient::get(std::string_view path) const {
    auto r = send("GET", path, {}, {});
    if (!r) return r.error();
    return parseAnswer(*r, path);
}

Result<std::optional<json::value>> NodeClient::find(std::string_view path) const {
    auto r = send("GET", path, {}, {});
    if (!r) return r.error();
    if (r->status == 404) return std::optional<json::value>();
    auto v = parseAnswer(*r, path);
    if (!v) return v.error();
    return std::optional<json::value>(std::move(*v));
}

Result<json::value> NodeClient::broadcast(ByteSpan txRaw, const std::string& apiToken) const {
    json::object body;
    body["tx_bytes"] = toBase64(txRaw);
    body["mode"] = "BROADCAST_MODE_SYNC";
    constexpr std::string_view path = "/cosmos/tx/v1beta1/txs";
    auto r = send("POST", path, json::serialize(body), {{"Authorization", "Bearer " + apiToken}});
    if (!r) return r.error();
    auto v = parseAnswer(*r, path);
    if (!v) return v.error();
    const json::value* resp = member(*v, "tx_response");
    if (!resp || !member(*resp, "code") || !member(*resp, "txhash"))
        return makeError(ErrorCode::Corrupt, "the node's broadcast answer has no tx_response");
    return v;
}

Result<std::optional<AccountInfo>> NodeClient::account(std::string_view address) const {
    auto answer = find("/cosmos/auth/v1beta1/accounts/" + node::rpc::percentEncode(address));
    if (!answer) return answer.error();
    if (!*answer) return std::optional<AccountInfo>();
    auto info = parseAccountJson(**answer);
    if (!info) return info.error();
    return std::optional<AccountInfo>(std::move(*info));
}

Result<std::string> NodeClient::chainId() const {
    auto status = get("/status");
    if (!status) return status.error();
    const json::value* info = member(*status, "node_info");
    const json::value* network = info ? member(*info, "network") : nullptr;
    if (!network || !network->is_string() || network->get_string().empty())
        return makeError(ErrorCode::Corrupt, "the node's /status has no node_info.network");
    return std::string(network->get_string());
}

Result<std::string> NodeClient::minimumGasPrice() const {
    auto config = get("/cosmos/base/node/v1beta1/config");
    if (!config) return config.error();
    const json::value* price = member(*config, "minimum_gas_price");
    if (!price || !price->is_string())
        return makeError(ErrorCode::Corrupt, "the node's config has no minimum_gas_price");
    // A DecCoins string: "10uallo", "0.025000000000000000uallo", several joined by ',' or
    // nothing at all (no minimum).
    std::string_view all = price->get_string();
    if (all.empty()) return std::string("0");
    while (!all.empty()) {
        const size_t comma = all.find(',');
        const std::string_view one = all.substr(0, comma);
        if (one.size() > 5 && one.substr(one.size() - 5) == "uallo")
            return std::string(one.substr(0, one.size() - 5));
        if (comma == std::string_view::npos) break;
        all.remove_prefix(comma + 1);
    }
    return makeError(ErrorCode::Corrupt, "the node's minimum gas price \"" +
                                             std::string(price->get_string()) +
                                             "\" has no uallo price");
}

}  // namespace allora::cli
