// The plain data a route handler sees (Request) and returns (Response), and the error shape of the
// Cosmos gRPC gateway that every failure of the API uses: {"code": N, "message": "...", "details":
// []}.
//
// Nothing here includes Beast: handlers and the code that wires chain queries to routes build only
// against these structs, so they do not pay Beast's compile time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace boost::json {
class value;
}

namespace allora::node::rpc {

// gRPC status codes, as the Cosmos gateway puts them in the "code" field of an error body.
enum class GrpcCode : int {
    Ok = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
};

// The HTTP status grpc-gateway answers with for a gRPC code (runtime/errors.go HTTPStatusFromCode).
unsigned httpStatusFor(GrpcCode code);

// Ordered name/value pairs; a name may repeat (Cosmos uses repeated query keys such as `events`).
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;
using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;                         // "GET", "POST", ... as sent (upper case)
    std::string path;                           // percent-decoded path, without the query string
    std::string target;                         // the raw request target, as received
    std::map<std::string, std::string> params;  // path parameters: {address} -> "allo1..."
    QueryParams query;                          // percent-decoded query parameters, in order
    std::map<std::string, std::string>
        headers;  // names in lower case; repeated headers joined ", "
    std::string body;
    std::string clientAddress;  // peer IP address, e.g. "127.0.0.1"

    // The value of a path parameter, or nullopt when the route has no such parameter.
    std::optional<std::string_view> param(std::string_view name) const;
    // The first value of a query parameter, or nullopt when absent.
    std::optional<std::string_view> queryValue(std::string_view name) const;
    // Every value of a repeated query parameter, in order.
    std::vector<std::string_view> queryValues(std::string_view name) const;
    // A header by case-insensitive name, or nullopt when absent.
    std::optional<std::string_view> header(std::string_view name) const;
};

struct Response {
    unsigned status = 200;
    std::string contentType = "application/json";
    std::string body;
    HttpHeaders headers;  // extra headers; Content-Type and Content-Length are set by the server

    // 200 (or `status`) with the serialised JSON value as body.
    static Response json(const boost::json::value& value, unsigned status = 200);
    // A body that is already JSON text (e.g. produced by a protobuf-to-JSON printer).
    static Response rawJson(std::string jsonText, unsigned status = 200);
    static Response text(std::string body, unsigned status = 200);
    // A gateway-shaped error: HTTP status from the code, body {"code", "message", "details": []}.
    static Response error(GrpcCode code, std::string_view message);
    // The same with an explicit HTTP status, for statuses the code mapping does not give
    // (405, 413, 431).
    static Response error(unsigned httpStatus, GrpcCode code, std::string_view message);
    // Maps a Result's error (InvalidArgument -> 3/400, NotFound -> 5/404, ...) to a gateway error.
    static Response fromError(const Error& error);

    Response& withHeader(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

// The gRPC code that best describes a core ErrorCode.
GrpcCode grpcCodeFor(ErrorCode code);

// The JSON text {"code": N, "message": "...", "details": []}.
std::string gatewayErrorBody(GrpcCode code, std::string_view message);

}  // namespace allora::node::rpc
