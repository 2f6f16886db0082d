// keys export / keys import: moving a key between keyrings (wallet/key_export.h has the format).
#include <unistd.h>

#include <iostream>

#include "app/cli/cmd_keys.h"
#include "app/cli/terminal.h"
#include "core/file_util.h"
#include "wallet/key_export.h"

namespace allora::cli {
namespace {

// An export is a few KiB; the limit only stops us reading a wrong, huge file into memory.
constexpr size_t kMaxExportFile = 256 * 1024;

Result<SecureBytes> readKeyPassword(const wallet::Keyring& keyring, const std::string& name) {
    if (!needsPassword(keyring)) return SecureBytes();
    return readSecret("Enter the password of key '" + name + "': ", "the key's password");
}

}  // namespace

int keysExport(CliContext& ctx, const Words& words) {
    const std::string& name = words[0];
    const bool unsafe = ctx.options.has("unsafe");
    const bool mnemonic = ctx.options.has("mnemonic");
    if (mnemonic && !unsafe)
        return usageError("--mnemonic prints the secret in the clear: add --unsafe to confirm");
    if (unsafe && !mnemonic) return usageError("--unsafe is only used with --mnemonic");

    auto keyring = ctx.openKeyring();
    if (!keyring) return reportError(keyring.error());
    if (auto key = (*keyring)->get(name); !key) return reportError(key.error());
    auto password = readKeyPassword(**keyring, name);
    if (!password) return reportError(password.error());

    if (mnemonic) {
        auto words24 = (*keyring)->exportMnemonic(name, *password);
        if (!words24) return reportError(words24.error());
        std::cerr << "WARNING: the mnemonic below controls this account and all its funds. "
                     "Anyone who sees it can spend them. Do not paste it anywhere online."
                  << std::endl;
        writeRaw(STDOUT_FILENO, *words24);
        writeRaw(STDOUT_FILENO, "\n");
        return kExitOk;
    }

    // Unlock first, so that a wrong password fails before a new passphrase is asked for.
    auto key = wallet::unlockKey(**keyring, name, *password);
    if (!key) return reportError(key.error());
    auto exportPassphrase =
        readNewSecret("Enter a passphrase to encrypt the export (at least 8 characters): ",
                      "the export passphrase", true, true);
    if (!exportPassphrase) return reportError(exportPassphrase.error());
    auto armored = wallet::armorExport(*key, *exportPassphrase);
    if (!armored) return reportError(armored.error());
    std::cout << *armored << std::flush;
    return kExitOk;
}

int keysImport(CliContext& ctx, const Words& words) {
    const std::string& name = words[0];
    const std::string& file = words[1];
    if (Status s = wallet::validateKeyName(name); !s) return reportError(s.error());
    auto format = ctx.output();
    if (!format) return reportError(format.error());
    auto keyring = ctx.openKeyring();
    if (!keyring) return reportError(keyring.error());
    if (auto existing = (*keyring)->get(name); existing)
        return reportError(
            makeError(ErrorCode::AlreadyExists, "a key named '" + name + "' already exists"));
    else if (existing.code() != ErrorCode::NotFound)
        return reportError(existing.error());

    auto bytes = readFile(file, kMaxExportFile);
    if (!bytes) return reportError(bytes.error());
    const std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());

    auto exportPassphrase =
        readSecret("Enter the passphrase of the export: ", "the export passphrase");
    if (!exportPassphrase) return reportError(exportPassphrase.error());
    auto key = wallet::openExport(text, file, *exportPassphrase);
    if (!key) return reportError(key.error());

    SecureBytes password;
    if (needsPassword(**keyring)) {
        auto p = readNewSecret(
            "Enter a password to encrypt key '" + name + "' (at least 8 characters): ",
            "the password", true, true);
        if (!p) return reportError(p.error());
        password = std::move(*p);
    }
    auto info = wallet::importKey(**keyring, name, *key, password);
    if (!info) return reportError(info.error());
    printKey(*info, *format);
    return kExitOk;
}

}  // namespace allora::cli
