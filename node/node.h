// Node: one running node, composed from its parts (the composition root of node/, shared by
// allorad and allora-qt's in-process node).
//
//   NodeHome (config.json, genesis.json, data/node.sqlite)
//     └─ Database ── ChainApp (state, modules, block store)
//                      ├─ Mempool (CheckTx; owns the application lock)
//                      ├─ SoloEngine (apply strand: proposes and commits blocks)
//                      └─ HttpServer (LCD routes over NodeApi; queries under the application lock)
//
// Open applies the genesis on first start and checks, on every start, that the home is coherent
// (the chain id of config, genesis and database agree; the validator key is the genesis
// validator). A node whose genesis is applied may also be opened without its validator key: it
// then answers queries (the state as last committed) but produces no blocks until
// setValidatorKey() and start(); allora-qt shows the wallet's balances that way while the key's
// Argon2id runs. Start runs the Info handshake (replaying nothing: state and blocks commit
// together, so the handshake only checks they agree) and starts the engine, then the API.
//
// Shutdown order (DESIGN.md: Threads): stop the API (no new requests; in-flight ones answered),
// stop the engine (the block in progress finishes and commits), then the destructor closes the
// mempool, the app and the database in reverse order of construction.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/ed25519.h"
#include "core/log.h"
#include "core/result.h"
#include "core/sqlite.h"
#include "node/api/node_api.h"
#include "node/chain/genesis.h"
#include "node/consensus/engine.h"
#include "node/node_config.h"

namespace allora::node {

class ChainApp;
class Mempool;
namespace consensus {
class SoloEngine;
}
namespace rpc {
class HttpServer;
}

struct NodeOptions {
    NodeHome home;
    NodeConfig config;
    // The solo engine signs with it; must be the genesis validator. May be left empty (no secret
    // key) to open a node whose genesis is applied for queries only (Node::setValidatorKey).
    ed25519::KeyPair validatorKey;
    LogSink log;
    bool serveApi = true;
    // Overrides config.apiPort (tests use 0 for an ephemeral port).
    std::optional<uint16_t> apiPort;
};

class Node final : public api::NodeApi {
public:
    // Opens the database and the chain, applying genesis.json when the database is new.
    // Without a validator key: NotFound when the genesis is not applied yet (the first start
    // needs the key), else a node that answers queries until setValidatorKey() and start().
    static Result<std::unique_ptr<Node>> open(NodeOptions options);
    // For a node opened without its key: checks that `key` is the genesis validator and prepares
    // the engine with it. AlreadyExists when the node has its key.
    Status setValidatorKey(ed25519::KeyPair key);
    bool hasValidatorKey() const { return engine_ != nullptr; }
    ~Node() override;  // stop()
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    // Starts the engine and the API. Fails (and leaves nothing running) when the handshake finds
    // the store inconsistent, the API address is taken or the node has no validator key.
    Status start();
    // Graceful shutdown in the order of the header comment; idempotent.
    void stop();

    // The engine's committed height, hash and failure (an engine that halts stops producing
    // blocks; allorad then exits with an error). Only once the node has its validator key.
    consensus::Engine& engine();
    const std::string& chainId() const;
    // The API's base URL ("http://127.0.0.1:1317"), empty when it is not served.
    std::string apiUrl() const;
    std::string apiToken() const { return apiToken_; }

    // NodeApi
    QueryResponse query(const QueryRequest& request) override;
    CheckTxResult broadcastTxSync(ByteSpan txRaw) override;
    api::NodeStatus status() override;

private:
    explicit Node(NodeOptions options);
    Status openChain();
    Status checkValidatorKey(const ed25519::PubKey& key) const;
    void createEngine();
    void log(LogLevel level, std::string_view component, std::string_view message) const;

    NodeOptions options_;
    Genesis genesis_;
    std::string apiToken_;
    // Construction order = reverse destruction order: the database outlives everything on it.
    std::unique_ptr<Database> db_;
    std::unique_ptr<ChainApp> app_;
    std::unique_ptr<Mempool> mempool_;
    std::unique_ptr<consensus::SoloEngine> engine_;
    std::unique_ptr<rpc::HttpServer> http_;
    std::atomic<bool> stopped_{false};
};

// Reads and validates HOME/config/genesis.json.
Result<Genesis> loadGenesis(const NodeHome& home);

}  // namespace allora::node
