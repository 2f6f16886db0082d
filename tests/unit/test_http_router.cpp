// Unit tests of the HTTP API's socket-free parts: URL and query-string decoding, node URL parsing,
// route matching (parameters, literal precedence, 404/405 with Allow), the gateway error shape,
// handler exceptions, bearer-token checks, the API token file, and the per-client token bucket
// with a controlled clock.
#include <QtTest/QtTest>

#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "node/rpc/api_token.h"
#include "node/rpc/rate_limiter.h"
#include "node/rpc/router.h"
#include "node/rpc/url.h"

using namespace allora::node::rpc;
namespace json = boost::json;

namespace {

json::object parseObject(const std::string& text) {
    json::value v = json::parse(text);
    if (!v.is_object()) qFatal("not a JSON object: %s", text.c_str());
    return v.get_object();
}

// Checks the {"code": N, "message": "...", "details": []} shape and returns the code.
int64_t gatewayCode(const Response& r) {
    json::object o = parseObject(r.body);
    if (!o.contains("code") || !o.contains("message") || !o.contains("details")) {
        qFatal("not a gateway error: %s", r.body.c_str());
    }
    if (!o.at("details").is_array() || !o.at("message").is_string()) qFatal("bad field types");
    return o.at("code").as_int64();
}

Request makeRequest(std::string method, std::string target) {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.clientAddress = "127.0.0.1";
    return r;
}

Response echo(const Request& r) {
    json::object o;
    o["path"] = r.path;
    json::object params;
    for (const auto& [k, v] : r.params) params[k] = v;
    o["params"] = params;
    json::array query;
    for (const auto& [k, v] : r.query)
        query.push_back(json::array{json::string(k), json::string(v)});
    o["query"] = query;
    return Response::json(o);
}

Router lcdRouter() {
    Router router;
    router.get("/cosmos/bank/v1beta1/balances/{address}", echo)
        .get("/cosmos/base/tendermint/v1beta1/blocks/{height}", echo)
        .get("/cosmos/base/tendermint/v1beta1/blocks/latest",
             [](const Request&) { return Response::rawJson(R"({"latest":true})"); })
        .post("/cosmos/tx/v1beta1/txs", echo, RouteOptions{.requiresAuth = true})
        .get("/cosmos/tx/v1beta1/txs/{hash}", echo)
        .get("/status", echo)
        .get("/boom", [](const Request&) -> Response {
            throw std::runtime_error("SQLITE_CORRUPT in /home/alice/.allora/data/node.db");
        });
    return router;
}

}  // namespace

class TestHttpRouter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void percentDecoding() {
        QCOMPARE(*percentDecode("a%20b%2Fc", false), std::string("a b/c"));
        QCOMPARE(*percentDecode("a+b", false), std::string("a+b"));
        QCOMPARE(*percentDecode("a+b%2B", true), std::string("a b+"));
        QCOMPARE(*percentDecode("%e2%82%AC", false), std::string("\xe2\x82\xac"));
        QVERIFY(!percentDecode("%", false));
        QVERIFY(!percentDecode("abc%2", false));
        QVERIFY(!percentDecode("%zz", false));
        QVERIFY(!percentDecode("%00", false));
        QCOMPARE(*percentDecode(percentEncode("a b/ü?&="), false), std::string("a b/ü?&="));
    }

    void queryStrings() {
        auto q = parseQueryString("pagination.limit=10&events=a%3D1&events=b+c&flag&&x=");
        QVERIFY(q.ok());
        QCOMPARE(q->size(), size_t(5));
        Request r;
        r.query = *q;
        QCOMPARE(*r.queryValue("pagination.limit"), std::string_view("10"));
        QCOMPARE(r.queryValues("events").size(), size_t(2));
        QCOMPARE(r.queryValues("events")[0], std::string_view("a=1"));
        QCOMPARE(r.queryValues("events")[1], std::string_view("b c"));
        QCOMPARE(*r.queryValue("flag"), std::string_view(""));
        QCOMPARE(*r.queryValue("x"), std::string_view(""));
        QVERIFY(!r.queryValue("missing"));
        QVERIFY(!parseQueryString("a=%G1"));
        QVERIFY(parseQueryString("").ok());
    }

    void nodeUrls() {
        auto u = parseHttpUrl("http://127.0.0.1:1317/cosmos/tx/v1beta1/txs?x=1");
        QVERIFY(u.ok());
        QCOMPARE(u->host, std::string("127.0.0.1"));
        QCOMPARE(u->port, uint16_t(1317));
        QCOMPARE(u->target, std::string("/cosmos/tx/v1beta1/txs?x=1"));
        QCOMPARE(u->origin, std::string("http://127.0.0.1:1317"));

        auto noPath = parseHttpUrl("HTTP://localhost:26657");
        QVERIFY(noPath.ok());
        QCOMPARE(noPath->target, std::string("/"));
        QCOMPARE(parseHttpUrl("http://example")->port, uint16_t(80));
        auto v6 = parseHttpUrl("http://[::1]:1317/status");
        QVERIFY(v6.ok());
        QCOMPARE(v6->host, std::string("::1"));
        QCOMPARE(v6->origin, std::string("http://[::1]:1317"));

        auto https = parseHttpUrl("https://127.0.0.1:1317");
        QVERIFY(!https);
        QVERIFY(https.message().find("only http://") != std::string::npos);
        QVERIFY(!parseHttpUrl("127.0.0.1:1317"));
        QVERIFY(!parseHttpUrl("http://:1317/"));
        QVERIFY(!parseHttpUrl("http://host:0/"));
        QVERIFY(!parseHttpUrl("http://host:70000/"));
        QVERIFY(!parseHttpUrl("http://host:12ab/"));
        QVERIFY(!parseHttpUrl("http://host:/"));
        QVERIFY(!parseHttpUrl("http://user@host/"));
        QVERIFY(!parseHttpUrl("http://ho st/"));
    }

    void matchesParamsAndQuery() {
        Router router = lcdRouter();
        Request r = makeRequest("GET", "/cosmos/bank/v1beta1/balances/allo1xyz?pagination.limit=5");
        Response resp = router.dispatch(r);
        QCOMPARE(resp.status, 200u);
        QCOMPARE(*r.param("address"), std::string_view("allo1xyz"));
        json::object o = parseObject(resp.body);
        QCOMPARE(o.at("params").at("address").as_string(), json::string("allo1xyz"));
        QCOMPARE(o.at("query").as_array().size(), size_t(1));

        // An escaped slash stays inside the parameter; the path itself is decoded.
        Request esc = makeRequest("GET", "/cosmos/tx/v1beta1/txs/ab%2Fcd");
        QCOMPARE(router.dispatch(esc).status, 200u);
        QCOMPARE(*esc.param("hash"), std::string_view("ab/cd"));
        QCOMPARE(esc.path, std::string("/cosmos/tx/v1beta1/txs/ab/cd"));

        // A trailing slash is tolerated.
        Request trailing = makeRequest("GET", "/status/");
        QCOMPARE(router.dispatch(trailing).status, 200u);
    }

    void literalBeatsParameter() {
        Router router = lcdRouter();
        Request latest = makeRequest("GET", "/cosmos/base/tendermint/v1beta1/blocks/latest");
        Response r = router.dispatch(latest);
        QCOMPARE(r.body, std::string(R"({"latest":true})"));
        Request byHeight = makeRequest("GET", "/cosmos/base/tendermint/v1beta1/blocks/42");
        r = router.dispatch(byHeight);
        QCOMPARE(*byHeight.param("height"), std::string_view("42"));
    }

    void notFoundAndMethodNotAllowed() {
        Router router = lcdRouter();
        Request unknown = makeRequest("GET", "/cosmos/nothing/here");
        Response r = router.dispatch(unknown);
        QCOMPARE(r.status, 404u);
        QCOMPARE(gatewayCode(r), int64_t(5));
        QCOMPARE(r.contentType, std::string("application/json"));

        Request tooShort = makeRequest("GET", "/cosmos/bank/v1beta1/balances/");
        QCOMPARE(router.dispatch(tooShort).status, 404u);  // empty parameter does not match

        Request wrong = makeRequest("DELETE", "/cosmos/tx/v1beta1/txs");
        r = router.dispatch(wrong);
        QCOMPARE(r.status, 405u);
        QCOMPARE(gatewayCode(r), int64_t(12));
        bool allowSeen = false;
        for (const auto& [k, v] : r.headers)
            if (k == "Allow" && v == "POST") allowSeen = true;
        QVERIFY(allowSeen);
    }

    void badTargetsAre400() {
        Router router = lcdRouter();
        for (const char* target :
             {"status", "*", "http://x/status", "/status?a=%zz", "/st%zzatus"}) {
            Request r = makeRequest("GET", target);
            Response resp = router.dispatch(r);
            QCOMPARE(resp.status, 400u);
            QCOMPARE(gatewayCode(resp), int64_t(3));
        }
    }

    void handlerExceptionIs500WithoutInternals() {
        Router router = lcdRouter();
        Request r = makeRequest("GET", "/boom");
        Response resp = router.dispatch(r);
        QCOMPARE(resp.status, 500u);
        QCOMPARE(gatewayCode(resp), int64_t(13));
        QVERIFY(resp.body.find("SQLITE") == std::string::npos);
        QVERIFY(resp.body.find("alice") == std::string::npos);

        // The detail goes to the log instead; a nonsense status is a handler bug, also 500.
        std::string logged;
        router.setExceptionLogger([&](std::string_view what) { logged = what; });
        router.get("/bad-status", [](const Request&) { return Response::text("x", 42); });
        Request again = makeRequest("GET", "/boom");
        QCOMPARE(router.dispatch(again).status, 500u);
        QVERIFY(logged.find("GET /boom: SQLITE_CORRUPT") == 0);
        Request bad = makeRequest("GET", "/bad-status");
        QCOMPARE(router.dispatch(bad).status, 500u);
        QVERIFY(logged.find("status 42") != std::string::npos);
    }

    void authRoutes() {
        Router router = lcdRouter();
        const std::string token = generateApiToken();
        Request none = makeRequest("POST", "/cosmos/tx/v1beta1/txs");
        Response r = router.dispatch(none, token);
        QCOMPARE(r.status, 401u);
        QCOMPARE(gatewayCode(r), int64_t(16));

        Request wrong = makeRequest("POST", "/cosmos/tx/v1beta1/txs");
        std::string bad = token;
        bad.back() = bad.back() == '0' ? '1' : '0';
        wrong.headers["authorization"] = "Bearer " + bad;
        QCOMPARE(router.dispatch(wrong, token).status, 401u);

        Request good = makeRequest("POST", "/cosmos/tx/v1beta1/txs");
        good.headers["authorization"] = "bearer " + token;
        QCOMPARE(router.dispatch(good, token).status, 200u);

        // No configured token: write routes are closed, not open.
        Request empty = makeRequest("POST", "/cosmos/tx/v1beta1/txs");
        empty.headers["authorization"] = "Bearer ";
        QCOMPARE(router.dispatch(empty, "").status, 401u);

        // Read routes never need it.
        Request read = makeRequest("GET", "/status");
        QCOMPARE(router.dispatch(read, token).status, 200u);

        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "abcd"));
        QVERIFY(!bearerTokenMatches(std::string_view("Basic abc"), "abc"));
        QVERIFY(bearerTokenMatches(std::string_view("Bearer  abc "), "abc"));
    }

    void badPatternsAreRefused() {
        Router router;
        auto h = [](const Request&) { return Response::text("x"); };
        router.get("/a/{id}", h);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, router.get("/a/{other}", h));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, router.get("no-slash", h));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, router.get("/b/{}", h));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, router.get("/b/{x}/{x}", h));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, router.get("/b/x{y}", h));
        router.post("/a/{id}", h);  // same pattern, other method: fine
    }

    void errorMapping() {
        Response nf =
            Response::fromError(allora::makeError(allora::ErrorCode::NotFound, "no such account"));
        QCOMPARE(nf.status, 404u);
        json::object o = parseObject(nf.body);
        QCOMPARE(o.at("code").as_int64(), int64_t(5));
        QCOMPARE(o.at("message").as_string(), json::string("no such account"));
        QVERIFY(o.at("details").as_array().empty());
        QCOMPARE(
            Response::fromError(allora::makeError(allora::ErrorCode::InvalidArgument, "x")).status,
            400u);
        QCOMPARE(httpStatusFor(GrpcCode::ResourceExhausted), 429u);
        QCOMPARE(httpStatusFor(GrpcCode::Unauthenticated), 401u);
    }

    void apiTokenFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path =
            std::filesystem::path(dir.path().toStdString()) / "config" / "api_token";
        auto first = loadOrCreateApiToken(path);
        QVERIFY2(first.ok(), first.ok() ? "" : first.message().c_str());
        QCOMPARE(first->size(), size_t(64));
        struct stat st {};
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        auto again = loadOrCreateApiToken(path);
        QVERIFY(again.ok());
        QCOMPARE(*again, *first);
        QVERIFY(generateApiToken() != *first);

        {
            std::ofstream out(path, std::ios::trunc);
            out << "not a token\n";
        }
        auto corrupt = loadOrCreateApiToken(path);
        QVERIFY(!corrupt);
        QCOMPARE(corrupt.code(), allora::ErrorCode::Corrupt);
    }

    void rateLimiterBucket() {
        using namespace std::chrono_literals;
        RateLimiter limiter(10.0, 3.0, 2);  // 10/s sustained, bursts of 3, at most 2 clients
        const auto t0 = RateLimiter::Clock::time_point{} + 1h;
        QVERIFY(limiter.take("a", t0).allowed);
        QVERIFY(limiter.take("a", t0).allowed);
        QVERIFY(limiter.take("a", t0).allowed);
        auto refused = limiter.take("a", t0);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfter, 100ms);
        QVERIFY(limiter.take("b", t0).allowed);  // another client has its own bucket
        QVERIFY(!limiter.take("a", t0 + 50ms).allowed);
        QVERIFY(limiter.take("a", t0 + 150ms).allowed);  // refilled one token
        // A third client evicts a bucket; memory stays bounded.
        QVERIFY(limiter.take("c", t0 + 10s).allowed);
        QVERIFY(limiter.trackedClients() <= 2);

        RateLimiter off(0, 0);
        for (int i = 0; i < 1000; ++i) QVERIFY(off.take("a").allowed);
    }
};

QTEST_APPLESS_MAIN(TestHttpRouter)
#include "test_http_router.moc"
