// StateReader: read access to the key-value state, committed (StateStore) or pending
// (StateOverlay).
//
// Keys and values are arbitrary byte strings. Keys are ordered as unsigned bytes, shorter first on
// a tie (memcmp order, which is also SQLite's BLOB order), so every node iterates in the same
// order.
#pragma once

#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>

#include "core/bytes.h"
#include "core/result.h"

namespace allora::node {

// -1, 0 or 1 as a is before, equal to or after b in key order. Inline: every overlay lookup
// makes a dozen of these comparisons.
inline int compareBytes(ByteSpan a, ByteSpan b) {
    const size_t common = std::min(a.size(), b.size());
    // memcmp compares as unsigned char, and must not be handed a null pointer even for zero bytes.
    const int c = common == 0 ? 0 : std::memcmp(a.data(), b.data(), common);
    if (c != 0) return c < 0 ? -1 : 1;
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
}

// Unsigned lexicographic byte order, usable between Bytes and ByteSpan (for map lookups by span).
struct BytesLess {
    using is_transparent = void;
    bool operator()(ByteSpan a, ByteSpan b) const { return compareBytes(a, b) < 0; }
};

// The first key after every key that starts with `prefix`: the prefix with its last byte below 0xff
// incremented and the rest dropped. nullopt when no such key exists (empty or all-0xff prefix).
std::optional<Bytes> prefixEnd(ByteSpan prefix);

class StateReader {
public:
    // Receives each entry in ascending key order; returns false to stop early. The spans are only
    // valid during the call. The visitor must not write to the state it is iterating.
    using Visitor = std::function<bool(ByteSpan key, ByteSpan value)>;

    virtual ~StateReader() = default;

    // The value of `key`, or nullopt when absent.
    virtual Result<std::optional<Bytes>> get(ByteSpan key) const = 0;
    // The same answer copied into `out`, whose buffer is reused (no new allocation per read for a
    // caller that keeps one buffer): true when present, false (and `out` emptied) when absent.
    virtual Result<bool> getInto(ByteSpan key, Bytes& out) const;

    // Visits every entry with begin <= key < end (no upper bound when `end` is nullopt).
    virtual Status forEachInRange(ByteSpan begin, std::optional<ByteSpan> end,
                                  const Visitor& visit) const = 0;

    // Visits every entry whose key starts with `prefix` (all entries for an empty prefix).
    Status forEachPrefix(ByteSpan prefix, const Visitor& visit) const;

    Result<bool> contains(ByteSpan key) const;
};

}  // namespace allora::node
