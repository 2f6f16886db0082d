// The subscribers to an engine's committed blocks (Engine::subscribeBlocks), shared by engines.
//
// Each subscriber is a slot with its own mutex, held while its callback runs; the handle's
// destructor takes that mutex to deactivate the slot, so once it returns the callback will not be
// running nor run again. The list mutex is never held during a callback, so a callback may
// subscribe others.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "node/consensus/engine.h"

namespace allora::node::consensus {

class BlockListeners {
public:
    std::unique_ptr<Subscription> add(Engine::BlockCallback callback);
    // Calls every active subscriber, in subscription order, on the calling thread.
    void notify(const CommittedBlock& block);

private:
    struct Slot {
        std::mutex mu;
        std::atomic<bool> active{true};  // written under mu, read without it by the list
        Engine::BlockCallback callback;
    };
    class Handle;

    std::mutex mu_;
    std::vector<std::shared_ptr<Slot>> slots_;
};

}  // namespace allora::node::consensus
