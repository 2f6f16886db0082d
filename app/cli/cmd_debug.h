// `allora-cli debug …`: tools for checking this node's computations against other
// implementations, without a running chain.
//   debug synthesize FILE|-   the inference synthesis of one epoch (PROTOCOL.md §6, the synthesis
//                             case contract): case JSON in, outputs JSON on stdout.
#pragma once

#include <string>
#include <string_view>

#include "app/cli/cli_context.h"

namespace allora::cli {

int runDebug(CliContext& ctx, ArgStream& args);

// The case text from FILE, or from stdin for "-" (at most kMaxDebugInput bytes).
constexpr size_t kMaxDebugInput = 64 * 1024 * 1024;
Result<std::string> readDebugInput(std::string_view fileOrDash);

}  // namespace allora::cli
