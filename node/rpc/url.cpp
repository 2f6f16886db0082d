#include "node/rpc/url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace allora::node::rpc {

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[i])) !=
            std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    }
    return true;
}

}  // namespace

Result<std::string> percentDecode(std::string_view in, bool plusAsSpace) {
    std::string out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) {
                return makeError(ErrorCode::InvalidArgument, "truncated percent-escape");
            }
            int hi = hexValue(in[i + 1]);
            int lo = hexValue(in[i + 2]);
            if (hi < 0 || lo < 0) {
                return makeError(
                    ErrorCode::InvalidArgument,
                    "invalid percent-escape '%" + std::string(in.substr(i + 1, 2)) + "'");
            }
            char decoded = static_cast<char>(hi * 16 + lo);
            // An embedded NUL has no legitimate use in a path or query and confuses C APIs later.
            if (decoded == '\0') {
                return makeError(ErrorCode::InvalidArgument, "percent-escaped NUL byte");
            }
            out.push_back(decoded);
            i += 2;
        } else if (c == '+' && plusAsSpace) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string percentEncode(std::string_view in) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : in) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[u >> 4]);
            out.push_back(kHex[u & 0x0f]);
        }
    }
    return out;
}

Result<QueryParams> parseQueryString(std::string_view query) {
    QueryParams out;
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view piece = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (piece.empty()) continue;
        size_t eq = piece.find('=');
        std::string_view rawKey = piece.substr(0, eq);
        std::string_view rawValue =
            eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
        auto key = percentDecode(rawKey, true);
        if (!key) {
            return makeError(ErrorCode::InvalidArgument, "bad query string: " + key.message());
        }
        auto value = percentDecode(rawValue, true);
        if (!value) {
            return makeError(ErrorCode::InvalidArgument,
                             "bad query parameter '" + *key + "': " + value.message());
        }
        out.emplace_back(std::move(*key), std::move(*value));
    }
    return out;
}

Result<TargetParts> splitTarget(std::string_view target) {
    if (target.empty() || target.front() != '/') {
        return makeError(ErrorCode::InvalidArgument,
                         "request target must be a path starting with '/'");
    }
    size_t q = target.find('?');
    TargetParts parts;
    parts.path = target.substr(0, q);
    if (q != std::string_view::npos) parts.query = target.substr(q + 1);
    // A fragment is never sent by a conforming client; drop it rather than treat it as data.
    size_t hash = parts.query.find('#');
    if (hash != std::string_view::npos) parts.query = parts.query.substr(0, hash);
    return parts;
}

Result<HttpUrl> parseHttpUrl(std::string_view url) {
    const std::string shown(url);
    for (char c : url) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            return makeError(
                ErrorCode::InvalidArgument,
                "invalid node URL '" + shown + "': contains spaces or control characters");
        }
    }
    constexpr std::string_view kScheme = "http://";
    if (!startsWithNoCase(url, kScheme)) {
        size_t sep = url.find("://");
        if (sep != std::string_view::npos) {
            return makeError(ErrorCode::Unsupported,
                             "unsupported URL scheme '" + std::string(url.substr(0, sep)) +
                                 "' in '" + shown +
                                 "': only http:// is supported (the node API listens on plain "
                                 "HTTP, on localhost by default)");
        }
        return makeError(ErrorCode::InvalidArgument,
                         "invalid node URL '" + shown + "': expected http://HOST:PORT[/PATH]");
    }
    std::string_view rest = url.substr(kScheme.size());
    size_t slash = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, slash);
    std::string target =
        slash == std::string_view::npos ? std::string("/") : std::string(rest.substr(slash));
    if (!target.empty() && target.front() == '?') target.insert(target.begin(), '/');
    size_t hash = target.find('#');
    if (hash != std::string::npos) target.erase(hash);

    if (authority.find('@') != std::string_view::npos) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid node URL '" + shown + "': user names in URLs are not supported");
    }
    HttpUrl out;
    std::string_view portText;
    if (!authority.empty() && authority.front() == '[') {
        size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            return makeError(ErrorCode::InvalidArgument,
                             "invalid node URL '" + shown + "': unterminated IPv6 address");
        }
        out.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                return makeError(ErrorCode::InvalidArgument,
                                 "invalid node URL '" + shown + "': junk after IPv6 address");
            }
            portText = after.substr(1);
            if (portText.empty()) portText = "!";  // "host:" with no digits is an error below
        }
    } else {
        size_t colon = authority.rfind(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            portText = authority.substr(colon + 1);
            if (portText.empty()) portText = "!";
        }
    }
    if (out.host.empty()) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid node URL '" + shown + "': missing host name");
    }
    if (!portText.empty()) {
        unsigned port = 0;
        auto [ptr, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (ec != std::errc() || ptr != portText.data() + portText.size() || port == 0 ||
            port > 65535) {
            return makeError(ErrorCode::InvalidArgument,
                             "invalid node URL '" + shown + "': port must be a number 1-65535");
        }
        out.port = static_cast<uint16_t>(port);
    }
    out.target = std::move(target);
    const bool v6 = out.host.find(':') != std::string::npos;
    out.origin =
        "http://" + (v6 ? "[" + out.host + "]" : out.host) + ":" + std::to_string(out.port);
    return out;
}

}  // namespace allora::node::rpc
