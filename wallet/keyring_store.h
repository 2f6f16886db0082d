// The part of the keyring that both backends share: one file per key in one directory, named
// NAME + extension, written atomically and never overwritten. A backend only says how a key is
// turned into file bytes and back (encrypted for File, clear JSON for Test).
// Private to the wallet library (and its tests): callers use keyring.h.
#pragma once

#include <filesystem>
#include <string_view>
#include <utility>

#include "wallet/keyring.h"
#include "wallet/keystore.h"

namespace allora::wallet {

class KeyringStore : public Keyring {
public:
    KeyringStore(std::filesystem::path dir, KeyringBackend backend);

    KeyringBackend backend() const override { return backend_; }
    std::filesystem::path directory() const override { return dir_; }

    Result<KeyInfo> add(std::string_view name, const SecureBytes& mnemonic,
                        const SecureBytes& password, uint32_t index = 0,
                        const SecureBytes& bip39Passphrase = {}) override;
    Result<std::vector<KeyInfo>> list() const override;
    Result<KeyInfo> get(std::string_view name) const override;
    Status remove(std::string_view name) override;
    Result<SecureBytes> exportMnemonic(std::string_view name,
                                       const SecureBytes& password) const override;
    Result<secp256k1::Signature> sign(std::string_view name, const SecureBytes& password,
                                      ByteSpan signBytes) const override;

    // Where the key NAME lives (whether or not it exists).
    std::filesystem::path keyPath(std::string_view name) const;
    // The stored header and secrets, checked against each other (key_export.h uses it).
    Result<std::pair<KeystoreHeader, KeySecret>> unlockSecret(std::string_view name,
                                                              const SecureBytes& password) const;

protected:
    virtual std::string_view extension() const = 0;  // ".key", ".json"
    // A password acceptable for a new key (the Test backend takes any, it ignores it).
    virtual Status checkNewPassword(const SecureBytes& password) const = 0;
    virtual Result<SecureBytes> encode(const KeystoreHeader& header, const KeySecret& secret,
                                       const SecureBytes& password) const = 0;
    virtual Result<KeystoreHeader> decodeHeader(ByteSpan file,
                                                const std::filesystem::path& path) const = 0;
    virtual Result<KeySecret> decodeSecret(ByteSpan file, const std::filesystem::path& path,
                                           const SecureBytes& password) const = 0;

private:
    struct Unlocked;
    Result<Unlocked> unlock(std::string_view name, const SecureBytes& password) const;
    Result<KeyInfo> readInfo(std::string_view name, const std::filesystem::path& path,
                             ByteSpan file) const;

    std::filesystem::path dir_;
    KeyringBackend backend_;
};

// Prepares DIR/keyring-<backend>: created if missing, mode 0700 (tightened if wider).
Result<std::filesystem::path> prepareKeyringDirectory(const std::filesystem::path& dir,
                                                      KeyringBackend backend);

// Backends. The File backend's Argon2id limits are a parameter so that tests can use cheap ones;
// openKeyring always uses KdfParams::moderate().
std::unique_ptr<Keyring> makeFileKeyring(std::filesystem::path keyDir, KdfParams kdf);
std::unique_ptr<Keyring> makeTestKeyring(std::filesystem::path keyDir);

}  // namespace allora::wallet
