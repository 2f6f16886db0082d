#include "node/rpc/http_message.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>

namespace allora::node::rpc {

namespace {

std::string lowerCase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

unsigned httpStatusFor(GrpcCode code) {
    switch (code) {
        case GrpcCode::Ok:
            return 200;
        case GrpcCode::Cancelled:
            return 499;
        case GrpcCode::Unknown:
            return 500;
        case GrpcCode::InvalidArgument:
            return 400;
        case GrpcCode::DeadlineExceeded:
            return 504;
        case GrpcCode::NotFound:
            return 404;
        case GrpcCode::AlreadyExists:
            return 409;
        case GrpcCode::PermissionDenied:
            return 403;
        case GrpcCode::ResourceExhausted:
            return 429;
        case GrpcCode::FailedPrecondition:
            return 400;
        case GrpcCode::Aborted:
            return 409;
        case GrpcCode::OutOfRange:
            return 400;
        case GrpcCode::Unimplemented:
            return 501;
        case GrpcCode::Internal:
            return 500;
        case GrpcCode::Unavailable:
            return 503;
        case GrpcCode::DataLoss:
            return 500;
        case GrpcCode::Unauthenticated:
            return 401;
    }
    return 500;
}

GrpcCode grpcCodeFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument:
            return GrpcCode::InvalidArgument;
        case ErrorCode::NotFound:
            return GrpcCode::NotFound;
        case ErrorCode::AlreadyExists:
            return GrpcCode::AlreadyExists;
        case ErrorCode::WrongPassword:
            return GrpcCode::PermissionDenied;
        case ErrorCode::Corrupt:
            return GrpcCode::DataLoss;
        case ErrorCode::Overflow:
            return GrpcCode::OutOfRange;
        case ErrorCode::Io:
            return GrpcCode::Unavailable;
        case ErrorCode::Crypto:
            return GrpcCode::InvalidArgument;
        case ErrorCode::Unsupported:
            return GrpcCode::Unimplemented;
        case ErrorCode::Internal:
            return GrpcCode::Internal;
    }
    return GrpcCode::Internal;
}

std::string gatewayErrorBody(GrpcCode code, std::string_view message) {
    boost::json::object o;
    o["code"] = static_cast<int>(code);
    o["message"] = message;
    o["details"] = boost::json::array();
    return boost::json::serialize(o);
}

std::optional<std::string_view> Request::param(std::string_view name) const {
    auto it = params.find(std::string(name));
    if (it == params.end()) return std::nullopt;
    return std::string_view(it->second);
}

std::optional<std::string_view> Request::queryValue(std::string_view name) const {
    for (const auto& [k, v] : query)
        if (k == name) return std::string_view(v);
    return std::nullopt;
}

std::vector<std::string_view> Request::queryValues(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& [k, v] : query)
        if (k == name) out.emplace_back(v);
    return out;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
    auto it = headers.find(lowerCase(name));
    if (it == headers.end()) return std::nullopt;
    return std::string_view(it->second);
}

Response Response::json(const boost::json::value& value, unsigned status) {
    return rawJson(boost::json::serialize(value), status);
}

Response Response::rawJson(std::string jsonText, unsigned status) {
    Response r;
    r.status = status;
    r.body = std::move(jsonText);
    return r;
}

Response Response::text(std::string body, unsigned status) {
    Response r;
    r.status = status;
    r.contentType = "text/plain; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response Response::error(GrpcCode code, std::string_view message) {
    return error(httpStatusFor(code), code, message);
}

Response Response::error(unsigned httpStatus, GrpcCode code, std::string_view message) {
    return rawJson(gatewayErrorBody(code, message), httpStatus);
}

Response Response::fromError(const Error& err) {
    return error(grpcCodeFor(err.code), err.message);
}

}  // namespace allora::node::rpc
