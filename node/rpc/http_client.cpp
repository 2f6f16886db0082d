#include "node/rpc/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cctype>

#include "node/rpc/url.h"

namespace allora::node::rpc {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::string describe(std::chrono::milliseconds d) {
    if (d.count() < 1000) return std::to_string(d.count()) + " ms";
    if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
    return std::to_string(static_cast<double>(d.count()) / 1000.0) + " s";
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (equalsNoCase(k, name)) return v;
    return std::nullopt;
}

std::string HttpResponse::errorMessage() const {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (!ec && v.is_object()) {
        const auto& o = v.get_object();
        if (auto it = o.find("message"); it != o.end() && it->value().is_string()) {
            return std::string(it->value().get_string());
        }
    }
    return "HTTP " + std::to_string(status);
}

Result<HttpResponse> HttpClient::get(std::string_view url, const HttpHeaders& headers) const {
    return request("GET", url, {}, headers);
}

Result<HttpResponse> HttpClient::post(std::string_view url, std::string_view jsonBody,
                                      const HttpHeaders& headers) const {
    return request("POST", url, jsonBody, headers);
}

Result<HttpResponse> HttpClient::request(std::string_view method, std::string_view url,
                                         std::string_view body, const HttpHeaders& headers) const {
    if (method.empty() ||
        method.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid HTTP method '" + std::string(method) + "'");
    }
    auto parsed = parseHttpUrl(url);
    if (!parsed) return parsed.error();
    const HttpUrl& u = *parsed;

    net::io_context ioc;
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    // Node URLs name localhost or an IP nearly always, so a blocking resolve is acceptable here.
    auto endpoints = resolver.resolve(u.host, std::to_string(u.port), ec);
    if (ec) {
        return makeError(ErrorCode::Io, "cannot connect to node at " + u.origin +
                                            ": cannot resolve host '" + u.host + "' (" +
                                            ec.message() + ")");
    }

    beast::tcp_stream stream(ioc);
    beast::error_code connectEc;
    stream.expires_after(options_.connectTimeout);
    stream.async_connect(endpoints,
                         [&](beast::error_code e, const tcp::endpoint&) { connectEc = e; });
    ioc.run();
    if (connectEc) {
        std::string why;
        if (connectEc == net::error::connection_refused) {
            why = "connection refused — is allorad running?";
        } else if (connectEc == beast::error::timeout) {
            why = "no answer within " + describe(options_.connectTimeout) +
                  " — is the address right and the node reachable?";
        } else {
            why = connectEc.message();
        }
        return makeError(ErrorCode::Io, "cannot connect to node at " + u.origin + ": " + why);
    }

    http::request<http::string_body> req;
    req.method_string(method);
    req.target(u.target);
    req.version(11);
    const bool v6 = u.host.find(':') != std::string::npos;
    req.set(http::field::host, (v6 ? "[" + u.host + "]" : u.host) + ":" + std::to_string(u.port));
    req.set(http::field::user_agent, "allora-cli");
    req.set(http::field::connection, "close");
    if (!options_.bearerToken.empty()) {
        req.set(http::field::authorization, "Bearer " + options_.bearerToken);
    }
    bool hasContentType = false;
    for (const auto& [name, value] : headers) {
        // CR or LF in a header would let a caller's data split the request (header injection).
        if (name.empty() || name.find_first_of("\r\n: ") != std::string::npos ||
            value.find_first_of("\r\n") != std::string::npos) {
            return makeError(ErrorCode::InvalidArgument, "invalid HTTP header '" + name + "'");
        }
        if (equalsNoCase(name, "content-type")) hasContentType = true;
        req.set(name, value);
    }
    if (!body.empty() || method == "POST" || method == "PUT") {
        if (!hasContentType) req.set(http::field::content_type, "application/json");
        req.body() = std::string(body);
    }
    req.prepare_payload();

    // Read while writing: a server that refuses the request early (413, 401) answers and closes
    // before taking the whole body, and that answer is what the user needs to see, not EPIPE.
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(static_cast<std::uint64_t>(options_.maxResponseBytes));
    beast::error_code writeEc, readEc;
    bool readDone = false;
    stream.expires_after(options_.requestTimeout);
    http::async_write(stream, req, [&](beast::error_code e, std::size_t) {
        writeEc = e;
        if (e && !readDone) stream.socket().cancel(ec);  // nothing will come; stop waiting
    });
    http::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) {
        readEc = e;
        readDone = true;
        stream.socket().cancel(ec);  // a write still in progress is no longer needed
    });
    ioc.restart();
    ioc.run();
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);

    if (!readDone || readEc) {
        // A timeout shows as the read's error; a write error explains a read that was cancelled.
        beast::error_code e = readEc;
        if ((!readDone || readEc == net::error::operation_aborted) && writeEc) e = writeEc;
        std::string why;
        if (e == beast::error::timeout) {
            why = "no answer within " + describe(options_.requestTimeout);
        } else if (e == http::error::body_limit) {
            why = "the response is larger than " + std::to_string(options_.maxResponseBytes) +
                  " bytes";
        } else if (e == http::error::end_of_stream || e == net::error::connection_reset ||
                   e == http::error::partial_message || e == net::error::eof) {
            why = "the node closed the connection before answering";
        } else {
            why = e.message();
        }
        return makeError(ErrorCode::Io,
                         "request to node at " + u.origin + u.target + " failed: " + why);
    }

    HttpResponse out;
    auto& msg = parser.get();
    out.status = msg.result_int();
    for (const auto& field : msg) {
        out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    out.body = std::move(msg.body());
    return out;
}

}  // namespace allora::node::rpc
