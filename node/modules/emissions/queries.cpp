#include "node/modules/emissions/queries.h"

#include <algorithm>

#include "allora/emissions/v9/query.pb.h"
#include "node/modules/address.h"
#include "node/modules/emissions/epoch_close.h"
#include "node/modules/emissions/topic_history.h"
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

// A prefix of the keeper's layout (keeper.h): `name` then the 8-byte big-endian topic id.
Bytes topicPrefix(std::string_view name, uint64_t topicId) {
    Bytes k = allora::toBytes(std::string(name));
    for (int shift = 56; shift >= 0; shift -= 8)
        k.push_back(static_cast<uint8_t>(topicId >> shift));
    return k;
}

// The 20-byte addresses that follow `prefix` in the keys under it (em/worker/, em/reputer/).
Result<std::vector<Bytes>> addressesUnder(const KvStore& store, const Bytes& prefix) {
    std::vector<Bytes> out;
    auto s = store.forEachPrefix(prefix, [&](ByteSpan key, ByteSpan) {
        if (key.size() == prefix.size() + 20)
            out.emplace_back(key.begin() + prefix.size(), key.end());
        return true;
    });
    if (!s) return s.error();
    return out;
}

// The registered workers (reputer false) or reputers of a topic. The keeper has no listing call
// yet, so this reads its documented layout (em/worker/ id addr, em/reputer/ id addr).
Result<std::vector<Bytes>> registeredIn(const KvStore& store, uint64_t topicId, bool reputer) {
    return addressesUnder(store, topicPrefix(reputer ? "em/reputer/" : "em/worker/", topicId));
}

// The reputers a delegator has a DelegatorInfo with (em/deleg/ id reputer delegator).
Result<std::vector<Bytes>> reputersOfDelegator(const KvStore& store, uint64_t topicId,
                                               ByteSpan delegator) {
    const Bytes prefix = topicPrefix("em/deleg/", topicId);
    std::vector<Bytes> out;
    auto s = store.forEachPrefix(prefix, [&](ByteSpan key, ByteSpan) {
        if (key.size() != prefix.size() + 40) return true;
        if (std::equal(delegator.begin(), delegator.end(), key.begin() + prefix.size() + 20))
            out.emplace_back(key.begin() + prefix.size(), key.begin() + prefix.size() + 20);
        return true;
    });
    if (!s) return s.error();
    return out;
}

QueryResponse noTopic(uint64_t id) {
    return fail(TxCode::InvalidRequest, "topic " + std::to_string(id) + " does not exist");
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
            auto stake = keeper.topicStake(store, q.topic_id());
            if (!stake) return internal(stake.error());
            auto active = keeper.isActive(store, q.topic_id());
            if (!active) return internal(active.error());
            pb::GetTopicResponse r;
            *r.mutable_topic() = **t;
            r.set_weight(std::to_string(*w));
            r.set_effective_revenue(coinAmountString(*revenue));
            r.set_stake(coinAmountString(*stake));
            r.set_active(*active);
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
    if (name == "TopicExists")
        return d.run<pb::TopicExistsRequest>([&](const pb::TopicExistsRequest& q) {
            auto t = keeper.topic(store, q.topic_id());
            if (!t) return internal(t.error());
            pb::TopicExistsResponse r;
            r.set_exists(t->has_value());
            return answer(r);
        });
    if (name == "IsTopicActive")
        return d.run<pb::IsTopicActiveRequest>([&](const pb::IsTopicActiveRequest& q) {
            auto a = keeper.isActive(store, q.topic_id());
            if (!a) return internal(a.error());
            pb::IsTopicActiveResponse r;
            r.set_is_active(*a);
            return answer(r);
        });
    if (name == "GetTopicWorkers")
        return d.run<pb::GetTopicWorkersRequest>([&](const pb::GetTopicWorkersRequest& q) {
            auto t = keeper.topic(store, q.topic_id());
            if (!t) return internal(t.error());
            if (!*t) return noTopic(q.topic_id());
            auto all = registeredIn(store, q.topic_id(), false);
            if (!all) return internal(all.error());
            pb::GetTopicWorkersResponse r;
            for (const Bytes& a : *all) r.add_workers(formatAddress(a));
            return answer(r);
        });
    if (name == "GetTopicReputers")
        return d.run<pb::GetTopicReputersRequest>([&](const pb::GetTopicReputersRequest& q) {
            auto t = keeper.topic(store, q.topic_id());
            if (!t) return internal(t.error());
            if (!*t) return noTopic(q.topic_id());
            auto all = registeredIn(store, q.topic_id(), true);
            if (!all) return internal(all.error());
            pb::GetTopicReputersResponse r;
            for (const Bytes& a : *all) {
                auto own = keeper.reputerStake(store, q.topic_id(), a);
                if (!own) return internal(own.error());
                auto delegated = keeper.delegatedTo(store, q.topic_id(), a);
                if (!delegated) return internal(delegated.error());
                auto* x = r.add_reputers();
                x->set_address(formatAddress(a));
                x->set_stake(coinAmountString(*own));
                x->set_delegated_stake(coinAmountString(*delegated));
            }
            return answer(r);
        });
    if (name == "GetStakeReputerAuthority")
        return d.run<pb::GetStakeReputerAuthorityRequest>(
            [&](const pb::GetStakeReputerAuthorityRequest& q) {
                Bytes a;
                if (!address("reputer", q.reputer(), a, err)) return err;
                auto v = keeper.reputerAuthority(store, q.topic_id(), a);
                if (!v) return internal(v.error());
                pb::GetStakeReputerAuthorityResponse r;
                r.set_authority(coinAmountString(*v));
                return answer(r);
            });
    if (name == "GetDelegateRewardPerShare")
        return d.run<pb::GetDelegateRewardPerShareRequest>(
            [&](const pb::GetDelegateRewardPerShareRequest& q) {
                Bytes a;
                if (!address("reputer", q.reputer(), a, err)) return err;
                auto v = keeper.rewardPerShare(store, q.topic_id(), a);
                if (!v) return internal(v.error());
                pb::GetDelegateRewardPerShareResponse r;
                r.set_reward_per_share(coinAmountString(*v));
                return answer(r);
            });
    if (name == "GetDelegatorPositions")
        return d.run<pb::GetDelegatorPositionsRequest>(
            [&](const pb::GetDelegatorPositionsRequest& q) {
                Bytes del;
                if (!address("delegator_address", q.delegator_address(), del, err)) return err;
                auto reputers = reputersOfDelegator(store, q.topic_id(), del);
                if (!reputers) return internal(reputers.error());
                pb::GetDelegatorPositionsResponse r;
                for (const Bytes& rep : *reputers) {
                    auto amount = keeper.delegatorAmount(store, q.topic_id(), rep, del);
                    if (!amount) return internal(amount.error());
                    auto pending = keeper.pendingDelegatorReward(store, q.topic_id(), rep, del);
                    if (!pending) return internal(pending.error());
                    if (amount->isZero() && pending->isZero()) continue;
                    auto* x = r.add_positions();
                    x->set_reputer(formatAddress(rep));
                    x->set_amount(coinAmountString(*amount));
                    x->set_pending_reward(coinAmountString(*pending));
                }
                return answer(r);
            });
    if (name == "GetInfererScoreEma")
        return d.run<pb::GetInfererScoreEmaRequest>([&](const pb::GetInfererScoreEmaRequest& q) {
            Bytes a;
            if (!address("inferer", q.inferer(), a, err)) return err;
            auto v = keeper.infererScoreEma(store, q.topic_id(), a);
            if (!v) return internal(v.error());
            pb::GetInfererScoreEmaResponse r;
            r.set_score(formatDecimal(*v));
            return answer(r);
        });
    if (name == "GetTopicEpochHistory")
        return d.run<pb::GetTopicEpochHistoryRequest>(
            [&](const pb::GetTopicEpochHistoryRequest& q) {
                if (q.topic_id() == 0)
                    return fail(TxCode::InvalidRequest, "invalid topic_id 0: topic ids start at 1");
                if (q.before_block_height() < 0)
                    return fail(TxCode::InvalidRequest,
                                "invalid before_block_height " +
                                    std::to_string(q.before_block_height()) +
                                    ": expected a block height (0: from the newest)");
                if (q.limit() > kTopicHistoryMaxLimit)
                    return fail(TxCode::InvalidRequest,
                                "invalid limit " + std::to_string(q.limit()) + ": at most " +
                                    std::to_string(kTopicHistoryMaxLimit) + " records a page");
                auto t = keeper.topic(store, q.topic_id());
                if (!t) return internal(t.error());
                if (!*t) return noTopic(q.topic_id());
                auto page =
                    topicEpochHistory(store, q.topic_id(), q.before_block_height(),
                                      q.limit() == 0 ? kTopicHistoryDefaultLimit : q.limit());
                if (!page) return internal(page.error());
                return answer(*page);
            });
    if (name == "GetNetworkInferencesAtBlock")
        return d.run<pb::GetNetworkInferencesAtBlockRequest>(
            [&](const pb::GetNetworkInferencesAtBlockRequest& q) {
                auto r = topicEpochRecord(store, q.topic_id(), q.block_height_last_inference());
                if (!r) return internal(r.error());
                if (!*r)
                    return fail(TxCode::InvalidRequest,
                                "no network inferences for topic " + std::to_string(q.topic_id()) +
                                    " at block " + std::to_string(q.block_height_last_inference()));
                pb::GetNetworkInferencesAtBlockResponse out;
                *out.mutable_network_inferences() = networkInferencesOf(**r);
                return answer(out);
            });
    return fail(TxCode::UnknownRequest, "unknown emissions query " + request.path);
}

}  // namespace allora::node::emissions
