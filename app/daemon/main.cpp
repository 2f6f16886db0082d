// allorad: the node without a window. Its commands (init, genesis, start, status) arrive with the
// chain (issue 3); until then it reports its version and home and refuses unknown commands.
#include <cstring>
#include <iostream>
#include <string_view>

#include "core/paths.h"

int main(int argc, char** argv) {
    const std::string_view cmd = argc > 1 ? argv[1] : "help";
    if (cmd == "version" || cmd == "--version") {
        std::cout << allora::versionString() << "\n";
        return 0;
    }
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
        std::cout << "allorad " << allora::versionString() << ": the Allora node, headless\n\n"
                  << "Usage: allorad COMMAND [flags]\n\n"
                  << "Commands:\n"
                  << "  version    print the version\n"
                  << "  help       this text\n\n"
                  << "Default home: " << allora::defaultHome().string() << "\n";
        return 0;
    }
    std::cerr << "allorad: unknown command '" << cmd << "' (try 'allorad help')\n";
    return 2;
}
