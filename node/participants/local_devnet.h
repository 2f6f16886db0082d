// allora-qt's "Try a local network": a devnet with the demo topics and the reference workers and
// reputers, as `allorad devnet --participants` runs it, created and opened through the node API's
// LocalNode (node/api/local_node.h).
//
// Where this lives: the node library must not depend on the wallet or the participants (README:
// architecture), so node/api/local_node.h opens the node alone. This unit, in the participants
// library (which sits on node and wallet), composes the two: the LocalNode it returns runs the
// home's participants next to the node (started after it, stopped before it). The desktop UI
// includes only this header and node/api ones, so it still sees the node through the API
// (LocalNode, NodeApi) and never the Node class, the runner or the participants' keys.
//
// Opening unlocks two keys sealed apart under the same password (the validator key and the
// participants' key, each file with its own salt, so two Argon2id derivations): they run at once,
// on two threads (about one second on two free cores instead of two in a row). The desktop opens
// in two steps (StartingNode): the chain first, for queries (milliseconds, no key), so the wallet's
// balances show while the keys unlock; then unlock() and start().
//
// The functions that unlock may take seconds: call them from a worker thread, never the GUI
// thread.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/log.h"
#include "core/result.h"
#include "node/api/local_node.h"

namespace allora::node {
class Node;
}

namespace allora::participants {

enum class WithParticipants { No, Yes };

// Creates a one-node devnet in `home` funding `fund` (1,000,000 ALLO each), its validator key
// sealed under `password`. With participants (the default) their keys are created too (sealed
// under the same password, funded in the genesis), so the node opened later runs the demo topics;
// WithParticipants::No creates the plain devnet of node::api::createLocalDevnet.
Status createLocalDevnet(const std::filesystem::path& home, const std::vector<std::string>& fund,
                         const SecureBytes& password,
                         std::optional<std::chrono::milliseconds> blockTime = std::nullopt,
                         WithParticipants participants = WithParticipants::Yes);

// The node of a home, opened in two steps: open() (no key: the chain answers queries as last
// committed; broadcasts are refused until the node runs), then unlock() (the validator key and
// the participants' keys, their two Argon2id at once), then start() (the node, then the
// participants). stop() (and the destructor) stops the participants first, then the node.
class StartingNode final : public node::api::LocalNode {
public:
    // Opens the chain of `home` without any key. A home whose genesis is not applied yet (its
    // first start) cannot answer queries before its key is known: readable() is then false and
    // unlock() opens it.
    static Result<std::unique_ptr<StartingNode>> open(const std::filesystem::path& home,
                                                      LogSink log, bool serveApi = true);
    ~StartingNode() override;
    StartingNode(const StartingNode&) = delete;
    StartingNode& operator=(const StartingNode&) = delete;

    // Whether queries are answered (set by open(), or by unlock() on a first start). Before
    // unlock() returns, call the NodeApi functions only when open() left this true.
    bool readable() const { return node_ != nullptr; }
    // Unlocks the keys with `password` (WrongPassword when it opens neither file; nothing runs
    // yet; call it again with another). Once it succeeded: AlreadyExists.
    Status unlock(const SecureBytes& password);
    bool unlocked() const { return participants_ != nullptr; }

    // LocalNode. start() needs unlock() first.
    Status start() override;
    void stop() override;
    std::string chainId() const override;
    std::string apiUrl() const override;
    std::optional<std::string> failure() const override;
    node::QueryResponse query(const node::QueryRequest& request) override;
    node::CheckTxResult broadcastTxSync(ByteSpan txRaw) override;
    node::api::NodeStatus status() override;

private:
    StartingNode(std::filesystem::path home, LogSink log, bool serveApi);
    class Participants;

    std::filesystem::path home_;
    LogSink log_;
    bool serveApi_;
    std::unique_ptr<node::Node> node_;
    std::unique_ptr<Participants> participants_;
    std::atomic<bool> started_{false};
};

// Opens the node of `home` and unlocks its keys (StartingNode's open() and unlock() at once). The
// returned node's start() starts the node and then the participants; stop() (and the destructor)
// stops the participants first, then the node.
Result<std::unique_ptr<node::api::LocalNode>> openLocalNode(const std::filesystem::path& home,
                                                            const SecureBytes& password,
                                                            LogSink log, bool serveApi = true);

}  // namespace allora::participants
