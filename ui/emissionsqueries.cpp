#include "ui/emissionsqueries.h"

#include <cmath>
#include <cstdlib>

#include "node/chain/chain_query.h"

namespace allora::ui {

namespace {

std::string path(std::string_view name) {
    return "/emissions.v9.Query/" + std::string(name);
}

// Sends `request` to query `name` and decodes the answer into `response`; `notFound` (when given)
// is set instead of failing when the node answers InvalidRequest (e.g. "no inference yet").
template <typename Request, typename Response>
Status ask(node::api::NodeApi& node, std::string_view name, const Request& request,
           Response& response, bool* notFound = nullptr) {
    node::QueryRequest q;
    q.path = path(name);
    const std::string data = request.SerializeAsString();
    q.data.assign(data.begin(), data.end());
    const auto r = node.query(q);
    if (notFound != nullptr) {
        *notFound = r.code == static_cast<uint32_t>(node::TxCode::InvalidRequest);
        if (*notFound) return {};
    }
    if (r.code != 0)
        return makeError(ErrorCode::Internal,
                         "the node could not answer " + std::string(name) + ": " +
                             (r.log.empty() ? std::string("no reason given") : r.log));
    if (!response.ParseFromArray(r.value.data(), static_cast<int>(r.value.size())))
        return makeError(ErrorCode::Corrupt,
                         "the node's answer to " + std::string(name) + " does not decode");
    return {};
}

Result<Amount> amountOf(const std::string& text) {
    if (text.empty()) return Amount{};
    return Amount::parse(text);
}

}  // namespace

Result<TopicSummary> readTopic(node::api::NodeApi& node, uint64_t topicId) {
    empb::GetTopicRequest req;
    req.set_topic_id(topicId);
    empb::GetTopicResponse resp;
    if (auto s = ask(node, "GetTopic", req, resp); !s) return s.error();
    TopicSummary t;
    t.topic = resp.topic();
    t.weight = resp.weight();
    t.active = resp.active();
    auto stake = amountOf(resp.stake());
    if (!stake) return stake.error();
    t.stake = *stake;
    empb::GetTopicFeeRevenueRequest revReq;
    revReq.set_topic_id(topicId);
    empb::GetTopicFeeRevenueResponse rev;
    if (auto s = ask(node, "GetTopicFeeRevenue", revReq, rev); !s) return s.error();
    auto revenue = amountOf(rev.fee_revenue());
    if (!revenue) return revenue.error();
    t.revenue = *revenue;
    return t;
}

Result<std::vector<TopicSummary>> readTopics(node::api::NodeApi& node) {
    std::vector<TopicSummary> out;
    uint64_t offset = 0;
    do {
        empb::GetTopicsRequest req;
        req.set_offset(offset);
        empb::GetTopicsResponse resp;
        if (auto s = ask(node, "GetTopics", req, resp); !s) return s.error();
        for (const auto& topic : resp.topics()) {
            auto t = readTopic(node, topic.id());
            if (!t) return t.error();
            out.push_back(std::move(*t));
        }
        offset = resp.next_offset();
    } while (offset != 0);
    return out;
}

Result<TopicParticipants> readTopicParticipants(node::api::NodeApi& node, uint64_t topicId) {
    TopicParticipants p;
    empb::GetTopicWorkersRequest wReq;
    wReq.set_topic_id(topicId);
    empb::GetTopicWorkersResponse workers;
    if (auto s = ask(node, "GetTopicWorkers", wReq, workers); !s) return s.error();
    p.workers.assign(workers.workers().begin(), workers.workers().end());
    empb::GetTopicReputersRequest rReq;
    rReq.set_topic_id(topicId);
    empb::GetTopicReputersResponse reputers;
    if (auto s = ask(node, "GetTopicReputers", rReq, reputers); !s) return s.error();
    p.reputers.assign(reputers.reputers().begin(), reputers.reputers().end());
    for (const auto& w : p.workers) {
        empb::GetInfererScoreEmaRequest req;
        req.set_topic_id(topicId);
        req.set_inferer(w);
        empb::GetInfererScoreEmaResponse resp;
        if (auto s = ask(node, "GetInfererScoreEma", req, resp); !s) return s.error();
        p.infererScores.emplace_back(w, resp.score());
    }
    return p;
}

Result<std::optional<empb::NetworkInferences>> readLatestNetworkInference(node::api::NodeApi& node,
                                                                          uint64_t topicId) {
    empb::GetLatestNetworkInferencesRequest req;
    req.set_topic_id(topicId);
    empb::GetLatestNetworkInferencesResponse resp;
    bool none = false;
    if (auto s = ask(node, "GetLatestNetworkInferences", req, resp, &none); !s) return s.error();
    if (none) return std::optional<empb::NetworkInferences>{};
    return std::optional<empb::NetworkInferences>(resp.network_inferences());
}

WeightShares weightShares(const empb::NetworkInferences& n) {
    WeightShares out;
    double total = 0;
    auto add = [&total](std::map<std::string, double>& into, const auto& weights) {
        for (const auto& w : weights) {
            const double x = std::strtod(w.value().c_str(), nullptr);
            if (std::isfinite(x) && x > 0) {
                into[w.worker()] = x;
                total += x;
            }
        }
    };
    add(out.inferer, n.inferer_weights());
    add(out.forecaster, n.forecaster_weights());
    if (total > 0)
        for (auto* m : {&out.inferer, &out.forecaster})
            for (auto& [worker, x] : *m) x /= total;
    return out;
}

Result<TopicHistoryPage> readTopicHistory(node::api::NodeApi& node, uint64_t topicId,
                                          int64_t beforeHeight, uint32_t limit) {
    empb::GetTopicEpochHistoryRequest req;
    req.set_topic_id(topicId);
    req.set_before_block_height(beforeHeight);
    req.set_limit(limit);
    empb::GetTopicEpochHistoryResponse resp;
    if (auto s = ask(node, "GetTopicEpochHistory", req, resp); !s) return s.error();
    TopicHistoryPage page;
    page.records.assign(std::make_move_iterator(resp.mutable_records()->begin()),
                        std::make_move_iterator(resp.mutable_records()->end()));
    page.next = resp.next_before_block_height();
    return page;
}

Result<empb::Params> readEmissionsParams(node::api::NodeApi& node) {
    empb::GetParamsRequest req;
    empb::GetParamsResponse resp;
    if (auto s = ask(node, "GetParams", req, resp); !s) return s.error();
    return resp.params();
}

Result<std::vector<Delegation>> readDelegations(node::api::NodeApi& node,
                                                const std::string& delegator) {
    std::vector<Delegation> out;
    auto topics = readTopics(node);
    if (!topics) return topics.error();
    for (const auto& t : *topics) {
        empb::GetDelegatorPositionsRequest req;
        req.set_delegator_address(delegator);
        req.set_topic_id(t.topic.id());
        empb::GetDelegatorPositionsResponse resp;
        if (auto s = ask(node, "GetDelegatorPositions", req, resp); !s) return s.error();
        for (const auto& p : resp.positions()) {
            Delegation d;
            d.topicId = t.topic.id();
            d.reputer = p.reputer();
            auto amount = amountOf(p.amount());
            auto pending = amountOf(p.pending_reward());
            if (!amount) return amount.error();
            if (!pending) return pending.error();
            d.amount = *amount;
            d.pendingReward = *pending;
            empb::GetDelegateStakeRemovalInfoRequest rmReq;
            rmReq.set_topic_id(d.topicId);
            rmReq.set_delegator(delegator);
            rmReq.set_reputer(d.reputer);
            empb::GetDelegateStakeRemovalInfoResponse rm;
            bool none = false;
            if (auto s = ask(node, "GetDelegateStakeRemovalInfo", rmReq, rm, &none); !s)
                return s.error();
            if (!none && rm.has_removal()) d.removal = rm.removal();
            out.push_back(std::move(d));
        }
    }
    return out;
}

}  // namespace allora::ui
