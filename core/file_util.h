// Small files written so that a crash never leaves a half-written one under its final name.
//
// writeFileAtomic writes a temporary file in the same directory (same filesystem, so the rename is
// atomic), fsyncs it, renames it over the final name and fsyncs the directory, so that after a
// crash or power cut the path holds either the old content or the new, never a mix or nothing.
// Key files and configuration go through here.
#pragma once

#include <cstddef>
#include <filesystem>

#include "core/bytes.h"
#include "core/result.h"

namespace allora {

constexpr std::filesystem::perms kOwnerReadWrite =
    std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;

enum class IfExists {
    Replace,  // overwrite an existing file (atomically)
    Fail,     // AlreadyExists if the path exists; never overwrites, even under a race
};

// Writes `data` to `path` with exactly `perms` (the umask does not widen or narrow them).
Status writeFileAtomic(const std::filesystem::path& path, ByteSpan data,
                       std::filesystem::perms perms = kOwnerReadWrite,
                       IfExists ifExists = IfExists::Replace);

// Reads a whole regular file. NotFound when it does not exist; Corrupt when it is larger than
// maxSize (a key or config file that big is not one we wrote); Io for anything else.
Result<Bytes> readFile(const std::filesystem::path& path, size_t maxSize);

// Removes a file and fsyncs its directory, so the removal survives a crash.
// NotFound when the file does not exist.
Status removeFileDurable(const std::filesystem::path& path);

// Makes the directory's entries (creations, renames, removals) durable.
Status syncDirectory(const std::filesystem::path& dir);

}  // namespace allora
