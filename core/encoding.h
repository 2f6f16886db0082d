// Text encodings of bytes: hex and base64 (standard alphabet, padded, as Cosmos JSON uses).
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace allora {

std::string toHex(ByteSpan data);
// Accepts upper or lower case, no prefix, no whitespace; odd length or a non-hex digit is an error.
Result<Bytes> fromHex(std::string_view hex);

std::string toBase64(ByteSpan data);
// Strict: standard alphabet, padding required, no whitespace.
Result<Bytes> fromBase64(std::string_view b64);

}  // namespace allora
