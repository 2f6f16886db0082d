// Reading passwords and mnemonics. On a terminal: a prompt on stderr and echo off (termios),
// restored even if the user presses Ctrl-C. Otherwise (a pipe, a file, a test harness): the next
// line of stdin, no prompt, so scripts can feed every item one per line.
// Secrets are read byte by byte straight into SecureBytes: no stdio buffer keeps a copy.
#pragma once

#include <optional>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace allora::cli {

bool stdinIsTerminal();

// One line (without its "\n" or "\r\n"), nullopt at the end of input. `echo` only matters on a
// terminal.
Result<std::optional<SecureBytes>> readLine(std::string_view prompt, bool echo);

// A line that must be there: the end of input is an InvalidArgument error naming `what`
// ("expected the password on stdin").
Result<SecureBytes> readSecret(std::string_view prompt, std::string_view what);

// A new password or passphrase. On a terminal it is asked twice and must match. From stdin it is
// one line; with `optionalConfirmation` (only for the last item a command reads) a second line,
// if present, must match it. With `checkRules`, allora::validatePassword (core/password_seal.h)
// applies (checked before asking the second time).
Result<SecureBytes> readNewSecret(std::string_view prompt, std::string_view what, bool checkRules,
                                  bool optionalConfirmation);

// Asks a y/N question on the terminal; anything but y/yes is no.
Result<bool> confirm(std::string_view question);

// Unicode NFKD, as BIP-39 requires of passphrases.
SecureBytes normalizeNfkd(const SecureBytes& text);

// Writes bytes straight to a file descriptor (for secrets: no iostream buffer keeps a copy).
void writeRaw(int fd, std::string_view data);
inline void writeRaw(int fd, const SecureBytes& data) {
    writeRaw(fd, data.view());
}

}  // namespace allora::cli
