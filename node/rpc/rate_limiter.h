// A token bucket per client IP: each client may make `burst` requests at once and `ratePerSecond`
// sustained. The API is on localhost, so this is not DoS protection against the internet; it keeps
// one runaway local script from starving the desktop app and the CLI of the node's attention.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace allora::node::rpc {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    // ratePerSecond <= 0 disables limiting (every request is allowed). `maxClients` bounds the
    // memory held for distinct addresses; when it is reached, buckets that have refilled
    // completely (and so carry no information) are dropped, and failing that the oldest one.
    RateLimiter(double ratePerSecond, double burst, size_t maxClients = 4096);

    struct Decision {
        bool allowed = true;
        std::chrono::milliseconds retryAfter{0};  // when refused: until one token is available
    };

    // Takes one token from `client`'s bucket at time `now` (a parameter so tests control time).
    Decision take(std::string_view client, Clock::time_point now = Clock::now());

    bool enabled() const { return rate_ > 0; }
    size_t trackedClients() const;

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };
    void evict(Clock::time_point now);

    double rate_;
    double burst_;
    size_t maxClients_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace allora::node::rpc
