// Bech32 per BIP-173: a BCH code over GF(32) with generator constants from the BIP; checksum
// constant 1 (bech32, which Cosmos uses), not bech32m's 0x2bc830a3.
#include "core/bech32.h"

#include <array>

namespace allora::bech32 {
namespace {

constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr size_t kMaxLength = 90;
constexpr size_t kChecksumLength = 6;

// Reverse lookup of kCharset; -1 for characters outside the alphabet.
constexpr std::array<int8_t, 128> makeRev() {
    std::array<int8_t, 128> rev{};
    for (auto& r : rev) r = -1;
    for (int i = 0; i < 32; ++i) {
        rev[static_cast<unsigned char>(kCharset[i])] = static_cast<int8_t>(i);
        const char c = kCharset[i];
        if (c >= 'a' && c <= 'z') rev[static_cast<unsigned char>(c - 'a' + 'A')] = static_cast<int8_t>(i);
    }
    return rev;
}
constexpr std::array<int8_t, 128> kRev = makeRev();

uint32_t polymod(ByteSpan values) {
    static constexpr uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    uint32_t chk = 1;
    for (uint8_t v : values) {
        const uint32_t top = chk >> 25;
        chk = (chk & 0x1ffffff) << 5 ^ v;
        for (int i = 0; i < 5; ++i)
            if ((top >> i) & 1) chk ^= kGen[i];
    }
    return chk;
}

Bytes expandHrp(std::string_view hrp) {
    Bytes out;
    out.reserve(hrp.size() * 2 + 1);
    for (char c : hrp) out.push_back(static_cast<uint8_t>(static_cast<unsigned char>(c) >> 5));
    out.push_back(0);
    for (char c : hrp) out.push_back(static_cast<uint8_t>(static_cast<unsigned char>(c) & 31));
    return out;
}

Error fail(DecodeError e, DecodeError* why, std::string_view input) {
    if (why) *why = e;
    return makeError(ErrorCode::InvalidArgument,
                     std::string("invalid address '") + std::string(input) + "': " + describe(e));
}

}  // namespace

const char* describe(DecodeError e) {
    switch (e) {
        case DecodeError::None: return "no error";
        case DecodeError::TooLong: return "longer than 90 characters";
        case DecodeError::TooShort: return "too short to hold a checksum";
        case DecodeError::NoSeparator: return "no separator '1'";
        case DecodeError::EmptyHrp: return "empty human-readable prefix";
        case DecodeError::HrpCharOutOfRange: return "prefix character out of range";
        case DecodeError::InvalidCharacter: return "invalid character";
        case DecodeError::MixedCase: return "mixed upper and lower case";
        case DecodeError::InvalidChecksum: return "checksum does not match (typo?)";
        case DecodeError::InvalidPadding: return "invalid padding in data";
        case DecodeError::WrongHrp: return "wrong prefix";
    }
    return "invalid";
}

Result<Decoded> decode(std::string_view str, DecodeError* why) {
    if (why) *why = DecodeError::None;
    if (str.size() > kMaxLength) return fail(DecodeError::TooLong, why, str);
    bool lower = false, upper = false;
    for (size_t i = 0; i < str.size(); ++i) {
        const auto c = static_cast<unsigned char>(str[i]);
        if (c < 33 || c > 126) {
            // Out of range anywhere: in the prefix it is an HRP error, in the data an invalid char.
            // (Compare indices: the address of a range-for copy says nothing about its position.)
            const size_t sep = str.rfind('1');
            const bool inHrp = sep == std::string_view::npos || i < sep;
            return fail(inHrp ? DecodeError::HrpCharOutOfRange : DecodeError::InvalidCharacter, why,
                        str);
        }
        if (c >= 'a' && c <= 'z') lower = true;
        if (c >= 'A' && c <= 'Z') upper = true;
    }
    if (lower && upper) return fail(DecodeError::MixedCase, why, str);
    const size_t sep = str.rfind('1');
    if (sep == std::string_view::npos) return fail(DecodeError::NoSeparator, why, str);
    if (sep == 0) return fail(DecodeError::EmptyHrp, why, str);
    if (str.size() - sep - 1 < kChecksumLength) return fail(DecodeError::TooShort, why, str);

    Decoded out;
    out.hrp.reserve(sep);
    for (size_t i = 0; i < sep; ++i) {
        char c = str[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        out.hrp.push_back(c);
    }
    Bytes values;
    values.reserve(str.size() - sep - 1);
    for (size_t i = sep + 1; i < str.size(); ++i) {
        const int8_t v = kRev[static_cast<unsigned char>(str[i])];
        if (v < 0) return fail(DecodeError::InvalidCharacter, why, str);
        values.push_back(static_cast<uint8_t>(v));
    }
    Bytes check = expandHrp(out.hrp);
    check.insert(check.end(), values.begin(), values.end());
    if (polymod(check) != 1) return fail(DecodeError::InvalidChecksum, why, str);
    values.resize(values.size() - kChecksumLength);
    out.data5 = std::move(values);
    return out;
}

Result<std::string> encode(std::string_view hrp, ByteSpan data5) {
    if (hrp.empty() || hrp.size() > 83)
        return makeError(ErrorCode::InvalidArgument, "bech32 prefix must be 1 to 83 characters");
    for (char ch : hrp) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 33 || c > 126 || (c >= 'A' && c <= 'Z'))
            return makeError(ErrorCode::InvalidArgument,
                             "bech32 prefix must be lower-case printable ASCII");
    }
    if (hrp.size() + 1 + data5.size() + kChecksumLength > kMaxLength)
        return makeError(ErrorCode::InvalidArgument, "bech32 string would exceed 90 characters");
    for (uint8_t v : data5)
        if (v >= 32) return makeError(ErrorCode::InvalidArgument, "bech32 data is not 5-bit");

    Bytes values = expandHrp(hrp);
    values.insert(values.end(), data5.begin(), data5.end());
    values.insert(values.end(), kChecksumLength, 0);
    const uint32_t mod = polymod(values) ^ 1;
    std::string out(hrp);
    out.push_back('1');
    for (uint8_t v : data5) out.push_back(kCharset[v]);
    for (size_t i = 0; i < kChecksumLength; ++i) out.push_back(kCharset[(mod >> (5 * (5 - i))) & 31]);
    return out;
}

Result<Bytes> convertBits(ByteSpan in, int fromBits, int toBits, bool pad) {
    uint32_t acc = 0;
    int bits = 0;
    const uint32_t maxv = (1u << toBits) - 1;
    Bytes out;
    out.reserve(in.size() * static_cast<size_t>(fromBits) / static_cast<size_t>(toBits) + 1);
    for (uint8_t v : in) {
        if (v >> fromBits)
            return makeError(ErrorCode::InvalidArgument, "value does not fit the bit width");
        acc = acc << fromBits | v;
        bits += fromBits;
        while (bits >= toBits) {
            bits -= toBits;
            out.push_back(static_cast<uint8_t>((acc >> bits) & maxv));
        }
    }
    if (pad) {
        if (bits) out.push_back(static_cast<uint8_t>((acc << (toBits - bits)) & maxv));
    } else if (bits >= fromBits || ((acc << (toBits - bits)) & maxv)) {
        // More than fromBits-1 leftover bits, or non-zero leftover bits: not a valid encoding.
        return makeError(ErrorCode::InvalidArgument, "invalid padding");
    }
    return out;
}

Result<std::string> encodeAddress(std::string_view hrp, ByteSpan payload) {
    auto data5 = convertBits(payload, 8, 5, true);
    if (!data5) return data5.error();
    return encode(hrp, *data5);
}

Result<Bytes> decodeAddress(std::string_view address, std::string_view expectedHrp,
                            DecodeError* why) {
    auto dec = decode(address, why);
    if (!dec) return dec.error();
    if (!expectedHrp.empty() && dec->hrp != expectedHrp) {
        if (why) *why = DecodeError::WrongHrp;
        return makeError(ErrorCode::InvalidArgument, "address '" + std::string(address) +
                                                         "' has prefix '" + dec->hrp +
                                                         "', expected '" +
                                                         std::string(expectedHrp) + "'");
    }
    auto bytes = convertBits(dec->data5, 5, 8, false);
    if (!bytes) return fail(DecodeError::InvalidPadding, why, address);
    return bytes;
}

}  // namespace allora::bech32
