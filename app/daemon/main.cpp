// allorad: the node without a window. `init` creates a home (config, encrypted validator key,
// genesis), `genesis add-genesis-account` funds accounts before the first start, `start` runs the
// node in the foreground until SIGINT/SIGTERM, `status` asks a running node how it is.
#include <exception>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <iostream>
#include <string_view>

#include "app/daemon/daemon_commands.h"
#include "core/bytes.h"
#include "core/paths.h"

namespace {

void printHelp() {
    std::cout
        << "allorad " << allora::versionString() << ": the Allora node, headless\n\n"
        << "Usage: allorad COMMAND [flags]\n\n"
        << "Commands:\n"
        << "  init MONIKER --chain-id ID      create a node home: config, encrypted validator\n"
        << "                                  key (password asked, or read from stdin) and a\n"
        << "                                  genesis with this node as its validator\n"
        << "  genesis add-genesis-account ADDRESS COINS\n"
        << "                                  fund an account in the genesis (COINS: 1000uallo,\n"
        << "                                  1.5ALLO); --vesting-amount COINS --vesting-end-time "
           "T\n"
        << "                                  [--vesting-start-time T] makes part of it vest\n"
        << "  start                           run the node until Ctrl-C / SIGTERM\n"
        << "                                  [--validator-password-file F] [--api-port N]\n"
        << "                                  [--log-level debug|info|warn|error]\n"
        << "  devnet                          a one-node development network: created on the\n"
        << "                                  first run (funding --fund ADDRESS,... or the\n"
        << "                                  home keyring's keys), then started\n"
        << "  status                          print a running node's status [--node URL]\n"
        << "  version                         print the version\n"
        << "  help                            this text\n\n"
        << "Every command takes --home DIR (default " << allora::defaultHome().string()
        << ").\nConfig lives in HOME/config, chain data in HOME/data.\n";
}

int run(int argc, char** argv) {
    using namespace allora::daemon;
    allora::initCrypto();
    const std::string_view cmd = argc > 1 ? argv[1] : "help";
    allora::cli::ArgStream args(argc - 1, argv + 1);
    if (cmd == "version" || cmd == "--version") {
        std::cout << allora::versionString() << "\n";
        return kExitOk;
    }
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
        printHelp();
        return kExitOk;
    }
    if (cmd == "init") return runInit(args);
    if (cmd == "genesis") return runGenesis(args);
    if (cmd == "start") return runStart(args);
    if (cmd == "status") return runStatus(args);
    if (cmd == "devnet") return runDevnet(args);
    return usageError("unknown command '" + std::string(cmd) + "' (try 'allorad help')");
}

// The heap is kept rather than handed back to the kernel after every large free: a block's
// execution allocates and frees tens of MB, and re-faulting those pages cost 12-18 % of the
// kernel time of applying a block (tests/bench/bench_chain). Memory freed stays reserved up to
// the trim threshold; allocations under the mmap threshold come from the heap.
void keepHeapPages() {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
    keepHeapPages();
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "Error: internal error: " << e.what() << std::endl;
        return allora::daemon::kExitFailure;
    }
}
