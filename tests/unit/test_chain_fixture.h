// Shared by the chain tests (test_chain_app, test_ante, test_genesis): keys from a fixed mnemonic,
// a devnet genesis, a node home on real SQLite in a temporary directory, and real signed MsgSend
// transactions built with the wallet's tx builder.
#pragma once

#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <string>
#include <vector>

#include "core/amount.h"
#include "core/encoding.h"
#include "core/secp256k1.h"
#include "core/sqlite.h"
#include "node/chain/chain_app.h"
#include "node/chain/genesis.h"
#include "node/modules/address.h"
#include "wallet/account.h"
#include "wallet/tx_builder.h"

namespace chaintest {

using namespace allora;
using namespace allora::node;

inline constexpr const char* kMnemonic =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
inline constexpr const char* kChainId = "allora-devnet-1";
inline constexpr int64_t kGenesisTime = 1'767'225'600;  // 2026-01-01T00:00:00Z
inline constexpr int64_t kMonth = 30 * 24 * 3600;
inline constexpr uint64_t kGas = 200'000;
inline constexpr uint64_t kFee = 2'000'000;  // 10 uallo × 200 000 gas

struct Key {
    wallet::Account account;
    std::string address() const { return account.address; }
};

inline Key key(uint32_t index) {
    auto a = wallet::deriveAccount(kMnemonic, {}, index);
    if (!a) qFatal("derive: %s", a.message().c_str());
    return Key{std::move(*a)};
}

// alice (0) and bob (1) are funded; carol (2) holds 1000 ALLO vesting (cliff at 12 months, linear
// to 36) plus 10 ALLO free; dave (3) has an account with only 100 uallo; eve (4) does not exist.
struct Keys {
    Key alice = key(0), bob = key(1), carol = key(2), dave = key(3), eve = key(4);
};

inline const Keys& keys() {
    static const Keys k;
    return k;
}

inline Coins coins(const std::string& amount) {
    return Coins{Coin{"uallo", *Amount::parse(amount)}};
}

inline Genesis devnetGenesis() {
    const Keys& k = keys();
    Genesis g = Genesis::withDefaults(kChainId, kGenesisTime);
    g.authParams.set_max_memo_characters(64);  // a chain param: small here so a test can pass it
    for (const Key* acc : {&k.alice, &k.bob, &k.carol, &k.dave})
        g.accounts.push_back({acc->address(), std::nullopt});
    allora::auth::v1::VestingSchedule v;
    v.set_kind(allora::auth::v1::VestingSchedule::KIND_CONTINUOUS);
    coinsToProto(coins("1000000000000000000000"), v.mutable_original_vesting());
    v.set_start_time(kGenesisTime);
    v.set_cliff_time(kGenesisTime + 12 * kMonth);
    v.set_end_time(kGenesisTime + 36 * kMonth);
    g.accounts[2].vesting = v;
    g.balances.push_back({k.alice.address(), coins("1000000000000000000000")});  // 1000 ALLO
    g.balances.push_back({k.bob.address(), coins("5000000000000000000")});       // 5 ALLO
    g.balances.push_back({k.carol.address(), coins("1010000000000000000000")});  // 1010 ALLO
    g.balances.push_back({k.dave.address(), coins("100")});
    GenesisValidator val;
    val.pubKey = Bytes(32, 7);
    val.power = 10;
    val.name = "solo";
    g.validators.push_back(val);
    return g;
}

// A node home: database + ChainApp, reopenable.
struct Node {
    std::string path;
    std::unique_ptr<Database> db;
    std::unique_ptr<ChainApp> app;

    explicit Node(std::string file) : path(std::move(file)) { reopen(); }
    ~Node() { close(); }
    void close() {
        app.reset();
        db.reset();
    }
    void reopen() {
        close();
        auto opened = Database::open(path);
        if (!opened) qFatal("%s", opened.message().c_str());
        db = std::make_unique<Database>(std::move(*opened));
        auto a = ChainApp::open(*db);
        if (!a) qFatal("%s", a.message().c_str());
        app = std::move(*a);
    }
    Hash256 init(const Genesis& g = devnetGenesis()) {
        auto h = app->initChain(g);
        if (!h) qFatal("initChain: %s", h.message().c_str());
        return *h;
    }
    uint64_t height() const { return app->info().lastBlockHeight; }

    // Finalizes and commits a block at the next height, 5 s after the previous one.
    FinalizeBlockResponse block(const std::vector<Bytes>& txs, int64_t timeUnix = 0) {
        FinalizeBlockRequest req;
        req.block.chainId = kChainId;
        req.block.height = height() + 1;
        req.block.timeUnixNanos =
            (timeUnix != 0 ? timeUnix : kGenesisTime + 5 * static_cast<int64_t>(req.block.height)) *
            1'000'000'000;
        req.txs = txs;
        req.blockBytes = toBytes("block " + std::to_string(req.block.height));
        req.blockHash = sha256(req.blockBytes);
        auto r = app->finalizeBlock(req);
        if (!r) qFatal("finalizeBlock: %s", r.message().c_str());
        auto c = app->commit();
        if (!c) qFatal("commit: %s", c.message().c_str());
        return std::move(*r);
    }

    Amount balance(const Key& k) const {
        KvStoreView view(*app);
        return *app->bankKeeper().balance(view.kv, *parseAddress(k.address()), "uallo");
    }
    uint64_t sequence(const Key& k) const {
        KvStoreView view(*app);
        auto acc = app->authKeeper().account(view.kv, *parseAddress(k.address()));
        return *acc ? (*acc)->base().sequence() : 0;
    }
    uint64_t accountNumber(const Key& k) const {
        KvStoreView view(*app);
        auto acc = app->authKeeper().account(view.kv, *parseAddress(k.address()));
        return *acc ? (*acc)->base().account_number() : 0;
    }
    Amount supply() const {
        KvStoreView view(*app);
        return *app->bankKeeper().supplyOf(view.kv, "uallo");
    }
    Amount feeCollector() const {
        KvStoreView view(*app);
        return *app->bankKeeper().balance(view.kv, moduleAddress("fee_collector"), "uallo");
    }

    // Read access to the committed state for assertions.
    struct KvStoreView {
        StateOverlay overlay;
        KvStore kv;
        explicit KvStoreView(const ChainApp& a) : overlay(a.stateStore()), kv(overlay) {}
    };
};

struct SendSpec {
    std::string to{};
    std::string amount = "1000";
    uint64_t sequence = 0;
    uint64_t accountNumber = 0;
    std::string fee = std::to_string(kFee);
    uint64_t gas = kGas;
    std::string memo{};
    std::string chainId = kChainId;
};

inline wallet::UnsignedTx unsignedSend(const Key& from, const SendSpec& s) {
    wallet::TxSpec spec;
    spec.messages.push_back(wallet::makeMsgSend(from.address(), s.to, {{"uallo", s.amount}}));
    if (!s.fee.empty()) spec.fee.amount = {{"uallo", s.fee}};
    spec.fee.gasLimit = s.gas;
    spec.memo = s.memo;
    spec.signerPublicKey = from.account.publicKey;
    spec.sequence = s.sequence;
    auto tx = wallet::buildTx(spec);
    if (!tx) qFatal("buildTx: %s", tx.message().c_str());
    return *tx;
}

inline secp256k1::Signature signTx(const Key& from, const wallet::UnsignedTx& tx,
                                   const std::string& chainId, uint64_t accountNumber) {
    auto sig = secp256k1::sign(from.account.privateKey, tx.signBytes(chainId, accountNumber));
    if (!sig) qFatal("sign: %s", sig.message().c_str());
    return *sig;
}

inline Bytes signedSend(const Key& from, const SendSpec& s) {
    auto tx = unsignedSend(from, s);
    return tx.toTxRaw(signTx(from, tx, s.chainId, s.accountNumber));
}

// n − s for a 64-byte compact signature: the same signature with the high S (malleated).
inline secp256k1::Signature highS(secp256k1::Signature sig) {
    static const uint8_t n[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                  0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48,
                                  0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41};
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
        int d = n[i] - sig[static_cast<size_t>(32 + i)] - borrow;
        borrow = d < 0 ? 1 : 0;
        sig[static_cast<size_t>(32 + i)] = static_cast<uint8_t>(d + (borrow ? 256 : 0));
    }
    return sig;
}

}  // namespace chaintest
