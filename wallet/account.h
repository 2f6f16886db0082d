// Cosmos accounts from a mnemonic: m/44'/118'/0'/0/i, address = bech32(hrp, hash160(pubkey)).
// The same mnemonic and index give the same allo1… address as Keplr and allorad.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"
#include "core/secp256k1.h"

namespace allora::wallet {

constexpr std::string_view kAccountPrefix = "allo";
constexpr uint32_t kCoinType = 118;

// "m/44'/118'/0'/0/<index>"
std::string accountPath(uint32_t index);

struct Account {
    uint32_t index = 0;
    std::string address;  // bech32 with the requested prefix
    secp256k1::PubKey publicKey{};
    SecureBytes privateKey;  // 32 bytes
};

// Derives account `index` from a mnemonic (normalised and validated first; an invalid one gives
// bip39's error). An index >= 2^31 is an error.
Result<Account> deriveAccount(std::string_view mnemonic, std::string_view passphrase = {},
                              uint32_t index = 0, std::string_view hrp = kAccountPrefix);
// Address of a compressed public key under a prefix.
Result<std::string> addressFromPublicKey(const secp256k1::PubKey& pub,
                                         std::string_view hrp = kAccountPrefix);
// Checks an account address: bech32, the expected prefix, a 20-byte payload.
Status validateAddress(std::string_view address, std::string_view hrp = kAccountPrefix);

}  // namespace allora::wallet
