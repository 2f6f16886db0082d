#include "app/cli/cli_context.h"

#include <array>
#include <iostream>
#include <string>

#include "core/paths.h"

namespace allora::cli {
namespace {

constexpr std::array kGlobalOptions = {
    OptionSpec{"home", true},
    OptionSpec{"keyring-dir", true},
    OptionSpec{"keyring-backend", true},
    OptionSpec{"output", true},
    OptionSpec{"help", false},
};

}  // namespace

std::span<const OptionSpec> globalOptions() {
    return kGlobalOptions;
}

std::vector<OptionSpec> withGlobalOptions(std::span<const OptionSpec> own) {
    std::vector<OptionSpec> all(kGlobalOptions.begin(), kGlobalOptions.end());
    all.insert(all.end(), own.begin(), own.end());
    return all;
}

std::filesystem::path CliContext::home() const {
    if (auto h = options.value("home"); h && !h->empty()) return *h;
    return defaultHome();
}

std::filesystem::path CliContext::keyringDir() const {
    if (auto d = options.value("keyring-dir"); d && !d->empty()) return *d;
    return home();
}

Result<wallet::KeyringBackend> CliContext::backend() const {
    return wallet::parseBackend(options.value("keyring-backend").value_or("file"));
}

Result<OutputFormat> CliContext::output() const {
    const std::string v = options.value("output").value_or("text");
    if (v == "text") return OutputFormat::Text;
    if (v == "json") return OutputFormat::Json;
    return makeError(ErrorCode::InvalidArgument,
                     "unknown output format '" + v + "' (expected text or json)");
}

Result<std::unique_ptr<wallet::Keyring>> CliContext::openKeyring() const {
    auto b = backend();
    if (!b) return b.error();
    return wallet::openKeyring(keyringDir(), *b);
}

}  // namespace allora::cli
