// bench_keys: how fast the wallet turns mnemonics into addresses and signs.
//
// Each figure runs for a fixed time budget rather than a fixed count, so the whole program takes a
// few seconds on any machine (it runs in the CTest suite under the "bench" label). The full
// derivation is dominated by BIP-39's 2048 PBKDF2 rounds; the cached figure is what a wallet pays
// per extra address once it holds the m/44'/118'/0'/0 key.
//
// Usage: bench_keys [seconds per figure, default 1.0]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/bytes.h"
#include "core/hash.h"
#include "core/secp256k1.h"
#include "wallet/account.h"
#include "wallet/bip32.h"
#include "wallet/bip39.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace bip32 = allora::wallet::bip32;
namespace bip39 = allora::wallet::bip39;
namespace secp = allora::secp256k1;

constexpr const char* kMnemonic =
    "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom "
    "lizard educate guess current outdoor pair theory focus wife stone";

// Runs `step(i)` until the budget is spent; returns operations per second. A step returning false
// is a failure of the code under test, which a benchmark must not hide behind a number.
template <typename Step>
double measure(const char* name, double budgetSeconds, Step step) {
    const auto start = Clock::now();
    const auto budget = std::chrono::duration<double>(budgetSeconds);
    uint32_t ops = 0;
    std::chrono::duration<double> elapsed{};
    do {
        if (!step(ops)) {
            std::fprintf(stderr, "bench: %s failed at iteration %u\n", name, ops);
            std::exit(1);
        }
        ++ops;
        elapsed = Clock::now() - start;
    } while (elapsed < budget);
    const double rate = ops / elapsed.count();
    std::printf("bench: %s: %.1f /s (%u in %.2f s)\n", name, rate, ops, elapsed.count());
    std::fflush(stdout);
    return rate;
}

}  // namespace

int main(int argc, char** argv) {
    double budget = 1.0;
    if (argc > 1) budget = std::strtod(argv[1], nullptr);
    if (!(budget > 0 && budget < 3600)) {
        std::fprintf(stderr, "usage: bench_keys [seconds per figure]\n");
        return 2;
    }
    allora::initCrypto();

    // Cross-check before timing: a fast wrong answer is worth nothing.
    {
        auto account = allora::wallet::deriveAccount(kMnemonic, {}, 0, "cosmos");
        if (!account || account->address != "cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6") {
            std::fprintf(stderr, "bench: derivation self-check failed\n");
            return 1;
        }
    }

    measure("address derivation (full, PBKDF2 included)", budget, [](uint32_t i) {
        auto account = allora::wallet::deriveAccount(kMnemonic, {}, i % 1000);
        return account.ok();
    });

    // What a wallet does once the account-level key is cached: one normal child, then the address.
    const allora::SecureBytes seed = bip39::toSeed(kMnemonic);
    auto root = bip32::fromSeed(seed.span());
    if (!root) return 1;
    auto change = bip32::derivePath(*root, "m/44'/118'/0'/0");
    if (!change) {
        std::fprintf(stderr, "bench: %s\n", change.message().c_str());
        return 1;
    }
    measure("address derivation (cached m/44'/118'/0'/0, private)", budget, [&](uint32_t i) {
        auto child = bip32::deriveChild(*change, i);
        return child.ok() && allora::wallet::addressFromPublicKey(child->publicKey).ok();
    });
    // A watch-only wallet holding the xpub: public derivation needs no scalar multiplication.
    const bip32::ExtendedKey changePub = change->neuter();
    measure("address derivation (cached xpub, public only)", budget, [&](uint32_t i) {
        auto child = bip32::deriveChild(changePub, i);
        return child.ok() && allora::wallet::addressFromPublicKey(child->publicKey).ok();
    });

    auto key = bip32::deriveChild(*change, 0);
    if (!key) return 1;
    // A SignDoc-sized message (the cosmjs MsgSend sign bytes are 234 bytes).
    allora::Bytes message(234, 0x5a);
    secp::Signature lastSig{};
    measure("secp256k1 sign (SHA-256 + ECDSA, RFC 6979)", budget, [&](uint32_t i) {
        message[0] = static_cast<uint8_t>(i);
        message[1] = static_cast<uint8_t>(i >> 8);
        auto sig = secp::sign(key->privateKey, message);
        if (!sig) return false;
        lastSig = *sig;
        return true;
    });
    measure("secp256k1 verify (SHA-256 + ECDSA)", budget,
            [&](uint32_t) { return secp::verify(key->publicKey, message, lastSig); });
    return 0;
}
