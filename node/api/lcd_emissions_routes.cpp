// The emissions routes: most are one table row (path pattern, query name, request and response
// types); the request is filled from the path by reflection, each parameter checked by its
// field's type, and the answer printed with proto_json. Topics (paged) and the latest network
// inferences (allora-chain's response shape) have their own handlers.
#include "node/api/lcd_emissions_routes.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "allora/emissions/v9/query.pb.h"
#include "core/encoding.h"
#include "node/api/lcd_json.h"
#include "node/api/lcd_routes.h"
#include "node/api/proto_json.h"
#include "node/modules/address.h"

namespace allora::node::api {

namespace json = boost::json;
namespace gpb = google::protobuf;
namespace epb = ::emissions::v9;
using rpc::GrpcCode;
using rpc::Request;
using rpc::Response;

namespace {

constexpr rpc::RouteOptions kRead{.requiresAuth = false, .blocking = true};
constexpr std::string_view kQueryPrefix = "/emissions.v9.Query/";

struct Route {
    std::string pattern;
    std::string query;  // "GetTopic"
    const gpb::Message* request;
    const gpb::Message* response;
    // Path or query parameters whose request field has another name: {param, field}.
    std::vector<std::pair<std::string, std::string>> renames{};
    // Request fields set to a constant (the regret family of the per-family routes).
    std::vector<std::pair<std::string, std::string>> fixed{};
    // Optional query-string parameters copied to the request field of the same name.
    std::vector<std::string> queryParams{};
    // The chain answers InvalidRequest for "no such record": 404 here.
    bool missingIsNotFound = false;
};

// String parameters that are not addresses.
bool isFreeText(std::string_view field) {
    return field == "family";
}

// Sets `field` of `msg` from the text of parameter `param`; the 400 to send when it is invalid.
std::optional<Response> setField(gpb::Message& msg, std::string_view field, std::string_view param,
                                 std::string_view text) {
    const gpb::FieldDescriptor* f = msg.GetDescriptor()->FindFieldByName(std::string(field));
    if (f == nullptr)  // a table bug: the route names a field its request does not have
        return Response::error(GrpcCode::Internal, "route parameter without a request field");
    const gpb::Reflection* r = msg.GetReflection();
    const std::string p(param), t(text);
    switch (f->cpp_type()) {
        case gpb::FieldDescriptor::CPPTYPE_UINT64: {
            const auto v = parseU64(text);
            if (!v)
                return Response::error(
                    GrpcCode::InvalidArgument,
                    "invalid " + p + " \"" + t + "\": expected a non-negative decimal integer");
            r->SetUInt64(&msg, f, *v);
            return std::nullopt;
        }
        case gpb::FieldDescriptor::CPPTYPE_INT64: {
            const auto v = parseU64(text);
            if (!v || *v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return Response::error(GrpcCode::InvalidArgument,
                                       "invalid " + p + " \"" + t +
                                           "\": expected a block height (a non-negative integer)");
            r->SetInt64(&msg, f, static_cast<int64_t>(*v));
            return std::nullopt;
        }
        case gpb::FieldDescriptor::CPPTYPE_STRING:
            if (!isFreeText(field)) {
                if (auto a = parseAddress(text); !a)
                    return Response::error(GrpcCode::InvalidArgument,
                                           "invalid " + p + " \"" + t + "\": " + a.message());
            }
            r->SetString(&msg, f, t);
            return std::nullopt;
        default:
            return Response::error(GrpcCode::Internal, "unsupported route parameter type");
    }
}

std::string_view fieldFor(const Route& route, std::string_view param) {
    for (const auto& [p, f] : route.renames)
        if (p == param) return f;
    return param;
}

Response handle(NodeApi& api, const Route& route, const Request& req) {
    std::unique_ptr<gpb::Message> q(route.request->New());
    for (const auto& [param, value] : req.params)
        if (auto bad = setField(*q, fieldFor(route, param), param, value)) return *bad;
    for (const std::string& param : route.queryParams)
        if (auto v = req.queryValue(param))
            if (auto bad = setField(*q, fieldFor(route, param), param, *v)) return *bad;
    for (const auto& [field, value] : route.fixed)
        q->GetReflection()->SetString(q.get(), q->GetDescriptor()->FindFieldByName(field), value);
    std::unique_ptr<gpb::Message> out(route.response->New());
    QueryResponse raw;
    if (auto err = runQuery(api, std::string(kQueryPrefix) + route.query, q.get(), *out, &raw)) {
        if (route.missingIsNotFound && static_cast<TxCode>(raw.code) == TxCode::InvalidRequest)
            return Response::error(GrpcCode::NotFound, raw.log);
        return *err;
    }
    return Response::json(protoToJson(*out));
}

// GET /emissions/v9/topics: the page key is the last id of the previous page, 8 bytes
// big-endian in base64 (opaque to clients, as Cosmos page keys are).
Response topics(NodeApi& api, const Request& req) {
    epb::GetTopicsRequest q;
    if (auto key = req.queryValue("pagination.key"); key && !key->empty()) {
        auto bytes = fromBase64(*key);
        if (!bytes || bytes->size() != 8)
            return Response::error(GrpcCode::InvalidArgument,
                                   "invalid pagination.key \"" + std::string(*key) +
                                       "\": give the next_key of the previous page");
        uint64_t offset = 0;
        for (uint8_t b : *bytes) offset = (offset << 8) | b;
        q.set_offset(offset);
    }
    if (auto limit = req.queryValue("pagination.limit"); limit && !limit->empty()) {
        const auto n = parseU64(*limit);
        if (!n || *n == 0)
            return Response::error(GrpcCode::InvalidArgument,
                                   "invalid pagination.limit \"" + std::string(*limit) +
                                       "\": expected a positive integer");
        q.set_limit(*n);
    }
    epb::GetTopicsResponse r;
    if (auto err = runQuery(api, std::string(kQueryPrefix) + "GetTopics", &q, r)) return *err;
    epb::GetNextTopicIdResponse next;
    if (auto err = runQuery(api, std::string(kQueryPrefix) + "GetNextTopicId", nullptr, next))
        return *err;
    json::array list;
    for (const auto& t : r.topics()) list.push_back(protoToJson(t));
    json::object page;
    if (r.next_offset() == 0) {
        page["next_key"] = nullptr;
    } else {
        Bytes key;
        for (int shift = 56; shift >= 0; shift -= 8)
            key.push_back(static_cast<uint8_t>(r.next_offset() >> shift));
        page["next_key"] = toBase64(key);
    }
    // Topics are never deleted: ids 1 … next_topic_id − 1 all exist.
    page["total"] = std::to_string(next.next_topic_id() > 0 ? next.next_topic_id() - 1 : 0);
    json::object o;
    o["topics"] = std::move(list);
    o["pagination"] = std::move(page);
    return Response::json(o);
}

Response latestNetworkInferences(NodeApi& api, const Request& req) {
    epb::GetLatestNetworkInferencesRequest q;
    const std::string_view id = req.param("topic_id").value_or("");
    if (auto bad = setField(q, "topic_id", "topic_id", id)) return *bad;
    epb::GetLatestNetworkInferencesResponse r;
    QueryResponse raw;
    if (auto err =
            runQuery(api, std::string(kQueryPrefix) + "GetLatestNetworkInferences", &q, r, &raw)) {
        if (static_cast<TxCode>(raw.code) == TxCode::InvalidRequest)
            return Response::error(GrpcCode::NotFound, raw.log);
        return *err;
    }
    return Response::json(latestNetworkInferencesJson(r.network_inferences()));
}

// GET /emissions/v9/topics/{topic_id}/history?before=H&limit=N: the topic's per-epoch records,
// newest first. An explicit limit must be 1 … 1000 (absent: the chain's default, 100).
Response topicHistory(NodeApi& api, const Request& req) {
    epb::GetTopicEpochHistoryRequest q;
    const std::string_view id = req.param("topic_id").value_or("");
    if (auto bad = setField(q, "topic_id", "topic_id", id)) return *bad;
    if (q.topic_id() == 0)
        return Response::error(GrpcCode::InvalidArgument,
                               "invalid topic_id \"0\": topic ids start at 1");
    if (auto before = req.queryValue("before"); before && !before->empty())
        if (auto bad = setField(q, "before_block_height", "before", *before)) return *bad;
    if (auto limit = req.queryValue("limit"); limit && !limit->empty()) {
        const auto n = parseU64(*limit);
        if (!n || *n == 0 || *n > 1000)
            return Response::error(GrpcCode::InvalidArgument,
                                   "invalid limit \"" + std::string(*limit) +
                                       "\": expected an integer from 1 to 1000");
        q.set_limit(static_cast<uint32_t>(*n));
    }
    epb::GetTopicEpochHistoryResponse r;
    QueryResponse raw;
    if (auto err = runQuery(api, std::string(kQueryPrefix) + "GetTopicEpochHistory", &q, r, &raw)) {
        if (static_cast<TxCode>(raw.code) == TxCode::InvalidRequest)
            return Response::error(GrpcCode::NotFound, raw.log);
        return *err;
    }
    return Response::json(protoToJson(r));
}

template <typename T>
const gpb::Message* proto() {
    return &T::default_instance();
}

std::vector<Route> table() {
    using namespace epb;
    return {
        {"/emissions/v9/params", "GetParams", proto<GetParamsRequest>(),
         proto<GetParamsResponse>()},
        {"/emissions/v9/next_topic_id", "GetNextTopicId", proto<GetNextTopicIdRequest>(),
         proto<GetNextTopicIdResponse>()},
        {"/emissions/v9/topics/{topic_id}",
         "GetTopic",
         proto<GetTopicRequest>(),
         proto<GetTopicResponse>(),
         {},
         {},
         {},
         true},
        {"/emissions/v9/topics/{topic_id}/workers",
         "GetTopicWorkers",
         proto<GetTopicWorkersRequest>(),
         proto<GetTopicWorkersResponse>(),
         {},
         {},
         {},
         true},
        {"/emissions/v9/topics/{topic_id}/reputers",
         "GetTopicReputers",
         proto<GetTopicReputersRequest>(),
         proto<GetTopicReputersResponse>(),
         {},
         {},
         {},
         true},
        {"/emissions/v9/topics/{topic_id}/workers/{worker_address}/latest_inference",
         "GetWorkerLatestInferenceByTopicId",
         proto<GetWorkerLatestInferenceByTopicIdRequest>(),
         proto<GetWorkerLatestInferenceByTopicIdResponse>(),
         {},
         {},
         {},
         true},
        {"/emissions/v9/active_topics", "GetActiveTopics", proto<GetActiveTopicsRequest>(),
         proto<GetActiveTopicsResponse>()},
        {"/emissions/v9/topic_exists/{topic_id}", "TopicExists", proto<TopicExistsRequest>(),
         proto<TopicExistsResponse>()},
        {"/emissions/v9/is_topic_active/{topic_id}", "IsTopicActive", proto<IsTopicActiveRequest>(),
         proto<IsTopicActiveResponse>()},
        {"/emissions/v9/stake/{topic_id}", "GetTopicStake", proto<GetTopicStakeRequest>(),
         proto<GetTopicStakeResponse>()},
        {"/emissions/v9/topic_fee_revenue/{topic_id}", "GetTopicFeeRevenue",
         proto<GetTopicFeeRevenueRequest>(), proto<GetTopicFeeRevenueResponse>()},
        {"/emissions/v9/reputer_stake/{address}/{topic_id}", "GetReputerStakeInTopic",
         proto<GetReputerStakeInTopicRequest>(), proto<GetReputerStakeInTopicResponse>()},
        {"/emissions/v9/reputer_delegate_stake/{reputer_address}/{topic_id}",
         "GetDelegateStakeInTopicInReputer", proto<GetDelegateStakeInTopicInReputerRequest>(),
         proto<GetDelegateStakeInTopicInReputerResponse>()},
        {"/emissions/v9/stake_reputer_authority/{topic_id}/{reputer}", "GetStakeReputerAuthority",
         proto<GetStakeReputerAuthorityRequest>(), proto<GetStakeReputerAuthorityResponse>()},
        {"/emissions/v9/delegate_stake/{delegator_address}/{reputer_address}/{topic_id}",
         "GetStakeFromDelegatorInTopicInReputer",
         proto<GetStakeFromDelegatorInTopicInReputerRequest>(),
         proto<GetStakeFromDelegatorInTopicInReputerResponse>()},
        {"/emissions/v9/delegate_stake/{delegator_address}/{topic_id}",
         "GetStakeFromDelegatorInTopic", proto<GetStakeFromDelegatorInTopicRequest>(),
         proto<GetStakeFromDelegatorInTopicResponse>()},
        {"/emissions/v9/delegator_positions/{delegator_address}/{topic_id}",
         "GetDelegatorPositions", proto<GetDelegatorPositionsRequest>(),
         proto<GetDelegatorPositionsResponse>()},
        {"/emissions/v9/delegate_reward_per_share/{topic_id}/{reputer}",
         "GetDelegateRewardPerShare", proto<GetDelegateRewardPerShareRequest>(),
         proto<GetDelegateRewardPerShareResponse>()},
        {"/emissions/v9/delegate_reward_pending/{topic_id}/{delegator}/{reputer}",
         "GetDelegateRewardPending",
         proto<GetDelegateRewardPendingRequest>(),
         proto<GetDelegateRewardPendingResponse>(),
         {{"delegator", "delegator_address"}, {"reputer", "reputer_address"}}},
        {"/emissions/v9/stake_removal/{topic_id}/{reputer}",
         "GetStakeRemovalInfo",
         proto<GetStakeRemovalInfoRequest>(),
         proto<GetStakeRemovalInfoResponse>(),
         {},
         {},
         {},
         true},
        {"/emissions/v9/delegate_stake_removal/{topic_id}/{delegator}/{reputer}",
         "GetDelegateStakeRemovalInfo",
         proto<GetDelegateStakeRemovalInfoRequest>(),
         proto<GetDelegateStakeRemovalInfoResponse>(),
         {},
         {},
         {},
         true},
        {"/emissions/v9/worker_registered/{topic_id}/{address}", "IsWorkerRegisteredInTopicId",
         proto<IsWorkerRegisteredInTopicIdRequest>(), proto<IsWorkerRegisteredInTopicIdResponse>()},
        {"/emissions/v9/reputer_registered/{topic_id}/{address}", "IsReputerRegisteredInTopicId",
         proto<IsReputerRegisteredInTopicIdRequest>(),
         proto<IsReputerRegisteredInTopicIdResponse>()},
        {"/emissions/v9/unfulfilled_worker_nonces/{topic_id}", "GetUnfulfilledWorkerNonces",
         proto<GetUnfulfilledWorkerNoncesRequest>(), proto<GetUnfulfilledWorkerNoncesResponse>()},
        {"/emissions/v9/unfulfilled_reputer_nonces/{topic_id}", "GetUnfulfilledReputerNonces",
         proto<GetUnfulfilledReputerNoncesRequest>(), proto<GetUnfulfilledReputerNoncesResponse>()},
        {"/emissions/v9/inferences/{topic_id}/{block_height}", "GetInferencesAtBlock",
         proto<GetInferencesAtBlockRequest>(), proto<GetInferencesAtBlockResponse>()},
        {"/emissions/v9/forecasts/{topic_id}/{block_height}", "GetForecastsAtBlock",
         proto<GetForecastsAtBlockRequest>(), proto<GetForecastsAtBlockResponse>()},
        {"/emissions/v9/reputer_loss_bundles/{topic_id}/{block_height}",
         "GetReputerLossBundlesAtBlock", proto<GetReputerLossBundlesAtBlockRequest>(),
         proto<GetReputerLossBundlesAtBlockResponse>()},
        {"/emissions/v9/network_loss/{topic_id}/{block_height}",
         "GetNetworkLossBundleAtBlock",
         proto<GetNetworkLossBundleAtBlockRequest>(),
         proto<GetNetworkLossBundleAtBlockResponse>(),
         {},
         {},
         {},
         true},
        {"/emissions/v9/network_inferences/{topic_id}/last_inference/{block_height_last_inference}",
         "GetNetworkInferencesAtBlock",
         proto<GetNetworkInferencesAtBlockRequest>(),
         proto<GetNetworkInferencesAtBlockResponse>(),
         {},
         {},
         {},
         true},
        {"/emissions/v9/inferer_network_regret/{topic_id}/{actor_id}",
         "GetWorkerRegret",
         proto<GetWorkerRegretRequest>(),
         proto<GetWorkerRegretResponse>(),
         {{"actor_id", "actor"}},
         {{"family", "inferer"}}},
        {"/emissions/v9/forecaster_network_regret/{topic_id}/{worker}",
         "GetWorkerRegret",
         proto<GetWorkerRegretRequest>(),
         proto<GetWorkerRegretResponse>(),
         {{"worker", "actor"}},
         {{"family", "forecaster"}}},
        {"/emissions/v9/network_regret/{topic_id}/{family}/{actor}",
         "GetWorkerRegret",
         proto<GetWorkerRegretRequest>(),
         proto<GetWorkerRegretResponse>(),
         {},
         {},
         {"withheld"}},
        {"/emissions/v9/scores/{topic_id}/{block_height}", "GetScoresAtBlock",
         proto<GetScoresAtBlockRequest>(), proto<GetScoresAtBlockResponse>()},
        {"/emissions/v9/listening_coefficient/{topic_id}/{reputer}", "GetListeningCoefficient",
         proto<GetListeningCoefficientRequest>(), proto<GetListeningCoefficientResponse>()},
        {"/emissions/v9/inferer_score_ema/{topic_id}/{inferer}", "GetInfererScoreEma",
         proto<GetInfererScoreEmaRequest>(), proto<GetInfererScoreEmaResponse>()},
    };
}

}  // namespace

void addEmissionsRoutes(rpc::Router& router, NodeApi& api) {
    NodeApi* a = &api;
    for (Route& route : table()) {
        auto shared = std::make_shared<const Route>(std::move(route));
        router.get(
            shared->pattern, [a, shared](const Request& q) { return handle(*a, *shared, q); },
            kRead);
    }
    router.get(
        "/emissions/v9/topics", [a](const Request& q) { return topics(*a, q); }, kRead);
    router.get(
        "/emissions/v9/topics/{topic_id}/history",
        [a](const Request& q) { return topicHistory(*a, q); }, kRead);
    router.get(
        "/emissions/v9/latest_network_inferences/{topic_id}",
        [a](const Request& q) { return latestNetworkInferences(*a, q); }, kRead);
}

}  // namespace allora::node::api
