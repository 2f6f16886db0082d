// ChainApp: the Application (application.h) of the Allora chain: genesis, check state, block
// execution, commit and queries over the auth and bank modules, with a message router and block
// hooks through which later modules (staking, mint, emissions) plug in.
//
// State flow:
//   committed StateStore ──┬── checkState_ (overlay): checkTx; sequences advance here so several
//                          │   txs of one account pass between blocks; rebuilt at every commit
//                          └── blockState_ (overlay): finalizeBlock; per tx a child overlay for
//                              the ante step and one for the messages, each merged or dropped
// finalizeBlock ends by writing blockState_ and the block store rows inside a SQLite transaction
// it keeps open (that is how the app hash is computed); commit() commits it, so state, block and
// app hash become durable together (WAL with synchronous=FULL: durable when commit() returns).
// Between the two calls, queries and checkTx on the same connection see the pending block; the
// caller runs finalizeBlock and commit back to back on its apply strand (DESIGN.md: Threads).
//
// Caches (none of them can change a result; see each one's comment): the store's read cache of
// committed values (state_store.h), decoded txs by their bytes (decoded_tx_cache.h), verified
// signatures and checked public keys (ante.h), and the genesis flag and committed height.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/sqlite.h"
#include "node/chain/ante.h"
#include "node/chain/application.h"
#include "node/chain/block_store.h"
#include "node/chain/decoded_tx_cache.h"
#include "node/chain/genesis.h"
#include "node/modules/auth/auth_keeper.h"
#include "node/modules/bank/bank_keeper.h"
#include "node/modules/block_hooks.h"
#include "node/modules/msg_router.h"
#include "node/state/state_store.h"
#include "node/state/wal_checkpointer.h"

namespace allora::node {

class ChainApp final : public Application {
public:
    struct Options {
        std::string version = "0.1.0";
        // Copy the SQLite WAL back into the database file on a thread of its own (see
        // node/state/wal_checkpointer.h) instead of inside commit(). Only for a database file.
        bool backgroundCheckpoints = true;
    };

    // Opens the state and block store on `db` (which must outlive the app and stay where it is)
    // and registers the bank messages.
    static Result<std::unique_ptr<ChainApp>> open(Database& db, Options options);
    static Result<std::unique_ptr<ChainApp>> open(Database& db) { return open(db, Options{}); }
    ~ChainApp() override;

    // Applies a validated genesis and commits it at height initial_height − 1; returns its app
    // hash. AlreadyExists if the store already has a chain.
    Result<Hash256> initChain(const Genesis& genesis);
    bool hasGenesis() const;
    const std::string& chainId() const { return chainId_; }

    // Registration points for modules; use them before initChain and the first block.
    MsgRouter& router() { return router_; }
    BlockHooks& hooks() { return hooks_; }
    // A module's genesis step: writes its parameters and initial records into the genesis state
    // (after accounts and balances). Run in registration order by initChain; a failure fails it.
    using GenesisInitializer = std::function<Status(KvStore& store, const Genesis& genesis)>;
    void addGenesisInitializer(std::string name, GenesisInitializer init) {
        genesisInits_.emplace_back(std::move(name), std::move(init));
    }
    // A module's queries: paths starting with `prefix` (e.g. "/emissions.v9.Query/") go to
    // `handler`, which reads the committed state through `store` and answers with a response
    // (code 0 and a protobuf value, or a failure code and log; height is filled in by query()).
    using QueryHandler =
        std::function<QueryResponse(const KvStore& store, const QueryRequest& request)>;
    void addQueryHandler(std::string prefix, QueryHandler handler) {
        queryHandlers_.emplace_back(std::move(prefix), std::move(handler));
    }

    const auth::AuthKeeper& authKeeper() const { return auth_; }
    const bank::BankKeeper& bankKeeper() const { return bank_; }
    const BlockStore& blockStore() const { return *blocks_; }
    const StateStore& stateStore() const { return *state_; }

    InfoResponse info() const override;
    CheckTxResult checkTx(ByteSpan tx, CheckTxMode mode) override;
    std::vector<Bytes> prepareProposal(std::span<const Bytes> txs, uint64_t maxBytes) override;
    bool processProposal(const FinalizeBlockRequest& block) override;
    Result<FinalizeBlockResponse> finalizeBlock(const FinalizeBlockRequest& block) override;
    Status commit() override;
    // Paths and payloads: chain_query.cpp.
    QueryResponse query(const QueryRequest& request) const override;

private:
    ChainApp(Database& db, std::unique_ptr<StateStore> state, std::unique_ptr<BlockStore> blocks,
             Options options);
    Status loadChainInfo();
    // Executes one tx of a block; sets `txHash` (SHA-256 of its bytes) for the block store.
    TxResult deliverTx(StateOverlay& block, const BlockInfo& info, ByteSpan txBytes,
                       Hash256& txHash);
    void resetCheckState();
    void dropPending();
    BlockInfo nextBlockInfo() const;

    Database* db_;
    std::unique_ptr<StateStore> state_;
    std::unique_ptr<BlockStore> blocks_;
    Options options_;
    auth::AuthKeeper auth_;
    bank::BankKeeper bank_{auth_};
    MsgRouter router_;
    BlockHooks hooks_;
    std::vector<std::pair<std::string, GenesisInitializer>> genesisInits_;
    std::vector<std::pair<std::string, QueryHandler>> queryHandlers_;
    AnteHandler ante_{auth_, bank_, router_};

    std::string chainId_;
    int64_t lastBlockTimeNanos_ = 0;
    // Kept in memory because checkTx needs them for every tx: whether a genesis is committed and
    // the height of the last commit (only initChain and commit change them).
    bool hasGenesis_ = false;
    uint64_t committedHeight_ = 0;
    std::unique_ptr<StateOverlay> checkState_;
    // The txs whose checkTx passed since checkState_ was last reset, in the order they were
    // checked (each one's ante ran on the state the ones before it left). A proposal holding
    // exactly these txs in this order, from the same committed state, would see every ante check
    // give the same verdict again, so prepareProposal skips re-running them (see there).
    // Recording stops past kMaxCheckedOrder (a node that commits nothing for a long time).
    std::vector<Hash256> checkedOrder_;
    bool checkedOrderComplete_ = true;
    static constexpr size_t kMaxCheckedOrder = 1'000'000;
    // A tx is decoded at checkTx and found again here by prepareProposal, processProposal and
    // finalizeBlock; a committed block's txs leave it. Sized for a full mempool and a block.
    static constexpr size_t kMaxDecodedTxs = 30'000;
    DecodedTxCache decoded_{kMaxDecodedTxs};

    // The block between finalizeBlock and commit: its state and block store rows are written in
    // `txn`, which commit() commits.
    struct Pending {
        std::optional<Transaction> txn;
        StoredBlock block;
    };
    std::optional<Pending> pending_;
    // Told about every commit; nullptr when commits checkpoint themselves (SQLite's default).
    std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace allora::node
