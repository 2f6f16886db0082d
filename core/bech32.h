// Bech32 (BIP-173, not bech32m): the address format of every Cosmos chain.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace allora::bech32 {

// Every failure BIP-173 names, so that a user is told exactly what is wrong with an address.
enum class DecodeError {
    None,
    TooLong,              // more than 90 characters
    TooShort,             // data part shorter than the 6-character checksum
    NoSeparator,          // no '1'
    EmptyHrp,             // nothing before the separator
    HrpCharOutOfRange,    // an HRP character outside US-ASCII 33..126
    InvalidCharacter,     // a data character not in the bech32 alphabet
    MixedCase,            // upper and lower case together
    InvalidChecksum,      // the checksum does not match
    InvalidPadding,       // 8-bit conversion left non-zero or too many padding bits
    WrongHrp,             // a valid string whose prefix is not the one expected
};

const char* describe(DecodeError e);

struct Decoded {
    std::string hrp;     // lower case
    Bytes data5;         // 5-bit groups, checksum removed
};

// Decodes a bech32 string into its HRP and 5-bit data. Length limit: 90 characters (BIP-173).
Result<Decoded> decode(std::string_view str, DecodeError* why = nullptr);
// Encodes hrp (must be lower case, 1..83 chars of 33..126) and 5-bit data.
Result<std::string> encode(std::string_view hrp, ByteSpan data5);

// 8-bit <-> 5-bit regrouping (BIP-173 convertbits).
Result<Bytes> convertBits(ByteSpan in, int fromBits, int toBits, bool pad);

// Address helpers: bytes (e.g. a 20-byte hash160) <-> "hrp1…".
Result<std::string> encodeAddress(std::string_view hrp, ByteSpan payload);
// Decodes and checks the HRP when expectedHrp is not empty.
Result<Bytes> decodeAddress(std::string_view address, std::string_view expectedHrp = {},
                            DecodeError* why = nullptr);

}  // namespace allora::bech32
