// The node's HTTP/JSON API server (Boost.Beast over Asio), bound to 127.0.0.1 by default.
//
// Threads: the server OWNS its io_context and a pool of `ioThreads` threads that run it (accept,
// read, write, and handlers of non-blocking routes), plus a separate pool of `blockingThreads` for
// routes marked RouteOptions::blocking (chain queries that may wait on a lock or the disk). It does
// not share the p2p io_context: a flood of API requests then cannot delay block gossip, and
// stopping the API never touches the network layer. Each connection runs on its own strand.
//
// Limits, each answered with a gateway-shaped JSON error (http_message.h) and never a crash:
// header size (431), body size (413), request line / headers malformed (400), a request that has
// not fully arrived within `readTimeout` (connection closed: a slowloris client holds one slot for
// at most that long), `maxConnections` open at once (503), and a per-client-IP token bucket (429
// with Retry-After).
//
// Shutdown: stop() stops accepting, lets requests already being handled finish and be answered
// (up to `stopGrace`), closes idle keep-alive connections, then joins every thread. It is safe to
// call twice and from the destructor. A blocking handler still running after the grace period is
// waited for (threads cannot be killed): one more reason for chain queries to be short. From a
// signal handler call only requestStop(): it stores to a lock-free atomic, which a timer on the
// io_context notices within ~50 ms to begin the same graceful shutdown; the owner then calls
// stop() from its own thread to join.
//
// Beast stays out of this header (pimpl), so code that only starts and stops the server does not
// compile it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/rpc/router.h"

namespace allora::node::rpc {

struct HttpServerOptions {
    std::string address = "127.0.0.1";  // "0.0.0.0" or "::" only when the user asks for it
    uint16_t port = 1317;               // 0: an ephemeral port, see HttpServer::port()
    unsigned ioThreads = 2;
    unsigned blockingThreads = 2;
    size_t maxHeaderBytes = 16 * 1024;
    size_t maxBodyBytes = 1024 * 1024;
    std::chrono::milliseconds readTimeout{10'000};   // whole request, including keep-alive idle
    std::chrono::milliseconds writeTimeout{10'000};  // whole response
    std::chrono::milliseconds stopGrace{5'000};      // in-flight requests may finish within this
    size_t maxConnections = 256;
    double rateLimitPerSecond = 50;  // per client IP; <= 0 disables
    double rateLimitBurst = 100;
    // Bearer token for RouteOptions::requiresAuth routes (api_token.h). Empty: such routes are
    // always refused with 401.
    std::string apiToken;
    // Receives one line per notable event (bind address, handler failures, accept errors).
    // Called from io threads; may be empty.
    std::function<void(std::string_view)> log;
};

class HttpServer {
public:
    // The router is moved in and read-only from here on.
    HttpServer(Router router, HttpServerOptions options);
    ~HttpServer();  // stop()
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and starts the threads. Io when the address is taken or invalid; calling
    // start() twice or after stop() is Internal.
    Status start();

    // The bound port (the real one when the options asked for 0); 0 before start().
    uint16_t port() const;
    // "http://127.0.0.1:PORT", for clients and log lines; empty before start().
    std::string baseUrl() const;

    // Graceful stop and join; idempotent. Called from one of the server's own threads (a handler)
    // it cannot join itself, so it only does requestStop() and returns.
    void stop();
    // Async-signal-safe: sets a flag; shutdown begins within ~50 ms. Does not join.
    void requestStop() noexcept;
    bool stopRequested() const noexcept;

    // Connections open right now (for tests and the status page).
    size_t activeConnections() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace allora::node::rpc
