#include "core/paths.h"

#include <cstdlib>

namespace allora {

std::filesystem::path defaultHome() {
    if (const char* h = std::getenv("ALLORA_HOME"); h && *h) return h;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
        return std::filesystem::path(x) / "allora";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "allora";
    return std::filesystem::current_path() / ".allora";
}

const char* versionString() { return ALLORA_VERSION; }

}  // namespace allora
