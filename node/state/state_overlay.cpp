#include "node/state/state_overlay.h"

#include <cassert>

namespace allora::node {

Result<std::optional<Bytes>> StateOverlay::get(ByteSpan key) const {
    const auto it = writes_.find(key);
    if (it != writes_.end()) return it->second;  // written here: a value, or removed
    return base_.get(key);
}

Status StateOverlay::forEachInRange(ByteSpan begin, std::optional<ByteSpan> end,
                                    const Visitor& visit) const {
    // A merge of two sorted streams: the base pushes its entries through the callback, and before
    // each one we emit this overlay's entries that sort earlier. An overlay entry with the same key
    // shadows the base's (replacing it, or hiding it if removed).
    if (end && compareBytes(*end, begin) <= 0) return {};  // an empty range
    auto it = writes_.lower_bound(begin);
    const auto stop = end ? writes_.lower_bound(*end) : writes_.end();
    bool stopped = false;

    // Emits overlay entries with key < `limit` (all remaining ones when limit is nullopt).
    const auto emitBefore = [&](std::optional<ByteSpan> limit) {
        for (; it != stop && !stopped; ++it) {
            if (limit && compareBytes(it->first, *limit) >= 0) break;
            if (it->second && !visit(it->first, *it->second)) stopped = true;
        }
    };

    Status status = base_.forEachInRange(begin, end, [&](ByteSpan key, ByteSpan value) {
        emitBefore(key);
        if (stopped) return false;
        if (it != stop && compareBytes(it->first, key) == 0) {
            const auto& shadow = it->second;
            ++it;
            if (shadow && !visit(key, *shadow)) stopped = true;
            return !stopped;
        }
        if (!visit(key, value)) stopped = true;
        return !stopped;
    });
    if (!status) return status;
    if (!stopped) emitBefore(std::nullopt);
    return {};
}

void StateOverlay::set(ByteSpan key, ByteSpan value) {
    // A key written again (a balance changed by every tx of a block) keeps its node and its
    // value's buffer: only a new key allocates.
    const auto it = writes_.lower_bound(key);
    if (it != writes_.end() && compareBytes(it->first, key) == 0) {
        if (it->second)
            it->second->assign(value.begin(), value.end());
        else
            it->second.emplace(value.begin(), value.end());
        return;
    }
    writes_.emplace_hint(it, Bytes(key.begin(), key.end()), Bytes(value.begin(), value.end()));
}

void StateOverlay::remove(ByteSpan key) {
    const auto it = writes_.lower_bound(key);
    if (it != writes_.end() && compareBytes(it->first, key) == 0) {
        it->second.reset();
        return;
    }
    writes_.emplace_hint(it, Bytes(key.begin(), key.end()), std::nullopt);
}

void StateOverlay::merge(StateOverlay&& child) {
    // Merging a child made on another reader would apply writes computed against a different state.
    assert(&child.base_ == this && "merge() of an overlay that was not made on this one");
    // Moves the child's map nodes over instead of copying keys and values.
    while (!child.writes_.empty()) {
        auto node = child.writes_.extract(child.writes_.begin());
        auto result = writes_.insert(std::move(node));
        if (!result.inserted) result.position->second = std::move(result.node.mapped());
    }
}

}  // namespace allora::node
