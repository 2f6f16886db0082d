// What every allora-cli command shares: the global flags, where the keyring is, the output format,
// and how failures become "Error: …" lines and exit codes.
//
// Exit codes: 0 success; 1 a runtime failure (wrong password, key not found, I/O); 2 invalid usage
// or input (unknown flag, bad name, bad mnemonic).
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "app/cli/cli_args.h"
#include "app/cli/cli_errors.h"
#include "core/result.h"
#include "wallet/keyring.h"

namespace allora::cli {

enum class OutputFormat { Text, Json };

// --home, --keyring-dir, --keyring-backend, --output, --help.
std::span<const OptionSpec> globalOptions();
// The global options followed by a command's own.
std::vector<OptionSpec> withGlobalOptions(std::span<const OptionSpec> own);

class CliContext {
public:
    Options options;

    std::filesystem::path home() const;        // --home, else allora::defaultHome()
    std::filesystem::path keyringDir() const;  // --keyring-dir, else home()
    Result<wallet::KeyringBackend> backend() const;
    Result<OutputFormat> output() const;
    Result<std::unique_ptr<wallet::Keyring>> openKeyring() const;
};

// A command group (`keys`, later `tx`, `q`, …): handles the words after its name.
struct CommandGroup {
    std::string_view name;
    std::string_view summary;
    int (*run)(CliContext& ctx, ArgStream& args);
};

}  // namespace allora::cli
