#include "wallet/base58.h"

#include <array>
#include <cstring>

#include "core/hash.h"

namespace allora::wallet::base58 {
namespace {

constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// Reverse table; -1 marks the characters Base58 leaves out (0, O, I, l and everything non-alnum).
constexpr std::array<int8_t, 128> makeReverse() {
    std::array<int8_t, 128> table{};
    for (auto& v : table) v = -1;
    for (size_t i = 0; i < kAlphabet.size(); ++i)
        table[static_cast<size_t>(kAlphabet[i])] = static_cast<int8_t>(i);
    return table;
}
constexpr std::array<int8_t, 128> kReverse = makeReverse();

// Both directions handle serialised xprv keys, so the working buffers are wiped, not just freed.
struct WipedBytes {
    Bytes b;
    ~WipedBytes() { secureWipe(b); }
};

std::array<uint8_t, 4> checksum(ByteSpan payload) {
    const Hash256 once = sha256(payload);
    const Hash256 twice = sha256(once);
    return {twice[0], twice[1], twice[2], twice[3]};
}

}  // namespace

std::string encode(ByteSpan data) {
    size_t zeros = 0;
    while (zeros < data.size() && data[zeros] == 0) ++zeros;

    // log(256)/log(58) < 1.38: enough base-58 digits for the rest of the input.
    WipedBytes digits;
    digits.b.assign((data.size() - zeros) * 138 / 100 + 1, 0);
    size_t used = 0;  // digits in use, least significant at the end of the buffer
    for (size_t i = zeros; i < data.size(); ++i) {
        unsigned carry = data[i];
        size_t j = 0;
        for (auto it = digits.b.rbegin(); (carry != 0 || j < used) && it != digits.b.rend();
             ++it, ++j) {
            carry += 256u * *it;
            *it = static_cast<uint8_t>(carry % 58);
            carry /= 58;
        }
        used = j;
    }

    std::string out(zeros, '1');
    out.reserve(zeros + used);
    for (size_t i = digits.b.size() - used; i < digits.b.size(); ++i) out += kAlphabet[digits.b[i]];
    return out;
}

Result<Bytes> decode(std::string_view text) {
    size_t ones = 0;
    while (ones < text.size() && text[ones] == '1') ++ones;

    // log(58)/log(256) < 0.733
    WipedBytes bytes;
    bytes.b.assign((text.size() - ones) * 733 / 1000 + 1, 0);
    size_t used = 0;
    for (size_t i = ones; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const int value = c < kReverse.size() ? kReverse[c] : -1;
        if (value < 0)
            return makeError(ErrorCode::InvalidArgument,
                             "invalid Base58: character " +
                                 (c >= 0x21 && c < 0x7f ? "'" + std::string(1, text[i]) + "'"
                                                        : std::string("(non-printable)")) +
                                 " at position " + std::to_string(i + 1));
        unsigned carry = static_cast<unsigned>(value);
        size_t j = 0;
        for (auto it = bytes.b.rbegin(); (carry != 0 || j < used) && it != bytes.b.rend();
             ++it, ++j) {
            carry += 58u * *it;
            *it = static_cast<uint8_t>(carry & 0xff);
            carry >>= 8;
        }
        used = j;
    }

    Bytes out(ones, 0);
    out.insert(out.end(), bytes.b.end() - static_cast<std::ptrdiff_t>(used), bytes.b.end());
    return out;
}

std::string encodeCheck(ByteSpan payload) {
    WipedBytes full;
    full.b.reserve(payload.size() + 4);
    full.b.assign(payload.begin(), payload.end());
    const auto sum = checksum(payload);
    full.b.insert(full.b.end(), sum.begin(), sum.end());
    return encode(full.b);
}

Result<Bytes> decodeCheck(std::string_view text) {
    auto decoded = decode(text);
    if (!decoded) return decoded.error();
    Bytes& full = *decoded;
    if (full.size() < 4) {
        secureWipe(full);
        return makeError(ErrorCode::InvalidArgument,
                         "invalid Base58Check: too short for a checksum");
    }
    const ByteSpan payload(full.data(), full.size() - 4);
    const auto sum = checksum(payload);
    if (std::memcmp(sum.data(), full.data() + payload.size(), 4) != 0) {
        secureWipe(full);
        return makeError(ErrorCode::InvalidArgument,
                         "invalid Base58Check: checksum does not match (a character is wrong)");
    }
    full.resize(payload.size());
    return decoded;
}

}  // namespace allora::wallet::base58
