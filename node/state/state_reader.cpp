#include "node/state/state_reader.h"

#include <algorithm>
#include <cstring>

namespace allora::node {

int compareBytes(ByteSpan a, ByteSpan b) {
    const size_t common = std::min(a.size(), b.size());
    // memcmp compares as unsigned char, and must not be handed a null pointer even for zero bytes.
    const int c = common == 0 ? 0 : std::memcmp(a.data(), b.data(), common);
    if (c != 0) return c < 0 ? -1 : 1;
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
}

bool BytesLess::operator()(ByteSpan a, ByteSpan b) const {
    return compareBytes(a, b) < 0;
}

std::optional<Bytes> prefixEnd(ByteSpan prefix) {
    Bytes end(prefix.begin(), prefix.end());
    while (!end.empty()) {
        if (end.back() != 0xff) {
            ++end.back();
            return end;
        }
        end.pop_back();
    }
    return std::nullopt;
}

Status StateReader::forEachPrefix(ByteSpan prefix, const Visitor& visit) const {
    const std::optional<Bytes> end = prefixEnd(prefix);
    return forEachInRange(prefix, end ? std::optional<ByteSpan>(*end) : std::nullopt, visit);
}

Result<bool> StateReader::contains(ByteSpan key) const {
    auto value = get(key);
    if (!value) return value.error();
    return value->has_value();
}

}  // namespace allora::node
