// One key's encrypted file: the mnemonic, BIP-39 passphrase and account index under a password.
//
// Format (JSON, format version 1):
//   {"version": 1, "name": "alice", "address": "allo1…", "pubkey": "<33 bytes hex>",
//    "hd_path": "m/44'/118'/0'/0/0",
//    "kdf": {"name": "argon2id", "opslimit": 3, "memlimit": 268435456,
//            "salt": "<16 bytes base64>", "check": "<16 bytes base64>"},
//    "cipher": {"name": "xchacha20-poly1305", "nonce": "<24 bytes base64>",
//               "ciphertext": "<base64>"}}
//
// Argon2id (v1.3, libsodium crypto_pwhash) turns the password into 64 bytes: the first 32 are the
// XChaCha20-Poly1305 key, the hash of the last 32 is "check". The check tells a wrong password
// apart from a damaged or edited file (both would otherwise be one AEAD failure); it gives an
// attacker nothing the ciphertext does not, since each guess still costs one Argon2id run.
// The associated data is the whole document except "cipher.ciphertext", serialised canonically
// (keys sorted, no whitespace), so the address, name, KDF limits or version cannot be swapped or
// edited without the open failing. The limits are in the file so that they can change later.
//
// The plaintext (padded to a multiple of 256 bytes so its length does not reveal the word count):
//   u8 format (1) | u32 index (big-endian) | u16 len | mnemonic | u16 len | BIP-39 passphrase | 0…
// It is built and opened only in SecureBytes.
//
// The same document, re-encrypted under an export passphrase, is what `keys export` prints.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/file_util.h"
#include "core/password_seal.h"
#include "core/result.h"
#include "core/secp256k1.h"

namespace allora::wallet {

// The Argon2id limits (core/password_seal.h); File keys use KdfParams::moderate().
using allora::KdfParams;

// What the ciphertext protects.
struct KeySecret {
    SecureBytes mnemonic;    // normalised UTF-8 words, single spaces
    SecureBytes passphrase;  // BIP-39 passphrase (NFKD UTF-8), often empty
    uint32_t index = 0;      // account index i of m/44'/118'/0'/0/i
};

// What is stored in the clear, so that listing keys needs no password.
struct KeystoreHeader {
    std::string name;
    std::string address;
    secp256k1::PubKey publicKey{};
    std::string hdPath;
    bool operator==(const KeystoreHeader&) const = default;
};

// The rule for every password that encrypts a keystore: at least 8 characters (code points).
using allora::kMinPasswordChars;
using allora::validatePassword;

class Keystore {
public:
    static constexpr int kVersion = 1;
    static constexpr size_t kMaxFileSize = 64 * 1024;
    static constexpr size_t kMaxSecretField = 1024;  // bytes of mnemonic or passphrase

    // Encrypts `secret` under `password` (validatePassword first) with a fresh salt and nonce.
    static Result<Keystore> seal(KeystoreHeader header, const KeySecret& secret,
                                 const SecureBytes& password,
                                 const KdfParams& kdf = KdfParams::moderate());
    // Parses and checks a document's structure (no password needed). `source` names the file in
    // messages. Damaged → Corrupt; a format version newer than kVersion → Unsupported.
    static Result<Keystore> parse(std::string_view json, std::string_view source);
    static Result<Keystore> load(const std::filesystem::path& file);

    const KeystoreHeader& header() const { return header_; }
    const KdfParams& kdf() const { return kdf_; }
    const std::string& source() const { return source_; }

    // The document, pretty-printed with a trailing newline.
    std::string toJson() const;
    Status save(const std::filesystem::path& file, IfExists ifExists) const;

    // Decrypts. WrongPassword "wrong password for key 'NAME'" when the password does not match;
    // Corrupt when it matches but the file was damaged or edited. Never touches the file.
    Result<KeySecret> unlock(const SecureBytes& password) const;

private:
    Keystore() = default;

    KeystoreHeader header_;
    KdfParams kdf_;
    Bytes salt_, check_, nonce_, ciphertext_;
    std::string aad_;  // canonical header, authenticated with the ciphertext
    std::string source_;
};

}  // namespace allora::wallet
