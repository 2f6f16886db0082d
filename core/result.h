// Result<T>: the value of an operation that can fail for a reason a user should read.
//
// Used across the code base instead of exceptions at layer boundaries: a wallet, node or CLI call
// returns Result<T>, and the caller decides whether to show the message, retry or give up.
// Error codes are coarse (what kind of failure); the message says exactly what went wrong.
#pragma once

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace allora {

enum class ErrorCode {
    InvalidArgument,  // malformed input: bad hex, bad bech32, bad amount, bad mnemonic
    NotFound,         // a key, file or record that does not exist
    AlreadyExists,    // a name that is taken
    WrongPassword,    // decryption failed with an authentication error
    Corrupt,          // a file or record that is damaged or of an unknown format
    Overflow,         // arithmetic that would not fit
    Io,               // disk or OS failure
    Crypto,           // a cryptographic library refused (e.g. invalid key)
    Unsupported,      // a version or option this build does not know
    Internal,         // a bug: should never reach a user
};

const char* errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
};

inline Error makeError(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<T>(v_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<T>(v_);
    }
    T&& value() && {
        assert(ok());
        return std::get<T>(std::move(v_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<Error>(v_);
    }
    const std::string& message() const { return error().message; }
    ErrorCode code() const { return error().code; }

private:
    std::variant<T, Error> v_;
};

// Result<void>: success or an error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(failed_);
        return error_;
    }
    const std::string& message() const { return error().message; }
    ErrorCode code() const { return error().code; }

private:
    Error error_;
    bool failed_ = false;
};

using Status = Result<void>;

}  // namespace allora
