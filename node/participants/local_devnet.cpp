#include "node/participants/local_devnet.h"

#include "node/node_config.h"
#include "node/node_setup.h"
#include "node/participants/devnet_participants.h"
#include "node/participants/participant_keys.h"

namespace allora::participants {

namespace {

// A LocalNode with the home's participants: the node is owned here, the participants hold a
// reference to it, so they are stopped and destroyed first.
class NodeWithParticipants final : public node::api::LocalNode {
public:
    explicit NodeWithParticipants(std::unique_ptr<node::api::LocalNode> node)
        : node_(std::move(node)) {}
    ~NodeWithParticipants() override {
        stop();
        participants_.reset();
    }
    void setParticipants(std::unique_ptr<DevnetParticipants> p) { participants_ = std::move(p); }
    node::api::LocalNode& node() { return *node_; }

    Status start() override {
        if (Status s = node_->start(); !s) return s;
        if (participants_) participants_->run();
        return {};
    }
    void stop() override {
        if (participants_) participants_->stop();
        node_->stop();
    }
    std::string chainId() const override { return node_->chainId(); }
    std::string apiUrl() const override { return node_->apiUrl(); }
    std::optional<std::string> failure() const override { return node_->failure(); }
    node::QueryResponse query(const node::QueryRequest& request) override {
        return node_->query(request);
    }
    node::CheckTxResult broadcastTxSync(ByteSpan txRaw) override {
        return node_->broadcastTxSync(txRaw);
    }
    node::api::NodeStatus status() override { return node_->status(); }

private:
    std::unique_ptr<node::api::LocalNode> node_;
    std::unique_ptr<DevnetParticipants> participants_;
};

}  // namespace

Status createLocalDevnet(const std::filesystem::path& home, const std::vector<std::string>& fund,
                         const SecureBytes& password,
                         std::optional<std::chrono::milliseconds> blockTime,
                         WithParticipants participants) {
    if (participants == WithParticipants::No)
        return node::api::createLocalDevnet(home, fund, password, blockTime);
    return createParticipantDevnet(home, fund, password, blockTime);
}

Result<std::unique_ptr<node::api::LocalNode>> openLocalNode(const std::filesystem::path& home,
                                                            const SecureBytes& password,
                                                            LogSink log, bool serveApi) {
    auto opened = node::api::openLocalNode(home, password, log, serveApi);
    if (!opened) return opened.error();
    // Looking into the keyring would create its folder: a home without one has no participants.
    std::error_code ec;
    if (!std::filesystem::exists(participantKeyringDir(home), ec) || !hasParticipantKeys(home))
        return opened;
    auto config = node::loadNodeConfig(node::NodeHome{home}.configFile());
    if (!config) return config.error();
    auto out = std::make_unique<NodeWithParticipants>(std::move(*opened));
    auto participants = DevnetParticipants::prepare(out->node(), home, password, std::move(log),
                                                    config->blockTime, node::kDevnetEpochLength);
    if (!participants)
        return makeError(participants.error().code,
                         "the devnet's reference participants: " + participants.error().message);
    out->setParticipants(std::move(*participants));
    return std::unique_ptr<node::api::LocalNode>(std::move(out));
}

}  // namespace allora::participants
