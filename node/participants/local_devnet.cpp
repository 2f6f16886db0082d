#include "node/participants/local_devnet.h"

#include <future>

#include "node/node.h"
#include "node/node_config.h"
#include "node/node_setup.h"
#include "node/participants/devnet_participants.h"
#include "node/participants/participant_keys.h"
#include "node/validator_key.h"

namespace allora::participants {

// The home's participants: their unlocked accounts until the node runs, then their runner.
class StartingNode::Participants {
public:
    std::vector<wallet::Account> accounts;
    std::unique_ptr<DevnetParticipants> running;
};

namespace {

// Looking into the keyring would create its folder: a home without one has no participants.
bool homeHasParticipants(const std::filesystem::path& home) {
    std::error_code ec;
    return std::filesystem::exists(participantKeyringDir(home), ec) && hasParticipantKeys(home);
}

Result<node::NodeOptions> nodeOptions(const std::filesystem::path& home, LogSink log,
                                      bool serveApi) {
    node::NodeOptions options;
    options.home = node::NodeHome{home};
    auto config = node::loadNodeConfig(options.home.configFile());
    if (!config) return config.error();
    options.config = std::move(*config);
    options.log = std::move(log);
    options.serveApi = serveApi;
    return options;
}

Result<ed25519::KeyPair> unlockValidatorKey(const std::filesystem::path& home,
                                            const SecureBytes& password) {
    auto keyFile = node::ValidatorKeyFile::load(node::NodeHome{home}.validatorKeyFile());
    if (!keyFile) return keyFile.error();
    return keyFile->unlock(password);
}

}  // namespace

Status createLocalDevnet(const std::filesystem::path& home, const std::vector<std::string>& fund,
                         const SecureBytes& password,
                         std::optional<std::chrono::milliseconds> blockTime,
                         WithParticipants participants) {
    if (participants == WithParticipants::No)
        return node::api::createLocalDevnet(home, fund, password, blockTime);
    return createParticipantDevnet(home, fund, password, blockTime);
}

StartingNode::StartingNode(std::filesystem::path home, LogSink log, bool serveApi)
    : home_(std::move(home)), log_(std::move(log)), serveApi_(serveApi) {}

StartingNode::~StartingNode() {
    stop();
    participants_.reset();
    node_.reset();
}

Result<std::unique_ptr<StartingNode>> StartingNode::open(const std::filesystem::path& home,
                                                         LogSink log, bool serveApi) {
    auto options = nodeOptions(home, log, serveApi);
    if (!options) return options.error();
    std::unique_ptr<StartingNode> out(new StartingNode(home, std::move(log), serveApi));
    // A home that never started has no database: its genesis is applied once the key is known.
    std::error_code ec;
    if (!std::filesystem::exists(options->home.databaseFile(), ec)) return out;
    auto node = node::Node::open(std::move(*options));
    if (node) {
        out->node_ = std::move(*node);
    } else if (node.error().code != ErrorCode::NotFound) {
        return node.error();
    }
    return out;
}

Status StartingNode::unlock(const SecureBytes& password) {
    if (participants_ || (node_ && node_->hasValidatorKey()))
        return makeError(ErrorCode::AlreadyExists, "the node's keys are unlocked");
    // The two keys are sealed apart, each under its own salt: two Argon2id derivations of the
    // same password, independent of each other, so they run at once (the participants' on a
    // thread of its own). Neither's cost is lowered.
    std::future<Result<std::vector<wallet::Account>>> accounts;
    if (homeHasParticipants(home_))
        accounts = std::async(std::launch::async,
                              [this, &password] { return unlockParticipantKeys(home_, password); });
    auto key = unlockValidatorKey(home_, password);
    std::optional<Result<std::vector<wallet::Account>>> unlocked;
    if (accounts.valid()) unlocked.emplace(accounts.get());
    if (!key) return key.error();
    if (unlocked && !*unlocked)
        return makeError(unlocked->error().code,
                         "the devnet's reference participants: " + unlocked->error().message);

    if (node_) {
        if (Status s = node_->setValidatorKey(std::move(*key)); !s) return s;
    } else {
        auto options = nodeOptions(home_, log_, serveApi_);
        if (!options) return options.error();
        options->validatorKey = std::move(*key);
        auto node = node::Node::open(std::move(*options));
        if (!node) return node.error();
        node_ = std::move(*node);
    }
    participants_ = std::make_unique<Participants>();
    if (unlocked) participants_->accounts = std::move(**unlocked);
    return {};
}

Status StartingNode::start() {
    if (!node_ || !participants_ || !node_->hasValidatorKey())
        return makeError(ErrorCode::InvalidArgument, "the node's keys are not unlocked");
    if (Status s = node_->start(); !s) return s;
    if (!participants_->accounts.empty() && !participants_->running) {
        auto config = node::loadNodeConfig(node::NodeHome{home_}.configFile());
        if (!config) {
            node_->stop();
            return config.error();
        }
        participants_->running =
            DevnetParticipants::prepare(*node_, std::move(participants_->accounts), log_,
                                        config->blockTime, node::kDevnetEpochLength);
        participants_->running->run();
    }
    started_ = true;
    return {};
}

void StartingNode::stop() {
    if (participants_ && participants_->running) participants_->running->stop();
    if (node_) node_->stop();
    started_ = false;
}

std::string StartingNode::chainId() const {
    return node_ ? node_->chainId() : std::string();
}

std::string StartingNode::apiUrl() const {
    return node_ ? node_->apiUrl() : std::string();
}

std::optional<std::string> StartingNode::failure() const {
    if (!node_ || !node_->hasValidatorKey()) return std::nullopt;
    if (auto f = node_->engine().failure()) return f->message;
    return std::nullopt;
}

node::QueryResponse StartingNode::query(const node::QueryRequest& request) {
    if (!node_) {
        node::QueryResponse r;
        r.code = static_cast<uint32_t>(node::TxCode::Internal);
        r.log = "the node is not open yet";
        return r;
    }
    return node_->query(request);
}

node::CheckTxResult StartingNode::broadcastTxSync(ByteSpan txRaw) {
    // Until it runs, the node would only queue the tx, and for good if the password turned out
    // wrong: refused instead, so the sender tries again once the node runs.
    if (!node_ || !started_) {
        node::CheckTxResult r;
        r.result.code = static_cast<uint32_t>(node::TxCode::Internal);
        r.result.log = "the node is still starting: send again once it runs";
        return r;
    }
    return node_->broadcastTxSync(txRaw);
}

node::api::NodeStatus StartingNode::status() {
    return node_ ? node_->status() : node::api::NodeStatus{};
}

Result<std::unique_ptr<node::api::LocalNode>> openLocalNode(const std::filesystem::path& home,
                                                            const SecureBytes& password,
                                                            LogSink log, bool serveApi) {
    auto node = StartingNode::open(home, std::move(log), serveApi);
    if (!node) return node.error();
    if (Status s = (*node)->unlock(password); !s) return s.error();
    return std::unique_ptr<node::api::LocalNode>(std::move(*node));
}

}  // namespace allora::participants
