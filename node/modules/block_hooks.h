// BlockHooks: the modules' begin-block and end-block steps (mint, emissions, staking updates),
// registered by name and run in registration order, so the application runs them without knowing
// them. A hook that fails makes the whole block fail: it is a bug or a corrupt state, not a user
// error, and no node may go on with a different state.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "node/modules/msg_router.h"

namespace allora::node {

class BlockHooks {
public:
    // Hooks get an unmetered store on the block's state and the block's event list.
    using Hook = std::function<TxStatus(MsgContext& ctx)>;

    void addBeginBlocker(std::string name, Hook hook) {
        begin_.emplace_back(std::move(name), std::move(hook));
    }
    void addEndBlocker(std::string name, Hook hook) {
        end_.emplace_back(std::move(name), std::move(hook));
    }

    // Runs every hook of the phase; stops at the first failure with "<name>: <log>".
    TxStatus runBegin(MsgContext& ctx) const { return run(begin_, ctx); }
    TxStatus runEnd(MsgContext& ctx) const { return run(end_, ctx); }

private:
    using Named = std::vector<std::pair<std::string, Hook>>;
    static TxStatus run(const Named& hooks, MsgContext& ctx) {
        for (const auto& [name, hook] : hooks) {
            TxStatus s = hook(ctx);
            if (!s.ok()) return TxStatus::fail(s.code, name + ": " + s.log);
        }
        return TxStatus::success();
    }

    Named begin_, end_;
};

}  // namespace allora::node
