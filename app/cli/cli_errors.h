// How allora-cli and allorad turn failures into one "Error: …" line and an exit code.
//
// Exit codes: 0 success; 1 a runtime failure (wrong password, key not found, I/O, node
// unreachable); 2 invalid usage or input (unknown flag, bad name, bad mnemonic, bad address).
#pragma once

#include <string_view>

#include "core/result.h"

namespace allora::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Prints "Error: MESSAGE" (one line) on stderr and returns the exit code for the error's kind.
int reportError(const Error& error);
int usageError(std::string_view message);  // exit code 2
int exitCodeFor(ErrorCode code);

}  // namespace allora::cli
