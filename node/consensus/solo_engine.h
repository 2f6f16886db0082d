// SoloEngine: consensus for a devnet whose only validator is this node (issue 3 item 5).
//
// Every `blockTime` it proposes, signs and applies a block on its own thread, the apply strand:
//   1. reap txs from the mempool and let the app choose (PrepareProposal);
//   2. build the header: time = max(previous time + 1 ms, wall clock now). The wall clock is read
//      here, in the proposer, and nowhere else: once in the header it is block data, and the
//      application only ever sees header time;
//   3. ProcessProposal (a sanity check of our own block), FinalizeBlock, Commit;
//   4. sign the commit for the block (the precommit a BFT validator would sign, carried as
//      last_commit by the next block), then update the mempool (remove the included txs, recheck
//      the rest);
//   5. tell the subscribers (outside the application lock).
// Steps 1-4 run under the mempool's application lock (see engine.h, Threading).
//
// Empty blocks: with createEmptyBlocks = false a tick with an empty mempool makes no block, unless
// createEmptyBlocksInterval (> 0) has passed since the last block (CometBFT's
// create_empty_blocks / create_empty_blocks_interval).
//
// Handshake (start): the app's Info gives the last committed height H and app hash. The app
// commits its state and the block record in one SQLite transaction, so the block store must hold
// block H and no block H+1; the engine checks exactly that, takes the chain tip (hash, time) from
// block H, re-signs H's commit (Ed25519 is deterministic and the commit is timestamped with the
// block time, so it is the same bytes as before the restart) and continues at H+1.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "core/ed25519.h"
#include "node/chain/application.h"
#include "node/chain/mempool.h"
#include "node/consensus/block_format.h"
#include "node/consensus/block_listeners.h"
#include "node/consensus/engine.h"

namespace allora::node::consensus {

struct SoloConfig {
    std::string chainId;
    std::chrono::milliseconds blockTime{1000};
    bool createEmptyBlocks = true;
    // With createEmptyBlocks = false: after this long without a block, make an empty one anyway;
    // zero = never.
    std::chrono::milliseconds createEmptyBlocksInterval{0};
    uint64_t maxBlockBytes = 4ull << 20;
    uint64_t maxBlockGas = Mempool::kNoLimit;
    int64_t votingPower = 1;
    // The first block's time is at least this (the genesis time), in Unix nanoseconds.
    int64_t genesisTimeUnixNanos = 0;
    // Genesis initial_height: the app's Info reports initialHeight - 1 before the first block.
    uint64_t initialHeight = 1;
    // The proposer's wall clock in Unix nanoseconds; empty = the system clock.
    std::function<int64_t()> clock;
    // One line a person can read per notable event (block with txs, handshake, failure).
    std::function<void(std::string_view)> log;
};

class SoloEngine final : public Engine {
public:
    // `app` and `mempool` (built on the same app) must outlive the engine. `loadBlock` reads the
    // node's block store; it may be empty for a chain that has committed nothing yet.
    SoloEngine(Application& app, Mempool& mempool, ed25519::KeyPair validatorKey, SoloConfig config,
               BlockLoader loadBlock);
    ~SoloEngine() override;  // stops
    SoloEngine(const SoloEngine&) = delete;
    SoloEngine& operator=(const SoloEngine&) = delete;

    Status start() override;
    void stop() override;
    bool running() const override;
    uint64_t height() const override;
    Hash256 lastBlockHash() const override;
    std::optional<Error> failure() const override;
    std::unique_ptr<Subscription> subscribeBlocks(BlockCallback callback) override;

    // The validator set this engine signs for: itself alone.
    Validator validator() const { return Validator{key_.publicKey, config_.votingPower}; }
    const Bytes& validatorAddress() const { return address_; }
    // The commit of the last block, which the next block will carry (none before the first).
    std::optional<pb::Commit> lastCommit() const;

private:
    // The chain tip the next block builds on.
    struct Tip {
        uint64_t height = 0;
        Hash256 blockHash{};
        int64_t timeUnixNanos = 0;
        Hash256 appHash{};
        std::optional<pb::Commit> commit;  // of block `height`
    };

    Status handshake();
    void run();
    Result<CommittedBlock> produceBlock();
    Result<pb::Commit> signCommit(uint64_t height, const Hash256& blockHash, int64_t time) const;
    int64_t now() const;
    void log(std::string_view line) const;

    Application& app_;
    Mempool& mempool_;
    const ed25519::KeyPair key_;
    const SoloConfig config_;
    const BlockLoader loadBlock_;
    const Bytes address_;
    Hash256 validatorsHash_{};
    BlockListeners listeners_;

    // Written only on the engine thread (and by start() before it exists); read anywhere.
    mutable std::mutex tipMu_;
    Tip tip_;
    std::optional<Error> failure_;
    std::atomic<uint64_t> height_{0};

    // Start/stop control.
    mutable std::mutex ctlMu_;
    std::condition_variable wake_;
    bool stopRequested_ = false;
    std::thread thread_;
    std::atomic<bool> running_{false};
};

}  // namespace allora::node::consensus
