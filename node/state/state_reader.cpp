#include "node/state/state_reader.h"

#include <algorithm>
#include <cstring>

namespace allora::node {

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

Result<bool> StateReader::getInto(ByteSpan key, Bytes& out) const {
    auto value = get(key);
    if (!value) return value.error();
    if (!*value) {
        out.clear();
        return false;
    }
    out.assign((*value)->begin(), (*value)->end());
    return true;
}

Result<bool> StateReader::contains(ByteSpan key) const {
    auto value = get(key);
    if (!value) return value.error();
    return value->has_value();
}

}  // namespace allora::node
