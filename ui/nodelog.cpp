#include "ui/nodelog.h"

#include <chrono>

namespace allora::ui {

LogSink NodeLog::teeSink(std::shared_ptr<NodeLog> log, LogSink next, LogLevel minLevel) {
    return [log = std::move(log), next = std::move(next), minLevel](
               LogLevel level, std::string_view component, std::string_view message) {
        if (level >= minLevel) {
            const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
            log->append(formatLogLine(level, component, message, now));
        }
        if (next) next(level, component, message);
    };
}

void NodeLog::append(std::string line) {
    std::lock_guard lock(mu_);
    lines_.push_back(std::move(line));
    ++last_;
    if (lines_.size() > kMaxLines) lines_.pop_front();
}

std::vector<std::string> NodeLog::linesAfter(uint64_t after, uint64_t& last) const {
    std::lock_guard lock(mu_);
    last = last_;
    const uint64_t first = last_ - lines_.size() + 1;  // sequence number of lines_.front()
    const uint64_t from = after + 1 > first ? after + 1 : first;
    std::vector<std::string> out;
    for (uint64_t seq = from; seq <= last_; ++seq) out.push_back(lines_[seq - first]);
    return out;
}

uint64_t NodeLog::lastSequence() const {
    std::lock_guard lock(mu_);
    return last_;
}

}  // namespace allora::ui
