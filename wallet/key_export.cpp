#include "wallet/key_export.h"

#include "wallet/account.h"
#include "wallet/keyring_store.h"

namespace allora::wallet {

Result<KeyExport> unlockKey(const Keyring& keyring, std::string_view name,
                            const SecureBytes& password) {
    // Every keyring this library opens is a KeyringStore; the public interface deliberately offers
    // no "give me all the secrets" call, so only this module can ask for it.
    const auto* store = dynamic_cast<const KeyringStore*>(&keyring);
    if (!store) return makeError(ErrorCode::Unsupported, "this keyring cannot export keys");
    auto opened = store->unlockSecret(name, password);
    if (!opened) return opened.error();
    return KeyExport{std::move(opened->first), std::move(opened->second)};
}

Result<std::string> armorExport(const KeyExport& key, const SecureBytes& exportPassphrase,
                                const KdfParams& kdf) {
    auto sealed = Keystore::seal(key.header, key.secret, exportPassphrase, kdf);
    if (!sealed) return sealed.error();
    return std::string(kArmorBegin) + "\n" + sealed->toJson() + std::string(kArmorEnd) + "\n";
}

Result<KeyExport> openExport(std::string_view text, std::string_view source,
                             const SecureBytes& exportPassphrase) {
    std::string_view body = text;
    if (const size_t begin = text.find(kArmorBegin); begin != std::string_view::npos) {
        const size_t start = begin + kArmorBegin.size();
        const size_t end = text.find(kArmorEnd, start);
        if (end == std::string_view::npos)
            return makeError(ErrorCode::Corrupt, "the key export '" + std::string(source) +
                                                     "' is truncated (no END line)");
        body = text.substr(start, end - start);
    }
    auto ks = Keystore::parse(body, source);
    if (!ks) return ks.error();
    auto secret = ks->unlock(exportPassphrase);
    if (!secret) {
        if (secret.code() == ErrorCode::WrongPassword)
            return makeError(ErrorCode::WrongPassword,
                             "wrong passphrase for the key export '" + std::string(source) + "'");
        return secret.error();
    }
    // The document is authenticated, but a buggy or foreign exporter could still have paired a
    // secret with the wrong address: never import a key that is not what it says.
    auto account = deriveAccount(secret->mnemonic.view(), secret->passphrase.view(), secret->index);
    if (!account || account->address != ks->header().address ||
        accountPath(secret->index) != ks->header().hdPath)
        return makeError(ErrorCode::Corrupt, "the key export '" + std::string(source) +
                                                 "' does not derive the address it shows");
    return KeyExport{ks->header(), std::move(*secret)};
}

Result<KeyInfo> importKey(Keyring& keyring, std::string_view name, const KeyExport& key,
                          const SecureBytes& password) {
    return keyring.add(name, key.secret.mnemonic, password, key.secret.index,
                       key.secret.passphrase);
}

}  // namespace allora::wallet
