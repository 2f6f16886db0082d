#include "node/modules/address.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/bech32.h"
#include "core/hash.h"

namespace allora::node {

namespace {

// Memos of both conversions. A transfer converts the same few addresses a dozen times between
// its checkTx and its execution (messages carry bech32, state keys bytes, events bech32 again),
// and each bech32 pass costs microseconds. Both are pure functions, so remembering them changes
// nothing but the time; only successful decodes are kept, so every error message is produced
// as before. One memo per thread (no locking); emptied when it reaches kMaxEntries.
constexpr size_t kMaxEntries = 50'000;

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

using Address20 = std::array<uint8_t, 20>;
struct Address20Hash {
    size_t operator()(const Address20& a) const {
        return std::hash<std::string_view>()(
            std::string_view(reinterpret_cast<const char*>(a.data()), a.size()));
    }
};

std::unordered_map<std::string, Address20, StringHash, std::equal_to<>>& parsedAddresses() {
    thread_local std::unordered_map<std::string, Address20, StringHash, std::equal_to<>> memo;
    return memo;
}

std::unordered_map<Address20, std::string, Address20Hash>& formattedAddresses() {
    thread_local std::unordered_map<Address20, std::string, Address20Hash> memo;
    return memo;
}

Result<Bytes> decodeAddress(std::string_view address) {
    if (address.empty())
        return makeError(ErrorCode::InvalidArgument, "empty address string is not allowed");
    auto decoded = bech32::decodeAddress(address, kAccountHrp);
    if (!decoded) return makeError(ErrorCode::InvalidArgument, decoded.message());
    if (decoded->size() != 20) {
        return makeError(ErrorCode::InvalidArgument, "invalid address \"" + std::string(address) +
                                                         "\": " + std::to_string(decoded->size()) +
                                                         " bytes, expected 20");
    }
    return decoded;
}

}  // namespace

Result<Bytes> parseAddress(std::string_view address) {
    auto& memo = parsedAddresses();
    if (const auto it = memo.find(address); it != memo.end())
        return Bytes(it->second.begin(), it->second.end());
    auto decoded = decodeAddress(address);
    if (!decoded) return decoded;
    if (memo.size() >= kMaxEntries) memo.clear();
    Address20 bytes{};
    std::copy(decoded->begin(), decoded->end(), bytes.begin());
    memo.emplace(std::string(address), bytes);
    return decoded;
}

std::string formatAddress(ByteSpan address20) {
    if (address20.size() != 20) {
        auto s = bech32::encodeAddress(kAccountHrp, address20);
        return s ? *s : std::string();
    }
    Address20 key{};
    std::copy(address20.begin(), address20.end(), key.begin());
    auto& memo = formattedAddresses();
    if (const auto it = memo.find(key); it != memo.end()) return it->second;
    auto s = bech32::encodeAddress(kAccountHrp, address20);
    if (!s) return std::string();
    if (memo.size() >= kMaxEntries) memo.clear();
    memo.emplace(key, *s);
    return *s;
}

Bytes moduleAddress(std::string_view moduleName) {
    const Hash256 h = sha256(asBytes(moduleName));
    return Bytes(h.begin(), h.begin() + 20);
}

}  // namespace allora::node
