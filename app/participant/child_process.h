// Running an operator's model command once: `/bin/sh -c CMD` as a child process (posix_spawn, in
// its own process group), `input` written to its stdin, stdout captured up to a size limit,
// stderr's tail kept for the log, the whole group killed (SIGKILL) on timeout or when `stop`
// becomes true, and the child always reaped.
//
// Why a shell: CMD is the operator's own command line, typed where they start the program, never
// text from the chain or the network (the data goes on stdin as JSON). The shell gives them the
// quoting, pipes and environment variables they expect (`python3 -c "…"`, `cd m && ./predict`)
// with no quoting rules of ours to learn.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace allora::participant {

struct ChildResult {
    enum class End { Exited, Signaled, TimedOut, Stopped, SpawnFailed };
    End end = End::SpawnFailed;
    int exitCode = -1;  // Exited
    int signal = 0;     // Signaled
    std::string out;    // stdout, at most the limit
    bool outTruncated = false;
    std::string errTail;  // the last bytes of stderr (for the log)
    std::string spawnError;

    bool ok() const { return end == End::Exited && exitCode == 0 && !outTruncated; }
    // One phrase for the log: "exited with status 3", "timed out after 10 s (killed)", …
    std::string describe(std::chrono::milliseconds timeout) const;
};

constexpr size_t kMaxChildOutput = 64 * 1024;

ChildResult runShellCommand(const std::string& command, const std::string& input,
                            std::chrono::milliseconds timeout, const std::atomic<bool>& stop,
                            size_t maxOutput = kMaxChildOutput);

}  // namespace allora::participant
