// StateReader: read access to the key-value state, committed (StateStore) or pending
// (StateOverlay).
//
// Keys and values are arbitrary byte strings. Keys are ordered as unsigned bytes, shorter first on
// a tie (memcmp order, which is also SQLite's BLOB order), so every node iterates in the same
// order.
#pragma once

#include <functional>
#include <optional>

#include "core/bytes.h"
#include "core/result.h"

namespace allora::node {

// Unsigned lexicographic byte order, usable between Bytes and ByteSpan (for map lookups by span).
struct BytesLess {
    using is_transparent = void;
    bool operator()(ByteSpan a, ByteSpan b) const;
};

// -1, 0 or 1 as a is before, equal to or after b in key order.
int compareBytes(ByteSpan a, ByteSpan b);

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

    // Visits every entry with begin <= key < end (no upper bound when `end` is nullopt).
    virtual Status forEachInRange(ByteSpan begin, std::optional<ByteSpan> end,
                                  const Visitor& visit) const = 0;

    // Visits every entry whose key starts with `prefix` (all entries for an empty prefix).
    Status forEachPrefix(ByteSpan prefix, const Visitor& visit) const;

    Result<bool> contains(ByteSpan key) const;
};

}  // namespace allora::node
