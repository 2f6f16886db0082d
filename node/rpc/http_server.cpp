#include "node/rpc/http_server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "node/rpc/rate_limiter.h"

namespace allora::node::rpc {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Strand = net::strand<net::io_context::executor_type>;

static_assert(std::atomic<bool>::is_always_lock_free, "requestStop() must be async-signal-safe");

constexpr auto kStopPollInterval = std::chrono::milliseconds(50);
constexpr auto kLingerTimeout = std::chrono::milliseconds(1000);
constexpr size_t kLingerMaxBytes = 1024 * 1024;

class Session;

// Everything the sessions share with the server. Member order matters for destruction: the
// io_context is declared after the state that sessions touch in their destructors, so handlers
// abandoned by a forced stop can still unregister while the io_context destroys them.
struct ServerCore {
    ServerCore(Router r, HttpServerOptions o)
        : router(std::move(r)),
          opts(std::move(o)),
          limiter(opts.rateLimitPerSecond, opts.rateLimitBurst) {
        if (opts.log && !router.hasExceptionLogger()) {
            router.setExceptionLogger([log = opts.log](std::string_view what) {
                log("api: handler failed: " + std::string(what));
            });
        }
    }

    void log(const std::string& line) const {
        if (opts.log) opts.log(line);
    }
    // False when the server is already stopping: the caller closes the new connection.
    bool registerSession(Session* s, std::weak_ptr<Session> w) {
        std::lock_guard lock(sessionsMutex);
        if (stopping.load()) return false;
        sessions.emplace(s, std::move(w));
        return true;
    }
    void unregisterSession(Session* s) {
        std::lock_guard lock(sessionsMutex);
        sessions.erase(s);
    }
    void beginShutdown();
    void doAccept();
    void onAccept(beast::error_code ec, tcp::socket socket);
    void rejectBusy(tcp::socket& socket);
    void armStopWatch();

    Router router;
    HttpServerOptions opts;
    RateLimiter limiter;
    std::atomic<bool> stopRequested{false};
    std::atomic<bool> stopping{false};
    std::atomic<size_t> active{0};
    std::atomic<uint16_t> boundPort{0};
    std::mutex sessionsMutex;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

    net::io_context ioc;
    Strand acceptStrand{net::make_strand(ioc)};
    tcp::acceptor acceptor{acceptStrand};
    net::steady_timer stopWatch{acceptStrand};
    net::steady_timer acceptRetry{acceptStrand};
    std::optional<net::executor_work_guard<net::io_context::executor_type>> workGuard;
    std::optional<net::thread_pool> blockingPool;
    std::vector<std::thread> threads;
};

// One connection: read a request, answer it, repeat while keep-alive; all on one strand.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, ServerCore& core)
        : stream_(std::move(socket)), buffer_(core.opts.maxHeaderBytes + 64 * 1024), core_(core) {
        ++core_.active;
        beast::error_code ec;
        auto ep = stream_.socket().remote_endpoint(ec);
        if (!ec) clientIp_ = ep.address().to_string();
    }
    ~Session() {
        core_.unregisterSession(this);
        --core_.active;
    }

    void start() {
        if (!core_.registerSession(this, weak_from_this())) {
            closeNow();
            return;
        }
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->doRead(); });
    }

    // Runs on the strand when the server begins to stop.
    void onServerStop() {
        closing_ = true;
        if (state_ == State::Draining) return closeNow();
        // Idle between requests (or not started): nothing is in flight, close now. A request
        // that has begun to arrive is allowed to finish; the answer then carries Connection: close.
        if (state_ == State::Reading && (!parser_ || !parser_->got_some())) closeNow();
    }

    net::any_io_executor executor() { return stream_.get_executor(); }

private:
    enum class State { Reading, Busy, Draining };

    void doRead() {
        if (closing_ || core_.stopping.load()) return closeNow();
        state_ = State::Reading;
        parser_.emplace();
        parser_->header_limit(
            static_cast<std::uint32_t>(std::min<size_t>(core_.opts.maxHeaderBytes, UINT32_MAX)));
        parser_->body_limit(static_cast<std::uint64_t>(core_.opts.maxBodyBytes));
        // One deadline for the whole request: a client trickling a byte at a time cannot extend
        // it, so a slow client holds its connection for at most readTimeout.
        stream_.expires_after(core_.opts.readTimeout);
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::onHeader, shared_from_this()));
    }

    // Headers are in (a declared body over the limit has already failed with body_limit). A
    // client that sent "Expect: 100-continue" (curl does for bodies over 1 KiB) waits for our
    // go-ahead before sending the body; without it every such POST would stall for a second.
    void onHeader(beast::error_code ec, std::size_t n) {
        if (ec) return onRead(ec, n);
        const auto expect = parser_->get()[http::field::expect];
        if (beast::iequals(expect, "100-continue") && !parser_->is_done()) {
            continue_ = {};
            continue_.version(11);
            continue_.result(http::status::continue_);
            http::async_write(stream_, continue_,
                              [self = shared_from_this()](beast::error_code e, std::size_t) {
                                  if (e) return self->closeNow();
                                  self->readBody();
                              });
            return;
        }
        readBody();
    }

    void readBody() {
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::onRead, shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream) return closeNow();
        if (ec == net::error::operation_aborted) return;  // closed by stop
        if (ec == beast::error::timeout) return closeNow();
        if (ec == http::error::body_limit) {
            return sendErrorAndClose(Response::error(413, GrpcCode::ResourceExhausted,
                                                     "request body is larger than " +
                                                         std::to_string(core_.opts.maxBodyBytes) +
                                                         " bytes"));
        }
        if (ec == http::error::header_limit) {
            return sendErrorAndClose(Response::error(431, GrpcCode::InvalidArgument,
                                                     "request headers are larger than " +
                                                         std::to_string(core_.opts.maxHeaderBytes) +
                                                         " bytes"));
        }
        if (ec == http::error::partial_message) return closeNow();  // peer hung up mid-request
        if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
            return sendErrorAndClose(Response::error(GrpcCode::InvalidArgument,
                                                     "malformed HTTP request: " + ec.message()));
        }
        if (ec) return closeNow();  // reset, broken pipe: nobody to answer
        handleRequest(parser_->release());
    }

    void handleRequest(http::request<http::string_body>&& req) {
        state_ = State::Busy;
        keepAlive_ = req.keep_alive();
        version_ = req.version();

        Request r;
        r.method = std::string(req.method_string());
        r.target = std::string(req.target());
        r.clientAddress = clientIp_;
        for (const auto& field : req) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
            if (!inserted) it->second += ", " + std::string(field.value());
        }
        r.body = std::move(req.body());

        RateLimiter::Decision d = core_.limiter.take(clientIp_);
        if (!d.allowed) {
            const long long seconds = std::max<long long>(1, (d.retryAfter.count() + 999) / 1000);
            Response busy = Response::error(GrpcCode::ResourceExhausted,
                                            "too many requests from " + clientIp_ +
                                                "; retry after " + std::to_string(seconds) + " s");
            busy.withHeader("Retry-After", std::to_string(seconds));
            return send(std::move(busy));
        }

        Router::Resolution res = core_.router.resolve(r, core_.opts.apiToken);
        if (!res.route) return send(std::move(res.error));
        if (res.route->options.blocking && core_.blockingPool) {
            net::post(*core_.blockingPool, [self = shared_from_this(), route = res.route,
                                            request = std::move(r)]() mutable {
                Response out = self->core_.router.invoke(*route, request);
                auto ex = self->stream_.get_executor();
                net::post(ex, [self = std::move(self), out = std::move(out)]() mutable {
                    self->send(std::move(out));
                });
            });
            return;
        }
        send(core_.router.invoke(*res.route, r));
    }

    void sendErrorAndClose(Response r) {
        state_ = State::Busy;
        keepAlive_ = false;
        version_ = 11;
        send(std::move(r));
    }

    void send(Response r) {
        res_ = {};
        res_.version(version_);
        res_.result(r.status);
        res_.set(http::field::server, "allorad");
        res_.set(http::field::content_type, r.contentType);
        for (auto& [name, value] : r.headers) res_.insert(name, value);
        res_.body() = std::move(r.body);
        res_.keep_alive(keepAlive_ && !closing_ && !core_.stopping.load());
        res_.prepare_payload();
        stream_.expires_after(core_.opts.writeTimeout);
        http::async_write(stream_, res_,
                          beast::bind_front_handler(&Session::onWrite, shared_from_this()));
    }

    void onWrite(beast::error_code ec, std::size_t) {
        if (ec) return closeNow();
        if (!res_.keep_alive()) return lingeringClose();
        doRead();
    }

    // After an answer with Connection: close, the client may still be sending (a body we refused).
    // Closing with unread bytes makes the kernel send RST, which can destroy our answer before the
    // client reads it; so half-close, then read and discard for a short, bounded while.
    void lingeringClose() {
        state_ = State::Draining;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec || closing_) return closeNow();
        stream_.expires_after(kLingerTimeout);
        drain();
    }

    void drain() {
        stream_.async_read_some(net::buffer(drainBuffer_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    self->drained_ += n;
                                    if (ec || self->drained_ > kLingerMaxBytes) {
                                        return self->closeNow();
                                    }
                                    self->drain();
                                });
    }

    void closeNow() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    ServerCore& core_;
    std::string clientIp_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> res_;
    http::response<http::empty_body> continue_;
    State state_ = State::Reading;
    bool keepAlive_ = false;
    bool closing_ = false;
    unsigned version_ = 11;
    size_t drained_ = 0;
    std::array<char, 4096> drainBuffer_{};
};

void ServerCore::beginShutdown() {
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(sessionsMutex);
        if (stopping.exchange(true)) return;
        for (auto& [ptr, weak] : sessions) {
            if (auto s = weak.lock()) live.push_back(std::move(s));
        }
    }
    net::post(acceptStrand, [this] {
        beast::error_code ec;
        acceptor.close(ec);
        stopWatch.cancel();
        acceptRetry.cancel();
    });
    for (auto& s : live) {
        auto ex = s->executor();
        net::post(ex, [s] { s->onServerStop(); });
    }
}

void ServerCore::doAccept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        onAccept(ec, std::move(socket));
    });
}

void ServerCore::onAccept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || stopping.load()) return;
    if (ec) {
        // EMFILE and friends: retry after a pause rather than spin on the same error.
        log("api: accept failed: " + ec.message());
        acceptRetry.expires_after(std::chrono::milliseconds(100));
        acceptRetry.async_wait([this](beast::error_code e) {
            if (!e && !stopping.load()) doAccept();
        });
        return;
    }
    if (active.load() >= opts.maxConnections) {
        rejectBusy(socket);
    } else {
        std::make_shared<Session>(std::move(socket), *this)->start();
    }
    doAccept();
}

// Over the connection limit: one best-effort, non-blocking write of a canned 503, then close.
// Nothing is read, so this costs the server no more than the accept itself.
void ServerCore::rejectBusy(tcp::socket& socket) {
    static const std::string body =
        gatewayErrorBody(GrpcCode::Unavailable, "too many open connections to the node API");
    static const std::string response =
        "HTTP/1.1 503 Service Unavailable\r\nServer: allorad\r\nContent-Type: application/json\r\n"
        "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    beast::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(net::buffer(response), ec);
    socket.shutdown(tcp::socket::shutdown_send, ec);
    socket.close(ec);
}

// requestStop() may run in a signal handler, where posting to Asio is not allowed; so the flag is
// polled here instead.
void ServerCore::armStopWatch() {
    stopWatch.expires_after(kStopPollInterval);
    stopWatch.async_wait([this](beast::error_code ec) {
        if (ec) return;
        if (stopRequested.load()) return beginShutdown();
        armStopWatch();
    });
}

}  // namespace

class HttpServer::Impl : public ServerCore {
public:
    using ServerCore::ServerCore;
    enum class Phase { Idle, Running, Stopped };
    std::mutex lifecycleMutex;
    Phase phase = Phase::Idle;
};

HttpServer::HttpServer(Router router, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(router), std::move(options))) {}

HttpServer::~HttpServer() {
    stop();
}

Status HttpServer::start() {
    Impl& s = *impl_;
    std::lock_guard lock(s.lifecycleMutex);
    if (s.phase != Impl::Phase::Idle) {
        return makeError(ErrorCode::Internal, "HTTP server started twice");
    }
    beast::error_code ec;
    const auto address = net::ip::make_address(s.opts.address, ec);
    if (ec) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid API listen address '" + s.opts.address + "'");
    }
    const tcp::endpoint endpoint(address, s.opts.port);
    const std::string where = s.opts.address + ":" + std::to_string(s.opts.port);
    s.acceptor.open(endpoint.protocol(), ec);
    if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) s.acceptor.bind(endpoint, ec);
    if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        beast::error_code ignored;
        s.acceptor.close(ignored);
        return makeError(ErrorCode::Io,
                         "cannot listen for the API on " + where + ": " + ec.message());
    }
    s.boundPort = s.acceptor.local_endpoint(ec).port();

    s.workGuard.emplace(net::make_work_guard(s.ioc));
    s.blockingPool.emplace(std::max(1u, s.opts.blockingThreads));
    net::post(s.acceptStrand, [&s] {
        s.doAccept();
        s.armStopWatch();
    });
    const unsigned n = std::max(1u, s.opts.ioThreads);
    for (unsigned i = 0; i < n; ++i) {
        s.threads.emplace_back([&s] {
            // A handler that throws past Router::invoke is a bug; keep serving regardless.
            while (true) {
                try {
                    s.ioc.run();
                    return;
                } catch (const std::exception& e) {
                    s.log(std::string("api: unexpected exception on io thread: ") + e.what());
                }
            }
        });
    }
    s.phase = Impl::Phase::Running;
    s.log("api: listening on " + baseUrl());
    return {};
}

uint16_t HttpServer::port() const {
    return impl_->boundPort.load();
}

std::string HttpServer::baseUrl() const {
    const uint16_t p = port();
    if (p == 0) return {};
    const bool v6 = impl_->opts.address.find(':') != std::string::npos;
    const std::string host = v6 ? "[" + impl_->opts.address + "]" : impl_->opts.address;
    return "http://" + host + ":" + std::to_string(p);
}

void HttpServer::stop() {
    Impl& s = *impl_;
    const bool onOwnThread =
        s.ioc.get_executor().running_in_this_thread() ||
        (s.blockingPool && s.blockingPool->get_executor().running_in_this_thread());
    if (onOwnThread) {
        requestStop();
        return;
    }
    std::lock_guard lock(s.lifecycleMutex);
    if (s.phase != Impl::Phase::Running) {
        s.phase = Impl::Phase::Stopped;
        return;
    }
    s.beginShutdown();
    // Bounded wait for in-flight requests to be answered and their connections to close. The
    // work guard stays until then: a request on the blocking pool has no operation pending on
    // the io_context, which would otherwise run out of work and let the io threads exit before
    // the answer is posted back.
    const auto deadline = std::chrono::steady_clock::now() + s.opts.stopGrace;
    while (s.active.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    s.workGuard.reset();
    // Whatever did not finish in time is abandoned: its handlers are destroyed with the
    // io_context, and queued blocking work is dropped by stop().
    s.ioc.stop();
    for (auto& t : s.threads) t.join();
    s.threads.clear();
    s.blockingPool->stop();
    s.blockingPool->join();
    s.phase = Impl::Phase::Stopped;
    s.log("api: stopped");
}

void HttpServer::requestStop() noexcept {
    impl_->stopRequested.store(true);
}

bool HttpServer::stopRequested() const noexcept {
    return impl_->stopRequested.load() || impl_->stopping.load();
}

size_t HttpServer::activeConnections() const {
    return impl_->active.load();
}

}  // namespace allora::node::rpc
