#include "node/modules/mint/module.h"

#include "node/modules/address.h"
#include "node/modules/coins.h"
#include "node/modules/mint/begin_block.h"
#include "node/modules/mint/queries.h"

namespace allora::mint {

Status initMintGenesis(const MintKeeper& keeper, const node::auth::AuthKeeper& auth,
                       node::KvStore& store, const node::Genesis& genesis) {
    std::string_view text;
    if (auto it = genesis.moduleStates.find("mint"); it != genesis.moduleStates.end())
        text = it->second;
    auto g = genesisFromJson(text);
    if (!g) return g.error();
    const pb::Params& params = g->params();

    pb::MintState state;
    state.set_previous_reward_emission_per_unit_staked_token(
        g->previous_reward_emission_per_unit_staked_token());
    state.set_previous_block_emission(g->previous_block_emission());
    state.set_ecosystem_tokens_minted(g->ecosystem_tokens_minted());
    auto t = tokenomicsParams(params);
    if (!t) return t.error();
    auto allotment = allocation(*t, t->ecosystemPercent);
    if (!allotment) return allotment.error();
    if (*node::parseCoinAmount(state.ecosystem_tokens_minted()) > *allotment)
        return makeError(ErrorCode::InvalidArgument,
                         "ecosystem_tokens_minted " + state.ecosystem_tokens_minted() +
                             " is more than the ecosystem's allotment " +
                             allotment->toUalloString());
    auto supply = keeper.bank().supplyOf(store, node::kBondDenom);
    if (!supply) return supply.error();
    if (*supply > t->maxSupply)
        return makeError(ErrorCode::InvalidArgument,
                         "mint param max_supply " + t->maxSupply.toUalloString() +
                             " is below the genesis supply " + supply->toUalloString());

    if (auto s = keeper.setParams(store, params); !s) return s;
    if (auto s = keeper.setState(store, state); !s) return s;
    for (std::string_view name : {kEcosystemName, kStakingName, kRewardsName})
        if (auto acc = auth.getOrCreateAccount(store, node::moduleAddress(name)); !acc)
            return acc.error();
    return {};
}

std::shared_ptr<const MintKeeper> registerMintModule(node::ChainApp& app) {
    auto keeper = std::make_shared<const MintKeeper>(app.bankKeeper());
    const node::auth::AuthKeeper& auth = app.authKeeper();
    app.addGenesisInitializer("mint",
                              [keeper, &auth](node::KvStore& store, const node::Genesis& g) {
                                  return initMintGenesis(*keeper, auth, store, g);
                              });
    app.hooks().addBeginBlocker(
        "mint", [keeper](node::MsgContext& ctx) { return mintBeginBlock(*keeper, ctx); });
    app.addQueryHandler(std::string(kQueryPrefix),
                        [keeper](const node::KvStore& store, const node::QueryRequest& request) {
                            return mintQuery(*keeper, store, request);
                        });
    return keeper;
}

}  // namespace allora::mint
