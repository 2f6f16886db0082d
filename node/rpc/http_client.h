// A small synchronous HTTP/1.1 client for allora-cli and tests: one connection per call, plain
// http:// only (the node API listens on localhost), connect and request timeouts, and failures as
// Result messages a person can act on ("... connection refused — is allorad running?").
//
// A response with any HTTP status is a success at this level; the caller decides what a 4xx means
// (errorMessage() extracts the gateway's "message").
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/rpc/http_message.h"

namespace allora::node::rpc {

struct HttpResponse {
    unsigned status = 0;
    std::string body;
    HttpHeaders headers;

    bool ok() const { return status >= 200 && status < 300; }
    // A header by case-insensitive name.
    std::optional<std::string> header(std::string_view name) const;
    // The "message" of a gateway error body, or "HTTP <status>" when the body is not one.
    std::string errorMessage() const;
};

struct HttpClientOptions {
    std::chrono::milliseconds connectTimeout{5'000};
    std::chrono::milliseconds requestTimeout{30'000};  // writing the request and reading the answer
    size_t maxResponseBytes = 64 * 1024 * 1024;
    // When set, every request carries "Authorization: Bearer <token>".
    std::string bearerToken;
};

class HttpClient {
public:
    explicit HttpClient(HttpClientOptions options = {}) : options_(std::move(options)) {}

    Result<HttpResponse> get(std::string_view url, const HttpHeaders& headers = {}) const;
    // Sends `jsonBody` with Content-Type: application/json (unless `headers` sets another).
    Result<HttpResponse> post(std::string_view url, std::string_view jsonBody,
                              const HttpHeaders& headers = {}) const;
    Result<HttpResponse> request(std::string_view method, std::string_view url,
                                 std::string_view body, const HttpHeaders& headers) const;

private:
    HttpClientOptions options_;
};

}  // namespace allora::node::rpc
