#include "node/modules/emissions/queries.h"

#include "allora/emissions/v9/query.pb.h"
#include "node/modules/address.h"
#include "node/modules/emissions/epoch_close.h"
#include "node/modules/proto_util.h"

namespace allora::node::emissions {

namespace {

QueryResponse fail(TxCode code, std::string log) {
    QueryResponse r;
    r.code = static_cast<uint32_t>(code);
    r.log = std::move(log);
    return r;
}

QueryResponse answer(const google::protobuf::MessageLite& msg) {
    QueryResponse r;
    r.value = node::toBytes(msg);
    return r;
}

// Runs `body(request)` with the decoded request; its Result errors become Internal answers.
class Dispatcher {
public:
    Dispatcher(const EmissionsKeeper& k, const KvStore& s, const QueryRequest& q)
        : keeper(k), store(s), request(q) {}

    template <typename Req, typename Body>
    QueryResponse run(Body body) {
        Req req;
        if (!parseStrict(req, request.data))
            return fail(TxCode::TxDecode, "malformed query request for " + request.path);
        return body(req);
    }

    const EmissionsKeeper& keeper;
    const KvStore& store;
    const QueryRequest& request;
};

QueryResponse internal(const Error& e) {
    return fail(TxCode::Internal, e.message);
}

// Parses an address field or answers InvalidAddress.
bool address(std::string_view field, const std::string& text, Bytes& out, QueryResponse& err) {
    auto a = parseAddress(text);
    if (!a) {
        err = fail(TxCode::InvalidAddress, "invalid " + std::string(field) + ": " + a.message());
        return false;
    }
    out = std::move(*a);
    return true;
}

QueryResponse amountAnswer(const Result<Amount>& a, auto response) {
    if (!a) return internal(a.error());
    response.set_amount(coinAmountString(*a));
    return answer(response);
}

}  // namespace

QueryResponse emissionsQuery(const EmissionsKeeper& keeper, const KvStore& store,
                             const QueryRequest& request) {
    const std::string_view name = std::string_view(request.path).substr(kQueryPrefix.size());
    Dispatcher d(keeper, store, request);
    QueryResponse err;

    if (name == "GetParams")
        return d.run<pb::GetParamsRequest>([&](const auto&) {
            auto p = keeper.params(store);
            if (!p) return internal(p.error());
            pb::GetParamsResponse r;
            *r.mutable_params() = *p;
            return answer(r);
        });
    if (name == "GetNextTopicId")
        return d.run<pb::GetNextTopicIdRequest>([&](const auto&) {
            auto id = keeper.nextTopicId(store);
            if (!id) return internal(id.error());
            pb::GetNextTopicIdResponse r;
            r.set_next_topic_id(*id);
            return answer(r);
        });
    if (name == "GetTopic")
        return d.run<pb::GetTopicRequest>([&](const pb::GetTopicRequest& q) {
            auto t = keeper.topic(store, q.topic_id());
            if (!t) return internal(t.error());
            if (!*t)
                return fail(TxCode::InvalidRequest,
                            "topic " + std::to_string(q.topic_id()) + " does not exist");
            auto w = keeper.topicWeight(store, **t);
            if (!w) return internal(w.error());
            auto revenue = keeper.topicFeeRevenue(store, q.topic_id());
            if (!revenue) return internal(revenue.error());
            pb::GetTopicResponse r;
            *r.mutable_topic() = **t;
            r.set_weight(std::to_string(*w));
            r.set_effective_revenue(coinAmountString(*revenue));
            return answer(r);
        });
    if (name == "GetTopics")
        return d.run<pb::GetTopicsRequest>([&](const pb::GetTopicsRequest& q) {
            auto p = keeper.params(store);
            if (!p) return internal(p.error());
            uint64_t limit = q.limit() == 0 ? p->default_page_limit() : q.limit();
            limit = std::min<uint64_t>(limit, p->max_page_limit());
            pb::GetTopicsResponse r;
            uint64_t lastId = 0;
            bool more = false;
            auto s = keeper.forEachTopic(store, q.offset() + 1, [&](const Topic& t) {
                if (static_cast<uint64_t>(r.topics_size()) == limit) {
                    more = true;
                    return false;
                }
                *r.add_topics() = t;
                lastId = t.id();
                return true;
            });
            if (!s) return internal(s.error());
            r.set_next_offset(more ? lastId : 0);
            return answer(r);
        });
    if (name == "GetActiveTopics")
        return d.run<pb::GetActiveTopicsRequest>([&](const auto&) {
            auto ids = keeper.activeTopicIds(store);
            if (!ids) return internal(ids.error());
            pb::GetActiveTopicsResponse r;
            for (uint64_t id : *ids) {
                auto t = keeper.topic(store, id);
                if (!t) return internal(t.error());
                if (*t) *r.add_topics() = **t;
            }
            return answer(r);
        });
    if (name == "GetTopicStake")
        return d.run<pb::GetTopicStakeRequest>([&](const pb::GetTopicStakeRequest& q) {
            return amountAnswer(keeper.topicStake(store, q.topic_id()),
                                pb::GetTopicStakeResponse{});
        });
    if (name == "GetTopicFeeRevenue")
        return d.run<pb::GetTopicFeeRevenueRequest>([&](const pb::GetTopicFeeRevenueRequest& q) {
            auto a = keeper.topicFeeRevenue(store, q.topic_id());
            if (!a) return internal(a.error());
            pb::GetTopicFeeRevenueResponse r;
            r.set_fee_revenue(coinAmountString(*a));
            return answer(r);
        });
    if (name == "GetReputerStakeInTopic")
        return d.run<pb::GetReputerStakeInTopicRequest>(
            [&](const pb::GetReputerStakeInTopicRequest& q) {
                Bytes a;
                if (!address("address", q.address(), a, err)) return err;
                return amountAnswer(keeper.reputerStake(store, q.topic_id(), a),
                                    pb::GetReputerStakeInTopicResponse{});
            });
    if (name == "GetDelegateStakeInTopicInReputer")
        return d.run<pb::GetDelegateStakeInTopicInReputerRequest>(
            [&](const pb::GetDelegateStakeInTopicInReputerRequest& q) {
                Bytes a;
                if (!address("reputer_address", q.reputer_address(), a, err)) return err;
                return amountAnswer(keeper.delegatedTo(store, q.topic_id(), a),
                                    pb::GetDelegateStakeInTopicInReputerResponse{});
            });
    if (name == "GetStakeFromDelegatorInTopicInReputer")
        return d.run<pb::GetStakeFromDelegatorInTopicInReputerRequest>(
            [&](const pb::GetStakeFromDelegatorInTopicInReputerRequest& q) {
                Bytes del, rep;
                if (!address("delegator_address", q.delegator_address(), del, err)) return err;
                if (!address("reputer_address", q.reputer_address(), rep, err)) return err;
                return amountAnswer(keeper.delegatorAmount(store, q.topic_id(), rep, del),
                                    pb::GetStakeFromDelegatorInTopicInReputerResponse{});
            });
    if (name == "GetStakeFromDelegatorInTopic")
        return d.run<pb::GetStakeFromDelegatorInTopicRequest>(
            [&](const pb::GetStakeFromDelegatorInTopicRequest& q) {
                Bytes del;
                if (!address("delegator_address", q.delegator_address(), del, err)) return err;
                return amountAnswer(keeper.delegatedBy(store, q.topic_id(), del),
                                    pb::GetStakeFromDelegatorInTopicResponse{});
            });
    if (name == "GetDelegateRewardPending")
        return d.run<pb::GetDelegateRewardPendingRequest>(
            [&](const pb::GetDelegateRewardPendingRequest& q) {
                Bytes del, rep;
                if (!address("delegator_address", q.delegator_address(), del, err)) return err;
                if (!address("reputer_address", q.reputer_address(), rep, err)) return err;
                return amountAnswer(keeper.pendingDelegatorReward(store, q.topic_id(), rep, del),
                                    pb::GetDelegateRewardPendingResponse{});
            });
    if (name == "GetStakeRemovalInfo")
        return d.run<pb::GetStakeRemovalInfoRequest>([&](const pb::GetStakeRemovalInfoRequest& q) {
            Bytes rep;
            if (!address("reputer", q.reputer(), rep, err)) return err;
            auto info = keeper.stakeRemoval(store, q.topic_id(), rep);
            if (!info) return internal(info.error());
            if (!*info) return fail(TxCode::InvalidRequest, "no pending stake removal");
            pb::GetStakeRemovalInfoResponse r;
            *r.mutable_removal() = **info;
            return answer(r);
        });
    if (name == "GetDelegateStakeRemovalInfo")
        return d.run<pb::GetDelegateStakeRemovalInfoRequest>(
            [&](const pb::GetDelegateStakeRemovalInfoRequest& q) {
                Bytes rep, del;
                if (!address("reputer", q.reputer(), rep, err)) return err;
                if (!address("delegator", q.delegator(), del, err)) return err;
                auto info = keeper.delegateStakeRemoval(store, q.topic_id(), rep, del);
                if (!info) return internal(info.error());
                if (!*info)
                    return fail(TxCode::InvalidRequest, "no pending delegate stake removal");
                pb::GetDelegateStakeRemovalInfoResponse r;
                *r.mutable_removal() = **info;
                return answer(r);
            });
    if (name == "IsWorkerRegisteredInTopicId" || name == "IsReputerRegisteredInTopicId") {
        const bool reputer = name == "IsReputerRegisteredInTopicId";
        return d.run<pb::IsWorkerRegisteredInTopicIdRequest>(
            [&](const pb::IsWorkerRegisteredInTopicIdRequest& q) {
                Bytes a;
                if (!address("address", q.address(), a, err)) return err;
                auto yes = keeper.isRegistered(store, q.topic_id(), a, reputer);
                if (!yes) return internal(yes.error());
                pb::IsWorkerRegisteredInTopicIdResponse r;  // same layout as the reputer one
                r.set_is_registered(*yes);
                return answer(r);
            });
    }
    if (name == "GetUnfulfilledWorkerNonces")
        return d.run<pb::GetUnfulfilledWorkerNoncesRequest>(
            [&](const pb::GetUnfulfilledWorkerNoncesRequest& q) {
                auto n = keeper.workerNonces(store, q.topic_id());
                if (!n) return internal(n.error());
                pb::GetUnfulfilledWorkerNoncesResponse r;
                *r.mutable_nonces() = *n;
                return answer(r);
            });
    if (name == "GetUnfulfilledReputerNonces")
        return d.run<pb::GetUnfulfilledReputerNoncesRequest>(
            [&](const pb::GetUnfulfilledReputerNoncesRequest& q) {
                auto n = keeper.reputerNonces(store, q.topic_id());
                if (!n) return internal(n.error());
                pb::GetUnfulfilledReputerNoncesResponse r;
                *r.mutable_nonces() = *n;
                return answer(r);
            });
    if (name == "GetWorkerLatestInferenceByTopicId")
        return d.run<pb::GetWorkerLatestInferenceByTopicIdRequest>(
            [&](const pb::GetWorkerLatestInferenceByTopicIdRequest& q) {
                Bytes a;
                if (!address("worker_address", q.worker_address(), a, err)) return err;
                auto inf = keeper.latestInference(store, q.topic_id(), a);
                if (!inf) return internal(inf.error());
                if (!*inf) return fail(TxCode::InvalidRequest, "no inference from this worker");
                pb::GetWorkerLatestInferenceByTopicIdResponse r;
                *r.mutable_latest_inference() = **inf;
                return answer(r);
            });
    if (name == "GetInferencesAtBlock")
        return d.run<pb::GetInferencesAtBlockRequest>(
            [&](const pb::GetInferencesAtBlockRequest& q) {
                auto all = keeper.inferencesAt(store, q.topic_id(), q.block_height());
                if (!all) return internal(all.error());
                pb::GetInferencesAtBlockResponse r;
                for (auto& i : *all) *r.add_inferences() = std::move(i);
                return answer(r);
            });
    if (name == "GetForecastsAtBlock")
        return d.run<pb::GetForecastsAtBlockRequest>([&](const pb::GetForecastsAtBlockRequest& q) {
            auto all = keeper.forecastsAt(store, q.topic_id(), q.block_height());
            if (!all) return internal(all.error());
            pb::GetForecastsAtBlockResponse r;
            for (auto& f : *all) *r.add_forecasts() = std::move(f);
            return answer(r);
        });
    if (name == "GetReputerLossBundlesAtBlock")
        return d.run<pb::GetReputerLossBundlesAtBlockRequest>(
            [&](const pb::GetReputerLossBundlesAtBlockRequest& q) {
                auto all = keeper.reputerPayloadsAt(store, q.topic_id(), q.block_height());
                if (!all) return internal(all.error());
                pb::GetReputerLossBundlesAtBlockResponse r;
                for (auto& b : *all) *r.add_reputer_value_bundles() = std::move(b);
                return answer(r);
            });
    if (name == "GetLatestNetworkInferences")
        return d.run<pb::GetLatestNetworkInferencesRequest>(
            [&](const pb::GetLatestNetworkInferencesRequest& q) {
                auto n = latestNetworkInferences(store, q.topic_id());
                if (!n) return internal(n.error());
                if (!*n)
                    return fail(TxCode::InvalidRequest, "topic " + std::to_string(q.topic_id()) +
                                                            " has no network inference yet");
                pb::GetLatestNetworkInferencesResponse r;
                *r.mutable_network_inferences() = std::move(**n);
                return answer(r);
            });
    if (name == "GetNetworkLossBundleAtBlock")
        return d.run<pb::GetNetworkLossBundleAtBlockRequest>(
            [&](const pb::GetNetworkLossBundleAtBlockRequest& q) {
                auto v = networkLossBundle(store, q.topic_id(), q.block_height());
                if (!v) return internal(v.error());
                if (!*v) return fail(TxCode::InvalidRequest, "no network losses at that block");
                pb::GetNetworkLossBundleAtBlockResponse r;
                *r.mutable_loss_bundle() = std::move(**v);
                return answer(r);
            });
    if (name == "GetWorkerRegret")
        return d.run<pb::GetWorkerRegretRequest>([&](const pb::GetWorkerRegretRequest& q) {
            const auto family = regretFamilyFromName(q.family());
            if (!family) return fail(TxCode::InvalidRequest, "unknown regret family " + q.family());
            Bytes a;
            if (!address("actor", q.actor(), a, err)) return err;
            if (regretFamilyHasWithheld(*family) && !address("withheld", q.withheld(), a, err))
                return err;
            auto t = keeper.topic(store, q.topic_id());
            if (!t) return internal(t.error());
            if (!*t)
                return fail(TxCode::InvalidRequest,
                            "topic " + std::to_string(q.topic_id()) + " does not exist");
            auto r = storedRegret(store, q.topic_id(), *family, q.withheld(), q.actor());
            if (!r) return internal(r.error());
            pb::GetWorkerRegretResponse out;
            out.set_stored(r->has_value());
            out.set_regret(r->has_value() ? formatDecimal(**r) : (*t)->initial_regret());
            return answer(out);
        });
    if (name == "GetScoresAtBlock")
        return d.run<pb::GetScoresAtBlockRequest>([&](const pb::GetScoresAtBlockRequest& q) {
            pb::GetScoresAtBlockResponse r;
            const std::pair<ScoreKind,
                            google::protobuf::RepeatedPtrField<pb::WorkerAttributedValue>*>
                kinds[] = {{ScoreKind::Inferer, r.mutable_inferer_scores()},
                           {ScoreKind::Forecaster, r.mutable_forecaster_scores()},
                           {ScoreKind::Reputer, r.mutable_reputer_scores()}};
            for (const auto& [kind, list] : kinds) {
                auto scores = scoresAt(store, kind, q.topic_id(), q.block_height());
                if (!scores) return internal(scores.error());
                for (const auto& [actor, score] : *scores) {
                    auto* x = list->Add();
                    x->set_worker(actor);
                    x->set_value(formatDecimal(score));
                }
            }
            return answer(r);
        });
    if (name == "GetListeningCoefficient")
        return d.run<pb::GetListeningCoefficientRequest>(
            [&](const pb::GetListeningCoefficientRequest& q) {
                Bytes a;
                if (!address("reputer", q.reputer(), a, err)) return err;
                auto c = listeningCoefficient(store, q.topic_id(), a);
                if (!c) return internal(c.error());
                pb::GetListeningCoefficientResponse r;
                r.set_coefficient(formatDecimal(*c));
                return answer(r);
            });
    return fail(TxCode::UnknownRequest, "unknown emissions query " + request.path);
}

}  // namespace allora::node::emissions
