#include "node/api/local_node.h"

#include <chrono>

#include "node/node.h"
#include "node/node_setup.h"
#include "node/validator_key.h"

namespace allora::node::api {

namespace {

class NodeHolder final : public LocalNode {
public:
    explicit NodeHolder(std::unique_ptr<Node> node) : node_(std::move(node)) {}
    ~NodeHolder() override { node_->stop(); }

    Status start() override { return node_->start(); }
    void stop() override { node_->stop(); }
    std::string chainId() const override { return node_->chainId(); }
    std::string apiUrl() const override { return node_->apiUrl(); }
    std::optional<std::string> failure() const override {
        if (auto f = node_->engine().failure()) return f->message;
        return std::nullopt;
    }
    QueryResponse query(const QueryRequest& request) override { return node_->query(request); }
    CheckTxResult broadcastTxSync(ByteSpan txRaw) override { return node_->broadcastTxSync(txRaw); }
    NodeStatus status() override { return node_->status(); }

private:
    std::unique_ptr<Node> node_;
};

}  // namespace

bool hasNodeHome(const std::filesystem::path& home) {
    std::error_code ec;
    return std::filesystem::exists(NodeHome{home}.configFile(), ec);
}

Status createLocalDevnet(const std::filesystem::path& home, const std::vector<std::string>& fund,
                         const SecureBytes& password,
                         std::optional<std::chrono::milliseconds> blockTime) {
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    auto setup = devnetHomeSetup(fund, now, blockTime);
    if (!setup) return setup.error();
    if (auto created = createNodeHome(NodeHome{home}, *setup, password); !created)
        return created.error();
    return {};
}

Result<std::unique_ptr<LocalNode>> openLocalNode(const std::filesystem::path& home,
                                                 const SecureBytes& password, LogSink log,
                                                 bool serveApi) {
    NodeOptions options;
    options.home = NodeHome{home};
    auto config = loadNodeConfig(options.home.configFile());
    if (!config) return config.error();
    options.config = std::move(*config);
    auto keyFile = ValidatorKeyFile::load(options.home.validatorKeyFile());
    if (!keyFile) return keyFile.error();
    auto key = keyFile->unlock(password);
    if (!key) return key.error();
    options.validatorKey = std::move(*key);
    options.log = std::move(log);
    options.serveApi = serveApi;
    auto node = Node::open(std::move(options));
    if (!node) return node.error();
    return std::unique_ptr<LocalNode>(std::make_unique<NodeHolder>(std::move(*node)));
}

}  // namespace allora::node::api
