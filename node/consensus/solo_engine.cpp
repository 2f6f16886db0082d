#include "node/consensus/solo_engine.h"

#include <algorithm>
#include <utility>

namespace allora::node::consensus {

namespace {

constexpr int64_t kMinBlockIntervalNanos = 1'000'000;  // 1 ms: header times strictly increase

}  // namespace

SoloEngine::SoloEngine(Application& app, Mempool& mempool, ed25519::KeyPair validatorKey,
                       SoloConfig config, BlockLoader loadBlock)
    : app_(app),
      mempool_(mempool),
      key_(std::move(validatorKey)),
      config_(std::move(config)),
      loadBlock_(std::move(loadBlock)),
      address_(consensusAddress(key_.publicKey)) {
    const Validator self = validator();
    validatorsHash_ = validatorsHash(std::span<const Validator>(&self, 1));
}

SoloEngine::~SoloEngine() {
    stop();
}

int64_t SoloEngine::now() const {
    if (config_.clock) return config_.clock();
    // The proposer's wall clock: allowed here because it becomes block data (see the header).
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void SoloEngine::log(std::string_view line) const {
    if (config_.log) config_.log(line);
}

Status SoloEngine::start() {
    std::lock_guard ctl(ctlMu_);
    if (thread_.joinable()) {
        if (running_) return makeError(ErrorCode::InvalidArgument, "engine already started");
        thread_.join();  // a run that halted by itself (see failure())
    }
    if (config_.blockTime.count() <= 0) {
        return makeError(ErrorCode::InvalidArgument, "block time must be positive");
    }
    if (auto st = handshake(); !st) return st;
    stopRequested_ = false;
    {
        std::lock_guard lock(tipMu_);
        failure_.reset();
    }
    running_ = true;
    thread_ = std::thread([this] { run(); });
    return {};
}

void SoloEngine::stop() {
    std::thread thread;
    {
        std::lock_guard ctl(ctlMu_);
        stopRequested_ = true;
        // On the engine's own thread (a block callback, against the rules) we can only ask: the
        // loop ends after the callback, and a later stop() from elsewhere joins it.
        if (thread_.get_id() == std::this_thread::get_id()) return;
        thread = std::move(thread_);
    }
    wake_.notify_all();
    // The loop checks the flag only between blocks, so a block in progress is finished first.
    if (thread.joinable()) thread.join();
}

bool SoloEngine::running() const {
    return running_;
}

uint64_t SoloEngine::height() const {
    return height_;
}

Hash256 SoloEngine::lastBlockHash() const {
    std::lock_guard lock(tipMu_);
    return tip_.blockHash;
}

std::optional<Error> SoloEngine::failure() const {
    std::lock_guard lock(tipMu_);
    return failure_;
}

std::optional<pb::Commit> SoloEngine::lastCommit() const {
    std::lock_guard lock(tipMu_);
    return tip_.commit;
}

std::unique_ptr<Subscription> SoloEngine::subscribeBlocks(BlockCallback callback) {
    return listeners_.add(std::move(callback));
}

Result<pb::Commit> SoloEngine::signCommit(uint64_t height, const Hash256& blockHash,
                                          int64_t time) const {
    pb::Commit commit;
    commit.set_height(height);
    commit.set_round(0);
    commit.set_block_hash(toField(blockHash));
    pb::CommitSig* sig = commit.add_signatures();
    sig->set_validator_address(toField(address_));
    // The block time, not the wall clock: re-signing after a restart then gives the same bytes.
    sig->set_timestamp_unix_nanos(time);
    auto signature = ed25519::sign(key_.secretKey, commitSignBytes(config_.chainId, commit, *sig));
    if (!signature) return signature.error();
    sig->set_signature(toField(*signature));
    return commit;
}

Status SoloEngine::handshake() {
    auto appLock = mempool_.lockApplication();
    const InfoResponse info = app_.info();
    if (!info.chainId.empty() && info.chainId != config_.chainId) {
        return makeError(ErrorCode::InvalidArgument, "the application is on chain '" +
                                                         info.chainId + "', the engine on '" +
                                                         config_.chainId + "'");
    }
    Tip tip;
    tip.height = info.lastBlockHeight;
    tip.appHash = info.lastBlockAppHash;
    if (tip.height + 1 == config_.initialHeight) {  // genesis applied, no block yet
        tip.timeUnixNanos = config_.genesisTimeUnixNanos - kMinBlockIntervalNanos;
    } else if (tip.height + 1 < config_.initialHeight) {
        return makeError(ErrorCode::InvalidArgument,
                         "the application is at height " + std::to_string(tip.height) +
                             ", below the initial height " + std::to_string(config_.initialHeight));
    } else {
        const std::string at = "height " + std::to_string(tip.height);
        if (!loadBlock_) {
            return makeError(ErrorCode::Unsupported, "the application has committed " + at +
                                                         " but no block store was given");
        }
        auto stored = loadBlock_(tip.height);
        if (!stored) return stored.error();
        if (!stored->has_value()) {
            return makeError(ErrorCode::Corrupt, "the application has committed " + at +
                                                     " but the block store has no block there");
        }
        auto block = decodeBlock(**stored);
        if (!block)
            return makeError(ErrorCode::Corrupt, "stored block at " + at + ": " + block.message());
        const pb::Header& h = block->header();
        if (h.height() != tip.height || h.chain_id() != config_.chainId) {
            return makeError(ErrorCode::Corrupt, "the block stored at " + at + " is block " +
                                                     std::to_string(h.height()) + " of chain '" +
                                                     h.chain_id() + "'");
        }
        // State and block records are committed in one transaction, so this cannot happen unless
        // the database was edited or a bug broke that rule: refuse rather than fork.
        auto next = loadBlock_(tip.height + 1);
        if (!next) return next.error();
        if (next->has_value()) {
            return makeError(ErrorCode::Corrupt, "the block store has block " +
                                                     std::to_string(tip.height + 1) +
                                                     " but the application's last commit is " + at);
        }
        tip.blockHash = headerHash(h);
        tip.timeUnixNanos = h.time_unix_nanos();
        auto commit = signCommit(tip.height, tip.blockHash, tip.timeUnixNanos);
        if (!commit) return commit.error();
        tip.commit = std::move(*commit);
    }
    log("handshake: resuming after height " + std::to_string(tip.height));
    std::lock_guard lock(tipMu_);
    tip_ = std::move(tip);
    height_ = tip_.height;
    return {};
}

void SoloEngine::run() {
    using Clock = std::chrono::steady_clock;
    auto nextTick = Clock::now() + config_.blockTime;
    auto lastBlockAt = Clock::now();
    for (;;) {
        {
            std::unique_lock ctl(ctlMu_);
            wake_.wait_until(ctl, nextTick, [this] { return stopRequested_; });
            if (stopRequested_) break;
        }
        // A slow block must not be followed by a burst of catch-up blocks.
        nextTick = std::max(nextTick + config_.blockTime, Clock::now());
        if (!config_.createEmptyBlocks && mempool_.size() == 0) {
            const auto interval = config_.createEmptyBlocksInterval;
            if (interval.count() == 0 || Clock::now() - lastBlockAt < interval) continue;
        }
        auto block = produceBlock();
        if (!block) {
            log("consensus halted: " + block.message());
            std::lock_guard lock(tipMu_);
            failure_ = block.error();
            break;
        }
        lastBlockAt = Clock::now();
        if (!block->txHashes.empty()) {
            log("committed block " + std::to_string(block->height) + " with " +
                std::to_string(block->txHashes.size()) + " txs");
        }
        listeners_.notify(*block);
    }
    running_ = false;
}

Result<CommittedBlock> SoloEngine::produceBlock() {
    auto appLock = mempool_.lockApplication();
    Tip tip;
    {
        std::lock_guard lock(tipMu_);
        tip = tip_;
    }
    const uint64_t height = tip.height + 1;
    const std::string at = "height " + std::to_string(height);

    std::vector<Bytes> candidates = mempool_.reap(config_.maxBlockBytes, config_.maxBlockGas);
    std::vector<Bytes> txs = app_.prepareProposal(candidates, config_.maxBlockBytes);

    pb::Block block;
    pb::Header& h = *block.mutable_header();
    h.set_chain_id(config_.chainId);
    h.set_height(height);
    h.set_time_unix_nanos(std::max(tip.timeUnixNanos + kMinBlockIntervalNanos, now()));
    if (tip.height + 1 != config_.initialHeight) {
        h.set_last_block_hash(toField(tip.blockHash));
        if (!tip.commit) return makeError(ErrorCode::Internal, "no commit for the last block");
        *block.mutable_last_commit() = *tip.commit;
        h.set_last_commit_hash(toField(commitHash(*tip.commit)));
    }
    h.set_data_hash(toField(dataHash(txs)));
    h.set_validators_hash(toField(validatorsHash_));
    h.set_app_hash(toField(tip.appHash));
    h.set_proposer_address(toField(address_));
    for (const Bytes& tx : txs) block.add_txs(toField(tx));

    FinalizeBlockRequest request;
    request.block.chainId = config_.chainId;
    request.block.height = height;
    request.block.timeUnixNanos = h.time_unix_nanos();
    request.block.proposerAddress = address_;
    request.block.lastBlockHash = tip.blockHash;
    request.blockHash = headerHash(h);
    request.blockBytes = encodeMessage(block);
    request.txs = std::move(txs);

    if (!app_.processProposal(request)) {
        return makeError(ErrorCode::Internal, "the application rejected our own proposal at " + at);
    }
    auto response = app_.finalizeBlock(request);
    if (!response) {
        return makeError(response.code(), "FinalizeBlock at " + at + ": " + response.message());
    }
    if (response->txResults.size() != request.txs.size()) {
        return makeError(ErrorCode::Internal, "FinalizeBlock at " + at + " returned " +
                                                  std::to_string(response->txResults.size()) +
                                                  " results for " +
                                                  std::to_string(request.txs.size()) + " txs");
    }
    if (auto st = app_.commit(); !st) {
        return makeError(st.code(), "Commit at " + at + ": " + st.message());
    }

    Tip next;
    next.height = height;
    next.blockHash = request.blockHash;
    next.timeUnixNanos = request.block.timeUnixNanos;
    next.appHash = response->appHash;
    auto commit = signCommit(height, next.blockHash, next.timeUnixNanos);
    if (!commit)
        return makeError(commit.code(), "signing the commit at " + at + ": " + commit.message());
    next.commit = std::move(*commit);
    {
        std::lock_guard lock(tipMu_);
        tip_ = std::move(next);
        height_ = height;
    }

    mempool_.update(appLock, height, request.txs);

    CommittedBlock out;
    out.height = height;
    out.hash = request.blockHash;
    out.timeUnixNanos = request.block.timeUnixNanos;
    out.appHash = response->appHash;
    out.proposerAddress = address_;
    out.txHashes.reserve(request.txs.size());
    for (const Bytes& tx : request.txs) out.txHashes.push_back(sha256(tx));
    out.txResults = std::move(response->txResults);
    out.events = std::move(response->events);
    return out;
}

}  // namespace allora::node::consensus
