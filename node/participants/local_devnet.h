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
// Both functions may take seconds (Argon2id for the validator key and for the participants' key):
// call them from a worker thread, never the GUI thread.
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
#include "node/api/local_node.h"

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

// Opens the node of `home` (node::api::openLocalNode) and, when the home holds participant keys,
// unlocks them with the same password. The returned node's start() starts the node and then the
// participants; stop() (and the destructor) stops the participants first, then the node.
Result<std::unique_ptr<node::api::LocalNode>> openLocalNode(const std::filesystem::path& home,
                                                            const SecureBytes& password,
                                                            LogSink log, bool serveApi = true);

}  // namespace allora::participants
