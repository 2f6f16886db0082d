#include "wallet/bip39.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/encoding.h"
#include "core/hash.h"

namespace allora::embedded {
// Generated at build time from resources/bip39_english.txt (cmake/EmbedText.cmake).
extern const std::string_view bip39WordlistText;
}  // namespace allora::embedded

namespace allora::wallet::bip39 {
namespace {

constexpr int kWordCount = 2048;
constexpr size_t kMaxWords = 24;
constexpr uint32_t kPbkdf2Rounds = 2048;

struct Wordlist {
    std::array<std::string_view, kWordCount> words;
    // Indexes sorted by word: lookups do not rely on the file itself being in order.
    std::array<uint16_t, kWordCount> sorted;
};

const Wordlist& wordlist() {
    // A function-local static is initialised once, even with concurrent first callers.
    static const Wordlist list = [] {
        Wordlist l{};
        std::string_view text = embedded::bip39WordlistText;
        int n = 0;
        while (!text.empty()) {
            const size_t end = text.find('\n');
            std::string_view line = text.substr(0, end);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
            if (line.empty()) continue;
            // A wordlist of the wrong size is a broken build, and every mnemonic would be wrong.
            if (n >= kWordCount) std::abort();
            l.words[static_cast<size_t>(n++)] = line;
        }
        if (n != kWordCount) std::abort();
        for (size_t i = 0; i < l.sorted.size(); ++i) l.sorted[i] = static_cast<uint16_t>(i);
        std::sort(l.sorted.begin(), l.sorted.end(),
                  [&l](uint16_t a, uint16_t b) { return l.words[a] < l.words[b]; });
        return l;
    }();
    return list;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
char toLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool validWordCount(size_t words) {
    return words >= 12 && words <= kMaxWords && words % 3 == 0;
}

// Splits a normalised mnemonic into word views (into the caller's buffer, no copies).
size_t splitWords(std::string_view text, std::array<std::string_view, kMaxWords + 1>& out) {
    size_t n = 0;
    while (!text.empty()) {
        const size_t end = text.find(' ');
        if (n < out.size()) out[n] = text.substr(0, end);
        ++n;
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    return n;
}

// Wipes the word indexes when they go out of scope: they encode the mnemonic.
struct WordIndexes {
    std::array<uint16_t, kMaxWords> v{};
    ~WordIndexes() { secureWipe(v.data(), sizeof v); }
};

}  // namespace

std::string_view word(int index) {
    if (index < 0 || index >= kWordCount) return {};
    return wordlist().words[static_cast<size_t>(index)];
}

int wordIndex(std::string_view w) {
    const Wordlist& l = wordlist();
    const auto it =
        std::lower_bound(l.sorted.begin(), l.sorted.end(), w,
                         [&l](uint16_t i, std::string_view s) { return l.words[i] < s; });
    if (it == l.sorted.end() || l.words[*it] != w) return -1;
    return *it;
}

std::string wordlistSha256() {
    return toHex(sha256(asBytes(embedded::bip39WordlistText)));
}

SecureBytes normalize(std::string_view mnemonic) {
    // Sized first so that the secret is written once, straight into locked memory.
    size_t size = 0;
    bool pendingSpace = false;
    for (char c : mnemonic) {
        if (isSpace(c)) {
            pendingSpace = size > 0;
            continue;
        }
        size += pendingSpace ? 2 : 1;
        pendingSpace = false;
    }
    SecureBytes out(size);
    size_t pos = 0;
    pendingSpace = false;
    for (char c : mnemonic) {
        if (isSpace(c)) {
            pendingSpace = pos > 0;
            continue;
        }
        if (pendingSpace) out[pos++] = ' ';
        out[pos++] = static_cast<uint8_t>(toLower(c));
        pendingSpace = false;
    }
    return out;
}

Result<SecureBytes> fromEntropy(ByteSpan entropy) {
    const size_t entBytes = entropy.size();
    if (entBytes < 16 || entBytes > 32 || entBytes % 4 != 0)
        return makeError(ErrorCode::InvalidArgument,
                         "invalid entropy: " + std::to_string(entBytes) +
                             " bytes (expected 16, 20, 24, 28 or 32)");
    const size_t csBits = entBytes / 4;
    const size_t words = (entBytes * 8 + csBits) / 11;

    // Entropy followed by its checksum byte: the bits the words are cut from.
    std::array<uint8_t, 33> bits{};
    std::memcpy(bits.data(), entropy.data(), entBytes);
    Hash256 hash = sha256(entropy);
    bits[entBytes] = hash[0];
    secureWipe(hash.data(), hash.size());

    WordIndexes idx;
    size_t length = words - 1;  // the separating spaces
    for (size_t w = 0; w < words; ++w) {
        unsigned value = 0;
        for (size_t b = w * 11; b < w * 11 + 11; ++b)
            value = (value << 1) | ((bits[b / 8] >> (7 - b % 8)) & 1u);
        idx.v[w] = static_cast<uint16_t>(value);
        length += word(static_cast<int>(value)).size();
    }
    secureWipe(bits.data(), bits.size());

    SecureBytes out(length);
    size_t pos = 0;
    for (size_t w = 0; w < words; ++w) {
        if (w > 0) out[pos++] = ' ';
        const std::string_view s = word(idx.v[w]);
        std::memcpy(out.data() + pos, s.data(), s.size());
        pos += s.size();
    }
    return out;
}

Result<SecureBytes> generate(int words) {
    if (words < 0 || !validWordCount(static_cast<size_t>(words)))
        return makeError(ErrorCode::InvalidArgument,
                         "invalid mnemonic length: " + std::to_string(words) +
                             " words (expected 12, 15, 18, 21 or 24)");
    initCrypto();
    SecureBytes entropy(static_cast<size_t>(words) / 3 * 4);
    randombytes_buf(entropy.data(), entropy.size());
    return fromEntropy(entropy.span());
}

Result<SecureBytes> toEntropy(std::string_view mnemonic) {
    const SecureBytes normal = normalize(mnemonic);
    std::array<std::string_view, kMaxWords + 1> list;
    const size_t words = splitWords(normal.view(), list);
    if (!validWordCount(words))
        return makeError(ErrorCode::InvalidArgument, "invalid mnemonic: " + std::to_string(words) +
                                                         (words == 1 ? " word" : " words") +
                                                         " (expected 12, 15, 18, 21 or 24)");

    WordIndexes idx;
    for (size_t w = 0; w < words; ++w) {
        const int i = wordIndex(list[w]);
        if (i < 0)
            return makeError(ErrorCode::InvalidArgument, "invalid mnemonic: unknown word '" +
                                                             std::string(list[w]) + "' (word " +
                                                             std::to_string(w + 1) + ")");
        idx.v[w] = static_cast<uint16_t>(i);
    }

    std::array<uint8_t, 33> bits{};
    for (size_t w = 0; w < words; ++w)
        for (size_t b = 0; b < 11; ++b)
            if ((idx.v[w] >> (10 - b)) & 1u) {
                const size_t bit = w * 11 + b;
                bits[bit / 8] = static_cast<uint8_t>(bits[bit / 8] | (0x80u >> (bit % 8)));
            }

    const size_t csBits = words / 3;
    const size_t entBytes = csBits * 4;
    SecureBytes entropy(ByteSpan(bits.data(), entBytes));
    const uint8_t stored = bits[entBytes];
    secureWipe(bits.data(), bits.size());
    Hash256 hash = sha256(entropy.span());
    const auto mask = static_cast<uint8_t>(0xffu << (8 - csBits));
    const bool match = ((hash[0] ^ stored) & mask) == 0;
    secureWipe(hash.data(), hash.size());
    if (!match)
        return makeError(ErrorCode::InvalidArgument,
                         "invalid mnemonic: checksum does not match (a word is wrong or out of "
                         "order)");
    return entropy;
}

Status validate(std::string_view mnemonic) {
    auto entropy = toEntropy(mnemonic);
    if (!entropy) return entropy.error();
    return {};
}

SecureBytes toSeed(std::string_view mnemonic, std::string_view passphrase) {
    constexpr std::string_view kSaltPrefix = "mnemonic";
    // The passphrase is a secret too, so the salt is built in locked memory.
    SecureBytes salt(kSaltPrefix.size() + passphrase.size());
    std::memcpy(salt.data(), kSaltPrefix.data(), kSaltPrefix.size());
    if (!passphrase.empty())
        std::memcpy(salt.data() + kSaltPrefix.size(), passphrase.data(), passphrase.size());
    return pbkdf2HmacSha512(asBytes(mnemonic), salt.span(), kPbkdf2Rounds, 64);
}

}  // namespace allora::wallet::bip39
