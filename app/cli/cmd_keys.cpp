#include "app/cli/cmd_keys.h"

#include <boost/json.hpp>
#include <charconv>
#include <iostream>

#include "app/cli/terminal.h"
#include "core/encoding.h"

namespace allora::cli {
namespace json = boost::json;
namespace {

constexpr std::string_view kKeysHelp = R"(Usage: allora-cli keys COMMAND [ARGS] [flags]

Manage the keys of the local keyring (the commands of `allorad keys`).

Commands:
  add NAME [--index N] [--words 12|15|18|21|24] [--passphrase]
        Create a key from a new mnemonic. The mnemonic is shown once: write it down.
  add NAME --recover [--index N] [--passphrase]
        Restore a key from an existing BIP-39 mnemonic.
  list  List all keys, sorted by name.
  show NAME [--address | --pubkey]
        Show a key; --address prints only the address, --pubkey only the public key
        (33 bytes hex, or {"@type","key"} with --output json).
  delete NAME [--yes]
        Delete a key (asks for confirmation unless --yes).
  export NAME
        Print the key encrypted under a new export passphrase (armored keystore JSON).
  export NAME --unsafe --mnemonic
        Print the key's mnemonic in the clear.
  import NAME FILE
        Store a key written by `keys export` (or a NAME.key file) under NAME.
  derive [--index N] [--prefix HRP] [--pubkey] [--passphrase]
        Print the address of a mnemonic read from stdin (and its public key in hex on a
        second line with --pubkey). Does not touch the keyring.

Flags:
  --index N          account index i of m/44'/118'/0'/0/i (default 0)
  --words N          words in a new mnemonic (default 24)
  --recover          read an existing mnemonic instead of creating one
  --passphrase       also ask for a BIP-39 passphrase (the "25th word"; NFKD-normalised)
  --prefix HRP       address prefix for derive (default allo)
  --yes              delete without asking

Global flags:
  --home DIR                     home directory (default: $ALLORA_HOME, else
                                 $XDG_DATA_HOME/allora or ~/.local/share/allora)
  --keyring-dir DIR              where the keyring lives (default: the home); keys are in
                                 DIR/keyring-file/NAME.key or DIR/keyring-test/NAME.json
  --keyring-backend file|test    file: encrypted with a password of at least 8 characters
                                 (default); test: unencrypted, for devnets and scripts
  --output text|json             output format (default text)

Input. On a terminal, secrets are prompted for without echo and new passwords asked twice.
When stdin is not a terminal, give one item per line, in this order (the test backend asks
for no key passwords: leave those lines out):
  add NAME                       password, [password again]
  add NAME --recover             mnemonic, [BIP-39 passphrase if --passphrase],
                                 password, [password again]
  export NAME                    key password, export passphrase, [export passphrase again]
  export NAME --unsafe --mnemonic   key password
  import NAME FILE               export passphrase, password for the new key, [again]
  derive                         mnemonic, [BIP-39 passphrase if --passphrase]
  delete NAME                    (needs --yes)

Exit status: 0 success, 1 failure (wrong password, key not found, I/O error),
2 invalid usage or input (unknown flag, bad key name, invalid mnemonic).
)";

int keysList(CliContext& ctx, const Words&);
int keysShow(CliContext& ctx, const Words& words);
int keysDelete(CliContext& ctx, const Words& words);

struct Subcommand {
    std::string_view name;
    std::vector<OptionSpec> options;
    size_t minWords;
    size_t maxWords;
    std::string_view usage;
    int (*run)(CliContext&, const Words&);
};

const Subcommand kSubcommands[] = {
    {"add",
     {{"index", true}, {"words", true}, {"recover", false}, {"passphrase", false}},
     1,
     1,
     "keys add NAME [--recover] [--index N] [--words N] [--passphrase]",
     keysAdd},
    {"list", {}, 0, 0, "keys list", keysList},
    {"show",
     {{"address", false}, {"pubkey", false}},
     1,
     1,
     "keys show NAME [--address|--pubkey]",
     keysShow},
    {"delete", {{"yes", false}, {"y", false}}, 1, 1, "keys delete NAME [--yes]", keysDelete},
    {"export",
     {{"unsafe", false}, {"mnemonic", false}},
     1,
     1,
     "keys export NAME [--unsafe --mnemonic]",
     keysExport},
    {"import", {}, 2, 2, "keys import NAME FILE", keysImport},
    {"derive",
     {{"index", true}, {"prefix", true}, {"pubkey", false}, {"passphrase", false}},
     0,
     0,
     "keys derive [--index N] [--prefix HRP] [--pubkey] [--passphrase]",
     keysDerive},
};

Result<std::unique_ptr<wallet::Keyring>> openFor(const CliContext& ctx) {
    if (auto f = ctx.output(); !f) return f.error();
    return ctx.openKeyring();
}

int keysList(CliContext& ctx, const Words&) {
    auto keyring = openFor(ctx);
    if (!keyring) return reportError(keyring.error());
    auto keys = (*keyring)->list();
    if (!keys) return reportError(keys.error());
    if (*ctx.output() == OutputFormat::Json) {
        std::string out = "[";
        for (size_t i = 0; i < keys->size(); ++i) out += (i ? "," : "") + keyJson((*keys)[i]);
        std::cout << out << "]" << std::endl;
        return kExitOk;
    }
    if (keys->empty()) std::cerr << "No keys in " << (*keyring)->directory().string() << std::endl;
    for (const auto& k : *keys) printKey(k, OutputFormat::Text);
    return kExitOk;
}

int keysShow(CliContext& ctx, const Words& words) {
    const bool address = ctx.options.has("address");
    const bool pubkey = ctx.options.has("pubkey");
    if (address && pubkey) return usageError("--address and --pubkey cannot be used together");
    auto keyring = openFor(ctx);
    if (!keyring) return reportError(keyring.error());
    auto key = (*keyring)->get(words[0]);
    if (!key) return reportError(key.error());
    const OutputFormat format = *ctx.output();
    if (address)
        std::cout << key->address << std::endl;
    else if (pubkey)
        std::cout << (format == OutputFormat::Json ? pubkeyJson(key->publicKey)
                                                   : toHex(key->publicKey))
                  << std::endl;
    else
        printKey(*key, format);
    return kExitOk;
}

int keysDelete(CliContext& ctx, const Words& words) {
    const std::string& name = words[0];
    auto keyring = openFor(ctx);
    if (!keyring) return reportError(keyring.error());
    auto key = (*keyring)->get(name);
    // A damaged file can still be deleted: that is how a user gets rid of it.
    if (!key && key.code() != ErrorCode::Corrupt && key.code() != ErrorCode::Unsupported)
        return reportError(key.error());
    if (!ctx.options.has("yes") && !ctx.options.has("y")) {
        if (!stdinIsTerminal())
            return usageError("refusing to delete key '" + name +
                              "' without confirmation: stdin is not a terminal, pass --yes");
        const std::string what = key ? "'" + name + "' (" + key->address + ")" : "'" + name + "'";
        auto yes = confirm("Key " + what + " will be deleted. Continue?");
        if (!yes) return reportError(yes.error());
        if (!*yes) {
            std::cerr << "Key '" << name << "' was not deleted." << std::endl;
            return kExitFailure;
        }
    }
    if (Status s = (*keyring)->remove(name); !s) return reportError(s.error());
    std::cerr << "Key '" << name << "' deleted." << std::endl;
    return kExitOk;
}

}  // namespace

Result<uint32_t> parseIndexFlag(const Options& options) {
    const auto v = options.value("index");
    if (!v) return uint32_t{0};
    uint32_t index = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), index);
    if (v->empty() || ec != std::errc() || end != v->data() + v->size() || index >= 0x80000000u)
        return makeError(ErrorCode::InvalidArgument,
                         "invalid --index '" + *v + "': expected an integer from 0 to 2147483647");
    return index;
}

std::string pubkeyJson(const secp256k1::PubKey& pub) {
    json::object o;
    o["@type"] = "/cosmos.crypto.secp256k1.PubKey";
    o["key"] = toBase64(pub);
    return json::serialize(o);
}

std::string keyJson(const wallet::KeyInfo& key) {
    json::object o;
    o["name"] = key.name;
    o["type"] = "local";
    o["address"] = key.address;
    o["pubkey"] = json::parse(pubkeyJson(key.publicKey));
    o["hd_path"] = key.hdPath;
    return json::serialize(o);
}

void printKey(const wallet::KeyInfo& key, OutputFormat format) {
    if (format == OutputFormat::Json) {
        std::cout << keyJson(key) << std::endl;
        return;
    }
    std::cout << "- name: " << key.name << "\n"
              << "  type: local\n"
              << "  address: " << key.address << "\n"
              << "  pubkey: " << toHex(key.publicKey) << "\n"
              << "  hd_path: \"" << key.hdPath << "\"" << std::endl;
}

bool needsPassword(const wallet::Keyring& keyring) {
    return keyring.backend() == wallet::KeyringBackend::File;
}

int runKeys(CliContext& ctx, ArgStream& args) {
    auto word = args.nextWord(globalOptions(), ctx.options);
    if (!word) return reportError(word.error());
    if (!*word || **word == "help" || ctx.options.has("help")) {
        std::cout << kKeysHelp;
        return kExitOk;
    }
    for (const Subcommand& sub : kSubcommands) {
        if (sub.name != **word) continue;
        const auto specs = withGlobalOptions(sub.options);
        auto words = args.rest(specs, ctx.options);
        if (!words)
            return usageError(words.message() + " (usage: allora-cli " + std::string(sub.usage) +
                              ")");
        if (ctx.options.has("help")) {
            std::cout << kKeysHelp;
            return kExitOk;
        }
        if (words->size() < sub.minWords || words->size() > sub.maxWords)
            return usageError("usage: allora-cli " + std::string(sub.usage));
        return sub.run(ctx, *words);
    }
    return usageError("unknown command 'keys " + **word + "' (see 'allora-cli keys --help')");
}

}  // namespace allora::cli
