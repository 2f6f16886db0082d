// allora-cli's argument parser: `--flag`, `--flag value`, `--flag=value` and `-h`, anywhere after
// the command words, with `--` ending the flags. Each level (program, group, command) consumes the
// flags it knows, so global flags also work before and between the command words:
//   allora-cli --home /x keys --keyring-backend test show alice --address
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace allora::cli {

struct OptionSpec {
    std::string_view name;  // without the leading "--"
    bool takesValue = false;
};

// The flags seen so far (global and command flags share one namespace).
class Options {
public:
    bool has(std::string_view name) const { return values_.find(name) != values_.end(); }
    std::optional<std::string> value(std::string_view name) const;
    void set(std::string_view name, std::string value) {
        values_[std::string(name)] = std::move(value);
    }

private:
    std::map<std::string, std::string, std::less<>> values_;
};

// The command line after the program name, consumed left to right.
class ArgStream {
public:
    ArgStream(int argc, char** argv);  // skips argv[0]
    explicit ArgStream(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}

    // Consumes flags up to the next positional word; returns that word (consumed) or nullopt at
    // the end. Unknown flags are usage errors.
    Result<std::optional<std::string>> nextWord(std::span<const OptionSpec> specs, Options& into);
    // Consumes everything left: flags into `into`, the rest as positionals.
    Result<std::vector<std::string>> rest(std::span<const OptionSpec> specs, Options& into);

private:
    // Parses tokens_[pos_] as a flag if it is one; true if consumed.
    Result<bool> takeFlag(std::span<const OptionSpec> specs, Options& into);

    std::vector<std::string> tokens_;
    size_t pos_ = 0;
    bool flagsEnded_ = false;  // after "--"
};

}  // namespace allora::cli
