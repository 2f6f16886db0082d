#include "core/log.h"

#include "core/civil_time.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <ostream>

namespace allora {

const char* logLevelName(LogLevel level) {
    switch (level) {
        case LogLevel::Debug:
            return "DEBUG";
        case LogLevel::Info:
            return "INFO";
        case LogLevel::Warn:
            return "WARN";
        case LogLevel::Error:
            return "ERROR";
    }
    return "?";
}

std::optional<LogLevel> parseLogLevel(std::string_view text) {
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lower == "debug") return LogLevel::Debug;
    if (lower == "info") return LogLevel::Info;
    if (lower == "warn" || lower == "warning") return LogLevel::Warn;
    if (lower == "error") return LogLevel::Error;
    return std::nullopt;
}

std::string formatLogLine(LogLevel level, std::string_view component, std::string_view message,
                          int64_t unixMillis) {
    std::string line = formatRfc3339Nanos(unixMillis * 1'000'000, 3);
    line += ' ';
    std::string name = logLevelName(level);
    name.resize(5, ' ');
    line += name;
    line += ' ';
    if (!component.empty()) {
        line += component;
        line += ": ";
    }
    line += message;
    return line;
}

LogSink makeStreamSink(std::ostream& out, LogLevel minLevel) {
    auto mu = std::make_shared<std::mutex>();
    return
        [&out, minLevel, mu](LogLevel level, std::string_view component, std::string_view message) {
            if (level < minLevel) return;
            const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
            const std::string line = formatLogLine(level, component, message, now);
            std::lock_guard lock(*mu);
            out << line << '\n';
            out.flush();
        };
}

}  // namespace allora
