// NodeLog: the last lines the in-process node logged, for the node page's log view. The node logs
// from its own threads through a LogSink; this keeps the newest kMaxLines formatted lines behind
// a mutex (held only to append or copy, never while the node waits on the GUI), and the GUI reads
// what is new by sequence number.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/log.h"

namespace allora::ui {

class NodeLog {
public:
    static constexpr size_t kMaxLines = 5000;

    // A sink that keeps lines at or above `minLevel` here and passes every call on to `next`.
    static LogSink teeSink(std::shared_ptr<NodeLog> log, LogSink next, LogLevel minLevel);

    void append(std::string line);
    // The lines after sequence number `after` (0: all kept), oldest first; `last` is set to the
    // sequence number of the newest line.
    std::vector<std::string> linesAfter(uint64_t after, uint64_t& last) const;
    uint64_t lastSequence() const;

private:
    mutable std::mutex mu_;
    std::deque<std::string> lines_;
    uint64_t last_ = 0;  // sequence number of lines_.back()
};

}  // namespace allora::ui
