#include "app/cli/cli_errors.h"

#include <iostream>
#include <string>

namespace allora::cli {

int exitCodeFor(ErrorCode code) {
    return code == ErrorCode::InvalidArgument ? kExitUsage : kExitFailure;
}

int reportError(const Error& error) {
    // One line, always: scripts read the last line of stderr.
    std::string line = error.message;
    for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    std::cerr << "Error: " << line << std::endl;
    return exitCodeFor(error.code);
}

int usageError(std::string_view message) {
    return reportError(makeError(ErrorCode::InvalidArgument, std::string(message)));
}

}  // namespace allora::cli
