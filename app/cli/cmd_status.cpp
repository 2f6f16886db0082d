// allora-cli status: what the node says about itself (GET /status, CometBFT's shape).
#include <boost/json.hpp>
#include <iostream>

#include "app/cli/cmd_query.h"
#include "app/cli/node_client.h"

namespace allora::cli {
namespace json = boost::json;
namespace {

constexpr std::string_view kStatusHelp =
    R"(Usage: allora-cli status [--node URL] [--output text|json]

Show the node's status: its chain, latest block, whether it is catching up, its validator and
its mempool. --output json prints the API's GET /status answer unchanged.
)";

std::string field(const json::value& v, std::string_view pointer) {
    json::error_code ec;
    const json::value* p = v.find_pointer(pointer, ec);
    if (!p || ec || p->is_null()) return {};
    if (p->is_string()) return std::string(p->get_string());
    return json::serialize(*p);
}

}  // namespace

int runStatus(CliContext& ctx, ArgStream& args) {
    auto words = args.rest(withGlobalOptions(nodeOptions()), ctx.options);
    if (!words) return usageError(words.message() + " (usage: allora-cli status)");
    if (ctx.options.has("help")) {
        std::cout << kStatusHelp;
        return kExitOk;
    }
    if (!words->empty()) return usageError("usage: allora-cli status (it takes no arguments)");
    auto format = ctx.output();
    if (!format) return reportError(format.error());
    auto node = NodeClient::fromOptions(ctx.options);
    if (!node) return reportError(node.error());
    auto s = node->get("/status");
    if (!s) return reportError(s.error());
    if (*format == OutputFormat::Json) {
        printJson(*s);
        return kExitOk;
    }
    const std::string height = field(*s, "/sync_info/latest_block_height");
    std::cout << "node: " << node->url() << "\n"
              << "moniker: " << field(*s, "/node_info/moniker") << "\n"
              << "network: " << field(*s, "/node_info/network") << "\n"
              << "version: " << field(*s, "/node_info/version") << "\n"
              << "engine: " << field(*s, "/engine") << "\n";
    if (height == "0" || height.empty()) {
        std::cout << "latest block: none yet\n";
    } else {
        std::cout << "latest block: " << height << " at "
                  << field(*s, "/sync_info/latest_block_time") << "\n"
                  << "latest block hash: " << field(*s, "/sync_info/latest_block_hash") << "\n"
                  << "earliest block: " << field(*s, "/sync_info/earliest_block_height") << "\n";
    }
    std::cout << "app hash: " << field(*s, "/sync_info/latest_app_hash") << "\n"
              << "catching up: " << (field(*s, "/sync_info/catching_up") == "true" ? "yes" : "no")
              << "\n";
    if (const std::string v = field(*s, "/validator_info/address"); !v.empty())
        std::cout << "validator: " << v << " (voting power "
                  << field(*s, "/validator_info/voting_power") << ")\n";
    std::cout << "mempool: " << field(*s, "/mempool/txs") << " txs, " << field(*s, "/mempool/bytes")
              << " bytes" << std::endl;
    return kExitOk;
}

}  // namespace allora::cli
