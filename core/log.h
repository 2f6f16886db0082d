// Log lines a person can read: "2026-11-22T05:01:02.345Z INFO  consensus: committed block 12".
//
// Libraries never print: they take a LogSink and call it with a level, a component and a
// message. The program decides where lines go (allorad: stderr; allora-qt: the node page's log
// view and a file). A sink may be called from any thread; makeStreamSink serialises its writes.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace allora {

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3 };

using LogSink = std::function<void(LogLevel, std::string_view component, std::string_view message)>;

const char* logLevelName(LogLevel level);  // "DEBUG", "INFO", "WARN", "ERROR"
// "debug" | "info" | "warn" | "error" (any case); nullopt otherwise.
std::optional<LogLevel> parseLogLevel(std::string_view text);

// One formatted line (no trailing newline) with the UTC wall-clock time in milliseconds.
std::string formatLogLine(LogLevel level, std::string_view component, std::string_view message,
                          int64_t unixMillis);

// Writes lines at or above `minLevel` to `out` (which must outlive the sink), one whole line per
// call even when several threads log at once.
LogSink makeStreamSink(std::ostream& out, LogLevel minLevel);

// Calls `sink` when it is set; the one place that checks for an empty sink.
inline void logTo(const LogSink& sink, LogLevel level, std::string_view component,
                  std::string_view message) {
    if (sink) sink(level, component, message);
}

}  // namespace allora
