// bench_chain: signed MsgSend transactions through a solo node's whole path on one core, on real
// SQLite (WAL, synchronous=FULL: the node's settings), in batches of 1k and 10k txs:
//   checkTx    each tx enters the mempool (Mempool::checkTx → ChainApp::checkTx: decode, ante,
//              signature) one by one;
//   block      the solo engine's steps for one block holding the whole batch: reap,
//              prepareProposal, processProposal, finalizeBlock (execution and the app hash),
//              commit (one SQLite transaction with the block store), mempool update.
// Txs are signed before any timing starts. Each batch size starts with one warm-up round that is
// not in the medians: a node applying blocks of a size has its heap, SQLite's page cache and the
// mempool's tables grown to that size, while the first block of a new, larger size pays for that
// growth (page faults of fresh memory, ~25k at 10k txs). That round's rate is printed on a line
// of its own ("first block of this size"), so the cold figure stays visible. Each other figure is
// the median over the measured rounds of its batch size; one line per measurement: what, batch
// size, tx/s and µs/tx (wall clock), and the rate in CPU time (on a machine shared with other work
// the wall clock understates what one core does). The CPU time is the applying thread's: the WAL
// checkpoints that ChainApp runs on a thread of its own (node/state/wal_checkpointer.h) are not in
// it, as they are not on the apply path.
//
//   bench_chain        3 rounds of 1k and 1 of 10k (each after its warm-up round): a few
//                      seconds (the CTest run)
//   bench_chain N      3N rounds of 1k and N of 10k, for steadier medians by hand
//   bench_chain N B    only the batch size B (1000 or 10000), e.g. under a profiler
//
// Issue 3's target: at least 10,000 signed MsgSend txs per second on one core, end to end and
// for the solo node, at both batch sizes. The last lines state it next to this run's figures
// (wall clock and CPU time); the bench prints, it never fails on a figure.
#include <time.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/secp256k1.h"
#include "core/sqlite.h"
#include "node/chain/chain_app.h"
#include "node/chain/genesis.h"
#include "node/chain/mempool.h"
#include "wallet/account.h"
#include "wallet/tx_builder.h"

using namespace allora;
using namespace allora::node;

namespace {

constexpr const char* kChainId = "allora-bench-1";
constexpr int64_t kGenesisTime = 1'767'225'600;
constexpr size_t kSenders = 1000;
constexpr double kTargetTxPerSecond = 10'000;  // issue 3
constexpr double kIssueVerifyMicros = 28;      // the verification cost issue 3 assumes

struct Sender {
    SecureBytes key;
    secp256k1::PubKey pub{};
    std::string address;
    uint64_t nextSequence = 0;
};

template <typename T>
T must(Result<T> r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "bench: %s failed: %s\n", what, r.message().c_str());
        std::exit(1);
    }
    return std::move(*r);
}

void must(const Status& s, const char* what) {
    if (!s) {
        std::fprintf(stderr, "bench: %s failed: %s\n", what, s.message().c_str());
        std::exit(1);
    }
}

// Wall-clock and CPU seconds of one phase.
struct Span {
    double wall = 0;
    double cpu = 0;
    Span& operator+=(const Span& o) {
        wall += o.wall;
        cpu += o.cpu;
        return *this;
    }
};

double cpuNow() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

class Stopwatch {
public:
    Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(cpuNow()) {}
    Span elapsed() const {
        return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(),
                cpuNow() - cpu_};
    }

private:
    std::chrono::steady_clock::time_point wall_;
    double cpu_;
};

Bytes signedSend(Sender& from, const std::string& to, uint64_t accountNumber) {
    wallet::TxSpec spec;
    spec.messages.push_back(wallet::makeMsgSend(from.address, to, {{"uallo", "1"}}));
    spec.fee.amount = {{"uallo", "2000000"}};
    spec.fee.gasLimit = 200000;
    spec.signerPublicKey = from.pub;
    spec.sequence = from.nextSequence++;
    auto tx = must(wallet::buildTx(spec), "build");
    auto sig = must(secp256k1::sign(from.key, tx.signBytes(kChainId, accountNumber)), "sign");
    return tx.toTxRaw(sig);
}

// The phases of one round, in the order they run.
enum Phase { kCheckTx, kReap, kPrepare, kProcess, kFinalize, kCommit, kUpdate, kPhases };
constexpr const char* kPhaseNames[kPhases] = {
    "checkTx (mempool entry)", "reap",   "prepareProposal",       "processProposal",
    "finalizeBlock",           "commit", "mempool update (after)"};

struct Round {
    std::array<Span, kPhases> phase;
    double verifyMicros = 0;  // one secp256k1 verification, measured just before the round
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Median rates (wall clock, CPU time) of a path, in tx/s.
struct Rate {
    double wall = 0;
    double cpu = 0;
};

Rate medianRate(size_t batch, const std::vector<Round>& rounds,
                std::initializer_list<Phase> phases) {
    std::vector<double> wall, cpu;
    for (const Round& r : rounds) {
        Span sum;
        for (Phase p : phases) sum += r.phase[p];
        wall.push_back(sum.wall);
        cpu.push_back(sum.cpu);
    }
    const double n = static_cast<double>(batch);
    return {n / median(wall), n / median(cpu)};
}

// One line: what, batch size, tx/s and µs/tx by the wall clock, tx/s of CPU time.
void print(const std::string& what, size_t batch, const std::vector<Round>& rounds,
           std::initializer_list<Phase> phases) {
    std::vector<double> wall, cpu;
    for (const Round& r : rounds) {
        Span sum;
        for (Phase p : phases) sum += r.phase[p];
        wall.push_back(sum.wall);
        cpu.push_back(sum.cpu);
    }
    const double n = static_cast<double>(batch);
    const double w = median(wall), c = median(cpu);
    std::printf(
        "bench: %-46s batch %5zu: %8.0f tx/s %8.2f µs/tx   (CPU time: %8.0f tx/s; "
        "median of %zu)\n",
        what.c_str(), batch, n / w, w * 1e6 / n, n / c, rounds.size());
}

// The same path's cost in secp256k1 verifications per tx (each round against the verification
// time measured just before it): a figure that moves much less with the machine's load.
void printInVerifications(const std::string& what, size_t batch, const std::vector<Round>& rounds,
                          std::initializer_list<Phase> phases) {
    std::vector<double> ratio, verify;
    for (const Round& r : rounds) {
        double wall = 0;
        for (Phase p : phases) wall += r.phase[p].wall;
        ratio.push_back(wall * 1e6 / static_cast<double>(batch) / r.verifyMicros);
        verify.push_back(r.verifyMicros);
    }
    std::printf(
        "bench: %-46s batch %5zu: %8.2f verifications/tx (one verification: %.1f µs; "
        "median of %zu)\n",
        what.c_str(), batch, median(ratio), median(verify), rounds.size());
}

// The median over the rounds of the path's cost in secp256k1 verifications per tx.
double medianVerifications(size_t batch, const std::vector<Round>& rounds,
                           std::initializer_list<Phase> phases) {
    std::vector<double> ratio;
    for (const Round& r : rounds) {
        double wall = 0;
        for (Phase p : phases) wall += r.phase[p].wall;
        ratio.push_back(wall * 1e6 / static_cast<double>(batch) / r.verifyMicros);
    }
    return median(ratio);
}

// secp256k1 verifications per second on this core right now (the single-core ceiling of any path
// that verifies each signature once): printed next to the figures, because on a machine shared
// with other work the rate of everything, this included, moves from run to run.
double verifyRate(const Sender& signer, double budgetSeconds) {
    const Bytes message = toBytes("bench verify reference");
    const auto sig = must(secp256k1::sign(signer.key, message), "sign");
    const Stopwatch sw;
    size_t n = 0;
    do {
        for (int i = 0; i < 100; ++i)
            if (!secp256k1::verify(signer.pub, message, sig)) std::exit(1);
        n += 100;
    } while (sw.elapsed().wall < budgetSeconds);
    return static_cast<double>(n) / sw.elapsed().wall;
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // The heap settings allorad and allora-qt start with (app/daemon/main.cpp, keepHeapPages):
    // freed heap is kept instead of being trimmed and faulted in again at the next block.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
    int scale = 1;
    long only = 0;  // run only this batch size (for a profile of one)
    if (argc > 1) scale = std::atoi(argv[1]);
    if (argc > 2) only = std::atol(argv[2]);
    if (scale < 1 || scale > 1000 || (only != 0 && only != 1000 && only != 10000)) {
        std::fprintf(stderr,
                     "usage: bench_chain [N [1000|10000]]: 3N rounds of 1k txs and N of 10k "
                     "(default N = 1), or only the given batch size\n");
        return 2;
    }
    initCrypto();
    // Each batch size's rounds, the first of them the warm-up (see the top).
    std::vector<size_t> batches;
    std::vector<bool> warmUp;
    const auto addRounds = [&](size_t batch, int count) {
        for (int i = 0; i <= count; ++i) {
            batches.push_back(batch);
            warmUp.push_back(i == 0);
        }
    };
    if (only != 10000) addRounds(1000, 3 * scale);
    if (only != 1000) addRounds(10000, scale);

    std::vector<Sender> senders(kSenders);
    Genesis genesis = Genesis::withDefaults(kChainId, kGenesisTime);
    for (size_t i = 0; i < kSenders; ++i) {
        const Hash256 seed = sha256(asBytes("bench sender " + std::to_string(i)));
        senders[i].key = SecureBytes(ByteSpan(seed));
        senders[i].pub = must(secp256k1::derivePublicKey(senders[i].key), "derive");
        senders[i].address = must(wallet::addressFromPublicKey(senders[i].pub), "address");
        genesis.accounts.push_back({senders[i].address, std::nullopt});
        genesis.balances.push_back({senders[i].address, {Coin{"uallo", Amount::fromAllo(1000)}}});
    }

    // Every round's txs, signed up front: round r holds batches[r] txs, senders taking turns, so
    // a 10k batch holds ten consecutive sequences of each sender. Account numbers follow the
    // genesis account order.
    const Stopwatch signing;
    std::vector<std::vector<Bytes>> roundTxs;
    size_t total = 0;
    for (size_t batch : batches) {
        std::vector<Bytes> txs;
        txs.reserve(batch);
        for (size_t k = 0; k < batch; ++k) {
            const size_t i = k % kSenders;
            txs.push_back(signedSend(senders[i], senders[(i + 7) % kSenders].address, i));
        }
        total += batch;
        roundTxs.push_back(std::move(txs));
    }
    const Span signSpan = signing.elapsed();
    std::printf("bench: signed %zu MsgSend txs for the rounds in %.2f s (setup, not measured)\n",
                total, signSpan.wall);

    const double verifyBefore = verifyRate(senders[0], 0.3);

    const auto dir = std::filesystem::temp_directory_path() /
                     ("bench_chain_" + std::to_string(static_cast<long>(::getpid())));
    std::filesystem::create_directories(dir);
    std::map<size_t, std::vector<Round>> results;     // by batch size
    std::map<size_t, std::vector<Round>> firstBlock;  // the warm-up round of each batch size
    int failures = 0;
    {
        Database db = must(Database::open((dir / "node.db").string()), "open database");
        auto app = must(ChainApp::open(db), "open chain");
        must(app->initChain(genesis), "genesis");
        MempoolConfig config;
        config.maxTxs = 100'000;
        Mempool mempool(*app, config);

        uint64_t height = 1;
        for (size_t r = 0; r < roundTxs.size(); ++r, ++height) {
            const std::vector<Bytes>& txs = roundTxs[r];
            Round round;
            round.verifyMicros = 1e6 / verifyRate(senders[0], 0.05);
            Stopwatch sw;
            for (const Bytes& tx : txs)
                if (!mempool.checkTx(tx).result.ok()) ++failures;
            round.phase[kCheckTx] = sw.elapsed();

            auto appLock = mempool.lockApplication();
            sw = Stopwatch();
            std::vector<Bytes> candidates = mempool.reap(4ull << 20, Mempool::kNoLimit);
            round.phase[kReap] = sw.elapsed();
            sw = Stopwatch();
            FinalizeBlockRequest req;
            req.txs = app->prepareProposal(candidates, 4ull << 20);
            round.phase[kPrepare] = sw.elapsed();
            if (req.txs.size() != txs.size()) {
                std::fprintf(stderr, "bench: the proposal holds %zu of %zu txs\n", req.txs.size(),
                             txs.size());
                return 1;
            }
            req.block.chainId = kChainId;
            req.block.height = height;
            req.block.timeUnixNanos = (kGenesisTime + static_cast<int64_t>(height)) * 1'000'000'000;
            req.blockBytes = toBytes("block " + std::to_string(height));
            req.blockHash = sha256(req.blockBytes);
            sw = Stopwatch();
            const bool accepted = app->processProposal(req);
            round.phase[kProcess] = sw.elapsed();
            if (!accepted) {
                std::fprintf(stderr, "bench: processProposal rejected the block\n");
                return 1;
            }
            sw = Stopwatch();
            auto response = must(app->finalizeBlock(req), "finalizeBlock");
            round.phase[kFinalize] = sw.elapsed();
            sw = Stopwatch();
            must(app->commit(), "commit");
            round.phase[kCommit] = sw.elapsed();
            sw = Stopwatch();
            mempool.update(appLock, height, req.txs);
            round.phase[kUpdate] = sw.elapsed();
            for (const auto& res : response.txResults)
                if (!res.ok()) ++failures;
            if (mempool.size() != 0) {
                std::fprintf(stderr, "bench: %zu txs left in the mempool\n", mempool.size());
                return 1;
            }
            (warmUp[r] ? firstBlock : results)[txs.size()].push_back(round);
        }
    }
    std::filesystem::remove_all(dir);
    if (failures != 0) {
        std::fprintf(stderr, "bench: %d transactions failed\n", failures);
        return 1;
    }

    const double verifyAfter = verifyRate(senders[0], 0.3);
    std::printf(
        "bench: reference: secp256k1 verify on this core now: %.0f /s before the rounds, "
        "%.0f /s after (%.1f / %.1f µs)\n",
        verifyBefore, verifyAfter, 1e6 / verifyBefore, 1e6 / verifyAfter);
    for (const auto& [batch, rounds] : results) {
        print("checkTx only (mempool entry)", batch, rounds, {kCheckTx});
        print("finalizeBlock + commit only", batch, rounds, {kFinalize, kCommit});
        print("end to end: checkTx + finalizeBlock + commit", batch, rounds,
              {kCheckTx, kFinalize, kCommit});
        print("solo node: end to end + reap, proposal, update", batch, rounds,
              {kCheckTx, kReap, kPrepare, kProcess, kFinalize, kCommit, kUpdate});
        printInVerifications("end to end, in signature verifications", batch, rounds,
                             {kCheckTx, kFinalize, kCommit});
        for (int p = 0; p < kPhases; ++p)
            print(std::string("  phase: ") + kPhaseNames[p], batch, rounds,
                  {static_cast<Phase>(p)});
        print("first block of this size (warm-up, cold heap)", batch, firstBlock[batch],
              {kCheckTx, kReap, kPrepare, kProcess, kFinalize, kCommit, kUpdate});
    }
    std::printf(
        "bench: target (issue 3): >= %.0f tx/s end to end and for the solo node, at each "
        "batch size, on one core\n",
        kTargetTxPerSecond);
    for (const auto& [batch, rounds] : results) {
        const Rate e2e = medianRate(batch, rounds, {kCheckTx, kFinalize, kCommit});
        const Rate solo = medianRate(
            batch, rounds, {kCheckTx, kReap, kPrepare, kProcess, kFinalize, kCommit, kUpdate});
        const auto verdict = [](const Rate& r) {
            return r.wall >= kTargetTxPerSecond  ? "met"
                   : r.cpu >= kTargetTxPerSecond ? "met in CPU time only (a loaded machine?)"
                                                 : "NOT met";
        };
        std::printf(
            "bench: target at batch %5zu: end to end %.0f tx/s (CPU time %.0f): %s; solo node "
            "%.0f tx/s (CPU time %.0f): %s\n",
            batch, e2e.wall, e2e.cpu, verdict(e2e), solo.wall, solo.cpu, verdict(solo));
    }
    // The issue states its target next to a verification cost of ~28 µs: 10,000 tx/s is then a
    // budget of 1e6 / 10,000 / 28 = 3.57 verifications per tx. On a slower core (this VM's
    // verifications take 40-60 µs, and the host's other tenants move that from run to run) the
    // same code gives fewer tx/s; the cost in verifications moves much less. Printed for
    // comparison only: the verdict above stays the wall clock's.
    std::printf(
        "bench: the same paths in secp256k1 verifications per tx (the issue's target is %.2f at "
        "its ~%.0f µs per verification):\n",
        1e6 / kTargetTxPerSecond / kIssueVerifyMicros, kIssueVerifyMicros);
    for (const auto& [batch, rounds] : results) {
        const double e2e = medianVerifications(batch, rounds, {kCheckTx, kFinalize, kCommit});
        const double solo = medianVerifications(
            batch, rounds, {kCheckTx, kReap, kPrepare, kProcess, kFinalize, kCommit, kUpdate});
        std::printf(
            "bench:   batch %5zu: end to end %.2f, solo node %.2f verifications/tx (%.0f and "
            "%.0f tx/s at %.0f µs per verification)\n",
            batch, e2e, solo, 1e6 / (e2e * kIssueVerifyMicros), 1e6 / (solo * kIssueVerifyMicros),
            kIssueVerifyMicros);
    }
    return 0;
}
