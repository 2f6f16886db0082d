#include "node/modules/emissions/module.h"

#include "node/modules/emissions/epoch.h"
#include "node/modules/emissions/genesis.h"
#include "node/modules/emissions/msgs_common.h"
#include "node/modules/emissions/queries.h"

namespace allora::node::emissions {

std::shared_ptr<const EmissionsKeeper> registerEmissionsModule(ChainApp& app) {
    auto keeper = std::make_shared<const EmissionsKeeper>(app.bankKeeper());
    registerTopicMessages(app.router(), keeper);
    registerStakeMessages(app.router(), keeper);
    registerPayloadMessages(app.router(), keeper);
    registerParamsMessages(app.router(), keeper);
    const auth::AuthKeeper& auth = app.authKeeper();
    app.addGenesisInitializer("emissions", [keeper, &auth](KvStore& store, const Genesis& g) {
        return initEmissionsGenesis(*keeper, auth, store, g);
    });
    app.hooks().addEndBlocker(
        "emissions", [keeper](MsgContext& ctx) { return emissionsEndBlock(*keeper, ctx); });
    app.addQueryHandler(std::string(kQueryPrefix),
                        [keeper](const KvStore& store, const QueryRequest& request) {
                            return emissionsQuery(*keeper, store, request);
                        });
    return keeper;
}

}  // namespace allora::node::emissions
