// A devnet with reference participants, for `allorad devnet --participants` and allora-qt's
// "Try a local network": creating the home (the participants' keys sealed under the validator
// key's password and funded at genesis, next to the user's accounts), and running them inside the
// node's process (DevnetParticipants, started after the node and stopped before it).
//
// The demo topics, registrations and stakes are made by the participants' own transactions at
// their first start (ParticipantRunner), as an outsider would make them; nothing about them is in
// the genesis but the funding and the devnet's emissions params (node_setup.h).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/log.h"
#include "core/result.h"
#include "node/api/node_api.h"
#include "node/participants/participant_runner.h"
#include "wallet/account.h"

namespace allora::participants {

// Creates a devnet home in `home` funding `fund` and the participants' accounts (their keys are
// created in HOME/participants, or reused when a failed earlier attempt left them). `password`
// seals both the validator key and the participants' key.
Status createParticipantDevnet(const std::filesystem::path& home,
                               const std::vector<std::string>& fund, const SecureBytes& password,
                               std::optional<std::chrono::milliseconds> blockTime = std::nullopt);

// The participants of a running devnet: unlocks their keys (one Argon2id: call it off the GUI
// thread, or unlock them yourself and pass the accounts) and starts the runner on its own thread;
// stop() or the destructor joins it (within one block's work: the runner checks for stop between
// blocks). The node behind `api` must outlive this object.
class DevnetParticipants {
public:
    // prepare() and run() at once, for a node already started (allorad).
    static Result<std::unique_ptr<DevnetParticipants>> start(
        node::api::NodeApi& api, const std::filesystem::path& home, const SecureBytes& password,
        LogSink log, std::chrono::milliseconds blockTime, int64_t epochLength);
    // Unlocks the keys (NotFound when the home has none, WrongPassword) without running anything,
    // for a node started later (node/participants/local_devnet.h).
    static Result<std::unique_ptr<DevnetParticipants>> prepare(
        node::api::NodeApi& api, const std::filesystem::path& home, const SecureBytes& password,
        LogSink log, std::chrono::milliseconds blockTime, int64_t epochLength);
    // The same with accounts already unlocked (unlockParticipantKeys), so that the caller can run
    // that Argon2id next to the validator key's (node/participants/local_devnet.cpp).
    static std::unique_ptr<DevnetParticipants> prepare(node::api::NodeApi& api,
                                                       std::vector<wallet::Account> accounts,
                                                       LogSink log,
                                                       std::chrono::milliseconds blockTime,
                                                       int64_t epochLength);
    ~DevnetParticipants();
    // Starts the runner's thread (the node must be started); no-op once stopped.
    void run();
    void stop();
    ParticipantRunner& runner() { return *runner_; }

private:
    explicit DevnetParticipants(std::unique_ptr<ParticipantRunner> runner)
        : runner_(std::move(runner)) {}
    std::unique_ptr<ParticipantRunner> runner_;
};

}  // namespace allora::participants
