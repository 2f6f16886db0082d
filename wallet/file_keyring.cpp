// The File backend: one Keystore (Argon2id + XChaCha20-Poly1305) per key,
// DIR/keyring-file/NAME.key.
#include <string_view>

#include "wallet/keyring_store.h"

namespace allora::wallet {
namespace {

std::string_view asText(ByteSpan b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

class FileKeyring final : public KeyringStore {
public:
    FileKeyring(std::filesystem::path dir, KdfParams kdf)
        : KeyringStore(std::move(dir), KeyringBackend::File), kdf_(kdf) {}

protected:
    std::string_view extension() const override { return ".key"; }

    Status checkNewPassword(const SecureBytes& password) const override {
        return validatePassword(password);
    }

    Result<SecureBytes> encode(const KeystoreHeader& header, const KeySecret& secret,
                               const SecureBytes& password) const override {
        auto ks = Keystore::seal(header, secret, password, kdf_);
        if (!ks) return ks.error();
        return SecureBytes::fromString(ks->toJson());
    }

    Result<KeystoreHeader> decodeHeader(ByteSpan file,
                                        const std::filesystem::path& path) const override {
        auto ks = Keystore::parse(asText(file), path.string());
        if (!ks) return ks.error();
        return ks->header();
    }

    Result<KeySecret> decodeSecret(ByteSpan file, const std::filesystem::path& path,
                                   const SecureBytes& password) const override {
        auto ks = Keystore::parse(asText(file), path.string());
        if (!ks) return ks.error();
        return ks->unlock(password);
    }

private:
    KdfParams kdf_;
};

}  // namespace

std::unique_ptr<Keyring> makeFileKeyring(std::filesystem::path keyDir, KdfParams kdf) {
    return std::make_unique<FileKeyring>(std::move(keyDir), kdf);
}

}  // namespace allora::wallet
