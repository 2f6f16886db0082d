#include "core/result.h"

namespace allora {

const char* errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument: return "invalid argument";
        case ErrorCode::NotFound: return "not found";
        case ErrorCode::AlreadyExists: return "already exists";
        case ErrorCode::WrongPassword: return "wrong password";
        case ErrorCode::Corrupt: return "corrupt";
        case ErrorCode::Overflow: return "overflow";
        case ErrorCode::Io: return "i/o error";
        case ErrorCode::Crypto: return "crypto error";
        case ErrorCode::Unsupported: return "unsupported";
        case ErrorCode::Internal: return "internal error";
    }
    return "error";
}

}  // namespace allora
