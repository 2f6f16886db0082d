// BIP-39 mnemonics (English wordlist, embedded from resources/bip39_english.txt at build time).
//
// Mnemonics and seeds are secrets: they travel as SecureBytes (the mnemonic as its UTF-8 text,
// words separated by single spaces). Text handed in by a user may have extra or odd whitespace and
// upper case; normalize() makes it canonical before anything else looks at it.
#pragma once

#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace allora::wallet::bip39 {

// The 2048 English words, in order.
std::string_view word(int index);
int wordIndex(std::string_view word);  // -1 when not in the list
// SHA-256 of the embedded wordlist file, hex; tests compare it with the BIP's published hash.
std::string wordlistSha256();

// Lower-cases and collapses all whitespace to single spaces; trims the ends.
SecureBytes normalize(std::string_view mnemonic);

// Fresh entropy from the OS (libsodium) → mnemonic. words: 12, 15, 18, 21 or 24.
Result<SecureBytes> generate(int words = 24);
// Entropy of 16, 20, 24, 28 or 32 bytes → mnemonic.
Result<SecureBytes> fromEntropy(ByteSpan entropy);
// Mnemonic → entropy, checking the word count, every word and the checksum. Errors
// (ErrorCode::InvalidArgument) say which: "invalid mnemonic: 13 words (expected 12, 15, 18, 21 or
// 24)", "invalid mnemonic: unknown word 'abandn' (word 3)", "invalid mnemonic: checksum does not
// match (a word is wrong or out of order)".
Result<SecureBytes> toEntropy(std::string_view mnemonic);
Status validate(std::string_view mnemonic);

// PBKDF2-HMAC-SHA512(mnemonic, "mnemonic" + passphrase, 2048) → 64-byte seed. Both strings must
// already be NFKD-normalised UTF-8 (the English words are ASCII; the app layer normalises
// passphrases), and the mnemonic should be normalize()d: the seed hashes the exact text, so
// "Abandon  abandon …" would give another seed. Does not validate the mnemonic: call validate()
// first. toEntropy() and validate() normalise their input themselves.
SecureBytes toSeed(std::string_view mnemonic, std::string_view passphrase = {});

}  // namespace allora::wallet::bip39
