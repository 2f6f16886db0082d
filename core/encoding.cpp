#include "core/encoding.h"

#include <sodium.h>

namespace allora {

std::string toHex(ByteSpan data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (uint8_t b : data) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0xf]);
    }
    return out;
}

static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Result<Bytes> fromHex(std::string_view hex) {
    if (hex.size() % 2 != 0)
        return makeError(ErrorCode::InvalidArgument, "hex string has an odd number of digits");
    Bytes out(hex.size() / 2);
    for (size_t i = 0; i < out.size(); ++i) {
        const int hi = hexValue(hex[2 * i]);
        const int lo = hexValue(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return makeError(ErrorCode::InvalidArgument,
                             "invalid hex digit at position " + std::to_string(hi < 0 ? 2 * i : 2 * i + 1));
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return out;
}

std::string toBase64(ByteSpan data) {
    initCrypto();
    std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data.data(), data.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // drop the terminating NUL libsodium counts in the length
    return out;
}

Result<Bytes> fromBase64(std::string_view b64) {
    initCrypto();
    Bytes out(b64.size() / 4 * 3 + 3);
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != b64.data() + b64.size())
        return makeError(ErrorCode::InvalidArgument, "invalid base64");
    out.resize(len);
    return out;
}

}  // namespace allora
