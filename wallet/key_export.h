// Moving one key between keyrings or machines: `keys export` / `keys import`.
//
// An export is the keystore document (keystore.h), re-encrypted under an export passphrase chosen
// for the occasion (never the key's own password), between armor lines:
//   -----BEGIN ALLORA KEY-----
//   { "version": 1, "name": …, "kdf": {…}, "cipher": {…} }
//   -----END ALLORA KEY-----
// openExport also accepts the bare document, so a NAME.key file copied from another keyring
// imports with that key's password.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "wallet/keyring.h"
#include "wallet/keystore.h"

namespace allora::wallet {

// A key with its secrets, as it travels.
struct KeyExport {
    KeystoreHeader header;
    KeySecret secret;
};

constexpr std::string_view kArmorBegin = "-----BEGIN ALLORA KEY-----";
constexpr std::string_view kArmorEnd = "-----END ALLORA KEY-----";

// Opens a stored key (password ignored by the Test backend). Errors as Keyring::exportMnemonic.
Result<KeyExport> unlockKey(const Keyring& keyring, std::string_view name,
                            const SecureBytes& password);
// Encrypts under `exportPassphrase` (at least 8 characters) and armors.
Result<std::string> armorExport(const KeyExport& key, const SecureBytes& exportPassphrase,
                                const KdfParams& kdf = KdfParams::moderate());
// Reads an armored export (or a bare keystore document). `source` names it in messages.
// WrongPassword when the passphrase does not open it; the secret is checked against the address.
Result<KeyExport> openExport(std::string_view text, std::string_view source,
                             const SecureBytes& exportPassphrase);
// Stores an opened export under `name` (a new password for the File backend).
Result<KeyInfo> importKey(Keyring& keyring, std::string_view name, const KeyExport& key,
                          const SecureBytes& password);

}  // namespace allora::wallet
