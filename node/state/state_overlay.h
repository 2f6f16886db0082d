// StateOverlay: the writes of a block (or of one transaction in it) buffered in memory on top of a
// StateReader, which is the committed StateStore or another overlay.
//
// Reads see the overlay first: a key set here returns its new value, a key removed here is absent,
// anything else is read from the base. Iteration merges the overlay's entries with the base's in
// key order, so a module iterating a prefix sees exactly the state as if the writes had been
// applied.
//
// Nesting gives per-transaction atomicity: the chain keeps one overlay for the block and opens a
// child overlay on it for each transaction. If the transaction succeeds, block.merge(std::move(tx))
// folds its writes into the block's; if it fails, the child is simply destroyed and its writes are
// gone while the block's earlier writes stay. StateStore::commit then writes the block overlay.
//
// An overlay refers to its base by address: the base must outlive it and must not change while the
// overlay is in use except through merge(). So overlays are neither copied nor moved (hold one in a
// std::optional or std::unique_ptr to control its lifetime), and `StateOverlay tx(block)` means
// "a child of block". Not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "node/state/state_reader.h"

namespace allora::node {

class StateOverlay final : public StateReader {
public:
    // Every key written since the overlay was made, in key order, mapped to its new value or to
    // nullopt if it was removed. This is what a commit applies.
    using WriteSet = std::map<Bytes, std::optional<Bytes>, BytesLess>;

    explicit StateOverlay(const StateReader& base) : base_(base) {}
    // `StateOverlay tx(block)` makes a CHILD of `block` (empty, reading through to it), never a
    // copy of its writes: this constructor would otherwise be the copy constructor, and a copy
    // would silently fork the block's writes. Explicit, so no overlay is copied by accident.
    explicit StateOverlay(const StateOverlay& parent)
        : StateOverlay(static_cast<const StateReader&>(parent)) {}
    StateOverlay& operator=(const StateOverlay&) = delete;

    const StateReader& base() const { return base_; }

    Result<std::optional<Bytes>> get(ByteSpan key) const override;
    Result<bool> getInto(ByteSpan key, Bytes& out) const override;
    Status forEachInRange(ByteSpan begin, std::optional<ByteSpan> end,
                          const Visitor& visit) const override;

    void set(ByteSpan key, ByteSpan value);
    void remove(ByteSpan key);

    // Folds a child overlay's writes into this one (the child must have been made on this
    // overlay). Later writes win, as if the child had written here directly.
    void merge(StateOverlay&& child);

    // Forgets every write: reads see the base again.
    void clear() {
        index_.clear();
        writes_.clear();
    }

    const WriteSet& writes() const { return writes_; }
    bool empty() const { return writes_.empty(); }
    size_t size() const { return writes_.size(); }

private:
    // The entry of `key` in writes_, or writes_.end().
    WriteSet::iterator find(ByteSpan key);
    WriteSet::const_iterator find(ByteSpan key) const;
    // Records a new entry of writes_ in the index (once there is one).
    void indexed(WriteSet::iterator it);

    const StateReader& base_;
    WriteSet writes_;
    // Point lookups of a large overlay (a block's, read by every tx of the block through its
    // children): key -> its entry in writes_, so a read costs a hash instead of a walk down a
    // tree of thousands of keys. Built once the overlay holds kIndexFrom keys; a small overlay
    // (one tx's) only has the map. The views point into the map's own keys, which stay where they
    // are while their entries exist (entries are never erased, only cleared all at once). Only
    // looked up, never iterated: iteration and commits use writes_, in key order.
    static constexpr size_t kIndexFrom = 64;
    struct KeyHash {
        size_t operator()(std::string_view k) const { return std::hash<std::string_view>()(k); }
    };
    std::unordered_map<std::string_view, WriteSet::iterator, KeyHash> index_;
};

}  // namespace allora::node
