// Text handling of request targets and node URLs: percent-decoding, query strings, and the
// `http://host:port/path` URLs the CLI is given with --node.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/rpc/http_message.h"

namespace allora::node::rpc {

// Decodes %XX escapes. With plusAsSpace (query strings, form encoding) '+' becomes ' '.
// A '%' not followed by two hex digits, or an escaped NUL, is InvalidArgument.
Result<std::string> percentDecode(std::string_view in, bool plusAsSpace);

// Encodes every byte outside the RFC 3986 unreserved set; for building URLs in clients and tests.
std::string percentEncode(std::string_view in);

// Parses "a=1&b=x%20y&flag" into decoded pairs (a bare key gets an empty value; empty pieces
// between '&' are skipped).
Result<QueryParams> parseQueryString(std::string_view query);

// An origin-form request target split at '?': the path (still encoded) and the raw query.
struct TargetParts {
    std::string_view path;
    std::string_view query;
};
// InvalidArgument unless the target starts with '/' (absolute-form and '*' are not served).
Result<TargetParts> splitTarget(std::string_view target);

struct HttpUrl {
    std::string host;    // without brackets for IPv6 literals
    uint16_t port = 80;  // 80 when the URL has none
    std::string target;  // path and query, at least "/"
    std::string origin;  // "http://host:port", for messages
};

// Accepts only http://; https and other schemes are refused with a message that says so.
Result<HttpUrl> parseHttpUrl(std::string_view url);

}  // namespace allora::node::rpc
