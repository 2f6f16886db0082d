#include "app/cli/terminal.h"

#include <termios.h>
#include <unistd.h>
#include <QString>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>

#include "core/password_seal.h"

namespace allora::cli {
namespace {

constexpr size_t kMaxLine = 4096;
// (Not SIGTSTP: resuming a stopped prompt with echo back on would show the rest of the secret.)
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// The terminal state to restore if a signal arrives while echo is off. Only touched by the
// reading thread and the handler (async-signal-safe calls only).
struct termios g_savedTermios;
volatile sig_atomic_t g_echoOff = 0;

extern "C" void restoreTerminalAndReraise(int sig) {
    if (g_echoOff) tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTermios);
    signal(sig, SIG_DFL);
    raise(sig);
}

// Turns echo off for its lifetime (keeping the newline echo, so the cursor moves on).
class EchoOff {
public:
    EchoOff() {
        if (tcgetattr(STDIN_FILENO, &g_savedTermios) != 0) return;
        struct termios quiet = g_savedTermios;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        struct sigaction sa {};
        sa.sa_handler = restoreTerminalAndReraise;
        sigemptyset(&sa.sa_mask);
        for (size_t i = 0; i < std::size(kSignals); ++i) sigaction(kSignals[i], &sa, &previous_[i]);
        g_echoOff = 1;
        active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff() {
        if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTermios);
        g_echoOff = 0;
        for (size_t i = 0; i < std::size(kSignals); ++i)
            sigaction(kSignals[i], &previous_[i], nullptr);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    struct sigaction previous_[std::size(kSignals)]{};
    bool active_ = false;
};

Result<std::optional<SecureBytes>> readRawLine() {
    SecureBytes buf(kMaxLine);
    size_t n = 0;
    bool sawAny = false;
    for (;;) {
        uint8_t c = 0;
        const ssize_t r = ::read(STDIN_FILENO, &c, 1);
        if (r < 0) {
            if (errno == EINTR) continue;
            return makeError(ErrorCode::Io,
                             std::string("cannot read stdin: ") + std::strerror(errno));
        }
        if (r == 0) {
            if (!sawAny) return std::optional<SecureBytes>();
            break;
        }
        sawAny = true;
        if (c == '\n') break;
        if (n == buf.size()) return makeError(ErrorCode::InvalidArgument, "input line too long");
        buf[n++] = c;
    }
    if (n > 0 && buf[n - 1] == '\r') --n;
    return std::optional<SecureBytes>(SecureBytes(ByteSpan(buf.data(), n)));
}

Error missing(std::string_view what) {
    return makeError(ErrorCode::InvalidArgument,
                     "expected " + std::string(what) +
                         (stdinIsTerminal() ? std::string() : " on stdin (one item per line)"));
}

}  // namespace

bool stdinIsTerminal() {
    return isatty(STDIN_FILENO) == 1;
}

Result<std::optional<SecureBytes>> readLine(std::string_view prompt, bool echo) {
    if (!stdinIsTerminal()) return readRawLine();
    std::cerr << prompt << std::flush;
    if (echo) return readRawLine();
    EchoOff quiet;
    return readRawLine();
}

Result<SecureBytes> readSecret(std::string_view prompt, std::string_view what) {
    auto line = readLine(prompt, false);
    if (!line) return line.error();
    if (!*line) return missing(what);
    return std::move(**line);
}

Result<SecureBytes> readNewSecret(std::string_view prompt, std::string_view what, bool checkRules,
                                  bool optionalConfirmation) {
    auto first = readSecret(prompt, what);
    if (!first) return first.error();
    if (checkRules)
        if (Status s = allora::validatePassword(*first); !s) return s.error();
    std::optional<SecureBytes> again;
    if (stdinIsTerminal()) {
        auto second = readSecret("Repeat it: ", what);
        if (!second) return second.error();
        again = std::move(*second);
    } else if (optionalConfirmation) {
        auto second = readRawLine();
        if (!second) return second.error();
        again = std::move(*second);
    }
    if (again && !(*again == *first))
        return makeError(ErrorCode::InvalidArgument,
                         "the two entries of " + std::string(what) + " do not match");
    return std::move(*first);
}

Result<bool> confirm(std::string_view question) {
    auto line = readLine(std::string(question) + " [y/N]: ", true);
    if (!line) return line.error();
    if (!*line) return false;
    const std::string_view answer = (*line)->view();
    return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES" || answer == "Yes";
}

SecureBytes normalizeNfkd(const SecureBytes& text) {
    if (text.empty()) return {};
    QString s = QString::fromUtf8(text.view().data(), static_cast<qsizetype>(text.size()));
    QString n = s.normalized(QString::NormalizationForm_KD);
    QByteArray utf8 = n.toUtf8();
    SecureBytes out(ByteSpan(reinterpret_cast<const uint8_t*>(utf8.constData()),
                             static_cast<size_t>(utf8.size())));
    // Qt's buffers are ordinary heap memory: wipe them before they are freed.
    secureWipe(s.data(), static_cast<size_t>(s.size()) * sizeof(QChar));
    secureWipe(n.data(), static_cast<size_t>(n.size()) * sizeof(QChar));
    secureWipe(utf8.data(), static_cast<size_t>(utf8.size()));
    return out;
}

void writeRaw(int fd, std::string_view data) {
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        done += static_cast<size_t>(n);
    }
}

}  // namespace allora::cli
