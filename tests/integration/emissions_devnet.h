// The harness shared by the emissions integration tests (test_emissions_loop, test_weight_shift):
// a real in-process solo devnet (SQLite home in a temporary directory, short blocks, no API
// server), the actors that use it, the seeded draws their data come from, and the messages that
// set up a topic. Payloads and signed transactions come from emissions_actors.h.
#pragma once

#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QtGlobal>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "allora/emissions/v9/tx.pb.h"
#include "core/amount.h"
#include "core/bytes.h"
#include "node/node.h"
#include "node/node_setup.h"
#include "node/participants/chain_client.h"
#include "node/validator_key.h"
#include "tests/integration/emissions_actors.h"
#include "tests/unit/test_chain_fixture.h"

namespace emdevnet {

namespace pb = ::emissions::v9;

// splitmix64: deterministic, platform-independent pseudo-random numbers.
inline uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
// A standard normal draw keyed by (stream, index), by Box-Muller.
inline double gaussian(uint64_t stream, uint64_t index) {
    const uint64_t a = mix(stream * 0x100000001b3ULL ^ mix(index));
    const uint64_t b = mix(a);
    const double u1 = (static_cast<double>(a >> 11) + 1.0) / 9007199254740993.0;
    const double u2 = static_cast<double>(b >> 11) / 9007199254740992.0;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}
// The ground truth at a step: x_{s+1} = 0.8 x_s + N(0, 1), x_0 = 0, seeded.
inline double truthAt(uint64_t step) {
    static std::vector<double> series{0.0};
    while (series.size() <= step)
        series.push_back(0.8 * series.back() + gaussian(7, series.size()));
    return series[step];
}

inline double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? NAN : s / static_cast<double>(v.size());
}

// A funded participant of the devnet, by its index in the test key set.
struct Actor {
    allora::wallet::Account key;
    allora::participants::ParticipantAccount account;
    // The same key twice: the payload signer and the tx sender (an Account is not copyable).
    explicit Actor(uint32_t index)
        : key(chaintest::key(index).account), account(chaintest::key(index).account) {}
    const std::string& address() const { return key.address; }
};

// A solo devnet node in a temporary home. open() creates the home and opens the node without
// starting it (so a test can read genesis state and subscribe to blocks first).
class Devnet {
public:
    QTemporaryDir dir;
    std::unique_ptr<allora::node::Node> node;
    std::unique_ptr<allora::node::consensus::Subscription> subscription;

    // Funds `funded` at genesis; `moduleStates` overrides modules' genesis states. Returns an
    // error message, empty on success.
    std::string open(const std::vector<std::string>& funded, std::chrono::milliseconds blockTime,
                     std::string_view password,
                     const std::map<std::string, std::string>& moduleStates = {}) {
        using namespace allora;
        if (!dir.isValid()) return "no temporary directory";
        const SecureBytes secret(asBytes(password));
        const node::NodeHome home{std::filesystem::path(dir.path().toStdString())};
        const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        auto setup = node::devnetHomeSetup(funded, now, blockTime);
        if (!setup) return setup.message();
        for (const auto& [module, state] : moduleStates) setup->moduleStates[module] = state;
        auto created = node::createNodeHome(home, *setup, secret);
        if (!created) return created.message();
        node::NodeOptions options;
        options.home = home;
        options.config = created->config;
        auto key = node::ValidatorKeyFile::load(home.validatorKeyFile());
        if (!key) return key.message();
        auto unlocked = key->unlock(secret);
        if (!unlocked) return unlocked.message();
        options.validatorKey = std::move(*unlocked);
        options.serveApi = false;
        options.log = [](LogLevel level, std::string_view component, std::string_view msg) {
            if (level >= LogLevel::Warn)
                qWarning("%.*s: %.*s", int(component.size()), component.data(), int(msg.size()),
                         msg.data());
        };
        auto opened = node::Node::open(std::move(options));
        if (!opened) return opened.message();
        node = std::move(*opened);
        return {};
    }

    uint64_t height() { return node->engine().height(); }
    // Blocks until the chain is past `h` (fails the test on a halted engine).
    void waitPast(uint64_t h) {
        QDeadlineTimer deadline(10'000);
        while (height() <= h && !deadline.hasExpired()) {
            if (auto failure = node->engine().failure())
                qFatal("the node halted: %s", failure->message.c_str());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (height() <= h) qFatal("no block after height %llu", static_cast<unsigned long long>(h));
    }
};

// The parameters both tests give a topic (mse loss, p-norm 3, quantiles 0.25).
inline pb::CreateNewTopicRequest topicRequest(const std::string& creator,
                                              const std::string& metadata, int64_t epochLength,
                                              int64_t groundTruthLag, int64_t submissionWindow,
                                              const std::string& alphaRegret) {
    pb::CreateNewTopicRequest m;
    m.set_creator(creator);
    m.set_metadata(metadata);
    m.set_loss_method("mse");
    m.set_epoch_length(epochLength);
    m.set_ground_truth_lag(groundTruthLag);
    m.set_worker_submission_window(submissionWindow);
    m.set_p_norm("3");
    m.set_alpha_regret(alphaRegret);
    m.set_allow_negative(true);
    m.set_epsilon("0.01");
    m.set_merit_sortition_alpha("0.1");
    m.set_active_inferer_quantile("0.25");
    m.set_active_forecaster_quantile("0.25");
    m.set_active_reputer_quantile("0.25");
    return m;
}

// A worker's (or, with isReputer, a reputer's) registration in a topic.
inline allora::wallet::AnyMessage registration(const std::string& address, uint64_t topic,
                                               bool isReputer) {
    pb::RegisterRequest m;
    m.set_sender(address);
    m.set_owner(address);
    m.set_topic_id(topic);
    m.set_is_reputer(isReputer);
    return emactors::anyMessage("RegisterRequest", m);
}
inline allora::wallet::AnyMessage addStake(const std::string& address, uint64_t topic,
                                           const allora::Amount& amount) {
    pb::AddStakeRequest s;
    s.set_sender(address);
    s.set_topic_id(topic);
    s.set_amount(amount.toUalloString());
    return emactors::anyMessage("AddStakeRequest", s);
}

}  // namespace emdevnet
