// bench_state: how fast the state store commits blocks and serves proofs.
//
// Builds a state of N keys (default 100,000) in blocks of 10k inserts, then commits blocks of 1k
// and 10k updates on it (90% changed values of existing keys, 10% new keys, as a chain's blocks
// mostly touch existing accounts), then generates and verifies inclusion proofs. Every commit is a
// real SQLite transaction with synchronous=FULL, on a file in the temporary directory, exactly as
// the node runs. It prints "bench: <what>: <rate> /s" lines and takes a few seconds. First, the
// cost of one tree node hash (65 bytes) in CPU time, with SHA-256 of the same input (the tree's
// hash before BLAKE2b-256) for comparison.
//
// Usage: bench_state [number of keys, default 100000]
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/sqlite.h"
#include "node/state/merkle_hash.h"
#include "node/state/merkle_tree.h"
#include "node/state/state_store.h"

namespace {

using Clock = std::chrono::steady_clock;
using allora::Bytes;
using allora::ByteSpan;
using allora::node::StateOverlay;
using allora::node::StateStore;

template <typename T>
T check(allora::Result<T> result, const char* what) {
    if (!result) {
        std::fprintf(stderr, "bench: %s failed: %s\n", what, result.message().c_str());
        std::exit(1);
    }
    return std::move(*result);
}

// Keys shaped like the chain's: a module prefix and an account-sized suffix.
Bytes keyOf(uint64_t i) {
    Bytes key = allora::toBytes("bank/balances/");
    const allora::Hash256 h = allora::sha256(allora::asBytes(std::to_string(i)));
    key.insert(key.end(), h.begin(), h.begin() + 20);
    return key;
}
Bytes valueOf(uint64_t i, uint64_t version) {
    return allora::toBytes("uallo:" + std::to_string(i * 1000 + version) + ":" +
                           std::string(24, 'v'));
}

double seconds(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Bench {
    StateStore& store;
    uint64_t keys = 0;  // keys 0..keys-1 exist
    uint64_t height = 0;
    std::mt19937_64 rng{12345};

    double commitSeconds = 0;  // of the time in commits, the part spent in SQLite's COMMIT

    // Commits `blocks` blocks of `perBlock` writes; returns the seconds spent in commits.
    double commitBlocks(int blocks, uint64_t perBlock, bool onlyInserts) {
        double spent = 0;
        commitSeconds = 0;
        for (int b = 0; b < blocks; ++b) {
            StateOverlay block(store);
            const uint64_t inserts = onlyInserts ? perBlock : perBlock / 10;
            for (uint64_t i = 0; i < inserts; ++i) block.set(keyOf(keys + i), valueOf(keys + i, 0));
            while (block.size() < perBlock) {
                const uint64_t k = rng() % keys;
                block.set(keyOf(k), valueOf(k, height + 1));
            }
            const auto start = Clock::now();
            auto txn = check(allora::Transaction::begin(store.database()), "begin");
            check(store.commit(txn, block, ++height), "commit");
            const auto committing = Clock::now();
            if (auto s = txn.commit(); !s) check(allora::Result<int>(s.error()), "COMMIT");
            commitSeconds += seconds(committing);
            spent += seconds(start);
            keys += inserts;
        }
        return spent;
    }
};

void report(const char* name, double count, double secs, const char* extra = "") {
    std::printf("bench: %s: %.0f /s (%.0f in %.2f s%s)\n", name, count / secs, count, secs, extra);
    std::fflush(stdout);
}

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Nanoseconds of CPU time per call of `hash` on a 65-byte tree node input, each input the
// previous output (so no call can be skipped or overlapped).
template <typename HashNode>
double nsPerNodeHash(HashNode hash) {
    constexpr int kCalls = 300000;
    allora::Hash256 left{}, right{};
    right[0] = 1;
    const double start = threadCpuSeconds();
    for (int i = 0; i < kCalls; ++i) left = hash(left, right);
    const double spent = threadCpuSeconds() - start;
    if (left == allora::Hash256{}) std::printf("(all-zero hash)\n");  // keeps the result live
    return spent * 1e9 / kCalls;
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t target = 100000;
    if (argc > 1) target = std::strtoull(argv[1], nullptr, 10);
    if (target < 10000 || target > 100000000) {
        std::fprintf(stderr, "usage: bench_state [number of keys, 10000..100000000]\n");
        return 2;
    }
    const auto dir = std::filesystem::temp_directory_path() /
                     ("allora-bench-state-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        const double blake = nsPerNodeHash(allora::node::merkle::internalHash);
        const double sha = nsPerNodeHash([](const allora::Hash256& l, const allora::Hash256& r) {
            uint8_t buffer[65];
            buffer[0] = allora::node::merkle::kInternalPrefix;
            std::copy(l.begin(), l.end(), buffer + 1);
            std::copy(r.begin(), r.end(), buffer + 33);
            return allora::sha256(buffer);
        });
        std::printf(
            "bench: tree node hash (65 bytes, CPU time): BLAKE2b-256 %.0f ns; SHA-256 of "
            "the same %.0f ns (%.1fx)\n",
            blake, sha, sha / blake);
        std::fflush(stdout);
    }
    {
        auto db = std::make_unique<allora::Database>(
            check(allora::Database::open((dir / "state.db").string()), "open"));
        auto store = check(StateStore::open(*db), "open store");
        Bench bench{*store};

        const int buildBlocks = static_cast<int>(target / 10000);
        const double build = bench.commitBlocks(buildBlocks, 10000, true);
        report("state build, 10k-insert blocks", static_cast<double>(bench.keys), build,
               (", " + std::to_string(bench.keys) + " keys").c_str());

        for (const uint64_t perBlock : {uint64_t{1000}, uint64_t{10000}}) {
            const int blocks = perBlock == 1000 ? 10 : 2;
            store->tree().resetStats();
            const double spent = bench.commitBlocks(blocks, perBlock, false);
            const auto& stats = store->tree().stats();
            char extra[200];
            std::snprintf(
                extra, sizeof extra,
                ", %.1f ms/block of which %.1f ms in SQLite's COMMIT, %.1f branches written and "
                "%.1f hashes per key",
                1000 * spent / blocks, 1000 * bench.commitSeconds / blocks,
                static_cast<double>(stats.branchesWritten) / static_cast<double>(blocks * perBlock),
                static_cast<double>(stats.hashes) / static_cast<double>(blocks * perBlock));
            const std::string name = "commit " + std::to_string(perBlock / 1000) +
                                     "k-update blocks on " + std::to_string(target / 1000) +
                                     "k keys";
            report(name.c_str(), static_cast<double>(blocks * perBlock), spent, extra);
        }

        // Proofs of random present keys, then their verification against the app hash.
        const allora::Hash256 root = check(store->appHash(), "app hash");
        std::vector<uint64_t> picks(10000);
        for (auto& p : picks) p = bench.rng() % bench.keys;
        std::vector<allora::node::MerkleProof> proofs;
        proofs.reserve(picks.size());
        auto start = Clock::now();
        for (uint64_t k : picks) proofs.push_back(check(store->prove(keyOf(k)), "prove"));
        report("proof generation", static_cast<double>(picks.size()), seconds(start));

        std::vector<Bytes> values;
        values.reserve(picks.size());
        for (uint64_t k : picks) {
            values.push_back(std::move(*check(store->get(keyOf(k)), "get")));
        }
        std::vector<Bytes> keys;
        keys.reserve(picks.size());
        for (uint64_t k : picks) keys.push_back(keyOf(k));
        start = Clock::now();
        for (size_t i = 0; i < picks.size(); ++i) {
            if (!allora::node::verifyMerkleProof(root, keys[i], ByteSpan(values[i]), proofs[i])) {
                std::fprintf(stderr, "bench: proof %zu does not verify\n", i);
                return 1;
            }
        }
        report("proof verification", static_cast<double>(picks.size()), seconds(start));

        store.reset();
        db.reset();
    }
    std::filesystem::remove_all(dir);
    return 0;
}
