// keys add (new or --recover) and keys derive: the commands that take a mnemonic.
#include <unistd.h>

#include <boost/json.hpp>
#include <iostream>

#include "app/cli/cmd_keys.h"
#include "app/cli/terminal.h"
#include "core/encoding.h"
#include "wallet/account.h"
#include "wallet/bip39.h"

namespace allora::cli {
namespace {

constexpr std::string_view kMnemonicPrompt = "Enter your bip39 mnemonic: ";

Result<int> parseWordCount(const Options& options) {
    const std::string v = options.value("words").value_or("24");
    for (int n : {12, 15, 18, 21, 24})
        if (v == std::to_string(n)) return n;
    return makeError(ErrorCode::InvalidArgument,
                     "invalid --words '" + v + "': expected 12, 15, 18, 21 or 24");
}

// A BIP-39 passphrase when --passphrase is given, NFKD-normalised as the BIP requires.
Result<SecureBytes> readBip39Passphrase(const Options& options) {
    if (!options.has("passphrase")) return SecureBytes();
    // On a terminal it is asked twice (a typo would silently give another wallet); from stdin it
    // is one line, since more items follow it.
    auto p = readNewSecret(
        "Enter your bip39 passphrase (empty for none): ", "the BIP-39 passphrase", false, false);
    if (!p) return p.error();
    return normalizeNfkd(*p);
}

// Reads a mnemonic and checks it (word count, words, checksum) before anything else is asked.
Result<SecureBytes> readMnemonic() {
    auto raw = readSecret(kMnemonicPrompt, "a mnemonic");
    if (!raw) return raw.error();
    SecureBytes words = wallet::bip39::normalize(raw->view());
    if (Status s = wallet::bip39::validate(words.view()); !s) return s.error();
    return words;
}

bool isValidHrp(std::string_view hrp) {
    if (hrp.empty() || hrp.size() > 83) return false;
    for (char c : hrp)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

// {"name",…,"mnemonic":"…"}: built in SecureBytes and written with write(2), since it holds the
// mnemonic. The words are lower-case ASCII, so they need no JSON escaping.
void printNewKeyJson(const wallet::KeyInfo& key, const SecureBytes& mnemonic) {
    std::string head = keyJson(key);
    head.pop_back();  // the closing brace
    head += ",\"mnemonic\":\"";
    constexpr std::string_view tail = "\"}\n";
    SecureBytes out(head.size() + mnemonic.size() + tail.size());
    std::copy(head.begin(), head.end(), out.data());
    std::copy(mnemonic.data(), mnemonic.data() + mnemonic.size(), out.data() + head.size());
    std::copy(tail.begin(), tail.end(), out.data() + head.size() + mnemonic.size());
    std::cout.flush();
    writeRaw(STDOUT_FILENO, out);
}

}  // namespace

int keysAdd(CliContext& ctx, const Words& words) {
    const std::string& name = words[0];
    const bool recover = ctx.options.has("recover");
    if (Status s = wallet::validateKeyName(name); !s) return reportError(s.error());
    auto format = ctx.output();
    if (!format) return reportError(format.error());
    auto index = parseIndexFlag(ctx.options);
    if (!index) return reportError(index.error());
    if (recover && ctx.options.has("words"))
        return usageError("--words is for a new mnemonic; it cannot be used with --recover");
    auto wordCount = parseWordCount(ctx.options);
    if (!wordCount) return reportError(wordCount.error());

    auto keyring = ctx.openKeyring();
    if (!keyring) return reportError(keyring.error());
    // Fail on a taken name before asking for anything.
    if (auto existing = (*keyring)->get(name); existing)
        return reportError(
            makeError(ErrorCode::AlreadyExists, "a key named '" + name + "' already exists"));
    else if (existing.code() != ErrorCode::NotFound)
        return reportError(existing.error());

    SecureBytes mnemonic;
    if (recover) {
        auto m = readMnemonic();
        if (!m) return reportError(m.error());
        mnemonic = std::move(*m);
    }
    auto passphrase = readBip39Passphrase(ctx.options);
    if (!passphrase) return reportError(passphrase.error());
    SecureBytes password;
    if (needsPassword(**keyring)) {
        auto p = readNewSecret(
            "Enter a password to encrypt key '" + name + "' (at least 8 characters): ",
            "the password", true, true);
        if (!p) return reportError(p.error());
        password = std::move(*p);
    }
    if (!recover) {
        auto m = wallet::bip39::generate(*wordCount);
        if (!m) return reportError(m.error());
        mnemonic = std::move(*m);
    }

    auto key = (*keyring)->add(name, mnemonic, password, *index, *passphrase);
    if (!key) return reportError(key.error());

    if (*format == OutputFormat::Json) {
        if (recover)
            printKey(*key, OutputFormat::Json);
        else
            printNewKeyJson(*key, mnemonic);
        return kExitOk;
    }
    printKey(*key, OutputFormat::Text);
    if (!recover) {
        // As allorad: the mnemonic goes to stderr, so that stdout stays the key's description.
        std::cerr << "\n**Important** write this mnemonic phrase in a safe place.\n"
                     "It is the only way to recover your account if you ever forget your "
                     "password.\n\n"
                  << std::flush;
        writeRaw(STDERR_FILENO, mnemonic);
        writeRaw(STDERR_FILENO, "\n");
    }
    return kExitOk;
}

int keysDerive(CliContext& ctx, const Words&) {
    auto format = ctx.output();
    if (!format) return reportError(format.error());
    auto index = parseIndexFlag(ctx.options);
    if (!index) return reportError(index.error());
    const std::string prefix = ctx.options.value("prefix").value_or("allo");
    if (!isValidHrp(prefix))
        return usageError("invalid --prefix '" + prefix +
                          "': expected 1 to 83 lower-case letters or digits");

    auto mnemonic = readMnemonic();
    if (!mnemonic) return reportError(mnemonic.error());
    auto passphrase = readBip39Passphrase(ctx.options);
    if (!passphrase) return reportError(passphrase.error());
    auto account = wallet::deriveAccount(mnemonic->view(), passphrase->view(), *index, prefix);
    if (!account) return reportError(account.error());

    if (*format == OutputFormat::Json) {
        boost::json::object o;
        o["address"] = account->address;
        if (ctx.options.has("pubkey"))
            o["pubkey"] = boost::json::parse(pubkeyJson(account->publicKey));
        std::cout << boost::json::serialize(o) << std::endl;
    } else {
        std::cout << account->address << "\n";
        if (ctx.options.has("pubkey")) std::cout << toHex(account->publicKey) << "\n";
        std::cout.flush();
    }
    return kExitOk;
}

}  // namespace allora::cli
