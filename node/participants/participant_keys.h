// The reference participants' keys: one BIP-39 mnemonic, sealed in a file keyring under
// HOME/participants (Argon2id + XChaCha20-Poly1305, the wallet's keystore) with the password that
// seals the node's validator key; the accounts are m/44'/118'/0'/0/i of it. Unlocking costs one
// key derivation, then the accounts live in memory only (SecureBytes, wiped on destruction).
// Nothing is ever written unencrypted.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"
#include "wallet/account.h"

namespace allora::participants {

// The roles, by account index: five workers, then two reputers (the first also creates the demo
// topics).
inline constexpr uint32_t kWorkerCount = 5;
inline constexpr uint32_t kReputerCount = 2;
inline constexpr uint32_t kAccountCount = kWorkerCount + kReputerCount;

std::filesystem::path participantKeyringDir(const std::filesystem::path& home);
bool hasParticipantKeys(const std::filesystem::path& home);

// Creates the participants' mnemonic (AlreadyExists when present) and returns the addresses of
// its accounts, in role order, for the genesis to fund.
Result<std::vector<std::string>> createParticipantKeys(const std::filesystem::path& home,
                                                       const SecureBytes& password);
// Unlocks the accounts (WrongPassword when the password does not open the keyring file).
Result<std::vector<wallet::Account>> unlockParticipantKeys(const std::filesystem::path& home,
                                                           const SecureBytes& password);

}  // namespace allora::participants
