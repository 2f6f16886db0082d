#include "core/file_util.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/encoding.h"

namespace allora {
namespace fs = std::filesystem;

namespace {

std::string describeErrno(int err) {
    return std::strerror(err);
}

Error ioError(ErrorCode code, std::string_view what, const fs::path& path, int err) {
    return makeError(code, std::string(what) + " '" + path.string() + "': " + describeErrno(err));
}

// open/close wrapper so every early return closes the descriptor.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    // close() reports errors that a destructor would swallow (e.g. NFS write-back failures).
    int close() {
        const int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }

private:
    int fd_;
};

fs::path directoryOf(const fs::path& path) {
    fs::path dir = path.parent_path();
    return dir.empty() ? fs::path(".") : dir;
}

Status writeAll(int fd, ByteSpan data, const fs::path& path) {
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return ioError(ErrorCode::Io, "cannot write", path, errno);
        }
        done += static_cast<size_t>(n);
    }
    return {};
}

}  // namespace

Status syncDirectory(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) return ioError(ErrorCode::Io, "cannot open directory", dir, errno);
    // Some filesystems do not support fsync on directories (EINVAL); there is nothing more to do.
    if (::fsync(fd.get()) != 0 && errno != EINVAL)
        return ioError(ErrorCode::Io, "cannot sync directory", dir, errno);
    return {};
}

Status writeFileAtomic(const fs::path& path, ByteSpan data, fs::perms perms, IfExists ifExists) {
    initCrypto();
    const fs::path dir = directoryOf(path);
    // A dot-name with a random suffix: invisible to the keyring's listing (key names cannot
    // start with '.'), and two writers never share a temporary file.
    uint8_t suffix[8];
    randombytes_buf(suffix, sizeof suffix);
    const fs::path tmp =
        dir / ("." + path.filename().string() + ".tmp-" + toHex(ByteSpan(suffix, sizeof suffix)));
    const auto mode = static_cast<mode_t>(perms & fs::perms::mask);

    {
        Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
        if (fd.get() < 0) return ioError(ErrorCode::Io, "cannot create", tmp, errno);
        auto fail = [&](Error e) -> Status {
            ::unlink(tmp.c_str());
            return e;
        };
        // open() applies the umask; fchmod sets exactly what was asked for.
        if (::fchmod(fd.get(), mode) != 0)
            return fail(ioError(ErrorCode::Io, "cannot set permissions of", tmp, errno));
        if (Status s = writeAll(fd.get(), data, tmp); !s) return fail(s.error());
        if (::fsync(fd.get()) != 0) return fail(ioError(ErrorCode::Io, "cannot sync", tmp, errno));
        if (fd.close() != 0) return fail(ioError(ErrorCode::Io, "cannot close", tmp, errno));
    }

    if (ifExists == IfExists::Replace) {
        if (::rename(tmp.c_str(), path.c_str()) != 0) {
            const int err = errno;
            ::unlink(tmp.c_str());
            return ioError(ErrorCode::Io, "cannot rename into", path, err);
        }
    } else {
        // link() fails with EEXIST instead of replacing, atomically: two processes adding the
        // same name cannot both succeed.
        if (::link(tmp.c_str(), path.c_str()) != 0) {
            const int err = errno;
            ::unlink(tmp.c_str());
            if (err == EEXIST)
                return makeError(ErrorCode::AlreadyExists,
                                 "'" + path.string() + "' already exists");
            return ioError(ErrorCode::Io, "cannot create", path, err);
        }
        ::unlink(tmp.c_str());
    }
    return syncDirectory(dir);
}

Result<Bytes> readFile(const fs::path& path, size_t maxSize) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT)
            return makeError(ErrorCode::NotFound, "file '" + path.string() + "' does not exist");
        return ioError(ErrorCode::Io, "cannot open", path, errno);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return ioError(ErrorCode::Io, "cannot stat", path, errno);
    if (!S_ISREG(st.st_mode))
        return makeError(ErrorCode::Io, "'" + path.string() + "' is not a regular file");
    const auto tooLarge = [&] {
        return makeError(ErrorCode::Corrupt, "file '" + path.string() + "' is too large (limit " +
                                                 std::to_string(maxSize) + " bytes)");
    };
    if (static_cast<uint64_t>(st.st_size) > maxSize) return tooLarge();

    // Read until EOF rather than trusting st_size: the file may change while we read it.
    Bytes out(static_cast<size_t>(st.st_size));
    size_t done = 0;
    for (;;) {
        if (done == out.size()) {
            if (out.size() > maxSize) return tooLarge();
            out.resize(out.size() + 4096);
        }
        const ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return ioError(ErrorCode::Io, "cannot read", path, errno);
        }
        if (n == 0) break;
        done += static_cast<size_t>(n);
    }
    if (done > maxSize) return tooLarge();
    out.resize(done);
    return out;
}

Status removeFileDurable(const fs::path& path) {
    if (::unlink(path.c_str()) != 0) {
        if (errno == ENOENT)
            return makeError(ErrorCode::NotFound, "file '" + path.string() + "' does not exist");
        return ioError(ErrorCode::Io, "cannot remove", path, errno);
    }
    return syncDirectory(directoryOf(path));
}

}  // namespace allora
