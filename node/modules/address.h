// Account addresses as the chain stores and shows them: 20 bytes in state keys, bech32 "allo1…"
// in records, messages and events.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace allora::node {

constexpr std::string_view kAccountHrp = "allo";

// Decodes an "allo1…" address to its 20 bytes; a clear message for every way it can be wrong.
Result<Bytes> parseAddress(std::string_view address);
std::string formatAddress(ByteSpan address20);
// A module account's address: the first 20 bytes of SHA-256(name), as the SDK's
// authtypes.NewModuleAddress.
Bytes moduleAddress(std::string_view moduleName);

}  // namespace allora::node
