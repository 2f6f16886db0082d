// Shared by the mint tests (test_mint_block, test_mint_genesis): the chain fixture of
// test_chain_fixture.h with the mint module registered, a genesis with stake in the allorastaking
// account, typed mint queries, and sums over the bank's state.
#pragma once

#include "allora/mint/v1/query.pb.h"
#include "node/modules/mint/module.h"
#include "node/modules/proto_util.h"
#include "node/modules/reward_pool.h"
#include "test_chain_fixture.h"

namespace minttest {

using namespace chaintest;
namespace am = allora::mint;
namespace mpb = ::mint::v1;

inline std::string moduleBech32(std::string_view name) {
    return formatAddress(moduleAddress(name));
}

inline Amount allo(uint64_t n) {
    return Amount::fromAllo(n);
}
inline Amount uallo(const std::string& digits) {
    return *Amount::parse(digits);
}
inline Amount sum(const Amount& a, const Amount& b) {
    return *a.add(b);
}
inline Amount diff(const Amount& a, const Amount& b) {
    return *a.sub(b);
}

// The devnet genesis, `staked` in the allorastaking account and `ecosystem` in the ecosystem
// account (as fees would put there), and the mint section `mintJson`.
inline Genesis mintGenesis(const std::string& mintJson, const Amount& staked = allo(1000),
                           const Amount& ecosystem = Amount{}) {
    Genesis g = devnetGenesis();
    for (auto [name, amount] :
         {std::pair{am::kStakingName, staked}, std::pair{am::kEcosystemName, ecosystem}}) {
        if (amount.isZero()) continue;
        g.accounts.push_back({moduleBech32(name), std::nullopt});
        g.balances.push_back({moduleBech32(name), Coins{Coin{"uallo", amount}}});
    }
    if (!mintJson.empty()) g.moduleStates["mint"] = mintJson;
    return g;
}

// A node with the mint module; reopen() registers it again on the new app, as a restart does.
// `onEndBlock` (optional) plays the emissions module's part: it runs in every end-block.
struct MintNode : Node {
    std::shared_ptr<const am::MintKeeper> keeper;
    std::function<void(MsgContext&)> onEndBlock;

    explicit MintNode(std::string file) : Node(std::move(file)) { registerModules(); }
    void restart() {
        reopen();
        registerModules();
    }
    void registerModules() {
        keeper = am::registerMintModule(*app);
        app->hooks().addEndBlocker("test-emissions", [this](MsgContext& ctx) {
            if (onEndBlock) onEndBlock(ctx);
            return TxStatus::success();
        });
    }

    Amount module(std::string_view name) const {
        KvStoreView view(*app);
        return *app->bankKeeper().balance(view.kv, moduleAddress(name), "uallo");
    }
    // Σ of every stored balance (every account, every module account).
    Amount sumOfBalances() const {
        KvStoreView view(*app);
        Amount total;
        auto s = view.kv.forEachPrefix(toBytes("bank/bal/"), [&](ByteSpan, ByteSpan value) {
            total = sum(total, uallo(std::string(value.begin(), value.end())));
            return true;
        });
        if (!s) qFatal("%s", s.message().c_str());
        return total;
    }
    Amount rewardsPerBlock() const {
        KvStoreView view(*app);
        return *allora::node::rewardsPerBlock(view.kv);
    }
    mpb::MintState state() const {
        KvStoreView view(*app);
        return *keeper->state(view.kv);
    }

    template <typename Resp>
    Resp query(const std::string& name, const google::protobuf::MessageLite& req,
               uint32_t* code = nullptr) const {
        QueryRequest q;
        q.path = "/mint.v1.Query/" + name;
        q.data = allora::node::toBytes(req);
        QueryResponse r = app->query(q);
        if (code != nullptr) *code = r.code;
        Resp out;
        if (r.code == 0) out.ParseFromArray(r.value.data(), static_cast<int>(r.value.size()));
        return out;
    }
    mpb::EmissionRecalculation lastRecalculation() const {
        return query<mpb::LastRecalculationResponse>("LastRecalculation",
                                                     mpb::LastRecalculationRequest{})
            .recalculation();
    }

    // A signed transfer from `from` in the next block (fee kFee to the fee collector).
    FinalizeBlockResponse send(const Key& from, const std::string& to, const Amount& amount) {
        SendSpec s;
        s.to = to;
        s.amount = amount.toUalloString();
        s.sequence = sequence(from);
        s.accountNumber = accountNumber(from);
        return block({signedSend(from, s)});
    }
};

inline const Event* findEvent(const FinalizeBlockResponse& r, const std::string& type) {
    for (const auto& e : r.events)
        if (e.type == type) return &e;
    return nullptr;
}

inline std::string attr(const Event* e, const std::string& key) {
    if (e == nullptr) return "<no event>";
    for (const auto& a : e->attributes)
        if (a.key == key) return a.value;
    return "<no " + key + ">";
}

}  // namespace minttest
