#include "node/chain/chain_app.h"

#include <algorithm>

#include "allora/chain/v1/chain.pb.h"
#include "node/chain/chain_params.h"
#include "node/modules/address.h"
#include "node/modules/bank/msg_send.h"
#include "node/modules/proto_util.h"

namespace allora::node {

namespace {

const Bytes kGenesisInfoKey = allora::toBytes("chain/genesis");

TxResult failed(TxStatus status, uint64_t gasWanted, uint64_t gasUsed) {
    TxResult r;
    r.code = static_cast<uint32_t>(status.code);
    r.codespace = "sdk";
    r.log = std::move(status.log);
    r.gasWanted = gasWanted;
    r.gasUsed = gasUsed;
    return r;
}

}  // namespace

ChainApp::ChainApp(Database& db, std::unique_ptr<StateStore> state,
                   std::unique_ptr<BlockStore> blocks, Options options)
    : db_(&db), state_(std::move(state)), blocks_(std::move(blocks)), options_(std::move(options)) {
    bank::registerBankMessages(router_, bank_);
}

ChainApp::~ChainApp() {
    checkpointer_.reset();  // its thread stops before the connection it restores goes away
    // Overlays and the pending transaction refer to the store: they go first.
    dropPending();
    checkState_.reset();
}

Result<std::unique_ptr<ChainApp>> ChainApp::open(Database& db, Options options) {
    auto state = StateStore::open(db);
    if (!state) return state.error();
    auto blocks = BlockStore::open(db);
    if (!blocks) return blocks.error();
    std::unique_ptr<ChainApp> app(
        new ChainApp(db, std::move(*state), std::move(*blocks), std::move(options)));
    if (auto s = app->loadChainInfo(); !s) return s.error();
    app->resetCheckState();
    if (app->options_.backgroundCheckpoints) app->checkpointer_ = WalCheckpointer::start(db);
    return app;
}

Status ChainApp::loadChainInfo() {
    auto last = state_->lastCommit();
    if (!last) return last.error();
    hasGenesis_ = last->has_value();
    committedHeight_ = hasGenesis_ ? (*last)->height : 0;
    auto raw = state_->get(kGenesisInfoKey);
    if (!raw) return raw.error();
    if (!*raw) return {};  // no genesis yet
    allora::chain::v1::GenesisInfo info;
    if (!info.ParseFromArray((*raw)->data(), static_cast<int>((*raw)->size())))
        return makeError(ErrorCode::Corrupt, "chain genesis record does not decode");
    chainId_ = info.chain_id();
    lastBlockTimeNanos_ = info.genesis_time_unix() * 1'000'000'000;
    auto latest = blocks_->latestHeight();
    if (!latest) return latest.error();
    if (*latest != 0) {
        auto block = blocks_->blockByHeight(*latest);
        if (!block) return block.error();
        if (*block) lastBlockTimeNanos_ = (*block)->timeUnixNanos;
    }
    return {};
}

bool ChainApp::hasGenesis() const {
    return hasGenesis_;
}

void ChainApp::resetCheckState() {
    checkState_ = std::make_unique<StateOverlay>(*state_);
    checkedOrder_.clear();
    checkedOrderComplete_ = true;
}

void ChainApp::dropPending() {
    if (pending_ && pending_->txn && pending_->txn->active()) (void)pending_->txn->rollback();
    pending_.reset();
}

Result<Hash256> ChainApp::initChain(const Genesis& genesis) {
    if (hasGenesis()) return makeError(ErrorCode::AlreadyExists, "the chain already has a genesis");
    if (auto s = genesis.validate(); !s) return s.error();
    StateOverlay overlay(*state_);
    KvStore kv(overlay);
    auto check = [](const Status& s) { return s.ok(); };
    Status status;
    if (status = auth_.setParams(kv, genesis.authParams); !check(status)) return status.error();
    if (status = bank_.setParams(kv, genesis.bankParams); !check(status)) return status.error();
    if (status = storeChainParams(kv, genesis.chainParams); !check(status)) return status.error();

    allora::chain::v1::GenesisInfo info;
    info.set_chain_id(genesis.chainId);
    info.set_genesis_time_unix(genesis.genesisTimeUnix);
    info.set_initial_height(genesis.initialHeight);
    for (const auto& v : genesis.validators) {
        auto* pv = info.add_validators();
        pv->set_pub_key(std::string(v.pubKey.begin(), v.pubKey.end()));
        pv->set_power(v.power);
        pv->set_name(v.name);
    }
    if (status = kv.set(kGenesisInfoKey, node::toBytes(info)); !check(status))
        return status.error();

    // Account numbers follow auth.accounts; the fee collector comes after them.
    for (const auto& a : genesis.accounts) {
        auto address = parseAddress(a.address);
        if (!address) return address.error();
        auto account = auth_.newAccount(kv, *address);
        if (!account) return account.error();
        if (a.vesting) *account->mutable_vesting() = *a.vesting;
        if (status = auth_.setAccount(kv, *account); !check(status)) return status.error();
    }
    if (auto fc = auth_.getOrCreateAccount(kv, moduleAddress(auth::kFeeCollectorName)); !fc)
        return fc.error();
    for (const auto& b : genesis.balances) {
        auto address = parseAddress(b.address);
        if (!address) return address.error();
        if (status = bank_.mint(kv, *address, b.coins); !check(status)) return status.error();
    }
    for (const auto& [name, init] : genesisInits_)
        if (status = init(kv, genesis); !check(status))
            return makeError(status.error().code, name + " genesis: " + status.error().message);

    auto txn = Transaction::begin(*db_);
    if (!txn) return txn.error();
    auto appHash = state_->commit(*txn, overlay, genesis.initialHeight - 1);
    if (!appHash) return appHash.error();
    if (auto s = txn->commit(); !s) return s.error();
    state_->settleReadCache();
    chainId_ = genesis.chainId;
    lastBlockTimeNanos_ = genesis.genesisTimeUnix * 1'000'000'000;
    hasGenesis_ = true;
    committedHeight_ = genesis.initialHeight - 1;
    resetCheckState();
    return appHash;
}

InfoResponse ChainApp::info() const {
    InfoResponse r;
    auto height = state_->height();
    auto hash = state_->appHash();
    if (height) r.lastBlockHeight = *height;
    if (hash) r.lastBlockAppHash = *hash;
    r.chainId = chainId_;
    r.version = options_.version;
    return r;
}

BlockInfo ChainApp::nextBlockInfo() const {
    BlockInfo info;
    info.chainId = chainId_;
    // Between finalizeBlock and commit the store already shows the pending block.
    info.height = (pending_ ? pending_->block.height : committedHeight_) + 1;
    info.timeUnixNanos = lastBlockTimeNanos_;
    return info;
}

CheckTxResult ChainApp::checkTx(ByteSpan txBytes, CheckTxMode mode) {
    CheckTxResult out;
    if (!hasGenesis()) {
        out.result = failed(TxStatus::fail(TxCode::Internal, "the chain has no genesis yet"), 0, 0);
        return out;
    }
    TxStatus decodeFailure;
    const auto decoded = decoded_.decode(txBytes, decodeFailure);
    if (!decoded) {
        out.result = failed(std::move(decodeFailure), 0, 0);
        return out;
    }
    const DecodedTx& tx = *decoded;
    const uint64_t gasLimit = tx.authInfo.fee().gas_limit();
    GasMeter meter(gasLimit);
    StateOverlay child(*checkState_);
    KvStore kv(child, &meter);
    // A recheck only needs the verdict: the signatures cannot have changed. No check builds
    // events: the mempool keeps only the verdict, and a sync broadcast answers without events,
    // as Cosmos's does (the tx's events come from its block). Building them was ~10% of a
    // checkTx's non-signature work.
    const bool fresh = mode == CheckTxMode::New;
    AnteResult ante =
        ante_.run(tx, kv, nextBlockInfo(), chainId_, {.verifySignatures = fresh, .events = false});
    out.sender = ante.feePayer;
    out.sequence = ante.sequence;
    out.gasWanted = gasLimit;
    out.priority = ante.priority;
    if (!ante.status.ok()) {
        out.result = failed(std::move(ante.status), gasLimit, meter.consumed());
        return out;
    }
    checkState_->merge(std::move(child));
    if (checkedOrder_.size() < kMaxCheckedOrder)
        checkedOrder_.push_back(tx.hash);
    else
        checkedOrderComplete_ = false;
    out.result.codespace = "";
    out.result.gasWanted = gasLimit;
    out.result.gasUsed = meter.consumed();
    return out;
}

std::vector<Bytes> ChainApp::prepareProposal(std::span<const Bytes> txs, uint64_t maxBytes) {
    std::vector<Bytes> picked;
    if (!hasGenesis()) return picked;
    StateOverlay scratch(*state_);
    KvStore unmetered(scratch);
    auto params = loadChainParams(unmetered);
    if (params) maxBytes = std::min<uint64_t>(maxBytes, params->block_max_bytes());
    const uint64_t maxGas = params ? params->block_max_gas() : 0;
    const BlockInfo info = nextBlockInfo();
    // Each tx's ante checks run again on a scratch state, in the proposal's order, and a tx that
    // would fail them stays out of the block. Except where that would only repeat checkTx: the
    // mempool proposes its txs in the order it checked them, from the committed state this
    // proposal also starts from (checkTx's state is reset at each commit and the mempool
    // rechecks what it keeps in its own order). While the proposal follows checkedOrder_ tx for
    // tx, with no finalized block pending (which would change the next block's height), each
    // ante check would see the state checkTx saw and give the verdict it gave: passed. At the
    // first tx that departs from that order, or is left out by a limit (the ones after it would
    // then run on another state), the selection starts over with every check run.
    bool followsChecks = !pending_ && checkedOrderComplete_;
    for (;;) {
        uint64_t bytes = 0, gas = 0;
        bool startOver = false;
        for (size_t i = 0; i < txs.size() && !startOver; ++i) {
            const Bytes& txBytes = txs[i];
            TxStatus decodeFailure;
            const auto decoded = decoded_.decode(txBytes, decodeFailure);
            const bool checked = followsChecks && decoded && i < checkedOrder_.size() &&
                                 checkedOrder_[i] == decoded->hash;
            if (followsChecks && !checked) {
                startOver = true;
                break;
            }
            const bool overBytes = bytes + txBytes.size() > maxBytes;
            if (!decoded || overBytes) {
                // A smaller one later may still fit.
                if (followsChecks) startOver = true;
                continue;
            }
            const DecodedTx& tx = *decoded;
            const uint64_t gasLimit = tx.authInfo.fee().gas_limit();
            if (maxGas != 0 && (gasLimit > maxGas || gas + gasLimit > maxGas)) {
                if (followsChecks) startOver = true;
                continue;
            }
            if (!checked) {
                GasMeter meter(gasLimit);
                StateOverlay child(scratch);
                KvStore kv(child, &meter);
                if (!ante_.run(tx, kv, info, chainId_, {.events = false}).status.ok()) continue;
                scratch.merge(std::move(child));
            }
            bytes += txBytes.size();
            gas += gasLimit;
            picked.push_back(txBytes);
        }
        if (!startOver) return picked;
        followsChecks = false;
        picked.clear();
    }
}

bool ChainApp::processProposal(const FinalizeBlockRequest& block) {
    // Only what makes a block invalid as a whole: size, gas, undecodable txs. A tx that fails its
    // ante checks is still a valid inclusion: it gets a failed result and changes nothing.
    StateOverlay scratch(*state_);
    KvStore unmetered(scratch);
    auto params = loadChainParams(unmetered);
    if (!params) return false;
    uint64_t bytes = 0, gas = 0;
    for (const Bytes& txBytes : block.txs) {
        bytes += txBytes.size();
        TxStatus decodeFailure;
        const auto tx = decoded_.decode(txBytes, decodeFailure);
        if (!tx) return false;
        gas += tx->authInfo.fee().gas_limit();
        if (params->block_max_gas() != 0 && gas > params->block_max_gas()) return false;
    }
    return bytes <= params->block_max_bytes();
}

TxResult ChainApp::deliverTx(StateOverlay& block, const BlockInfo& info, ByteSpan txBytes,
                             Hash256& txHash) {
    TxStatus decodeFailure;
    const auto decoded = decoded_.decode(txBytes, decodeFailure);
    if (!decoded) {
        txHash = sha256(txBytes);
        return failed(std::move(decodeFailure), 0, 0);
    }
    const DecodedTx& tx = *decoded;
    txHash = tx.hash;
    const uint64_t gasLimit = tx.authInfo.fee().gas_limit();
    GasMeter meter(gasLimit);

    StateOverlay anteState(block);
    KvStore anteKv(anteState, &meter);
    AnteResult ante = ante_.run(tx, anteKv, info, chainId_);
    if (!ante.status.ok()) return failed(std::move(ante.status), gasLimit, meter.consumed());
    block.merge(std::move(anteState));  // fee and sequence stay, whatever the messages do

    StateOverlay msgState(block);
    KvStore msgKv(msgState, &meter);
    std::vector<Event> msgEvents;
    MsgContext ctx{msgKv, info, msgEvents};
    TxStatus status = TxStatus::success();
    for (int i = 0; i < tx.body.messages_size() && status.ok(); ++i) {
        const auto& any = tx.body.messages(i);
        const MsgHandler* handler = router_.find(any.type_url());  // ante checked it exists
        status = handler->execute(ctx, asBytes(any.value()));
        if (!status.ok()) {
            if (meter.exhausted()) status = TxStatus::fail(TxCode::OutOfGas, meter.outOfGasLog());
            status.log = "failed to execute message; message index: " + std::to_string(i) + ": " +
                         status.log;
        }
    }
    TxResult r;
    r.gasWanted = gasLimit;
    r.gasUsed = meter.consumed();
    r.events = std::move(ante.events);
    if (!status.ok()) {
        r.code = static_cast<uint32_t>(status.code);
        r.codespace = "sdk";
        r.log = std::move(status.log);
        return r;  // msgState dropped: the messages' writes are gone
    }
    block.merge(std::move(msgState));
    r.events.insert(r.events.end(), std::make_move_iterator(msgEvents.begin()),
                    std::make_move_iterator(msgEvents.end()));
    return r;
}

Result<FinalizeBlockResponse> ChainApp::finalizeBlock(const FinalizeBlockRequest& request) {
    dropPending();  // a block finalized but never committed (a new round) is forgotten
    if (!hasGenesis()) return makeError(ErrorCode::Internal, "finalizeBlock before genesis");
    auto height = state_->height();
    if (!height) return height.error();
    if (request.block.height != *height + 1)
        return makeError(ErrorCode::InvalidArgument,
                         "block height " + std::to_string(request.block.height) +
                             " does not follow the committed height " + std::to_string(*height));
    if (!request.block.chainId.empty() && request.block.chainId != chainId_)
        return makeError(ErrorCode::InvalidArgument, "block for chain " + request.block.chainId +
                                                         ", this chain is " + chainId_);
    BlockInfo info = request.block;
    info.chainId = chainId_;

    // The SQLite transaction starts here, not at the end: every state read of the block then
    // runs inside it instead of taking and releasing SQLite's file lock once per read.
    Pending pending;
    auto txn = Transaction::begin(*db_);
    if (!txn) return txn.error();
    pending.txn.emplace(std::move(*txn));

    FinalizeBlockResponse response;
    StateOverlay blockState(*state_);
    KvStore hookKv(blockState);
    MsgContext hookCtx{hookKv, info, response.events};
    if (TxStatus s = hooks_.runBegin(hookCtx); !s.ok())
        return makeError(ErrorCode::Internal, "begin block: " + s.log);
    response.txResults.reserve(request.txs.size());
    std::vector<Hash256> txHashes(request.txs.size());
    for (size_t i = 0; i < request.txs.size(); ++i)
        response.txResults.push_back(deliverTx(blockState, info, request.txs[i], txHashes[i]));
    if (TxStatus s = hooks_.runEnd(hookCtx); !s.ok())
        return makeError(ErrorCode::Internal, "end block: " + s.log);

    auto appHash = state_->commit(*pending.txn, blockState, info.height);
    if (!appHash) return appHash.error();  // pending.txn rolls back as it dies
    response.appHash = *appHash;
    pending.block.height = info.height;
    pending.block.hash = request.blockHash;
    pending.block.timeUnixNanos = info.timeUnixNanos;
    pending.block.appHash = *appHash;
    pending.block.bytes = request.blockBytes;
    // The block store rows join the same transaction now, while txs and results are at hand
    // (commit() would otherwise need its own copy of both); like the state, they become durable
    // only when commit() commits the transaction.
    if (auto s = blocks_->putBlock(*pending.txn, pending.block, request.txs, response.txResults,
                                   txHashes);
        !s)
        return s.error();  // pending.txn rolls back as it dies
    pending_.emplace(std::move(pending));
    for (const Bytes& tx : request.txs) decoded_.erase(tx);  // done with; a replay is refused
    return response;
}

Status ChainApp::commit() {
    if (!pending_) return makeError(ErrorCode::Internal, "commit without a finalized block");
    Pending& p = *pending_;
    if (auto s = p.txn->commit(); !s) {
        dropPending();
        return s;
    }
    state_->settleReadCache();
    lastBlockTimeNanos_ = p.block.timeUnixNanos;
    committedHeight_ = p.block.height;
    pending_.reset();
    resetCheckState();  // checkTx starts again from the new committed state (mempool rechecks)
    if (checkpointer_) checkpointer_->notify();
    return {};
}

}  // namespace allora::node
