// ParticipantRunner: the reference workers and reputers of a devnet, running inside the node's
// process on their own thread and talking to the node only through its API (chain_client.h).
//
// Each new block it:
//  - sets up what is missing on chain, as an outsider would, by transactions: the demo topics
//    (created by the first reputer), every worker's registration in every demo topic, every
//    reputer's registration and stake. All of it is read back from chain state, so a restarted
//    node resumes where it was;
//  - for each open worker nonce of a demo topic, lets each worker submit its model's inference of
//    the next step of the series and its forecast of every inferer's log-loss (forecasters.h:
//    from the series so far and each inferer's past inferences and network losses, read back
//    from chain state: the loss bundles and network inferences of past nonces);
//  - remembers the topic's latest network inferences, and once a nonce's ground-truth lag has
//    passed, lets each reputer submit the log-losses of every output of that synthesis.
// Nonces are matched to series steps by demo_topics.h (stepOf), so no state survives in memory
// that the chain does not hold, except the network inferences of nonces still awaiting their
// truth (after a restart, a nonce whose inferences were replaced is skipped).
//
// Shutdown: stop() (or the destructor) wakes the thread and joins it; it must run before the node
// stops (the node outlives the runner).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/amount.h"
#include "core/log.h"
#include "node/api/node_api.h"
#include "node/participants/chain_client.h"
#include "node/participants/demo_topics.h"
#include "node/participants/forecasters.h"
#include "node/participants/models.h"

namespace allora::participants {

struct RunnerOptions {
    std::vector<DemoTopic> topics = demoTopics();
    LogSink log;
    std::chrono::milliseconds poll{100};  // how often the thread looks for a new block
    std::string reputerStake = "1000ALLO";
};

// What the runner has done, for logs and tests.
struct RunnerStats {
    uint64_t inferencesSent = 0;
    uint64_t forecastsSent = 0;
    uint64_t lossBundlesSent = 0;
    uint64_t rejected = 0;  // CheckTx refusals
};

class ParticipantRunner {
public:
    // `accounts`: kWorkerCount workers then kReputerCount reputers (participant_keys.h).
    ParticipantRunner(node::api::NodeApi& api, std::vector<wallet::Account> accounts,
                      RunnerOptions options);
    ~ParticipantRunner();
    ParticipantRunner(const ParticipantRunner&) = delete;
    ParticipantRunner& operator=(const ParticipantRunner&) = delete;

    void start();
    void stop();  // idempotent
    RunnerStats stats() const;
    // The demo topics found on chain: topic id -> its spec (empty until they exist).
    std::map<uint64_t, DemoTopic> topics() const;
    // The worker addresses in model order, and the models' names.
    std::vector<std::string> workerAddresses() const;
    std::vector<std::string> modelNames() const;

private:
    struct TopicState {
        DemoTopic spec;
        pb::Topic topic;
        bool ready = false;                                   // registrations and stake done
        std::map<int64_t, pb::NetworkInferences> inferences;  // by nonce, awaiting the truth
        std::map<int64_t, pb::ValueBundle> losses;            // network losses by nonce
        // The inferences of those nonces (inferer -> value), for the forecasters.
        std::map<int64_t, std::map<std::string, double>> pastInferences;
        std::set<std::pair<int64_t, size_t>> workerSent;   // (nonce, worker index)
        std::set<std::pair<int64_t, size_t>> reputerSent;  // (nonce, reputer index)
    };

    void run();
    void onBlock(uint64_t height);
    bool ensureTopics(uint64_t height);
    bool ensureRegistrations(uint64_t height);
    void work(TopicState& t, uint64_t height);
    void submitInferences(TopicState& t, int64_t nonce);
    void submitLosses(TopicState& t, int64_t nonce);
    void refreshLosses(TopicState& t, int64_t latestNonce);
    void send(ParticipantAccount& account, std::vector<wallet::AnyMessage> messages,
              const std::string& what);
    void log(LogLevel level, const std::string& message) const;

    ChainClient chain_;
    std::vector<ParticipantAccount> workers_;
    std::vector<ParticipantAccount> reputers_;
    std::vector<std::unique_ptr<Model>> models_;
    RunnerOptions options_;

    std::map<uint64_t, TopicState> topics_;  // only the runner thread touches it after start
    uint64_t lastHeight_ = 0;
    uint64_t setupRetryAt_ = 0;  // a setup tx is in flight: wait until this height
    bool setupDone_ = false;

    mutable std::mutex mutex_;  // guards stats_, publishedTopics_, stopping_
    std::condition_variable wake_;
    bool stopping_ = false;
    RunnerStats stats_;
    std::map<uint64_t, DemoTopic> publishedTopics_;
    std::thread thread_;
};

}  // namespace allora::participants
