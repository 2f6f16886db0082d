// The consensus engine interface (DESIGN.md: node/consensus; PROTOCOL.md §4).
//
// An engine decides blocks and applies them to the Application, in order, one at a time. Engines:
// SoloEngine (the node is the only validator of a devnet) and, later, the Tendermint BFT engine,
// behind this same interface so that the node, the RPC server and the UI do not care which runs.
//
// Threading. An engine owns the apply strand: one thread of its own on which blocks are
// proposed/received, finalized and committed, strictly in height order. The Application is shared
// with the mempool (CheckTx from RPC threads) under the mempool's application lock
// (Mempool::lockApplication): the engine holds it for a whole block, from PrepareProposal through
// Commit to the mempool's update, so CheckTx runs between blocks and never sees half of one.
// start(), stop(), height() and subscribe*() may be called from any thread.
//
// Events. subscribeBlocks() returns a handle whose destruction unsubscribes (and waits for a call
// in progress to that callback to return). Callbacks run on the engine's thread after the block is
// committed and the application lock is released: they may call Mempool::checkTx, but must be
// quick (the UI queues them to its own thread) and must neither call stop() nor destroy their
// own handle.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/bytes.h"
#include "core/hash.h"
#include "core/result.h"
#include "node/chain/abci_types.h"

namespace allora::node::consensus {

// A block as applied: what the node, the RPC server and the UI hear about.
struct CommittedBlock {
    uint64_t height = 0;
    Hash256 hash{};             // the block hash: SHA-256 of the encoded header
    int64_t timeUnixNanos = 0;  // header time
    Hash256 appHash{};          // state root after this block (appears in the next header)
    Bytes proposerAddress;
    std::vector<Hash256> txHashes;    // SHA-256 of each tx, block order
    std::vector<TxResult> txResults;  // one per tx, same order
    std::vector<Event> events;        // begin/end-block events
};

// Reads the block stored at a height from the node's block store (the chain keeps the block bytes
// it got in FinalizeBlockRequest::blockBytes); nullopt if there is none. Used by the handshake on
// start to resume the chain from the application's last commit.
using BlockLoader = std::function<Result<std::optional<Bytes>>(uint64_t height)>;

// Destroying it unsubscribes.
class Subscription {
public:
    virtual ~Subscription() = default;
};

class Engine {
public:
    using BlockCallback = std::function<void(const CommittedBlock&)>;

    virtual ~Engine() = default;

    // Runs the Info handshake with the application (resuming after the last committed height) and
    // starts the engine's thread. Fails, without starting, if the app and the block store disagree.
    virtual Status start() = 0;
    // Finishes the block in progress, if any, then stops the thread and returns. Idempotent.
    virtual void stop() = 0;
    virtual bool running() const = 0;

    // Height of the last committed block (0 before the first).
    virtual uint64_t height() const = 0;
    // Hash of the last committed block (all zero before the first).
    virtual Hash256 lastBlockHash() const = 0;
    // Why the engine stopped by itself (a failing FinalizeBlock or Commit halts it, as CometBFT
    // halts: continuing on an uncertain state would fork), or nullopt.
    virtual std::optional<Error> failure() const = 0;

    [[nodiscard]] virtual std::unique_ptr<Subscription> subscribeBlocks(BlockCallback callback) = 0;
};

}  // namespace allora::node::consensus
