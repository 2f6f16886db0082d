// The bearer token that guards the API's write routes (DESIGN.md: "write routes need a token from
// the node home"). The node keeps it in HOME/config/api_token, readable by its owner only, so any
// local process of the same user (allora-cli, the desktop app) can write through the API and
// other users of the machine cannot.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace allora::node::rpc {

// 32 random bytes from libsodium, as 64 lower-case hex digits.
std::string generateApiToken();

// Reads the token at `path`; when the file does not exist, creates it (and its directory) with a
// fresh token, mode 0600, atomically (core/file_util.h). A file that holds something other than a
// token (wrong length, non-hex) is Corrupt rather than silently replaced: the user may have
// shared it with a tool, and a new token would break that tool without explanation.
Result<std::string> loadOrCreateApiToken(const std::filesystem::path& path);

// Compares in time independent of where the strings differ, so a caller cannot learn the token a
// byte at a time from response timings.
bool constantTimeEquals(std::string_view a, std::string_view b);

// True when `authorization` is "Bearer <token>" (scheme case-insensitive) for a non-empty token.
bool bearerTokenMatches(std::optional<std::string_view> authorization, std::string_view token);

}  // namespace allora::node::rpc
