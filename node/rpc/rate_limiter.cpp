#include "node/rpc/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace allora::node::rpc {

RateLimiter::RateLimiter(double ratePerSecond, double burst, size_t maxClients)
    : rate_(ratePerSecond),
      burst_(std::max(burst, 1.0)),
      maxClients_(std::max<size_t>(maxClients, 1)) {}

RateLimiter::Decision RateLimiter::take(std::string_view client, Clock::time_point now) {
    Decision d;
    if (!enabled()) return d;
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(std::string(client));
    if (it == buckets_.end()) {
        if (buckets_.size() >= maxClients_) evict(now);
        it = buckets_.emplace(std::string(client), Bucket{burst_, now}).first;
    }
    Bucket& b = it->second;
    if (now > b.updated) {
        const double elapsed = std::chrono::duration<double>(now - b.updated).count();
        b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
        b.updated = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return d;
    }
    d.allowed = false;
    const double waitSeconds = (1.0 - b.tokens) / rate_;
    d.retryAfter =
        std::chrono::milliseconds(static_cast<long long>(std::ceil(waitSeconds * 1000.0)));
    return d;
}

size_t RateLimiter::trackedClients() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

void RateLimiter::evict(Clock::time_point now) {
    // Called with mutex_ held.
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        const double elapsed = std::chrono::duration<double>(now - it->second.updated).count();
        if (it->second.tokens + elapsed * rate_ >= burst_) {
            it = buckets_.erase(it);
        } else {
            ++it;
        }
    }
    if (buckets_.size() < maxClients_) return;
    auto oldest = std::min_element(
        buckets_.begin(), buckets_.end(),
        [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
    if (oldest != buckets_.end()) buckets_.erase(oldest);
}

}  // namespace allora::node::rpc
