// `allora-cli keys …`: the keyring from a terminal, with `allorad keys`' command names.
// cmd_keys.cpp dispatches and holds list/show/delete; cmd_keys_add.cpp add and derive;
// cmd_keys_transfer.cpp export and import.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/cli/cli_context.h"
#include "wallet/keyring.h"

namespace allora::cli {

int runKeys(CliContext& ctx, ArgStream& args);

using Words = std::vector<std::string>;
int keysAdd(CliContext& ctx, const Words& words);
int keysDerive(CliContext& ctx, const Words& words);
int keysExport(CliContext& ctx, const Words& words);
int keysImport(CliContext& ctx, const Words& words);

// Shared by the subcommands.
Result<uint32_t> parseIndexFlag(const Options& options);  // --index, default 0
// Prints one key: YAML-like text (as allorad) or a JSON object.
void printKey(const wallet::KeyInfo& key, OutputFormat format);
std::string keyJson(const wallet::KeyInfo& key);       // {"name",…,"pubkey":{…}}
std::string pubkeyJson(const secp256k1::PubKey& pub);  // Cosmos Any-style JSON
// The File backend needs a password for every secret operation; the Test backend none.
bool needsPassword(const wallet::Keyring& keyring);

}  // namespace allora::cli
