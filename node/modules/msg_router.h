// MsgRouter: routes a transaction's messages to their module by type URL
// ("/cosmos.bank.v1beta1.MsgSend"), so that later modules (staking, emissions) plug in by
// registering a handler, without the application or the ante handler knowing them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "node/chain/abci_types.h"
#include "node/chain/tx_status.h"
#include "node/modules/kv_store.h"

namespace allora::node {

// What a message sees while it executes: the tx's state (metered), the block, and the event list
// its results go to.
struct MsgContext {
    KvStore& store;
    const BlockInfo& block;
    std::vector<Event>& events;
};

class MsgHandler {
public:
    virtual ~MsgHandler() = default;
    // Stateless checks (decoding, addresses, coins) and the addresses that must sign, in order.
    // Runs in the ante handler before any state is read.
    virtual TxStatus validateBasic(ByteSpan value, std::vector<std::string>& signers) const = 0;
    // Executes the message (validateBasic has passed).
    virtual TxStatus execute(MsgContext& ctx, ByteSpan value) const = 0;
};

class MsgRouter {
public:
    // Registers a handler; a type URL may be registered once (a second time is a programming
    // error and replaces nothing: returns false).
    bool add(std::string typeUrl, std::shared_ptr<const MsgHandler> handler);
    const MsgHandler* find(std::string_view typeUrl) const;
    std::vector<std::string> typeUrls() const;

private:
    std::map<std::string, std::shared_ptr<const MsgHandler>, std::less<>> handlers_;
};

}  // namespace allora::node
