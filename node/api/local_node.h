// LocalNode: a node running inside this process (allora-qt), seen through the node API only.
// The desktop app creates and opens one with the functions below and never sees the Node class,
// the chain or its modules (DESIGN.md: layers). Opening unlocks the validator key (Argon2id: about
// a second) and may replay the store: call these from a worker thread, never the GUI thread.
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

namespace allora::node::api {

class LocalNode : public NodeApi {
public:
    // Starts producing blocks and, when configured, serving the HTTP API.
    virtual Status start() = 0;
    // Graceful shutdown (the block in progress commits); idempotent.
    virtual void stop() = 0;
    virtual std::string chainId() const = 0;
    // The HTTP API's base URL, empty when it is not served.
    virtual std::string apiUrl() const = 0;
    // Set when the engine halted (the node stops producing blocks).
    virtual std::optional<std::string> failure() const = 0;
};

// True when `home` holds a node (its config.json exists).
bool hasNodeHome(const std::filesystem::path& home);

// Creates a one-node development network in `home` (as `allorad devnet` does, node_setup.h's
// devnetHomeSetup): this node the only validator (its key sealed under `password`), each of `fund`
// given 1,000,000 ALLO, the devnet's emissions and mint params. No reference participants: the
// node library does not know them (allora-qt creates its local network with them through
// node/participants/local_devnet.h, which builds on these functions).
Status createLocalDevnet(const std::filesystem::path& home, const std::vector<std::string>& fund,
                         const SecureBytes& password,
                         std::optional<std::chrono::milliseconds> blockTime = std::nullopt);

// Opens the node of `home`, unlocking its validator key with `password` (WrongPassword when it
// does not open it). `serveApi` also serves the HTTP API on the configured port. The node alone:
// node/participants/local_devnet.h's openLocalNode also runs the home's reference participants.
Result<std::unique_ptr<LocalNode>> openLocalNode(const std::filesystem::path& home,
                                                 const SecureBytes& password, LogSink log,
                                                 bool serveApi = true);

}  // namespace allora::node::api
