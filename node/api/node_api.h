// NodeApi: what a running node offers to the code that serves it (the HTTP API, the desktop app).
//
// The HTTP routes (lcd_routes.h) and the UI see the node only through this interface and the plain
// structs of node/chain/abci_types.h, never the Node class, the chain or its modules. Every call is
// thread-safe and may block briefly (a query waits for the block being applied to finish), so the
// UI calls it from a worker thread and the HTTP server from its blocking pool.
#pragma once

#include <cstdint>
#include <string>

#include "core/bytes.h"
#include "core/hash.h"
#include "node/chain/abci_types.h"

namespace allora::node::api {

// A snapshot of the node for `GET /status`, `allorad status` and the desktop's node page.
struct NodeStatus {
    std::string moniker;
    std::string chainId;
    std::string version;          // the node software version
    std::string engine;           // consensus engine: "solo" (later "tendermint")
    uint64_t earliestHeight = 0;  // first height the block store holds
    uint64_t latestHeight = 0;    // last committed height, 0 before the first block
    Hash256 latestBlockHash{};
    Hash256 latestAppHash{};
    int64_t latestBlockTimeUnixNanos = 0;
    bool catchingUp = false;
    Bytes validatorAddress;  // 20-byte consensus address; empty when this node does not validate
    Bytes validatorPubKey;   // 32-byte Ed25519
    int64_t votingPower = 0;
    uint64_t mempoolTxs = 0;
    uint64_t mempoolBytes = 0;
    std::string apiListenAddress;  // "127.0.0.1:1317"
};

class NodeApi {
public:
    virtual ~NodeApi() = default;

    // A read-only query against the last committed state (paths: node/chain/chain_query.h).
    virtual QueryResponse query(const QueryRequest& request) = 0;

    // BROADCAST_MODE_SYNC: runs CheckTx and, when it passes, keeps the tx in the mempool for the
    // next block. The result is CheckTx's (code 0 = accepted, not yet committed).
    virtual CheckTxResult broadcastTxSync(ByteSpan txRaw) = 0;

    virtual NodeStatus status() = 0;
};

}  // namespace allora::node::api
