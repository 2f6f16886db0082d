// The keyring: named keys on disk, the wallet API that the CLI and the desktop app use.
//
// Backends (as in the Cosmos SDK):
//  - File: one encrypted keystore file per key (keystore.h); every secret operation needs the
//    password. The default.
//  - Test: unencrypted files for devnets and scripts; only when explicitly asked for.
// A key is a mnemonic (with optional BIP-39 passphrase) and an account index; its address and public
// key are stored in the clear so that listing keys needs no password.
//
// Every method may touch the disk or run Argon2id (about a second): never call it on a GUI thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"
#include "core/secp256k1.h"

namespace allora::wallet {

enum class KeyringBackend { File, Test };
const char* backendName(KeyringBackend b);
Result<KeyringBackend> parseBackend(std::string_view name);  // "file" | "test"

struct KeyInfo {
    std::string name;
    std::string address;  // allo1…
    secp256k1::PubKey publicKey{};
    uint32_t index = 0;   // account index i of m/44'/118'/0'/0/i
    std::string hdPath;
};

// Key names: 1..64 characters of [A-Za-z0-9._-], not starting with '.' (they become file names).
Status validateKeyName(std::string_view name);

class Keyring {
public:
    virtual ~Keyring() = default;

    virtual KeyringBackend backend() const = 0;
    virtual std::filesystem::path directory() const = 0;

    // Stores a new key from a mnemonic (validated; an invalid one gives bip39's error). The password
    // encrypts the key file (File backend; at least 8 characters) and is ignored by the Test backend.
    // A taken name → AlreadyExists.
    virtual Result<KeyInfo> add(std::string_view name, const SecureBytes& mnemonic,
                                const SecureBytes& password, uint32_t index = 0,
                                const SecureBytes& bip39Passphrase = {}) = 0;
    // All keys, sorted by name. A damaged file is reported, not skipped silently.
    virtual Result<std::vector<KeyInfo>> list() const = 0;
    virtual Result<KeyInfo> get(std::string_view name) const = 0;
    virtual Status remove(std::string_view name) = 0;

    // Secret operations: WrongPassword when the password does not open the file, Corrupt when the
    // file is damaged (the file itself is never modified by a failed open).
    virtual Result<SecureBytes> exportMnemonic(std::string_view name,
                                               const SecureBytes& password) const = 0;
    // SIGN_MODE_DIRECT: ECDSA over SHA-256(signBytes), low-S, RFC 6979.
    virtual Result<secp256k1::Signature> sign(std::string_view name, const SecureBytes& password,
                                              ByteSpan signBytes) const = 0;
};

// Opens (creating if needed, mode 0700) the keyring in `dir`. The Test backend keeps its files in a
// separate subdirectory, "keyring-test", as the Cosmos SDK does, so the two never mix.
Result<std::unique_ptr<Keyring>> openKeyring(const std::filesystem::path& dir,
                                             KeyringBackend backend);

}  // namespace allora::wallet
