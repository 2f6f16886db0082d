#include "node/node.h"
#include "node/modules/emissions/module.h"
#include "node/modules/mint/module.h"

#include <algorithm>

#include "core/encoding.h"
#include "core/file_util.h"
#include "core/paths.h"
#include "node/api/lcd_routes.h"
#include "node/chain/chain_app.h"
#include "node/chain/mempool.h"
#include "node/consensus/block_format.h"
#include "node/consensus/solo_engine.h"
#include "node/rpc/api_token.h"
#include "node/rpc/http_server.h"

namespace allora::node {

namespace {

constexpr size_t kMaxGenesisBytes = 64 * 1024 * 1024;

std::string hexPrefix(const Hash256& h) {
    return toHex(ByteSpan(h.data(), 6));
}

}  // namespace

Result<Genesis> loadGenesis(const NodeHome& home) {
    auto bytes = readFile(home.genesisFile(), kMaxGenesisBytes);
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound, "no genesis at " + home.genesisFile().string() +
                                                      " (run 'allorad init' first)");
        return bytes.error();
    }
    auto genesis = Genesis::fromJson(
        std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
    if (!genesis)
        return makeError(genesis.error().code,
                         home.genesisFile().string() + ": " + genesis.error().message);
    if (Status s = genesis->validate(); !s)
        return makeError(s.error().code, home.genesisFile().string() + ": " + s.error().message);
    return genesis;
}

Node::Node(NodeOptions options) : options_(std::move(options)) {}

Node::~Node() {
    stop();
}

void Node::log(LogLevel level, std::string_view component, std::string_view message) const {
    logTo(options_.log, level, component, message);
}

Result<std::unique_ptr<Node>> Node::open(NodeOptions options) {
    if (Status s = options.config.validate(); !s) return s.error();
    const size_t keySize = options.validatorKey.secretKey.size();
    if (keySize != 64 && keySize != 0)
        return makeError(ErrorCode::InvalidArgument, "the node's validator key is malformed");
    std::unique_ptr<Node> node(new Node(std::move(options)));
    if (Status s = node->openChain(); !s) return s.error();
    return node;
}

Status Node::openChain() {
    const NodeHome& home = options_.home;
    auto genesis = loadGenesis(home);
    if (!genesis) return genesis.error();
    genesis_ = std::move(*genesis);
    if (!options_.config.chainId.empty() && options_.config.chainId != genesis_.chainId)
        return makeError(ErrorCode::InvalidArgument,
                         "config.json says chain '" + options_.config.chainId +
                             "' but genesis.json is for '" + genesis_.chainId + "'");

    // The solo engine is the only validator of its chain: the genesis must say so.
    if (genesis_.validators.size() != 1)
        return makeError(ErrorCode::Unsupported,
                         "this node runs the solo engine, which needs exactly one genesis "
                         "validator; genesis.json has " +
                             std::to_string(genesis_.validators.size()));
    const bool withKey = options_.validatorKey.secretKey.size() != 0;
    if (withKey)
        if (Status s = checkValidatorKey(options_.validatorKey.publicKey); !s) return s;

    std::error_code ec;
    std::filesystem::create_directories(home.dataDir(), ec);
    if (ec)
        return makeError(ErrorCode::Io,
                         "cannot create " + home.dataDir().string() + ": " + ec.message());
    auto db = Database::open(home.databaseFile().string());
    if (!db) return db.error();
    db_ = std::make_unique<Database>(std::move(*db));

    ChainApp::Options appOptions;
    appOptions.version = versionString();
    auto app = ChainApp::open(*db_, appOptions);
    if (!app) return app.error();
    app_ = std::move(*app);
    // The modules beyond auth and bank, before the genesis and the first block.
    emissions::registerEmissionsModule(*app_);
    allora::mint::registerMintModule(*app_);
    if (!app_->hasGenesis()) {
        // The genesis is applied once the node proves it is the genesis validator.
        if (!withKey)
            return makeError(ErrorCode::NotFound,
                             "the chain of " + home.databaseFile().string() +
                                 " has no genesis yet: its first start needs the validator key");
        auto appHash = app_->initChain(genesis_);
        if (!appHash) return appHash.error();
        log(LogLevel::Info, "chain",
            "applied genesis of '" + genesis_.chainId + "', app hash " + toHex(*appHash));
    } else if (app_->chainId() != genesis_.chainId) {
        return makeError(ErrorCode::InvalidArgument,
                         "the database at " + home.databaseFile().string() + " holds chain '" +
                             app_->chainId() + "', not '" + genesis_.chainId + "' of genesis.json");
    }

    const NodeConfig& c = options_.config;
    MempoolConfig pool;
    pool.maxTxs = c.mempoolMaxTxs;
    pool.maxTotalBytes = c.mempoolMaxBytes;
    pool.cacheSize = c.mempoolCacheSize;
    pool.ttlBlocks = c.mempoolTtlBlocks;
    mempool_ = std::make_unique<Mempool>(*app_, pool);

    if (options_.validatorKey.secretKey.size() != 0) createEngine();

    if (options_.serveApi) {
        LogSink sink = options_.log;
        auto token = rpc::loadOrCreateApiToken(home.apiTokenFile());
        if (!token) return token.error();
        apiToken_ = std::move(*token);
        rpc::HttpServerOptions http;
        http.address = c.apiAddress;
        http.port = options_.apiPort.value_or(c.apiPort);
        http.maxBodyBytes = c.apiMaxBodyBytes;
        http.rateLimitPerSecond = c.apiRequestsPerSecond;
        http.rateLimitBurst = 2.0 * c.apiRequestsPerSecond;
        http.apiToken = apiToken_;
        http.log = [sink](std::string_view line) { logTo(sink, LogLevel::Info, "", line); };
        http_ = std::make_unique<rpc::HttpServer>(api::makeLcdRouter(*this), std::move(http));
    }
    return {};
}

Status Node::checkValidatorKey(const ed25519::PubKey& key) const {
    const Bytes ownKey(key.begin(), key.end());
    if (genesis_.validators[0].pubKey != ownKey)
        return makeError(ErrorCode::InvalidArgument,
                         "the genesis validator is not this node's validator key (" +
                             options_.home.validatorKeyFile().string() + ")");
    return {};
}

void Node::createEngine() {
    const NodeConfig& c = options_.config;
    consensus::SoloConfig solo;
    solo.chainId = genesis_.chainId;
    solo.blockTime = c.blockTime;
    solo.createEmptyBlocks = c.createEmptyBlocks;
    solo.createEmptyBlocksInterval = c.emptyBlockInterval;
    if (genesis_.chainParams.block_max_bytes() > 0)
        solo.maxBlockBytes = genesis_.chainParams.block_max_bytes();
    if (genesis_.chainParams.block_max_gas() > 0)
        solo.maxBlockGas = genesis_.chainParams.block_max_gas();
    solo.votingPower = genesis_.validators[0].power;
    solo.genesisTimeUnixNanos = genesis_.genesisTimeUnix * 1'000'000'000;
    solo.initialHeight = genesis_.initialHeight;
    LogSink sink = options_.log;
    solo.log = [sink](std::string_view line) {
        logTo(sink, line.starts_with("consensus halted") ? LogLevel::Error : LogLevel::Info,
              "consensus", line);
    };
    ChainApp* chain = app_.get();
    consensus::BlockLoader loader = [chain](uint64_t height) -> Result<std::optional<Bytes>> {
        auto stored = chain->blockStore().blockByHeight(height);
        if (!stored) return stored.error();
        if (!stored->has_value()) return std::optional<Bytes>{};
        return std::optional<Bytes>(std::move((*stored)->bytes));
    };
    engine_ = std::make_unique<consensus::SoloEngine>(
        *app_, *mempool_,
        ed25519::KeyPair{options_.validatorKey.publicKey, options_.validatorKey.secretKey.copy()},
        std::move(solo), std::move(loader));
}

Status Node::setValidatorKey(ed25519::KeyPair key) {
    if (engine_) return makeError(ErrorCode::AlreadyExists, "the node has its validator key");
    if (key.secretKey.size() != 64)
        return makeError(ErrorCode::InvalidArgument, "the node's validator key is malformed");
    if (Status s = checkValidatorKey(key.publicKey); !s) return s;
    options_.validatorKey = std::move(key);
    createEngine();
    return {};
}

Status Node::start() {
    if (!engine_)
        return makeError(ErrorCode::InvalidArgument,
                         "the node cannot start without its validator key");
    const InfoResponse info = [&] {
        auto lock = mempool_->lockApplication();
        return app_->info();
    }();
    log(LogLevel::Info, "node",
        "starting '" + options_.config.moniker + "' on chain '" + genesis_.chainId +
            "' at height " + std::to_string(info.lastBlockHeight) + " (app hash " +
            hexPrefix(info.lastBlockAppHash) + "…), data in " + options_.home.root.string());
    if (Status s = engine_->start(); !s) return s;
    if (http_) {
        if (Status s = http_->start(); !s) {
            engine_->stop();
            return makeError(s.error().code, "HTTP API: " + s.error().message);
        }
    }
    return {};
}

void Node::stop() {
    if (stopped_.exchange(true)) return;
    if (http_) http_->stop();
    if (engine_) engine_->stop();
    if (engine_ && app_) {
        log(LogLevel::Info, "node",
            "stopped at height " + std::to_string(engine_->height()) + "; state is committed");
    }
}

consensus::Engine& Node::engine() {
    return *engine_;
}

const std::string& Node::chainId() const {
    return genesis_.chainId;
}

std::string Node::apiUrl() const {
    return http_ ? http_->baseUrl() : std::string();
}

QueryResponse Node::query(const QueryRequest& request) {
    auto lock = mempool_->lockApplication();
    return app_->query(request);
}

CheckTxResult Node::broadcastTxSync(ByteSpan txRaw) {
    return mempool_->checkTx(txRaw);
}

api::NodeStatus Node::status() {
    api::NodeStatus s;
    s.moniker = options_.config.moniker;
    s.chainId = genesis_.chainId;
    s.version = versionString();
    s.engine = "solo";
    // The genesis validator, which the key is checked to be (also before the node has its key;
    // read from the genesis, so that a query thread never reads the key being set).
    ed25519::PubKey validator{};
    if (genesis_.validators[0].pubKey.size() == validator.size())
        std::copy(genesis_.validators[0].pubKey.begin(), genesis_.validators[0].pubKey.end(),
                  validator.begin());
    s.validatorPubKey.assign(validator.begin(), validator.end());
    s.validatorAddress = consensus::consensusAddress(validator);
    s.votingPower = genesis_.validators[0].power;
    s.mempoolTxs = mempool_->size();
    s.mempoolBytes = mempool_->totalBytes();
    if (http_)
        s.apiListenAddress = options_.config.apiAddress + ":" + std::to_string(http_->port());
    auto lock = mempool_->lockApplication();
    const InfoResponse info = app_->info();
    s.latestHeight = info.lastBlockHeight;
    s.latestAppHash = info.lastBlockAppHash;
    s.earliestHeight = info.lastBlockHeight >= genesis_.initialHeight ? genesis_.initialHeight : 0;
    if (info.lastBlockHeight >= genesis_.initialHeight) {
        auto block = app_->blockStore().blockByHeight(info.lastBlockHeight);
        if (block && block->has_value()) {
            s.latestBlockHash = (*block)->hash;
            s.latestBlockTimeUnixNanos = (*block)->timeUnixNanos;
        }
    }
    return s;
}

}  // namespace allora::node
