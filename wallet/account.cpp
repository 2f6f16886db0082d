#include "wallet/account.h"

#include "core/bech32.h"
#include "core/hash.h"
#include "wallet/bip32.h"
#include "wallet/bip39.h"

namespace allora::wallet {

std::string accountPath(uint32_t index) {
    return "m/44'/" + std::to_string(kCoinType) + "'/0'/0/" + std::to_string(index);
}

Result<Account> deriveAccount(std::string_view mnemonic, std::string_view passphrase,
                              uint32_t index, std::string_view hrp) {
    if (index >= bip32::kHardened)
        return makeError(ErrorCode::InvalidArgument,
                         "account index " + std::to_string(index) + " is not below 2^31");
    // The seed is computed from the canonical text, so a mnemonic typed with capitals or extra
    // spaces opens the same account as the one it was written down from.
    const SecureBytes normal = bip39::normalize(mnemonic);
    if (auto ok = bip39::validate(normal.view()); !ok) return ok.error();
    const SecureBytes seed = bip39::toSeed(normal.view(), passphrase);
    auto root = bip32::fromSeed(seed.span());
    if (!root) return root.error();
    auto key = bip32::derivePath(*root, accountPath(index));
    if (!key) return key.error();

    auto address = addressFromPublicKey(key->publicKey, hrp);
    if (!address) return address.error();
    Account account;
    account.index = index;
    account.address = std::move(*address);
    account.publicKey = key->publicKey;
    account.privateKey = std::move(key->privateKey);
    return account;
}

Result<std::string> addressFromPublicKey(const secp256k1::PubKey& pub, std::string_view hrp) {
    return bech32::encodeAddress(hrp, hash160(pub));
}

Status validateAddress(std::string_view address, std::string_view hrp) {
    bech32::DecodeError why = bech32::DecodeError::None;
    auto payload = bech32::decodeAddress(address, hrp, &why);
    if (!payload) return payload.error();
    if (payload->size() != 20)
        return makeError(ErrorCode::InvalidArgument, "invalid address: payload is " +
                                                         std::to_string(payload->size()) +
                                                         " bytes (expected 20)");
    return {};
}

}  // namespace allora::wallet
