// keyring.h's free functions: backend names, key-name rules and openKeyring. The backends are in
// file_keyring.cpp and test_keyring.cpp, their shared storage logic in keyring_store.cpp.
#include "wallet/keyring.h"

#include "wallet/keyring_store.h"

namespace allora::wallet {

const char* backendName(KeyringBackend b) {
    switch (b) {
        case KeyringBackend::File:
            return "file";
        case KeyringBackend::Test:
            return "test";
    }
    return "file";
}

Result<KeyringBackend> parseBackend(std::string_view name) {
    if (name == "file") return KeyringBackend::File;
    if (name == "test") return KeyringBackend::Test;
    return makeError(ErrorCode::InvalidArgument,
                     "unknown keyring backend '" + std::string(name) + "' (expected file or test)");
}

Status validateKeyName(std::string_view name) {
    // Names become file names: a small portable alphabet, no path separators, no hidden files
    // (the atomic writer's temporary files start with '.').
    constexpr size_t kMaxName = 64;
    if (name.empty()) return makeError(ErrorCode::InvalidArgument, "key name is empty");
    if (name.size() > kMaxName)
        return makeError(ErrorCode::InvalidArgument,
                         "key name is longer than " + std::to_string(kMaxName) + " characters");
    if (name.front() == '.')
        return makeError(ErrorCode::InvalidArgument,
                         "key name '" + std::string(name) + "' must not start with '.'");
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok)
            return makeError(ErrorCode::InvalidArgument,
                             "key name '" + std::string(name) +
                                 "' may only contain letters, digits, '.', '_' and '-'");
    }
    return {};
}

Result<std::unique_ptr<Keyring>> openKeyring(const std::filesystem::path& dir,
                                             KeyringBackend backend) {
    auto keyDir = prepareKeyringDirectory(dir, backend);
    if (!keyDir) return keyDir.error();
    switch (backend) {
        case KeyringBackend::File:
            return makeFileKeyring(std::move(*keyDir), KdfParams::moderate());
        case KeyringBackend::Test:
            return makeTestKeyring(std::move(*keyDir));
    }
    return makeError(ErrorCode::Internal, "unknown keyring backend");
}

}  // namespace allora::wallet
