#include "node/node_config.h"

#include <boost/json.hpp>

#include <cctype>
#include <limits>
#include <map>
#include <set>

#include "core/file_util.h"

namespace allora::node {
namespace json = boost::json;
namespace {

constexpr size_t kMaxConfigFile = 1024 * 1024;

Error invalid(const std::string& field, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument, "config: '" + field + "' " + what);
}

// Reads one field of an object into `out` if present, checking its JSON type and range.
template <typename T>
Status readUnsigned(const json::object& obj, const char* key, T& out) {
    const json::value* v = obj.if_contains(key);
    if (!v) return {};
    uint64_t n = 0;
    if (v->is_uint64()) {
        n = v->as_uint64();
    } else if (v->is_int64() && v->as_int64() >= 0) {
        n = static_cast<uint64_t>(v->as_int64());
    } else {
        return invalid(key, "must be a non-negative integer");
    }
    if (n > std::numeric_limits<T>::max()) return invalid(key, "is too large");
    out = static_cast<T>(n);
    return {};
}

Status readString(const json::object& obj, const char* key, std::string& out) {
    const json::value* v = obj.if_contains(key);
    if (!v) return {};
    if (!v->is_string()) return invalid(key, "must be a string");
    out = std::string(v->as_string());
    return {};
}

Status readBool(const json::object& obj, const char* key, bool& out) {
    const json::value* v = obj.if_contains(key);
    if (!v) return {};
    if (!v->is_bool()) return invalid(key, "must be true or false");
    out = v->as_bool();
    return {};
}

Status readMillis(const json::object& obj, const char* key, std::chrono::milliseconds& out) {
    uint64_t ms = static_cast<uint64_t>(out.count());
    if (Status s = readUnsigned(obj, key, ms); !s) return s;
    out = std::chrono::milliseconds(static_cast<int64_t>(ms));
    return {};
}

}  // namespace

Status NodeConfig::validate() const {
    if (moniker.empty() || moniker.size() > 70)
        return invalid("moniker", "must be 1 to 70 characters");
    if (chainId.empty() || chainId.size() > 50)
        return invalid("chain_id", "must be 1 to 50 characters");
    for (char c : chainId)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return invalid("chain_id", "may hold only letters, digits, '-', '_' and '.'");
    if (apiAddress.empty()) return invalid("api.address", "must not be empty");
    if (apiMaxBodyBytes < 1024) return invalid("api.max_body_bytes", "must be at least 1024");
    if (apiRequestsPerSecond == 0) return invalid("api.requests_per_second", "must be at least 1");
    if (blockTime < std::chrono::milliseconds(10) || blockTime > std::chrono::hours(1))
        return invalid("consensus.block_time_ms", "must be between 10 ms and one hour");
    if (emptyBlockInterval.count() < 0)
        return invalid("consensus.empty_block_interval_ms", "must not be negative");
    if (mempoolMaxTxs == 0) return invalid("mempool.max_txs", "must be at least 1");
    if (mempoolMaxBytes < 1024) return invalid("mempool.max_bytes", "must be at least 1024");
    static const std::set<std::string> kLevels = {"debug", "info", "warn", "error"};
    if (!kLevels.count(logLevel))
        return invalid("log_level", "must be one of debug, info, warn, error");
    return {};
}

std::string nodeConfigToJson(const NodeConfig& c) {
    json::object api{{"address", c.apiAddress},
                     {"port", c.apiPort},
                     {"max_body_bytes", c.apiMaxBodyBytes},
                     {"requests_per_second", c.apiRequestsPerSecond}};
    json::object consensus{{"block_time_ms", c.blockTime.count()},
                           {"create_empty_blocks", c.createEmptyBlocks},
                           {"empty_block_interval_ms", c.emptyBlockInterval.count()}};
    json::object mempool{{"max_txs", c.mempoolMaxTxs},
                         {"max_bytes", c.mempoolMaxBytes},
                         {"cache_size", c.mempoolCacheSize},
                         {"ttl_blocks", c.mempoolTtlBlocks}};
    json::object root{{"moniker", c.moniker},
                      {"chain_id", c.chainId},
                      {"log_level", c.logLevel},
                      {"api", std::move(api)},
                      {"consensus", std::move(consensus)},
                      {"mempool", std::move(mempool)}};
    return json::serialize(root) + "\n";
}

Result<NodeConfig> nodeConfigFromJson(std::string_view text) {
    json::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec) return makeError(ErrorCode::Corrupt, "config: not valid JSON: " + ec.message());
    if (!doc.is_object()) return makeError(ErrorCode::Corrupt, "config: must be a JSON object");
    const json::object& root = doc.as_object();

    // Unknown keys are errors: a misspelt setting silently ignored is worse than a refusal.
    const std::map<std::string, std::set<std::string>> known = {
        {"", {"moniker", "chain_id", "log_level", "api", "consensus", "mempool"}},
        {"api", {"address", "port", "max_body_bytes", "requests_per_second"}},
        {"consensus", {"block_time_ms", "create_empty_blocks", "empty_block_interval_ms"}},
        {"mempool", {"max_txs", "max_bytes", "cache_size", "ttl_blocks"}},
    };
    for (const auto& kv : root)
        if (!known.at("").count(std::string(kv.key())))
            return invalid(std::string(kv.key()), "is not a known setting");

    NodeConfig c;
    const auto section = [&](const char* name) -> Result<const json::object*> {
        static const json::object kEmpty;
        const json::value* v = root.if_contains(name);
        if (!v) return &kEmpty;
        if (!v->is_object()) return invalid(name, "must be an object");
        for (const auto& kv : v->as_object())
            if (!known.at(name).count(std::string(kv.key())))
                return invalid(std::string(name) + "." + std::string(kv.key()),
                               "is not a known setting");
        return &v->as_object();
    };
    Status s;
    if (!(s = readString(root, "moniker", c.moniker))) return s.error();
    if (!(s = readString(root, "chain_id", c.chainId))) return s.error();
    if (!(s = readString(root, "log_level", c.logLevel))) return s.error();

    auto api = section("api");
    if (!api) return api.error();
    if (!(s = readString(**api, "address", c.apiAddress))) return s.error();
    if (!(s = readUnsigned(**api, "port", c.apiPort))) return s.error();
    if (!(s = readUnsigned(**api, "max_body_bytes", c.apiMaxBodyBytes))) return s.error();
    if (!(s = readUnsigned(**api, "requests_per_second", c.apiRequestsPerSecond))) return s.error();

    auto cons = section("consensus");
    if (!cons) return cons.error();
    if (!(s = readMillis(**cons, "block_time_ms", c.blockTime))) return s.error();
    if (!(s = readBool(**cons, "create_empty_blocks", c.createEmptyBlocks))) return s.error();
    if (!(s = readMillis(**cons, "empty_block_interval_ms", c.emptyBlockInterval)))
        return s.error();

    auto mem = section("mempool");
    if (!mem) return mem.error();
    if (!(s = readUnsigned(**mem, "max_txs", c.mempoolMaxTxs))) return s.error();
    if (!(s = readUnsigned(**mem, "max_bytes", c.mempoolMaxBytes))) return s.error();
    if (!(s = readUnsigned(**mem, "cache_size", c.mempoolCacheSize))) return s.error();
    if (!(s = readUnsigned(**mem, "ttl_blocks", c.mempoolTtlBlocks))) return s.error();

    if (Status v = c.validate(); !v) return v.error();
    return c;
}

Result<NodeConfig> loadNodeConfig(const std::filesystem::path& file) {
    auto bytes = readFile(file, kMaxConfigFile);
    if (!bytes) {
        if (bytes.code() == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound, "no configuration at " + file.string() +
                                                      " (run 'allorad init' first)");
        return bytes.error();
    }
    auto config = nodeConfigFromJson(
        std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
    if (!config) return makeError(config.code(), file.string() + ": " + config.message());
    return config;
}

Status saveNodeConfig(const std::filesystem::path& file, const NodeConfig& config) {
    if (Status s = config.validate(); !s) return s;
    const std::string text = nodeConfigToJson(config);
    return writeFileAtomic(file, asBytes(text));
}

}  // namespace allora::node
