#include "node/consensus/block_listeners.h"

#include <algorithm>

namespace allora::node::consensus {

class BlockListeners::Handle final : public Subscription {
public:
    explicit Handle(std::shared_ptr<Slot> slot) : slot_(std::move(slot)) {}
    ~Handle() override {
        std::lock_guard lock(slot_->mu);
        slot_->active = false;
        slot_->callback = nullptr;  // releases whatever the callback captured, now
    }

private:
    // Shared with the list, so the handle may outlive the engine.
    std::shared_ptr<Slot> slot_;
};

std::unique_ptr<Subscription> BlockListeners::add(Engine::BlockCallback callback) {
    auto slot = std::make_shared<Slot>();
    slot->callback = std::move(callback);
    std::lock_guard lock(mu_);
    slots_.push_back(slot);
    return std::make_unique<Handle>(std::move(slot));
}

void BlockListeners::notify(const CommittedBlock& block) {
    std::vector<std::shared_ptr<Slot>> slots;
    {
        std::lock_guard lock(mu_);
        // Drop the slots whose handles are gone. No slot lock here: a callback holding one may
        // be about to subscribe (take mu_).
        std::erase_if(slots_, [](const std::shared_ptr<Slot>& s) { return !s->active; });
        slots = slots_;
    }
    for (const auto& slot : slots) {
        std::lock_guard slotLock(slot->mu);
        if (slot->active && slot->callback) slot->callback(block);
    }
}

}  // namespace allora::node::consensus
