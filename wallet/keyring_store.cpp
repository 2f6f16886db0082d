#include "wallet/keyring_store.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <system_error>

#include "core/file_util.h"
#include "wallet/account.h"
#include "wallet/bip32.h"
#include "wallet/bip39.h"

namespace allora::wallet {
namespace fs = std::filesystem;

namespace {

// Key files are small; anything larger is not ours.
constexpr size_t kMaxKeyFile = Keystore::kMaxFileSize;

// The Test backend's files hold the mnemonic in the clear: wipe our copy of the bytes.
struct FileBytes {
    Bytes bytes;
    ~FileBytes() { secureWipe(bytes); }
};

Error damagedFile(const fs::path& path, const std::string& what) {
    return makeError(ErrorCode::Corrupt, "key file '" + path.string() + "' is damaged: " + what);
}

// Reads a key file by name, turning "no such file" into "no such key".
Status readKeyFile(std::string_view name, const fs::path& path, FileBytes& out) {
    auto read = readFile(path, kMaxKeyFile);
    if (!read) {
        if (read.code() == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound, "key '" + std::string(name) + "' not found");
        if (read.code() == ErrorCode::Corrupt) return damagedFile(path, "it is too large");
        return read.error();
    }
    out.bytes = std::move(*read);
    return {};
}

// "m/44'/118'/0'/0/i" → i; anything else is not a path this keyring writes.
std::optional<uint32_t> indexFromPath(std::string_view hdPath) {
    const size_t slash = hdPath.rfind('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::string_view digits = hdPath.substr(slash + 1);
    uint32_t index = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (ec != std::errc() || end != digits.data() + digits.size() || index >= bip32::kHardened)
        return std::nullopt;
    if (accountPath(index) != hdPath) return std::nullopt;
    return index;
}

}  // namespace

struct KeyringStore::Unlocked {
    KeyInfo info;
    KeySecret secret;
    Account account;
};

KeyringStore::KeyringStore(fs::path dir, KeyringBackend backend)
    : dir_(std::move(dir)), backend_(backend) {}

fs::path KeyringStore::keyPath(std::string_view name) const {
    return dir_ / (std::string(name) + std::string(extension()));
}

Result<KeyInfo> KeyringStore::readInfo(std::string_view name, const fs::path& path,
                                       ByteSpan file) const {
    auto header = decodeHeader(file, path);
    if (!header) return header.error();
    // The file name is not authenticated, the header is: a renamed file must not pass for
    // another key.
    if (header->name != name)
        return damagedFile(path, "it holds key '" + header->name + "', not '" + std::string(name) +
                                     "' (was it renamed?)");
    auto expected = addressFromPublicKey(header->publicKey);
    if (!expected || *expected != header->address)
        return damagedFile(path, "its address does not match its public key");
    const auto index = indexFromPath(header->hdPath);
    if (!index) return damagedFile(path, "unsupported HD path '" + header->hdPath + "'");
    return KeyInfo{header->name, header->address, header->publicKey, *index, header->hdPath};
}

Result<KeyInfo> KeyringStore::get(std::string_view name) const {
    if (Status s = validateKeyName(name); !s) return s.error();
    const fs::path path = keyPath(name);
    FileBytes file{};
    if (Status s = readKeyFile(name, path, file); !s) return s.error();
    return readInfo(name, path, file.bytes);
}

Result<KeyringStore::Unlocked> KeyringStore::unlock(std::string_view name,
                                                    const SecureBytes& password) const {
    if (Status s = validateKeyName(name); !s) return s.error();
    const fs::path path = keyPath(name);
    FileBytes file{};
    if (Status s = readKeyFile(name, path, file); !s) return s.error();
    auto info = readInfo(name, path, file.bytes);
    if (!info) return info.error();
    auto secret = decodeSecret(file.bytes, path, password);
    if (!secret) return secret.error();
    if (secret->index != info->index)
        return damagedFile(path, "its account index does not match its HD path");
    // Re-derive and compare: a key that signs for another address than the one it shows would be
    // worse than one that does not open.
    auto account = deriveAccount(secret->mnemonic.view(), secret->passphrase.view(), secret->index);
    if (!account) return damagedFile(path, "its mnemonic does not derive a key");
    if (account->address != info->address)
        return damagedFile(path, "its mnemonic derives another address than the one it shows");
    return Unlocked{std::move(*info), std::move(*secret), std::move(*account)};
}

Result<KeyInfo> KeyringStore::add(std::string_view name, const SecureBytes& mnemonic,
                                  const SecureBytes& password, uint32_t index,
                                  const SecureBytes& bip39Passphrase) {
    if (Status s = validateKeyName(name); !s) return s.error();
    if (index >= bip32::kHardened)
        return makeError(ErrorCode::InvalidArgument, "the account index must be below 2^31");
    if (Status s = checkNewPassword(password); !s) return s.error();
    if (bip39Passphrase.size() > Keystore::kMaxSecretField)
        return makeError(ErrorCode::InvalidArgument, "the BIP-39 passphrase is too long");
    SecureBytes words = bip39::normalize(mnemonic.view());
    if (Status s = bip39::validate(words.view()); !s) return s.error();

    const fs::path path = keyPath(name);
    // Checked first so that a taken name fails at once, not after a second of Argon2id; the
    // exclusive write below is what actually guarantees no overwrite.
    std::error_code ec;
    if (fs::exists(fs::symlink_status(path, ec)))
        return makeError(ErrorCode::AlreadyExists,
                         "a key named '" + std::string(name) + "' already exists");

    auto account = deriveAccount(words.view(), bip39Passphrase.view(), index);
    if (!account) return account.error();
    const KeystoreHeader header{std::string(name), account->address, account->publicKey,
                                accountPath(index)};
    const KeySecret secret{std::move(words), bip39Passphrase.copy(), index};
    auto bytes = encode(header, secret, password);
    if (!bytes) return bytes.error();
    if (Status s = writeFileAtomic(path, bytes->span(), kOwnerReadWrite, IfExists::Fail); !s) {
        if (s.code() == ErrorCode::AlreadyExists)
            return makeError(ErrorCode::AlreadyExists,
                             "a key named '" + std::string(name) + "' already exists");
        return s.error();
    }
    return KeyInfo{header.name, header.address, header.publicKey, index, header.hdPath};
}

Result<std::vector<KeyInfo>> KeyringStore::list() const {
    std::vector<std::string> names;
    std::error_code ec;
    fs::directory_iterator it(dir_, ec);
    if (ec) return makeError(ErrorCode::Io, "cannot list '" + dir_.string() + "': " + ec.message());
    for (const fs::directory_entry& entry : it) {
        const fs::path& p = entry.path();
        if (p.extension() != extension()) continue;
        // Temporary files start with '.', which no key name does; other names are not ours.
        const std::string stem = p.stem().string();
        if (!validateKeyName(stem)) continue;
        names.push_back(stem);
    }
    std::sort(names.begin(), names.end());
    std::vector<KeyInfo> out;
    out.reserve(names.size());
    for (const std::string& n : names) {
        auto info = get(n);
        if (!info) {
            if (info.code() == ErrorCode::NotFound) continue;  // removed while we listed
            return info.error();
        }
        out.push_back(std::move(*info));
    }
    return out;
}

Status KeyringStore::remove(std::string_view name) {
    if (Status s = validateKeyName(name); !s) return s;
    Status s = removeFileDurable(keyPath(name));
    if (!s && s.code() == ErrorCode::NotFound)
        return makeError(ErrorCode::NotFound, "key '" + std::string(name) + "' not found");
    return s;
}

Result<std::pair<KeystoreHeader, KeySecret>> KeyringStore::unlockSecret(
    std::string_view name, const SecureBytes& password) const {
    auto unlocked = unlock(name, password);
    if (!unlocked) return unlocked.error();
    const KeyInfo& i = unlocked->info;
    return std::pair{KeystoreHeader{i.name, i.address, i.publicKey, i.hdPath},
                     std::move(unlocked->secret)};
}

Result<SecureBytes> KeyringStore::exportMnemonic(std::string_view name,
                                                 const SecureBytes& password) const {
    auto unlocked = unlock(name, password);
    if (!unlocked) return unlocked.error();
    return std::move(unlocked->secret.mnemonic);
}

Result<secp256k1::Signature> KeyringStore::sign(std::string_view name, const SecureBytes& password,
                                                ByteSpan signBytes) const {
    auto unlocked = unlock(name, password);
    if (!unlocked) return unlocked.error();
    return secp256k1::sign(unlocked->account.privateKey, signBytes);
}

Result<fs::path> prepareKeyringDirectory(const fs::path& dir, KeyringBackend backend) {
    const fs::path sub = dir / (std::string("keyring-") + backendName(backend));
    std::error_code ec;
    fs::create_directories(sub, ec);
    if (ec)
        return makeError(ErrorCode::Io, "cannot create '" + sub.string() + "': " + ec.message());
    const fs::file_status st = fs::status(sub, ec);
    if (ec || !fs::is_directory(st))
        return makeError(ErrorCode::Io, "'" + sub.string() + "' is not a directory");
    // Only the owner may list the keys (names and addresses are private too).
    constexpr fs::perms others = fs::perms::group_all | fs::perms::others_all;
    if ((st.permissions() & others) != fs::perms::none ||
        (st.permissions() & fs::perms::owner_all) != fs::perms::owner_all) {
        fs::permissions(sub, fs::perms::owner_all, fs::perm_options::replace, ec);
        if (ec)
            return makeError(ErrorCode::Io, "cannot set the permissions of '" + sub.string() +
                                                "': " + ec.message());
    }
    return sub;
}

}  // namespace allora::wallet
