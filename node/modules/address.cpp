#include "node/modules/address.h"

#include "core/bech32.h"
#include "core/hash.h"

namespace allora::node {

Result<Bytes> parseAddress(std::string_view address) {
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

std::string formatAddress(ByteSpan address20) {
    auto s = bech32::encodeAddress(kAccountHrp, address20);
    return s ? *s : std::string();
}

Bytes moduleAddress(std::string_view moduleName) {
    const Hash256 h = sha256(asBytes(moduleName));
    return Bytes(h.begin(), h.begin() + 20);
}

}  // namespace allora::node
