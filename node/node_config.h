// The node's configuration: HOME/config/config.json, written by `allorad init` and read at start.
//
// Everything here is local to this machine (where to listen, how often to propose on a devnet, how
// big the mempool may grow); nothing here is consensus state. Chain parameters live in genesis and
// then in the chain's state, never in this file.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/result.h"

namespace allora::node {

struct NodeConfig {
    std::string moniker = "allora-node";
    std::string chainId;

    // HTTP API (LCD-style routes). Loopback by default: exposing it is a decision for the user.
    std::string apiAddress = "127.0.0.1";
    uint16_t apiPort = 1317;
    uint32_t apiMaxBodyBytes = 1024 * 1024;
    uint32_t apiRequestsPerSecond = 200;

    // Solo engine (single-validator devnet).
    std::chrono::milliseconds blockTime{1000};
    bool createEmptyBlocks = true;
    std::chrono::milliseconds emptyBlockInterval{0};  // 0: every blockTime

    // Mempool limits.
    uint32_t mempoolMaxTxs = 5000;
    uint64_t mempoolMaxBytes = 64ull * 1024 * 1024;
    uint32_t mempoolCacheSize = 10000;
    uint64_t mempoolTtlBlocks = 0;  // 0: never expire by height

    // "debug" | "info" | "warn" | "error"
    std::string logLevel = "info";

    // Checks ranges and formats; the message names the field and says what is allowed.
    Status validate() const;
};

// The files under a node home, in one place so no one spells a path twice.
struct NodeHome {
    std::filesystem::path root;

    std::filesystem::path configDir() const { return root / "config"; }
    std::filesystem::path dataDir() const { return root / "data"; }
    std::filesystem::path configFile() const { return configDir() / "config.json"; }
    std::filesystem::path genesisFile() const { return configDir() / "genesis.json"; }
    std::filesystem::path apiTokenFile() const { return configDir() / "api_token"; }
    std::filesystem::path validatorKeyFile() const {
        return configDir() / "priv_validator_key.json";
    }
    std::filesystem::path databaseFile() const { return dataDir() / "node.sqlite"; }
};

// Reads and validates config.json. Unknown keys are an error (a typo must not be ignored); missing
// keys take their defaults.
Result<NodeConfig> loadNodeConfig(const std::filesystem::path& file);
// Writes config.json atomically (0600).
Status saveNodeConfig(const std::filesystem::path& file, const NodeConfig& config);
// The JSON text of a config, as saveNodeConfig writes it.
std::string nodeConfigToJson(const NodeConfig& config);
Result<NodeConfig> nodeConfigFromJson(std::string_view json);

}  // namespace allora::node
