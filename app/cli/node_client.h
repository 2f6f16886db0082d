// allora-cli's view of a running node: the LCD routes (node/api/lcd_routes.h) over HTTP
// (node/rpc/http_client.h), with typed answers for what the commands need to build a tx and the
// raw JSON for `--output json`.
//
// Failures, as one line a person can act on:
//   - the node cannot be reached: Io "cannot reach the node at URL: WHY (is allorad running?)";
//   - the node answered with an error: its gateway message; NotFound for 404, Io otherwise
//     (a 4xx here is about the node's state, e.g. a height beyond the tip, not about the command
//     line, which the commands check before asking: exit 1, not 2);
//   - an answer that is not the JSON the route promises: Corrupt.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "app/cli/cli_args.h"
#include "app/cli/cli_context.h"
#include "core/bytes.h"
#include "core/result.h"
#include "node/rpc/http_client.h"

namespace allora::cli {

constexpr std::string_view kDefaultNodeUrl = "http://127.0.0.1:1317";

// --node URL, --chain-id ID, --api-token-file FILE: the flags of every command that talks to a
// node (tx, q, status), on top of the global ones.
std::span<const OptionSpec> nodeOptions();

// The API token for write routes: --api-token-file FILE, else $ALLORA_API_TOKEN, else the node
// home's HOME/config/api_token (--home, the same default home allorad uses). Never created here:
// a missing file means the node at that home has not started yet, or another home was meant.
Result<std::string> loadApiToken(const CliContext& ctx);

// An account as GET /cosmos/auth/v1beta1/accounts answers it (vesting accounts included).
struct AccountInfo {
    std::string address;
    uint64_t accountNumber = 0;
    uint64_t sequence = 0;
    std::optional<Bytes> publicKey;  // 33-byte secp256k1 key, once the account has signed
};
// Reads the "account" object of that answer; Corrupt when it is not one.
Result<AccountInfo> parseAccountJson(const boost::json::value& answer);

// Prints a node's JSON answer on stdout, one line (what --output json shows).
void printJson(const boost::json::value& value);

class NodeClient {
public:
    // --node (default kDefaultNodeUrl); an invalid URL is InvalidArgument (exit 2).
    static Result<NodeClient> fromOptions(const Options& options);

    const std::string& url() const { return url_; }

    // GET `path` (e.g. "/status"): the JSON of a 2xx answer, else an error (see above).
    Result<boost::json::value> get(std::string_view path) const;
    // GET that tells "not there" (404) apart from failures: nullopt for 404.
    Result<std::optional<boost::json::value>> find(std::string_view path) const;
    // POST /cosmos/tx/v1beta1/txs in BROADCAST_MODE_SYNC with the token: the whole answer,
    // {"tx_response": {...}} (a CheckTx rejection is a successful call with a nonzero code).
    Result<boost::json::value> broadcast(ByteSpan txRaw, const std::string& apiToken) const;

    // nullopt when the node has no such account (it has never received tokens).
    Result<std::optional<AccountInfo>> account(std::string_view address) const;
    // node_info.network of GET /status.
    Result<std::string> chainId() const;
    // GET /cosmos/base/node/v1beta1/config's minimum_gas_price without its denom: "10", "0.025".
    Result<std::string> minimumGasPrice() const;

private:
    explicit NodeClient(std::string url) : url_(std::move(url)) {}
    Result<node::rpc::HttpResponse> send(std::string_view method, std::string_view path,
                                         std::string_view body,
                                         const node::rpc::HttpHeaders& headers) const;
    Result<boost::json::value> parseAnswer(const node::rpc::HttpResponse& r,
                                           std::string_view path) const;

    std::string url_;  // without a trailing '/'
};

}  // namespace allora::cli
