// Routes of the HTTP API: method + path pattern -> handler, with {name} path parameters.
//
// Patterns look like the public LCD routes, e.g. "/cosmos/bank/v1beta1/balances/{address}". A
// literal segment beats a parameter at the same position, so "/blocks/latest" wins over
// "/blocks/{height}" whatever the registration order. A path that matches no pattern is 404; a path
// that matches only with another method is 405 with an Allow header. Every failure is a
// gateway-shaped JSON error (http_message.h).
//
// A Router is filled before the server starts and is read-only afterwards, so the io threads read
// it without locks.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "node/rpc/http_message.h"

namespace allora::node::rpc {

using Handler = std::function<Response(const Request&)>;

struct RouteOptions {
    // Write routes: the request must carry `Authorization: Bearer <api token>` (api_token.h).
    bool requiresAuth = false;
    // The handler may block (a chain query that takes the state lock, a disk read). The server
    // runs it on its separate blocking pool instead of an io thread, so slow queries never stall
    // accepting, reading and writing other connections. Handlers that only touch memory leave it
    // false and run inline on the io thread.
    bool blocking = false;
};

struct Route {
    std::string method;
    std::string pattern;
    RouteOptions options;
    Handler handler;
    // Parsed pattern: one entry per segment; isParam marks "{name}" (name stored without braces).
    struct Segment {
        std::string text;
        bool isParam = false;
    };
    std::vector<Segment> segments;
};

class Router {
public:
    // Registers a route. A malformed pattern (not starting with '/', an empty or unterminated
    // "{}", a repeated parameter name) or a duplicate of an existing method+pattern is a
    // programming error: std::invalid_argument.
    Router& add(std::string method, std::string pattern, Handler handler,
                RouteOptions options = {});
    Router& get(std::string pattern, Handler handler, RouteOptions options = {}) {
        return add("GET", std::move(pattern), std::move(handler), options);
    }
    Router& post(std::string pattern, Handler handler, RouteOptions options = {}) {
        return add("POST", std::move(pattern), std::move(handler), options);
    }

    // The outcome of looking a request up: a route to call (with request.params filled in), or
    // the error response to send instead (400 bad path or query, 404, 405, 401).
    struct Resolution {
        const Route* route = nullptr;
        Response error;
    };

    // Fills request.path/query/params from request.target, finds the route and checks the bearer
    // token for routes that require it. `apiToken` empty means no token is configured: auth
    // routes are then refused (401) rather than open.
    Resolution resolve(Request& request, std::string_view apiToken) const;

    // Calls the handler; an exception becomes a 500 whose message does not reveal internals (the
    // exception's text goes to the exception logger instead, when one is set). A status outside
    // 100-599 is a handler bug and also becomes a 500.
    Response invoke(const Route& route, const Request& request) const;

    // Receives "METHOD PATTERN: what()" for every handler exception. Set before the server
    // starts; called from io or blocking-pool threads.
    void setExceptionLogger(std::function<void(std::string_view)> logger) {
        exceptionLogger_ = std::move(logger);
    }
    bool hasExceptionLogger() const { return static_cast<bool>(exceptionLogger_); }

    // resolve + invoke, on the calling thread. For tests and for callers with no server.
    Response dispatch(Request& request, std::string_view apiToken = {}) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
    std::function<void(std::string_view)> exceptionLogger_;
};

}  // namespace allora::node::rpc
