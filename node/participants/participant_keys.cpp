#include "node/participants/participant_keys.h"

#include "wallet/bip39.h"
#include "wallet/keyring.h"

namespace allora::participants {

namespace {

constexpr std::string_view kKeyName = "participants";

Result<std::vector<wallet::Account>> deriveAll(const SecureBytes& mnemonic) {
    const std::string_view words(reinterpret_cast<const char*>(mnemonic.data()), mnemonic.size());
    std::vector<wallet::Account> out;
    for (uint32_t i = 0; i < kAccountCount; ++i) {
        auto a = wallet::deriveAccount(words, {}, i);
        if (!a) return a.error();
        out.push_back(std::move(*a));
    }
    return out;
}

}  // namespace

std::filesystem::path participantKeyringDir(const std::filesystem::path& home) {
    return home / "participants";
}

bool hasParticipantKeys(const std::filesystem::path& home) {
    auto keyring = wallet::openKeyring(participantKeyringDir(home), wallet::KeyringBackend::File);
    return keyring && (*keyring)->get(kKeyName).ok();
}

Result<std::vector<std::string>> createParticipantKeys(const std::filesystem::path& home,
                                                       const SecureBytes& password) {
    auto keyring = wallet::openKeyring(participantKeyringDir(home), wallet::KeyringBackend::File);
    if (!keyring) return keyring.error();
    if ((*keyring)->get(kKeyName))
        return makeError(ErrorCode::AlreadyExists, participantKeyringDir(home).string() +
                                                       " already holds the participants' key");
    auto mnemonic = wallet::bip39::generate(24);
    if (!mnemonic) return mnemonic.error();
    auto accounts = deriveAll(*mnemonic);
    if (!accounts) return accounts.error();
    if (auto added = (*keyring)->add(kKeyName, *mnemonic, password); !added) return added.error();
    std::vector<std::string> out;
    for (const auto& a : *accounts) out.push_back(a.address);
    return out;
}

Result<std::vector<wallet::Account>> unlockParticipantKeys(const std::filesystem::path& home,
                                                           const SecureBytes& password) {
    auto keyring = wallet::openKeyring(participantKeyringDir(home), wallet::KeyringBackend::File);
    if (!keyring) return keyring.error();
    auto mnemonic = (*keyring)->exportMnemonic(kKeyName, password);
    if (!mnemonic) return mnemonic.error();
    return deriveAll(*mnemonic);
}

}  // namespace allora::participants
