// UpdateParamsRequest (PROTOCOL.md §5 "UpdateParams (admins)"): an admin of the emissions genesis
// replaces the module's params; the new params pass validateParams (genesis.h) or nothing changes.
#include "allora/emissions/v9/tx.pb.h"
#include "node/modules/emissions/msgs_common.h"

namespace allora::node::emissions {

namespace {

TxStatus updateParams(const EmissionsKeeper& keeper, MsgContext& ctx,
                      const pb::UpdateParamsRequest& m) {
    const Bytes sender = *parseAddress(m.sender());
    auto admin = keeper.isAdmin(ctx.store, sender);
    if (!admin) return TxStatus::internal(admin.error());
    if (!*admin)
        return TxStatus::fail(TxCode::Unauthorized,
                              m.sender() +
                                  " is not an emissions admin: only the admins of the "
                                  "emissions genesis may update the params");
    if (auto s = keeper.setParams(ctx.store, m.params()); !s) return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventParamsUpdated", {{"sender", m.sender()}}});
    return TxStatus::success();
}

}  // namespace

void registerParamsMessages(MsgRouter& router, std::shared_ptr<const EmissionsKeeper> keeper) {
    addHandler<pb::UpdateParamsRequest>(
        router, "UpdateParamsRequest",
        [](const pb::UpdateParamsRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            if (!m.has_params()) return invalid("params are missing");
            if (auto s = validateParams(m.params()); !s) return invalid(s.message());
            return TxStatus::success();
        },
        [keeper](MsgContext& ctx, const pb::UpdateParamsRequest& m) {
            return updateParams(*keeper, ctx, m);
        });
}

}  // namespace allora::node::emissions
