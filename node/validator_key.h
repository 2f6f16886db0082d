// The validator's consensus key (Ed25519) in HOME/config/priv_validator_key.json.
//
// CometBFT keeps this file in the clear; we do not (keys are never written unencrypted): the
// 32-byte seed is sealed under a password with core/password_seal.h, and the public key and the
// consensus address stay readable so that `allorad init` can print them and a genesis can be built
// without the password. `allorad start` asks for the password on the terminal, reads it from stdin
// when stdin is not a terminal, or from --validator-password-file for unattended nodes.
//
//   {"version": 1, "type": "ed25519", "address": "<20 bytes hex>", "pub_key": "<32 bytes base64>",
//    "kdf": {"name": "argon2id", "opslimit": 3, "memlimit": 268435456,
//            "salt": "<16 bytes base64>", "check": "<16 bytes base64>"},
//    "cipher": {"name": "xchacha20-poly1305", "nonce": "<24 bytes base64>",
//               "ciphertext": "<48 bytes base64>"}}
//
// The associated data binds every clear field (version, public key, limits, salt, check) to the
// ciphertext, so none can be swapped or edited without the open failing.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/ed25519.h"
#include "core/file_util.h"
#include "core/password_seal.h"
#include "core/result.h"

namespace allora::node {

class ValidatorKeyFile {
public:
    static constexpr int kVersion = 1;

    // Seals `key` under `password` (at least 8 characters).
    static Result<ValidatorKeyFile> seal(const ed25519::KeyPair& key, const SecureBytes& password,
                                         const KdfParams& kdf = KdfParams::moderate());
    // Structure only, no password. Damaged → Corrupt naming the field; newer version → Unsupported.
    static Result<ValidatorKeyFile> parse(std::string_view json, std::string_view source);
    static Result<ValidatorKeyFile> load(const std::filesystem::path& file);

    // WrongPassword for a wrong password; Corrupt when the password is right but the file was
    // edited; the key checked against the stored public key.
    Result<ed25519::KeyPair> unlock(const SecureBytes& password) const;

    const ed25519::PubKey& publicKey() const { return publicKey_; }
    Bytes address() const;  // 20-byte consensus address
    std::string toJson() const;
    // Atomic, 0600; refuses to replace an existing file unless asked.
    Status save(const std::filesystem::path& file, IfExists ifExists = IfExists::Fail) const;

private:
    Bytes associatedData() const;

    std::string source_;
    ed25519::PubKey publicKey_{};
    KdfParams kdf_;
    Bytes salt_, check_, nonce_, ciphertext_;
};

}  // namespace allora::node
