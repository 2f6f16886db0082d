// A small deterministic Application for the mempool's ordering tests (and the engine's, until the
// real ChainApp runs in tests). Its txs are text, "sender/sequence/priority/gas[/op]", so a test
// reads what it sends:
//   - checkTx: the sequence must be in [committed, next unconfirmed] for the sender (so a
//     same-sequence replacement reaches the mempool), the sender must not be frozen;
//   - finalizeBlock: a tx whose sequence is the sender's next one succeeds; op "freeze:X" then
//     freezes account X (so X's pooled txs fail their recheck);
//   - commit: keeps the block bytes by height, like the real block store, for BlockLoader.
// The app hash chains SHA-256 over the height and the txs.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/hash.h"
#include "node/chain/application.h"
#include "node/consensus/engine.h"

namespace allora::test {

using node::CheckTxMode;
using node::CheckTxResult;
using node::TxCode;

struct TestTx {
    std::string sender;
    uint64_t sequence = 0;
    uint64_t priority = 0;
    uint64_t gas = 0;
    std::string op;
};

inline Bytes makeTestTx(const std::string& sender, uint64_t seq, uint64_t priority,
                        uint64_t gas = 1, const std::string& op = {}) {
    std::string s = sender + "/" + std::to_string(seq) + "/" + std::to_string(priority) + "/" +
                    std::to_string(gas);
    if (!op.empty()) s += "/" + op;
    return toBytes(s);
}

inline std::optional<TestTx> parseTestTx(ByteSpan tx) {
    std::string s(tx.begin(), tx.end());
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        size_t slash = s.find('/', start);
        parts.push_back(
            s.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos || parts.size() == 4) {
            if (slash != std::string::npos) parts.push_back(s.substr(slash + 1));
            break;
        }
        start = slash + 1;
    }
    if (parts.size() < 4 || parts[0].empty()) return std::nullopt;
    try {
        TestTx t;
        t.sender = parts[0];
        t.sequence = std::stoull(parts[1]);
        t.priority = std::stoull(parts[2]);
        t.gas = std::stoull(parts[3]);
        if (parts.size() > 4) t.op = parts[4];
        return t;
    } catch (...) {
        return std::nullopt;
    }
}

class TestApplication final : public node::Application {
public:
    explicit TestApplication(std::string chainId) : chainId_(std::move(chainId)) {}

    node::InfoResponse info() const override {
        node::InfoResponse r;
        r.lastBlockHeight = height_;
        r.lastBlockAppHash = appHash_;
        r.chainId = chainId_;
        return r;
    }

    CheckTxResult checkTx(ByteSpan tx, CheckTxMode mode) override {
        ++checkCalls[mode == CheckTxMode::New ? 0 : 1];
        CheckTxResult r;
        auto t = parseTestTx(tx);
        if (!t) return fail(TxCode::TxDecode, "not a test tx");
        r.sender = t->sender;
        r.sequence = t->sequence;
        r.priority = t->priority;
        r.gasWanted = t->gas;
        r.result.gasWanted = t->gas;
        if (frozen_.contains(t->sender)) return fail(TxCode::Unauthorized, "account frozen", r);
        const uint64_t committed = seqOf(committedSeq_, t->sender);
        uint64_t& next = checkSeq_.try_emplace(t->sender, committed).first->second;
        if (t->sequence < committed || t->sequence > next) {
            return fail(TxCode::InvalidSequence, "wrong sequence", r);
        }
        if (t->sequence == next) ++next;
        return r;
    }

    std::vector<Bytes> prepareProposal(std::span<const Bytes> txs, uint64_t maxBytes) override {
        std::vector<Bytes> out;
        uint64_t total = 0;
        for (const Bytes& tx : txs) {
            if (total + tx.size() > maxBytes) break;
            total += tx.size();
            out.push_back(tx);
        }
        return out;
    }

    bool processProposal(const node::FinalizeBlockRequest& block) override {
        return block.block.height == height_ + 1;
    }

    Result<node::FinalizeBlockResponse> finalizeBlock(
        const node::FinalizeBlockRequest& block) override {
        if (block.block.height != height_ + 1)
            return makeError(ErrorCode::Internal, "out of order");
        pendingSeq_ = committedSeq_;
        pendingFrozen_ = frozen_;
        node::FinalizeBlockResponse resp;
        Sha256 h;
        h.update(appHash_);
        const std::string hs = std::to_string(block.block.height);
        h.update(asBytes(hs));
        for (const Bytes& tx : block.txs) {
            h.update(tx);
            node::TxResult res;
            auto t = parseTestTx(tx);
            if (!t) {
                res.code = static_cast<uint32_t>(TxCode::TxDecode);
            } else if (pendingFrozen_.contains(t->sender)) {
                res.code = static_cast<uint32_t>(TxCode::Unauthorized);
            } else if (t->sequence != seqOf(pendingSeq_, t->sender)) {
                res.code = static_cast<uint32_t>(TxCode::InvalidSequence);
            } else {
                pendingSeq_[t->sender] = t->sequence + 1;
                if (t->op.rfind("freeze:", 0) == 0) pendingFrozen_.insert(t->op.substr(7));
            }
            resp.txResults.push_back(res);
        }
        resp.appHash = h.finish();
        pending_ = block;
        pendingHash_ = resp.appHash;
        return resp;
    }

    Status commit() override {
        if (!pending_) return makeError(ErrorCode::Internal, "nothing to commit");
        height_ = pending_->block.height;
        appHash_ = pendingHash_;
        committedSeq_ = pendingSeq_;
        frozen_ = pendingFrozen_;
        checkSeq_.clear();  // the check state restarts from the committed one, as in the SDK
        {
            std::lock_guard lock(blocksMu_);
            blocks_[height_] = pending_->blockBytes;
        }
        times.push_back(pending_->block.timeUnixNanos);
        pending_.reset();
        return {};
    }

    node::QueryResponse query(const node::QueryRequest&) const override { return {}; }

    // The block store's side: what BlockLoader reads.
    node::consensus::BlockLoader loader() {
        return [this](uint64_t height) -> Result<std::optional<Bytes>> {
            std::lock_guard lock(blocksMu_);
            auto it = blocks_.find(height);
            if (it == blocks_.end()) return std::optional<Bytes>{};
            return std::optional<Bytes>(it->second);
        };
    }
    // Simulates a block record written without its state (what one transaction rules out).
    void injectBlock(uint64_t height, Bytes bytes) {
        std::lock_guard lock(blocksMu_);
        blocks_[height] = std::move(bytes);
    }
    uint64_t committedSequence(const std::string& sender) const {
        return seqOf(committedSeq_, sender);
    }

    std::vector<int64_t> times;  // header times seen at commit
    uint64_t checkCalls[2] = {0, 0};

private:
    static uint64_t seqOf(const std::map<std::string, uint64_t>& m, const std::string& s) {
        auto it = m.find(s);
        return it == m.end() ? 0 : it->second;
    }
    static CheckTxResult fail(TxCode code, std::string log, CheckTxResult r = {}) {
        r.result.code = static_cast<uint32_t>(code);
        r.result.log = std::move(log);
        return r;
    }

    std::string chainId_;
    uint64_t height_ = 0;
    Hash256 appHash_{};
    std::map<std::string, uint64_t> committedSeq_, checkSeq_, pendingSeq_;
    std::set<std::string> frozen_, pendingFrozen_;
    std::optional<node::FinalizeBlockRequest> pending_;
    Hash256 pendingHash_{};
    mutable std::mutex blocksMu_;
    std::map<uint64_t, Bytes> blocks_;
};

}  // namespace allora::test
