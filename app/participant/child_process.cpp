#include "app/participant/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

extern char** environ;

namespace allora::participant {

namespace {

constexpr size_t kErrTail = 400;

void closeFd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

std::string seconds(std::chrono::milliseconds ms) {
    if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000) + " s";
    return std::to_string(ms.count()) + " ms";
}

}  // namespace

std::string ChildResult::describe(std::chrono::milliseconds timeout) const {
    switch (end) {
        case End::Exited:
            if (outTruncated)
                return "printed more than " + std::to_string(kMaxChildOutput) + " bytes";
            return "exited with status " + std::to_string(exitCode);
        case End::Signaled:
            return std::string("was killed by signal ") + std::to_string(signal) + " (" +
                   ::strsignal(signal) + ")";
        case End::TimedOut:
            return "timed out after " + seconds(timeout) + " (killed)";
        case End::Stopped:
            return "was stopped (the program is shutting down)";
        case End::SpawnFailed:
            return "could not be started: " + spawnError;
    }
    return "?";
}

ChildResult runShellCommand(const std::string& command, const std::string& input,
                            std::chrono::milliseconds timeout, const std::atomic<bool>& stop,
                            size_t maxOutput) {
    ChildResult r;
    int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
        ::pipe2(err, O_CLOEXEC) != 0) {
        r.spawnError = std::strerror(errno);
        for (int* p : {in, out, err}) closeFd(p[0]), closeFd(p[1]);
        return r;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group, so that a timeout kills what the shell started too; default signal
    // dispositions (ours ignore SIGPIPE).
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    std::string sh = "/bin/sh", dashC = "-c", cmd = command;
    char* argv[] = {sh.data(), dashC.data(), cmd.data(), nullptr};
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    closeFd(in[0]);
    closeFd(out[1]);
    closeFd(err[1]);
    if (rc != 0) {
        r.spawnError = std::strerror(rc);
        closeFd(in[1]);
        closeFd(out[0]);
        closeFd(err[0]);
        return r;
    }
    for (int fd : {in[1], out[0], err[0]}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (input.empty()) closeFd(in[1]);

    size_t written = 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool killed = false;
    char buf[4096];
    while (out[0] >= 0 || err[0] >= 0) {
        if (stop.load() || std::chrono::steady_clock::now() >= deadline) {
            r.end = stop.load() ? ChildResult::End::Stopped : ChildResult::End::TimedOut;
            ::kill(-pid, SIGKILL);
            killed = true;
            break;
        }
        std::vector<pollfd> fds;
        if (in[1] >= 0) fds.push_back({in[1], POLLOUT, 0});
        if (out[0] >= 0) fds.push_back({out[0], POLLIN, 0});
        if (err[0] >= 0) fds.push_back({err[0], POLLIN, 0});
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        const int wait = static_cast<int>(std::clamp<long long>(left.count(), 0, 100));
        if (::poll(fds.data(), fds.size(), wait) < 0 && errno != EINTR) break;
        for (const pollfd& p : fds) {
            if (p.revents == 0) continue;
            if (p.fd == in[1]) {
                // A child that exits without reading its stdin must not kill us with SIGPIPE,
                // whatever the process's disposition: blocked for this write, and a signal it
                // raised is consumed.
                sigset_t pipeSet, old;
                sigemptyset(&pipeSet);
                sigaddset(&pipeSet, SIGPIPE);
                ::pthread_sigmask(SIG_BLOCK, &pipeSet, &old);
                const ssize_t n = ::write(in[1], input.data() + written, input.size() - written);
                const int writeErrno = errno;
                if (n < 0 && writeErrno == EPIPE) {
                    const timespec zero{};
                    ::sigtimedwait(&pipeSet, nullptr, &zero);
                }
                ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
                if (n > 0) written += static_cast<size_t>(n);
                // Done, or the child closed its stdin without reading it all: its choice.
                if (written == input.size() ||
                    (n < 0 && writeErrno != EAGAIN && writeErrno != EINTR))
                    closeFd(in[1]);
                continue;
            }
            const ssize_t n = ::read(p.fd, buf, sizeof buf);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
                if (p.fd == out[0]) closeFd(out[0]);
                if (p.fd == err[0]) closeFd(err[0]);
                continue;
            }
            if (n < 0) continue;
            if (p.fd == out[0]) {
                const size_t room = maxOutput - std::min(maxOutput, r.out.size());
                r.out.append(buf, std::min(room, static_cast<size_t>(n)));
                if (static_cast<size_t>(n) > room) r.outTruncated = true;
            } else {
                r.errTail.append(buf, static_cast<size_t>(n));
                if (r.errTail.size() > 4 * kErrTail)
                    r.errTail.erase(0, r.errTail.size() - kErrTail);
            }
        }
    }
    closeFd(in[1]);
    closeFd(out[0]);
    closeFd(err[0]);
    // Both pipes closed: the child is exiting (or has detached its output, which a deadline still
    // bounds: wait for it under the same deadline).
    int status = 0;
    for (;;) {
        const pid_t w = ::waitpid(pid, &status, killed ? 0 : WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) break;
        if (w == 0) {
            if (stop.load() || std::chrono::steady_clock::now() >= deadline) {
                r.end = stop.load() ? ChildResult::End::Stopped : ChildResult::End::TimedOut;
                ::kill(-pid, SIGKILL);
                killed = true;
                continue;
            }
            ::usleep(10'000);
        }
    }
    if (killed) {
        ::kill(-pid, SIGKILL);  // anything the shell left behind in the group
    } else if (WIFEXITED(status)) {
        r.end = ChildResult::End::Exited;
        r.exitCode = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        r.end = ChildResult::End::Signaled;
        r.signal = WTERMSIG(status);
    }
    if (r.errTail.size() > kErrTail) r.errTail.erase(0, r.errTail.size() - kErrTail);
    return r;
}

}  // namespace allora::participant
