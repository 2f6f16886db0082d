// Where a program keeps its files. One "home" directory per node/wallet, as allorad has:
//   HOME/config    configuration (issue 3: config.toml, genesis.json, node and validator keys)
//   HOME/data      the node's SQLite database
//   HOME/keyring-file, HOME/keyring-test   the wallet's keys (wallet/keyring.h)
// The default home is $ALLORA_HOME if set, else $XDG_DATA_HOME/allora, else ~/.local/share/allora.
// Every program takes --home DIR to override it.
#pragma once

#include <filesystem>

namespace allora {

std::filesystem::path defaultHome();
const char* versionString();

}  // namespace allora
