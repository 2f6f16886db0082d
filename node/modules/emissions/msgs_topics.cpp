// Topic messages (PROTOCOL.md §5): CreateNewTopic, Register, RemoveRegistration, FundTopic.
#include "allora/emissions/v9/tx.pb.h"
#include "node/modules/emissions/msgs_common.h"
#include "node/modules/emissions/topic_rules.h"

namespace allora::node::emissions {

namespace {

TxStatus createTopicBasic(const pb::CreateNewTopicRequest& m, std::vector<std::string>& signers) {
    if (TxStatus s = checkAddress("creator", m.creator()); !s.ok()) return s;
    signers.push_back(m.creator());
    if (std::string problem = topicFieldsProblem(m); !problem.empty()) return invalid(problem);
    return TxStatus::success();
}

TxStatus createTopic(const EmissionsKeeper& keeper, MsgContext& ctx,
                     const pb::CreateNewTopicRequest& m) {
    Params params;
    ParsedParams amounts;
    if (TxStatus s = requireParams(keeper, ctx.store, params, amounts); !s.ok()) return s;
    if (m.epoch_length() < params.min_epoch_length())
        return invalid("epoch_length " + std::to_string(m.epoch_length()) +
                       " is below min_epoch_length " + std::to_string(params.min_epoch_length()));
    if (m.metadata().size() > params.max_string_length())
        return invalid("metadata is longer than max_string_length (" +
                       std::to_string(params.max_string_length()) + ")");
    if (m.loss_method().size() > params.max_string_length())
        return invalid("loss_method is longer than max_string_length");
    auto id = keeper.nextTopicId(ctx.store);
    if (!id) return TxStatus::internal(id.error());
    const Bytes creator = *parseAddress(m.creator());
    if (TxStatus s =
            keeper.chargeFee(ctx, creator, amounts.createTopicFee, *id, "topic creation fee");
        !s.ok())
        return s;
    Topic t;
    t.set_creator(m.creator());
    t.set_metadata(m.metadata());
    t.set_loss_method(m.loss_method());
    t.set_epoch_last_ended(static_cast<int64_t>(ctx.block.height));
    t.set_epoch_length(m.epoch_length());
    t.set_ground_truth_lag(m.ground_truth_lag());
    t.set_p_norm(m.p_norm());
    t.set_alpha_regret(m.alpha_regret());
    t.set_allow_negative(m.allow_negative());
    t.set_epsilon(m.epsilon());
    t.set_initial_regret("0");
    t.set_worker_submission_window(m.worker_submission_window());
    t.set_merit_sortition_alpha(m.merit_sortition_alpha());
    t.set_active_inferer_quantile(m.active_inferer_quantile());
    t.set_active_forecaster_quantile(m.active_forecaster_quantile());
    t.set_active_reputer_quantile(m.active_reputer_quantile());
    t.set_c_norm(params.c_norm());
    auto created = keeper.createTopic(ctx.store, std::move(t));
    if (!created) return TxStatus::internal(created.error());
    ctx.events.push_back(Event{"emissions.v9.EventTopicCreated",
                               {{"topic_id", std::to_string(*created)}, {"creator", m.creator()}}});
    return TxStatus::success();
}

TxStatus registerActor(const EmissionsKeeper& keeper, MsgContext& ctx,
                       const pb::RegisterRequest& m) {
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, m.topic_id(), topic); !s.ok()) return s;
    const Bytes actor = *parseAddress(m.sender());
    const char* role = m.is_reputer() ? "reputer" : "worker";
    auto registered = keeper.isRegistered(ctx.store, m.topic_id(), actor, m.is_reputer());
    if (!registered) return TxStatus::internal(registered.error());
    if (*registered)
        return invalid(m.sender() + " is already registered as a " + role + " in topic " +
                       std::to_string(m.topic_id()));
    Params params;
    ParsedParams amounts;
    if (TxStatus s = requireParams(keeper, ctx.store, params, amounts); !s.ok()) return s;
    if (TxStatus s =
            keeper.chargeFee(ctx, actor, amounts.registrationFee, m.topic_id(), "registration fee");
        !s.ok())
        return s;
    if (auto s = keeper.setRegistered(ctx.store, m.topic_id(), actor, m.is_reputer(), true); !s)
        return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventRegistered",
                               {{"topic_id", std::to_string(m.topic_id())},
                                {"address", m.sender()},
                                {"is_reputer", m.is_reputer() ? "true" : "false"}}});
    return TxStatus::success();
}

TxStatus removeRegistration(const EmissionsKeeper& keeper, MsgContext& ctx,
                            const pb::RemoveRegistrationRequest& m) {
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, m.topic_id(), topic); !s.ok()) return s;
    const Bytes actor = *parseAddress(m.sender());
    auto registered = keeper.isRegistered(ctx.store, m.topic_id(), actor, m.is_reputer());
    if (!registered) return TxStatus::internal(registered.error());
    if (!*registered)
        return invalid(m.sender() + " is not registered as a " +
                       (m.is_reputer() ? "reputer" : "worker") + " in topic " +
                       std::to_string(m.topic_id()));
    if (auto s = keeper.setRegistered(ctx.store, m.topic_id(), actor, m.is_reputer(), false); !s)
        return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventRegistrationRemoved",
                               {{"topic_id", std::to_string(m.topic_id())},
                                {"address", m.sender()},
                                {"is_reputer", m.is_reputer() ? "true" : "false"}}});
    return TxStatus::success();
}

TxStatus fundTopic(const EmissionsKeeper& keeper, MsgContext& ctx, const pb::FundTopicRequest& m) {
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, m.topic_id(), topic); !s.ok()) return s;
    const Amount amount = *parseCoinAmount(m.amount());
    const Bytes sender = *parseAddress(m.sender());
    if (TxStatus s = keeper.chargeFee(ctx, sender, amount, m.topic_id(), "topic funding"); !s.ok())
        return s;
    auto active = keeper.activateIfWeighty(ctx.store, m.topic_id());
    if (!active) return TxStatus::internal(active.error());
    ctx.events.push_back(Event{"emissions.v9.EventTopicFunded",
                               {{"topic_id", std::to_string(m.topic_id())},
                                {"sender", m.sender()},
                                {"amount", amount.toCoinString()}}});
    return TxStatus::success();
}

}  // namespace

void registerTopicMessages(MsgRouter& router, std::shared_ptr<const EmissionsKeeper> keeper) {
    addHandler<pb::CreateNewTopicRequest>(
        router, "CreateNewTopicRequest", createTopicBasic,
        [keeper](MsgContext& ctx, const pb::CreateNewTopicRequest& m) {
            return createTopic(*keeper, ctx, m);
        });
    addHandler<pb::RegisterRequest>(
        router, "RegisterRequest",
        [](const pb::RegisterRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            if (TxStatus s = checkAddress("owner", m.owner()); !s.ok()) return s;
            if (m.owner() != m.sender())
                return invalid("owner " + m.owner() + " must be the sender " + m.sender());
            return TxStatus::success();
        },
        [keeper](MsgContext& ctx, const pb::RegisterRequest& m) {
            return registerActor(*keeper, ctx, m);
        });
    addHandler<pb::RemoveRegistrationRequest>(
        router, "RemoveRegistrationRequest",
        [](const pb::RemoveRegistrationRequest& m, std::vector<std::string>& signers) {
            return senderSigns(m.sender(), signers);
        },
        [keeper](MsgContext& ctx, const pb::RemoveRegistrationRequest& m) {
            return removeRegistration(*keeper, ctx, m);
        });
    addHandler<pb::FundTopicRequest>(
        router, "FundTopicRequest",
        [](const pb::FundTopicRequest& m, std::vector<std::string>& signers) {
            if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
            Amount amount;
            return checkPositiveAmount("amount", m.amount(), &amount);
        },
        [keeper](MsgContext& ctx, const pb::FundTopicRequest& m) {
            return fundTopic(*keeper, ctx, m);
        });
}

}  // namespace allora::node::emissions
