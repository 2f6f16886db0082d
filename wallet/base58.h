// Base58 and Base58Check (Bitcoin alphabet), for BIP-32 extended keys.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace allora::wallet::base58 {

std::string encode(ByteSpan data);
Result<Bytes> decode(std::string_view text);
// Appends / checks the first 4 bytes of SHA-256(SHA-256(payload)).
std::string encodeCheck(ByteSpan payload);
Result<Bytes> decodeCheck(std::string_view text);

}  // namespace allora::wallet::base58
