// Applies a block sequence (generate_blocks' output) to a fresh node database through the
// Application interface (FinalizeBlock + Commit per block) and prints "HEIGHT APP_HASH" per height,
// starting with the genesis. Built twice, at the project's optimisation level and at -O0 against
// a -O0 build of core and node, so the test can compare the app hashes of both builds.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/encoding.h"
#include "core/hash.h"
#include "core/sqlite.h"
#include "node/chain/chain_app.h"
#include "node/chain/genesis.h"

using namespace allora;
using namespace allora::node;

namespace {

int fail(const std::string& what) {
    std::cerr << "replay_blocks: " << what << "\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: replay_blocks BLOCKS_FILE NEW_DATABASE_FILE\n";
        return 2;
    }
    initCrypto();
    std::ifstream in(argv[1]);
    auto db = Database::open(argv[2]);
    if (!db) return fail(db.message());
    auto app = ChainApp::open(*db);
    if (!app) return fail(app.message());
    if ((*app)->hasGenesis()) return fail("the database is not fresh");

    std::string line;
    std::string chainId;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string kind;
        fields >> kind;
        if (kind == "genesis") {
            std::string b64;
            fields >> b64;
            auto json = fromBase64(b64);
            if (!json) return fail("bad genesis encoding");
            auto genesis = Genesis::fromJson(
                std::string_view(reinterpret_cast<const char*>(json->data()), json->size()));
            if (!genesis) return fail(genesis.message());
            chainId = genesis->chainId;
            auto hash = (*app)->initChain(*genesis);
            if (!hash) return fail(hash.message());
            std::cout << "0 " << toHex(*hash) << "\n";
            continue;
        }
        if (kind != "block") return fail("unknown record '" + kind + "'");
        FinalizeBlockRequest req;
        std::string txList;
        fields >> req.block.height >> req.block.timeUnixNanos >> txList;
        req.block.chainId = chainId;
        if (txList != "-") {
            std::istringstream txs(txList);
            std::string b64;
            while (std::getline(txs, b64, ',')) {
                auto tx = fromBase64(b64);
                if (!tx) return fail("bad tx encoding");
                req.txs.push_back(std::move(*tx));
            }
        }
        req.blockBytes = toBytes("block " + std::to_string(req.block.height));
        req.blockHash = sha256(req.blockBytes);
        auto response = (*app)->finalizeBlock(req);
        if (!response) return fail(response.message());
        if (Status s = (*app)->commit(); !s) return fail(s.message());
        std::cout << req.block.height << " " << toHex(response->appHash);
        for (const TxResult& r : response->txResults) std::cout << " " << r.code;
        std::cout << "\n";
    }
    return 0;
}
