// bench_chain: signed MsgSend transactions through the chain application (node/chain/chain_app.h)
// on real SQLite: checkTx (mempool admission: decode, ante, signature), finalizeBlock (execution
// with gas metering and the app hash) plus commit (one SQLite transaction with the block store),
// in blocks of 1k and 10k txs. Txs are signed before timing starts. Prints
// "bench: <what>: <rate> /s" lines; takes a few seconds.
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/secp256k1.h"
#include "core/sqlite.h"
#include "node/chain/chain_app.h"
#include "node/chain/genesis.h"
#include "wallet/account.h"
#include "wallet/tx_builder.h"

using namespace allora;
using namespace allora::node;

namespace {

constexpr const char* kChainId = "allora-bench-1";
constexpr int64_t kGenesisTime = 1'767'225'600;
constexpr size_t kSenders = 1000;

struct Sender {
    SecureBytes key;
    secp256k1::PubKey pub{};
    std::string address;
};

template <typename T>
T must(Result<T> r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "bench: %s failed: %s\n", what, r.message().c_str());
        std::exit(1);
    }
    return std::move(*r);
}

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Process CPU time: on a machine shared with other work the wall-clock rate understates what one
// core does, so both are printed.
double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
double cpuMark = 0;

void report(const char* name, double count, double secs) {
    const double cpu = cpuSeconds() - cpuMark;
    std::printf("bench: %s: %.0f /s (%.0f in %.2f s; %.0f /s of CPU time)\n", name, count / secs,
                count, secs, count / cpu);
}
void mark() {
    cpuMark = cpuSeconds();
}

Bytes signedSend(const Sender& from, const std::string& to, uint64_t accountNumber,
                 uint64_t sequence) {
    wallet::TxSpec spec;
    spec.messages.push_back(wallet::makeMsgSend(from.address, to, {{"uallo", "1"}}));
    spec.fee.amount = {{"uallo", "2000000"}};
    spec.fee.gasLimit = 200000;
    spec.signerPublicKey = from.pub;
    spec.sequence = sequence;
    auto tx = must(wallet::buildTx(spec), "build");
    auto sig = must(secp256k1::sign(from.key, tx.signBytes(kChainId, accountNumber)), "sign");
    return tx.toTxRaw(sig);
}

}  // namespace

int main() {
    initCrypto();
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

    // Block 1: 1k txs (sequence 0 of every sender); block 2: 10k txs (sequences 1..10).
    mark();
    const auto signStart = std::chrono::steady_clock::now();
    std::vector<Bytes> block1, block2;
    for (size_t i = 0; i < kSenders; ++i)
        block1.push_back(signedSend(senders[i], senders[(i + 1) % kSenders].address, i, 0));
    for (uint64_t s = 1; s <= 10; ++s)
        for (size_t i = 0; i < kSenders; ++i)
            block2.push_back(signedSend(senders[i], senders[(i + 7) % kSenders].address, i, s));
    report("sign MsgSend (setup, not the chain)",
           static_cast<double>(block1.size() + block2.size()), seconds(signStart));

    const auto dir = std::filesystem::temp_directory_path() /
                     ("bench_chain_" + std::to_string(static_cast<long>(::getpid())));
    std::filesystem::create_directories(dir);
    int failures = 0;
    {
        Database db = must(Database::open((dir / "node.db").string()), "open database");
        auto app = must(ChainApp::open(db), "open chain");
        must(app->initChain(genesis), "genesis");

        mark();
        auto t = std::chrono::steady_clock::now();
        for (const auto* block : {&block1, &block2})
            for (const Bytes& tx : *block)
                if (!app->checkTx(tx, CheckTxMode::New).result.ok()) ++failures;
        const double checkSecs = seconds(t);
        report("checkTx MsgSend (signature + ante on check state)", 11000.0, checkSecs);

        double applied = 0, applySecs = 0;
        uint64_t height = 1;
        for (const auto* block : {&block1, &block2}) {
            FinalizeBlockRequest req;
            req.block.chainId = kChainId;
            req.block.height = height;
            req.block.timeUnixNanos = (kGenesisTime + static_cast<int64_t>(height)) * 1'000'000'000;
            req.txs = *block;
            req.blockBytes = toBytes("block " + std::to_string(height));
            req.blockHash = sha256(req.blockBytes);
            mark();
            t = std::chrono::steady_clock::now();
            auto r = must(app->finalizeBlock(req), "finalizeBlock");
            const double execSecs = seconds(t);
            if (auto c = app->commit(); !c) {
                std::fprintf(stderr, "bench: commit failed: %s\n", c.message().c_str());
                return 1;
            }
            const double secs = seconds(t);
            for (const auto& res : r.txResults)
                if (!res.ok()) ++failures;
            const double n = static_cast<double>(block->size());
            char name[96];
            std::snprintf(name, sizeof name, "finalizeBlock+commit, block of %zu MsgSend",
                          block->size());
            report(name, n, secs);
            std::printf("bench:   (execution %.2f s, commit %.2f s)\n", execSecs, secs - execSecs);
            applied += n;
            applySecs += secs;
            ++height;
        }
        std::printf(
            "bench: MsgSend checked + applied + committed (end to end): %.0f /s (%.0f in %.2f s)\n",
            applied / (checkSecs + applySecs), applied, checkSecs + applySecs);
    }
    std::filesystem::remove_all(dir);
    if (failures != 0) {
        std::fprintf(stderr, "bench: %d transactions failed\n", failures);
        return 1;
    }
    return 0;
}
