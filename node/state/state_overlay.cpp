#include "node/state/state_overlay.h"

#include <cassert>

namespace allora::node {

namespace {

std::string_view keyView(ByteSpan key) {
    return {reinterpret_cast<const char*>(key.data()), key.size()};
}

}  // namespace

StateOverlay::WriteSet::iterator StateOverlay::find(ByteSpan key) {
    if (index_.empty()) return writes_.find(key);
    const auto it = index_.find(keyView(key));
    return it == index_.end() ? writes_.end() : it->second;
}

StateOverlay::WriteSet::const_iterator StateOverlay::find(ByteSpan key) const {
    if (index_.empty()) return writes_.find(key);
    const auto it = index_.find(keyView(key));
    return it == index_.end() ? writes_.cend() : WriteSet::const_iterator(it->second);
}

void StateOverlay::indexed(WriteSet::iterator it) {
    if (!index_.empty()) {
        index_.emplace(keyView(it->first), it);
    } else if (writes_.size() >= kIndexFrom) {
        index_.reserve(2 * writes_.size());
        for (auto e = writes_.begin(); e != writes_.end(); ++e)
            index_.emplace(keyView(e->first), e);
    }
}

Result<std::optional<Bytes>> StateOverlay::get(ByteSpan key) const {
    const auto it = find(key);
    if (it != writes_.end()) return it->second;  // written here: a value, or removed
    return base_.get(key);
}

Result<bool> StateOverlay::getInto(ByteSpan key, Bytes& out) const {
    const auto it = find(key);
    if (it == writes_.end()) return base_.getInto(key, out);
    if (!it->second) {
        out.clear();
        return false;
    }
    out.assign(it->second->begin(), it->second->end());
    return true;
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
    if (!index_.empty()) {
        if (const auto it = find(key); it != writes_.end()) {
            if (it->second)
                it->second->assign(value.begin(), value.end());
            else
                it->second.emplace(value.begin(), value.end());
            return;
        }
    }
    const auto it = writes_.lower_bound(key);
    if (it != writes_.end() && compareBytes(it->first, key) == 0) {
        if (it->second)
            it->second->assign(value.begin(), value.end());
        else
            it->second.emplace(value.begin(), value.end());
        return;
    }
    indexed(
        writes_.emplace_hint(it, Bytes(key.begin(), key.end()), Bytes(value.begin(), value.end())));
}

void StateOverlay::remove(ByteSpan key) {
    if (!index_.empty()) {
        if (const auto it = find(key); it != writes_.end()) {
            it->second.reset();
            return;
        }
    }
    const auto it = writes_.lower_bound(key);
    if (it != writes_.end() && compareBytes(it->first, key) == 0) {
        it->second.reset();
        return;
    }
    indexed(writes_.emplace_hint(it, Bytes(key.begin(), key.end()), std::nullopt));
}

void StateOverlay::merge(StateOverlay&& child) {
    // Merging a child made on another reader would apply writes computed against a different state.
    assert(&child.base_ == this && "merge() of an overlay that was not made on this one");
    // Moves the child's map nodes over instead of copying keys and values. A key this overlay
    // already holds (found through the index when there is one) takes the child's value; a new
    // one takes the child's node.
    child.index_.clear();
    while (!child.writes_.empty()) {
        auto node = child.writes_.extract(child.writes_.begin());
        if (!index_.empty()) {
            if (const auto it = find(node.key()); it != writes_.end()) {
                it->second = std::move(node.mapped());
                continue;
            }
        }
        auto result = writes_.insert(std::move(node));
        if (!result.inserted) {
            result.position->second = std::move(result.node.mapped());
            continue;
        }
        indexed(result.position);
    }
}

}  // namespace allora::node
