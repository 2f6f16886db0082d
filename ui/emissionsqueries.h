// Plain reads of the emissions module for the topic, staking and inference pages: topics with
// their weight, stake, revenue and activity; one topic's participants and latest network
// inference; the per-epoch history the charts draw; the delegations of an address; the module's
// parameters. Like nodequeries.h they call NodeApi (which may block briefly), so they run on a
// worker thread (runOnWorker), never the GUI thread. Paths are the public
// "/emissions.v9.Query/<Name>" names.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "allora/emissions/v9/query.pb.h"
#include "allora/emissions/v9/types.pb.h"
#include "core/amount.h"
#include "core/result.h"
#include "node/api/node_api.h"

namespace allora::ui {

namespace empb = ::emissions::v9;

struct TopicSummary {
    empb::Topic topic;
    std::string weight;  // the topic's weight as the chain keeps it (a decimal)
    Amount stake;        // reputers' own + delegated stake
    Amount revenue;      // fee revenue not yet paid out as rewards
    bool active = false;
};

// Every topic, by id (all pages of GetTopics, then each one's weight, stake and revenue).
Result<std::vector<TopicSummary>> readTopics(node::api::NodeApi& node);
Result<TopicSummary> readTopic(node::api::NodeApi& node, uint64_t topicId);

struct TopicParticipants {
    std::vector<std::string> workers;
    std::vector<empb::TopicReputer> reputers;  // own and delegated stake
    // Each worker's EMA score as an inferer ("0" before it has one), in the order of `workers`.
    std::vector<std::pair<std::string, std::string>> infererScores;
};
Result<TopicParticipants> readTopicParticipants(node::api::NodeApi& node, uint64_t topicId);

// The latest network inference of a topic; nullopt when it has none yet.
Result<std::optional<empb::NetworkInferences>> readLatestNetworkInference(node::api::NodeApi& node,
                                                                          uint64_t topicId);

// Each contributor's share of a network inference's weight: the chain's raw weights divided by
// their sum over inferers and forecasters (as the epoch history records them), so they add to 1.
struct WeightShares {
    std::map<std::string, double> inferer;
    std::map<std::string, double> forecaster;
};
WeightShares weightShares(const empb::NetworkInferences& n);

// Epoch records newest first, strictly before `beforeHeight` (0: from the newest); `next` is the
// value to pass for the next older page (0 when there is none).
struct TopicHistoryPage {
    std::vector<empb::TopicEpochRecord> records;
    int64_t next = 0;
};
Result<TopicHistoryPage> readTopicHistory(node::api::NodeApi& node, uint64_t topicId,
                                          int64_t beforeHeight, uint32_t limit);

Result<empb::Params> readEmissionsParams(node::api::NodeApi& node);

struct Delegation {
    uint64_t topicId = 0;
    std::string reputer;
    Amount amount;
    Amount pendingReward;
    std::optional<empb::DelegateStakeRemovalInfo> removal;  // a removal waiting for its delay
};
// `delegator`'s positions in every topic.
Result<std::vector<Delegation>> readDelegations(node::api::NodeApi& node,
                                                const std::string& delegator);

}  // namespace allora::ui
