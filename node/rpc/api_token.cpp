#include "node/rpc/api_token.h"

#include <sodium.h>

#include <cctype>
#include <system_error>

#include "core/bytes.h"
#include "core/encoding.h"
#include "core/file_util.h"

namespace allora::node::rpc {

namespace {

constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenHexChars = 2 * kTokenBytes;

bool isTokenText(std::string_view s) {
    if (s.size() != kTokenHexChars) return false;
    for (char c : s) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

}  // namespace

std::string generateApiToken() {
    initCrypto();
    Bytes raw(kTokenBytes);
    randombytes_buf(raw.data(), raw.size());
    std::string hex = toHex(raw);
    secureWipe(raw);
    return hex;
}

Result<std::string> loadOrCreateApiToken(const std::filesystem::path& path) {
    auto existing = readFile(path, 4096);
    if (existing) {
        std::string text(existing->begin(), existing->end());
        // Editors add a trailing newline; tolerate surrounding whitespace.
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
            text.pop_back();
        size_t start = 0;
        while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start])))
            ++start;
        text.erase(0, start);
        if (!isTokenText(text)) {
            return makeError(ErrorCode::Corrupt,
                             "API token file " + path.string() + " does not hold a " +
                                 std::to_string(kTokenHexChars) +
                                 "-digit hex token; delete it to have a new one created");
        }
        return text;
    }
    if (existing.code() != ErrorCode::NotFound) return existing.error();

    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
        return makeError(ErrorCode::Io, "cannot create directory " + path.parent_path().string() +
                                            ": " + ec.message());
    }
    std::string token = generateApiToken();
    // Fail rather than Replace: if another process created the file between our read and this
    // write, its token is the one clients may already hold, so we read that one instead.
    Status written = writeFileAtomic(path, asBytes(token), kOwnerReadWrite, IfExists::Fail);
    if (!written) {
        if (written.code() == ErrorCode::AlreadyExists) return loadOrCreateApiToken(path);
        return written.error();
    }
    return token;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    // The length is not secret (every token is 64 hex digits); the content is.
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        diff = static_cast<unsigned char>(
            diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
    }
    // Read through a volatile so the compiler cannot turn the loop into an early-exit compare.
    volatile unsigned char result = diff;
    return result == 0;
}

bool bearerTokenMatches(std::optional<std::string_view> authorization, std::string_view token) {
    if (!authorization || token.empty()) return false;
    std::string_view h = *authorization;
    constexpr std::string_view kScheme = "bearer ";
    if (h.size() < kScheme.size()) return false;
    for (size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(h[i])) != kScheme[i]) return false;
    }
    std::string_view presented = h.substr(kScheme.size());
    while (!presented.empty() && presented.front() == ' ') presented.remove_prefix(1);
    while (!presented.empty() && presented.back() == ' ') presented.remove_suffix(1);
    return constantTimeEquals(presented, token);
}

}  // namespace allora::node::rpc
