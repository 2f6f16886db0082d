// The HTTP API server and client over real sockets on 127.0.0.1 (ephemeral ports, no mocks):
// routing and errors on the wire, size limits, malformed requests, slow clients, the rate limit,
// bearer-token auth, keep-alive, concurrency, the connection limit, graceful stop, and the
// client's own error messages. Every wait is bounded.
#include <QtTest/QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "node/rpc/api_token.h"
#include "node/rpc/http_client.h"
#include "node/rpc/http_server.h"

using namespace allora::node::rpc;
using namespace std::chrono_literals;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

struct RawResponse {
    int status = 0;
    std::string head;  // status line and headers, lower-cased for easy searching
    std::string body;
};

// A plain POSIX socket, so tests can send bytes no well-behaved client would.
class RawConnection {
public:
    explicit RawConnection(uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        timeval tv{3, 0};  // no read in these tests may hang the suite
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~RawConnection() { ::close(fd_); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }

    bool send(std::string_view data) {
        while (!data.empty()) {
            ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            data.remove_prefix(static_cast<size_t>(n));
        }
        return true;
    }

    // Reads one response framed by Content-Length; nullopt on EOF or timeout first.
    std::optional<RawResponse> readResponse() {
        size_t headEnd;
        while ((headEnd = buffered_.find("\r\n\r\n")) == std::string::npos) {
            if (!fill()) return std::nullopt;
        }
        RawResponse r;
        r.head = buffered_.substr(0, headEnd);
        for (char& c : r.head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.status = std::atoi(r.head.c_str() + r.head.find(' ') + 1);
        size_t length = 0;
        if (auto p = r.head.find("content-length:"); p != std::string::npos) {
            length = std::stoul(r.head.substr(p + 15));
        }
        while (buffered_.size() < headEnd + 4 + length) {
            if (!fill()) return std::nullopt;
        }
        r.body = buffered_.substr(headEnd + 4, length);
        buffered_.erase(0, headEnd + 4 + length);
        return r;
    }

    // True when the server closes the connection (EOF or reset) within `timeout`.
    bool waitClosed(std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            pollfd p{fd_, POLLIN, 0};
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 1))) <= 0)
                continue;
            char buf[4096];
            ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) return true;  // data is discarded; we only want the close
        }
        return false;
    }

private:
    bool fill() {
        char buf[4096];
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return false;
        buffered_.append(buf, static_cast<size_t>(n));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string buffered_;
};

// A port nobody listens on: bind an ephemeral one and let it go.
uint16_t unusedPort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

json::object objectOf(const std::string& body) {
    json::value v = json::parse(body);
    if (!v.is_object()) qFatal("not a JSON object: %s", body.c_str());
    return v.get_object();
}

int64_t gatewayCode(const std::string& body) {
    json::object o = objectOf(body);
    if (!o.contains("message") || !o.contains("details") || !o.at("details").is_array()) {
        qFatal("not a gateway error body: %s", body.c_str());
    }
    return o.at("code").as_int64();
}

HttpServerOptions testOptions() {
    HttpServerOptions o;
    o.port = 0;
    o.rateLimitPerSecond = 0;  // tests that want the limit turn it on
    o.readTimeout = 2000ms;
    o.stopGrace = 2000ms;
    return o;
}

Router testRouter(std::atomic<HttpServer*>* self = nullptr) {
    Router r;
    r.get("/echo/{name}", [](const Request& req) {
        json::object o;
        o["name"] = *req.param("name");
        o["q"] = std::string(req.queryValue("q").value_or(""));
        o["client"] = req.clientAddress;
        return Response::json(o);
    });
    r.get(
        "/slow",
        [](const Request&) {
            std::this_thread::sleep_for(300ms);
            return Response::rawJson(R"({"slow":true})");
        },
        RouteOptions{.blocking = true});
    r.get(
        "/tick",
        [](const Request&) {
            std::this_thread::sleep_for(1ms);
            return Response::rawJson(R"({"tick":1})");
        },
        RouteOptions{.blocking = true});
    r.post("/upload", [](const Request& req) {
        return Response::json(json::object{{"size", req.body.size()}});
    });
    r.post(
        "/cosmos/tx/v1beta1/txs",
        [](const Request& req) {
            return Response::json(json::object{{"received", req.body}});
        },
        RouteOptions{.requiresAuth = true});
    r.get("/boom", [](const Request&) -> Response { throw std::runtime_error("secret detail"); });
    if (self) {
        r.post("/shutdown", [self](const Request&) {
            (*self).load()->stop();  // from an io thread: must not deadlock
            return Response::rawJson("{}");
        });
    }
    return r;
}

std::unique_ptr<HttpServer> startServer(HttpServerOptions options, Router router = testRouter()) {
    auto server = std::make_unique<HttpServer>(std::move(router), std::move(options));
    auto st = server->start();
    if (!st) qFatal("server did not start: %s", st.message().c_str());
    return server;
}

}  // namespace

class TestHttpServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void getWithParamsAndQuery() {
        auto server = startServer(testOptions());
        QVERIFY(server->port() != 0);
        QVERIFY(server->baseUrl().rfind("http://127.0.0.1:", 0) == 0);
        HttpClient client;
        auto r = client.get(server->baseUrl() + "/echo/alice?q=a%20b%26c");
        QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
        QCOMPARE(r->status, 200u);
        QCOMPARE(r->header("content-type").value_or(""), std::string("application/json"));
        json::object o = objectOf(r->body);
        QCOMPARE(o.at("name").as_string(), json::string("alice"));
        QCOMPARE(o.at("q").as_string(), json::string("a b&c"));
        QCOMPARE(o.at("client").as_string(), json::string("127.0.0.1"));
    }

    void errorsOnTheWire() {
        auto server = startServer(testOptions());
        HttpClient client;
        auto nf = client.get(server->baseUrl() + "/nope");
        QVERIFY(nf.ok());
        QCOMPARE(nf->status, 404u);
        QCOMPARE(gatewayCode(nf->body), int64_t(5));
        QCOMPARE(nf->errorMessage(), std::string("Not Found"));

        auto wrong = client.post(server->baseUrl() + "/echo/x", "{}");
        QVERIFY(wrong.ok());
        QCOMPARE(wrong->status, 405u);
        QCOMPARE(wrong->header("allow").value_or(""), std::string("GET"));
        QCOMPARE(gatewayCode(wrong->body), int64_t(12));

        auto boom = client.get(server->baseUrl() + "/boom");
        QVERIFY(boom.ok());
        QCOMPARE(boom->status, 500u);
        QCOMPARE(gatewayCode(boom->body), int64_t(13));
        QVERIFY(boom->body.find("secret") == std::string::npos);
    }

    void bodyLimit413() {
        HttpServerOptions o = testOptions();
        o.maxBodyBytes = 1024;
        auto server = startServer(o);
        HttpClient client;
        auto small = client.post(server->baseUrl() + "/upload", std::string(1000, 'x'));
        QVERIFY(small.ok());
        QCOMPARE(small->status, 200u);

        auto big = client.post(server->baseUrl() + "/upload", std::string(256 * 1024, 'x'));
        QVERIFY2(big.ok(), big.ok() ? "" : big.message().c_str());
        QCOMPARE(big->status, 413u);
        QCOMPARE(gatewayCode(big->body), int64_t(8));

        // A declared length over the limit is refused before any body arrives.
        RawConnection raw(server->port());
        QVERIFY(raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"));
        auto r = raw.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 413);
        QVERIFY(r->head.find("connection: close") != std::string::npos);
        QVERIFY(raw.waitClosed(2000ms));

        QCOMPARE(client.get(server->baseUrl() + "/echo/still")->status, 200u);
    }

    void malformedRequests400() {
        HttpServerOptions o = testOptions();
        o.maxHeaderBytes = 2048;
        auto server = startServer(o);
        const std::vector<std::string> bad = {
            "GARBAGE\r\n\r\n",
            "GET /echo/x HTTP/1.1\r\nBad Header Line\r\n\r\n",
            "GET /echo/x HTTP/7.3\r\nHost: x\r\n\r\n",
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "GET\x01 / HTTP/1.1\r\n\r\n",
            std::string("GET /echo/x HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n", 40),
            "GET status HTTP/1.1\r\nHost: x\r\n\r\n",
        };
        for (const auto& request : bad) {
            RawConnection raw(server->port());
            QVERIFY(raw.send(request));
            auto r = raw.readResponse();
            QVERIFY2(r, request.c_str());
            QCOMPARE(r->status, 400);
            QCOMPARE(gatewayCode(r->body), int64_t(3));
        }
        RawConnection huge(server->port());
        QVERIFY(huge.send("GET /echo/x HTTP/1.1\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n"));
        auto r = huge.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 431);

        HttpClient client;
        QCOMPARE(client.get(server->baseUrl() + "/echo/after")->status, 200u);
    }

    void slowClientTimesOutWithoutBlockingOthers() {
        HttpServerOptions o = testOptions();
        o.readTimeout = 800ms;
        auto server = startServer(o);
        RawConnection slow(server->port());
        QVERIFY(slow.send("GET /echo/x HTTP/1.1\r\nHost: x\r\n"));

        HttpClient client;
        const auto t0 = Clock::now();
        auto r = client.get(server->baseUrl() + "/echo/fast");
        QVERIFY(r.ok());
        QCOMPARE(r->status, 200u);
        QVERIFY(Clock::now() - t0 < 500ms);  // well before the slow client's timeout

        // Trickling a header byte every 50 ms does not extend the deadline.
        bool closed = false;
        for (int i = 0; i < 40 && !closed; ++i) {
            if (!slow.send("X")) break;
            closed = slow.waitClosed(50ms);
        }
        QVERIFY(closed || slow.waitClosed(1000ms));
        QVERIFY(Clock::now() - t0 < 2500ms);
    }

    void rateLimit429ThenRecovery() {
        HttpServerOptions o = testOptions();
        o.rateLimitPerSecond = 5;
        o.rateLimitBurst = 3;
        auto server = startServer(o);
        HttpClient client;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.get(server->baseUrl() + "/echo/a")->status, 200u);
        auto limited = client.get(server->baseUrl() + "/echo/a");
        QVERIFY(limited.ok());
        QCOMPARE(limited->status, 429u);
        QCOMPARE(gatewayCode(limited->body), int64_t(8));
        QCOMPARE(limited->header("retry-after").value_or(""), std::string("1"));
        std::this_thread::sleep_for(300ms);  // 5/s refills a token in 200 ms
        QCOMPARE(client.get(server->baseUrl() + "/echo/a")->status, 200u);
    }

    void authOnWriteRoutes() {
        HttpServerOptions o = testOptions();
        o.apiToken = generateApiToken();
        auto server = startServer(o);
        const std::string url = server->baseUrl() + "/cosmos/tx/v1beta1/txs";
        const std::string body = R"({"tx_bytes":"AA==","mode":"BROADCAST_MODE_SYNC"})";

        auto none = HttpClient().post(url, body);
        QVERIFY(none.ok());
        QCOMPARE(none->status, 401u);
        QCOMPARE(gatewayCode(none->body), int64_t(16));

        HttpClientOptions wrong;
        wrong.bearerToken = generateApiToken();
        QCOMPARE(HttpClient(wrong).post(url, body)->status, 401u);

        HttpClientOptions right;
        right.bearerToken = o.apiToken;
        auto ok = HttpClient(right).post(url, body);
        QVERIFY(ok.ok());
        QCOMPARE(ok->status, 200u);
        QCOMPARE(objectOf(ok->body).at("received").as_string(), json::string(body));
    }

    void keepAliveMultipleRequests() {
        auto server = startServer(testOptions());
        RawConnection raw(server->port());
        for (int i = 0; i < 3; ++i) {
            QVERIFY(raw.send("GET /echo/k" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
            auto r = raw.readResponse();
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QVERIFY(r->head.find("connection: close") == std::string::npos);
            QCOMPARE(objectOf(r->body).at("name").as_string(),
                     json::string("k" + std::to_string(i)));
        }
        // Pipelined: two requests in one write, two answers in order.
        QVERIFY(raw.send(
            "GET /echo/p1 HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/p2 HTTP/1.1\r\nHost: x\r\n\r\n"));
        auto a = raw.readResponse();
        auto b = raw.readResponse();
        QVERIFY(a && b);
        QCOMPARE(objectOf(a->body).at("name").as_string(), json::string("p1"));
        QCOMPARE(objectOf(b->body).at("name").as_string(), json::string("p2"));
        QCOMPARE(server->activeConnections(), size_t(1));
    }

    void expectContinue() {
        HttpServerOptions o = testOptions();
        o.maxBodyBytes = 1024;
        auto server = startServer(o);
        RawConnection raw(server->port());
        QVERIFY(
            raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                     "Content-Length: 5\r\n\r\n"));
        auto go = raw.readResponse();
        QVERIFY(go);
        QCOMPARE(go->status, 100);
        QVERIFY(raw.send("hello"));
        auto r = raw.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(objectOf(r->body).at("size").as_int64(), int64_t(5));

        // Over the limit: refused at once, no go-ahead.
        RawConnection big(server->port());
        QVERIFY(
            big.send("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                     "Content-Length: 5000\r\n\r\n"));
        auto refused = big.readResponse();
        QVERIFY(refused);
        QCOMPARE(refused->status, 413);
    }

    void concurrentClients() {
        auto server = startServer(testOptions());
        const std::string base = server->baseUrl();
        std::atomic<int> ok{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                HttpClient client;
                for (int i = 0; i < 50; ++i) {
                    auto r = client.get(base + ((i % 2) ? "/tick" : "/echo/t" + std::to_string(t)));
                    if (r && r->status == 200) ++ok;
                }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(ok.load(), 400);
    }

    void connectionLimit503() {
        HttpServerOptions o = testOptions();
        o.maxConnections = 2;
        auto server = startServer(o);
        RawConnection a(server->port()), b(server->port());
        QVERIFY(a.connected() && b.connected());
        for (int i = 0; i < 200 && server->activeConnections() < 2; ++i)
            std::this_thread::sleep_for(5ms);
        QCOMPARE(server->activeConnections(), size_t(2));
        RawConnection c(server->port());
        auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 503);
        QCOMPARE(gatewayCode(r->body), int64_t(14));
        // The held connections still work.
        QVERIFY(a.send("GET /echo/a HTTP/1.1\r\nHost: x\r\n\r\n"));
        QCOMPARE(a.readResponse()->status, 200);
    }

    void stopWithClientsConnected() {
        auto server = startServer(testOptions());
        std::vector<std::unique_ptr<RawConnection>> idle;
        for (int i = 0; i < 10; ++i)
            idle.push_back(std::make_unique<RawConnection>(server->port()));
        for (int i = 0; i < 200 && server->activeConnections() < 10; ++i)
            std::this_thread::sleep_for(5ms);

        // One request in flight when stop begins: it is answered, not cut off.
        std::optional<allora::Result<HttpResponse>> inflight;
        std::thread t([&] { inflight = HttpClient().get(server->baseUrl() + "/slow"); });
        for (int i = 0; i < 200 && server->activeConnections() < 11; ++i)
            std::this_thread::sleep_for(5ms);
        std::this_thread::sleep_for(50ms);

        const auto t0 = Clock::now();
        server->stop();
        const auto took = Clock::now() - t0;
        t.join();
        QVERIFY(took < 1500ms);
        QVERIFY(inflight && inflight->ok());
        QCOMPARE((*inflight)->status, 200u);
        for (auto& c : idle) QVERIFY(c->waitClosed(500ms));

        server->stop();  // twice: harmless
        auto after =
            HttpClient().get("http://127.0.0.1:" + std::to_string(server->port()) + "/echo/x");
        QVERIFY(!after.ok());
    }

    void requestStopFromAnotherThreadAndFromHandler() {
        auto server = startServer(testOptions());
        std::thread([&] { server->requestStop(); }).join();
        QVERIFY(server->stopRequested());
        bool refused = false;
        for (int i = 0; i < 100 && !refused; ++i) {
            refused = !HttpClient().get(server->baseUrl() + "/echo/x").ok();
            if (!refused) std::this_thread::sleep_for(20ms);
        }
        QVERIFY(refused);
        const auto t0 = Clock::now();
        server->stop();
        QVERIFY(Clock::now() - t0 < 1000ms);

        std::atomic<HttpServer*> self{nullptr};
        auto second = startServer(testOptions(), testRouter(&self));
        self = second.get();
        auto r = HttpClient().post(second->baseUrl() + "/shutdown", "{}");
        QVERIFY(r.ok());
        QCOMPARE(r->status, 200u);
        QVERIFY(second->stopRequested());
        second->stop();
    }

    void bindFailureIsReported() {
        auto first = startServer(testOptions());
        HttpServerOptions o = testOptions();
        o.port = first->port();
        HttpServer second(testRouter(), o);
        auto st = second.start();
        QVERIFY(!st.ok());
        QVERIFY(st.message().find(std::to_string(first->port())) != std::string::npos);

        HttpServerOptions badAddress = testOptions();
        badAddress.address = "not-an-ip";
        HttpServer third(testRouter(), badAddress);
        QVERIFY(!third.start().ok());
    }

    void clientErrors() {
        const std::string refusedUrl =
            "http://127.0.0.1:" + std::to_string(unusedPort()) + "/status";
        auto refused = HttpClient().get(refusedUrl);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().find("connection refused") != std::string::npos,
                 refused.message().c_str());
        QVERIFY(refused.message().find("is allorad running?") != std::string::npos);
        QVERIFY(refused.message().find("cannot connect to node at http://127.0.0.1:") == 0);

        auto https = HttpClient().get("https://127.0.0.1:1317/status");
        QVERIFY(!https.ok());
        QVERIFY(https.message().find("only http://") != std::string::npos);
        QVERIFY(!HttpClient().get("127.0.0.1:1317").ok());
        QVERIFY(!HttpClient().get("http://127.0.0.1:1/x", {{"X-Evil", "a\r\nInjected: 1"}}).ok());
        QVERIFY(!HttpClient().request("GET /x", "http://127.0.0.1:1/", {}, {}).ok());

        // A listener that never accepts: the kernel completes the handshake, nobody answers.
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        QCOMPARE(::listen(fd, 4), 0);
        socklen_t len = sizeof addr;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
        HttpClientOptions quick;
        quick.requestTimeout = 200ms;
        const auto t0 = Clock::now();
        auto timeout = HttpClient(quick).get(
            "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/x");
        ::close(fd);
        QVERIFY(!timeout.ok());
        QVERIFY2(timeout.message().find("no answer within 200 ms") != std::string::npos,
                 timeout.message().c_str());
        QVERIFY(Clock::now() - t0 < 2s);
    }
};

QTEST_APPLESS_MAIN(TestHttpServer)
#include "test_http_server.moc"
