#include "node/rpc/router.h"

#include <algorithm>
#include <exception>
#include <set>
#include <stdexcept>

#include "node/rpc/api_token.h"
#include "node/rpc/url.h"

namespace allora::node::rpc {

namespace {

// "/a/b/" -> ["a", "b"]; "/" -> [""]. One trailing slash is ignored, as the gateway does.
std::vector<std::string_view> splitPath(std::string_view path) {
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        size_t slash = path.find('/', start);
        out.push_back(path.substr(start, slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

// Matches decoded segments against a route; on success fills `params` and `literalMask`, whose
// bits (most significant = first segment) rank routes so that literals win at the earliest
// position where two matching routes differ.
bool matchRoute(const Route& route, const std::vector<std::string>& segments,
                std::map<std::string, std::string>* params, std::vector<bool>* literalMask) {
    if (route.segments.size() != segments.size()) return false;
    std::vector<bool> mask;
    mask.reserve(segments.size());
    for (size_t i = 0; i < segments.size(); ++i) {
        const auto& seg = route.segments[i];
        if (seg.isParam) {
            if (segments[i].empty()) return false;
            mask.push_back(false);
        } else {
            if (seg.text != segments[i]) return false;
            mask.push_back(true);
        }
    }
    if (params) {
        params->clear();
        for (size_t i = 0; i < segments.size(); ++i) {
            if (route.segments[i].isParam) (*params)[route.segments[i].text] = segments[i];
        }
    }
    if (literalMask) *literalMask = std::move(mask);
    return true;
}

}  // namespace

Router& Router::add(std::string method, std::string pattern, Handler handler,
                    RouteOptions options) {
    if (method.empty()) throw std::invalid_argument("route method is empty");
    if (pattern.empty() || pattern.front() != '/')
        throw std::invalid_argument("route pattern must start with '/': " + pattern);
    if (pattern.find('?') != std::string::npos)
        throw std::invalid_argument("route pattern must not hold a query: " + pattern);
    if (!handler) throw std::invalid_argument("route has no handler: " + pattern);

    Route route;
    route.method = std::move(method);
    route.options = options;
    route.handler = std::move(handler);
    std::set<std::string> names;
    for (std::string_view seg : splitPath(pattern)) {
        Route::Segment s;
        if (!seg.empty() && seg.front() == '{') {
            if (seg.size() < 3 || seg.back() != '}')
                throw std::invalid_argument("bad parameter segment in route pattern: " + pattern);
            s.text = std::string(seg.substr(1, seg.size() - 2));
            s.isParam = true;
            if (!names.insert(s.text).second)
                throw std::invalid_argument("repeated parameter in route pattern: " + pattern);
        } else {
            if (seg.find_first_of("{}") != std::string_view::npos)
                throw std::invalid_argument("braces inside a literal segment: " + pattern);
            s.text = std::string(seg);
        }
        route.segments.push_back(std::move(s));
    }
    route.pattern = std::move(pattern);

    // Two routes whose segments agree literal-for-literal and param-for-param (names aside)
    // would be ambiguous for the same method.
    for (const Route& other : routes_) {
        if (other.method != route.method || other.segments.size() != route.segments.size())
            continue;
        bool same = true;
        for (size_t i = 0; i < route.segments.size() && same; ++i) {
            const auto& a = route.segments[i];
            const auto& b = other.segments[i];
            same = a.isParam == b.isParam && (a.isParam || a.text == b.text);
        }
        if (same)
            throw std::invalid_argument("duplicate route " + route.method + " " + route.pattern);
    }
    routes_.push_back(std::move(route));
    return *this;
}

Router::Resolution Router::resolve(Request& request, std::string_view apiToken) const {
    Resolution res;
    auto parts = splitTarget(request.target);
    if (!parts) {
        res.error = Response::error(GrpcCode::InvalidArgument, parts.message());
        return res;
    }
    auto query = parseQueryString(parts->query);
    if (!query) {
        res.error = Response::error(GrpcCode::InvalidArgument, query.message());
        return res;
    }
    request.query = std::move(*query);
    auto decodedPath = percentDecode(parts->path, false);
    if (!decodedPath) {
        res.error =
            Response::error(GrpcCode::InvalidArgument, "bad path: " + decodedPath.message());
        return res;
    }
    request.path = std::move(*decodedPath);
    // Split before decoding, so an escaped "%2F" stays inside one parameter value.
    std::vector<std::string> segments;
    for (std::string_view raw : splitPath(parts->path)) {
        auto seg = percentDecode(raw, false);
        if (!seg) {
            res.error = Response::error(GrpcCode::InvalidArgument, "bad path: " + seg.message());
            return res;
        }
        segments.push_back(std::move(*seg));
    }

    const Route* best = nullptr;
    std::vector<bool> bestMask;
    std::set<std::string> allowed;
    for (const Route& route : routes_) {
        std::vector<bool> mask;
        if (!matchRoute(route, segments, nullptr, &mask)) continue;
        allowed.insert(route.method);
        if (route.method != request.method) continue;
        if (!best || mask > bestMask) {
            best = &route;
            bestMask = std::move(mask);
        }
    }
    if (!best) {
        if (allowed.empty()) {
            res.error = Response::error(GrpcCode::NotFound, "Not Found");
        } else {
            std::string allow;
            for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
            res.error = Response::error(405, GrpcCode::Unimplemented, "Method Not Allowed");
            res.error.withHeader("Allow", allow);
        }
        return res;
    }
    matchRoute(*best, segments, &request.params, nullptr);
    if (best->options.requiresAuth &&
        !bearerTokenMatches(request.header("authorization"), apiToken)) {
        res.error = Response::error(GrpcCode::Unauthenticated,
                                    "this route needs the node's API token: send "
                                    "'Authorization: Bearer <token from HOME/config/api_token>'");
        res.error.withHeader("WWW-Authenticate", "Bearer");
        return res;
    }
    res.route = best;
    return res;
}

Response Router::invoke(const Route& route, const Request& request) const {
    // The message is deliberately generic: an exception's text can name files, SQL or internal
    // state, and the API may be reachable by other local users.
    std::string what;
    try {
        Response r = route.handler(request);
        if (r.status >= 100 && r.status <= 599) return r;
        what = "handler returned HTTP status " + std::to_string(r.status);
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
        what = "unknown exception";
    }
    if (exceptionLogger_) {
        try {
            exceptionLogger_(route.method + " " + route.pattern + ": " + what);
        } catch (...) {
            // A failing logger must not turn a 500 into a crash.
        }
    }
    return Response::error(GrpcCode::Internal, "internal error");
}

Response Router::dispatch(Request& request, std::string_view apiToken) const {
    Resolution res = resolve(request, apiToken);
    if (!res.route) return std::move(res.error);
    return invoke(*res.route, request);
}

}  // namespace allora::node::rpc
