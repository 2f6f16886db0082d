#include "node/participants/devnet_participants.h"

#include <algorithm>

#include "core/password_seal.h"
#include "node/node_setup.h"
#include "node/participants/participant_keys.h"

namespace allora::participants {

Status createParticipantDevnet(const std::filesystem::path& home,
                               const std::vector<std::string>& fund, const SecureBytes& password,
                               std::optional<std::chrono::milliseconds> blockTime) {
    const node::NodeHome nodeHome{home};
    if (std::filesystem::exists(nodeHome.configFile()))
        return makeError(ErrorCode::AlreadyExists,
                         home.string() + " already holds a node (its config.json exists)");
    // Everything that can be refused is checked before the participants' keys are written, so a
    // refused attempt leaves no keys sealed under a password the user did not keep.
    if (Status s = validatePassword(password); !s) return s.error();
    if (auto checked = node::devnetHomeSetup(fund, 0, blockTime); !checked) return checked.error();
    std::vector<std::string> addresses;
    if (hasParticipantKeys(home)) {
        auto accounts = unlockParticipantKeys(home, password);
        if (!accounts) return accounts.error();
        for (const auto& a : *accounts) addresses.push_back(a.address);
    } else {
        auto created = createParticipantKeys(home, password);
        if (!created) return created.error();
        addresses = std::move(*created);
    }
    std::vector<std::string> funded = fund;
    for (const std::string& a : addresses)
        if (std::find(funded.begin(), funded.end(), a) == funded.end()) funded.push_back(a);
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    auto setup = node::devnetHomeSetup(funded, now, blockTime);
    if (!setup) return setup.error();
    if (auto created = node::createNodeHome(nodeHome, *setup, password); !created)
        return created.error();
    return {};
}

Result<std::unique_ptr<DevnetParticipants>> DevnetParticipants::start(
    node::api::NodeApi& api, const std::filesystem::path& home, const SecureBytes& password,
    LogSink log, std::chrono::milliseconds blockTime, int64_t epochLength) {
    auto prepared = prepare(api, home, password, std::move(log), blockTime, epochLength);
    if (!prepared) return prepared.error();
    (*prepared)->run();
    return prepared;
}

Result<std::unique_ptr<DevnetParticipants>> DevnetParticipants::prepare(
    node::api::NodeApi& api, const std::filesystem::path& home, const SecureBytes& password,
    LogSink log, std::chrono::milliseconds blockTime, int64_t epochLength) {
    if (!hasParticipantKeys(home))
        return makeError(ErrorCode::NotFound,
                         "this devnet has no reference participants (they are created with "
                         "the devnet: allorad devnet --participants on a new home)");
    auto accounts = unlockParticipantKeys(home, password);
    if (!accounts) return accounts.error();
    return prepare(api, std::move(*accounts), std::move(log), blockTime, epochLength);
}

std::unique_ptr<DevnetParticipants> DevnetParticipants::prepare(
    node::api::NodeApi& api, std::vector<wallet::Account> accounts, LogSink log,
    std::chrono::milliseconds blockTime, int64_t epochLength) {
    RunnerOptions options;
    options.topics = demoTopics(epochLength);
    options.log = std::move(log);
    // A few looks per block, never busier than every 20 ms.
    options.poll =
        std::clamp(blockTime / 4, std::chrono::milliseconds(20), std::chrono::milliseconds(250));
    auto runner = std::make_unique<ParticipantRunner>(api, std::move(accounts), std::move(options));
    return std::unique_ptr<DevnetParticipants>(new DevnetParticipants(std::move(runner)));
}

DevnetParticipants::~DevnetParticipants() {
    stop();
}

void DevnetParticipants::run() {
    if (runner_) runner_->start();
}

void DevnetParticipants::stop() {
    if (runner_) runner_->stop();
}

}  // namespace allora::participants
