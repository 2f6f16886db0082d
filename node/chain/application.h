// The chain application, shaped like ABCI++ but called in process (DESIGN.md: node/chain).
//
// The consensus engine drives it: PrepareProposal/ProcessProposal while deciding a block,
// FinalizeBlock to execute it, Commit to persist it (state, block record and app hash in one SQLite
// transaction). The mempool calls CheckTx; the HTTP API calls Query and Info. Calls are serialised
// by the caller: one apply strand owns the Application (DESIGN.md: Threads); CheckTx and Query run
// against the last committed state and may run on that strand between blocks.
#pragma once

#include <span>

#include "core/result.h"
#include "node/chain/abci_types.h"

namespace allora::node {

class Application {
public:
    virtual ~Application() = default;

    // Height and app hash of the last commit: after a crash the engine replays from here.
    virtual InfoResponse info() const = 0;

    // Stateless and stateful checks of one tx (decode, size, signature, chain id, account number,
    // sequence, fee >= min gas price x gas) against the mempool's view of the state. A Recheck
    // (the mempool after a block) gives the verdict only: its result carries no events.
    virtual CheckTxResult checkTx(ByteSpan tx, CheckTxMode mode) = 0;

    // The proposer picks txs in order up to maxBytes; the others check the block is valid.
    virtual std::vector<Bytes> prepareProposal(std::span<const Bytes> txs, uint64_t maxBytes) = 0;
    virtual bool processProposal(const FinalizeBlockRequest& block) = 0;

    // Executes a block. Deterministic: the same request on the same state gives the same response
    // and app hash on every machine. Nothing is persisted until commit().
    virtual Result<FinalizeBlockResponse> finalizeBlock(const FinalizeBlockRequest& block) = 0;
    // Persists the finalized block's state (and whatever the block store adds in the same
    // transaction) and makes it the base for checkTx and query.
    virtual Status commit() = 0;

    virtual QueryResponse query(const QueryRequest& request) const = 0;
};

}  // namespace allora::node
