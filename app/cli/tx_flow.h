// The sign-and-broadcast path every signing tx command shares (`tx bank send`, `tx emissions …`):
// the common flags, the signer (a keyring key, or an address for --generate-only), what only the
// node knows (chain id, account number, sequence, minimum fee), the tx bytes (wallet/tx_builder.h),
// the confirmation, the key's password, the signature, and then a broadcast (with --wait), a
// signed document (--offline) or an unsigned one (--generate-only).
//
// A command checks its own words first, then hands runSignedTx a builder of its messages, called
// once the signer is known. Builders that sign something themselves (a worker's or reputer's
// bundle) do it through TxSigner, which asks for the key's password once for both signatures.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/cli/cli_context.h"
#include "app/cli/node_client.h"
#include "core/bytes.h"
#include "core/secp256k1.h"
#include "wallet/keyring.h"
#include "wallet/tx_builder.h"

namespace allora::cli {

constexpr uint64_t kDefaultTxGas = 200'000;

// --fees, --gas, --memo, --yes/-y, --wait, --generate-only, --offline, --account-number,
// --sequence.
std::span<const OptionSpec> signingTxOptions();

// Who signs: a key of the keyring, or (only for --generate-only) a bare address.
class TxSigner {
public:
    const std::string& address() const { return address_; }
    bool hasKey() const { return key_.has_value(); }
    const std::optional<secp256k1::PubKey>& publicKey() const { return publicKey_; }
    // ECDSA over SHA-256 of `bytes` with the key (low-S, RFC 6979); the password is asked once.
    Result<secp256k1::Signature> sign(ByteSpan bytes);

private:
    friend Result<TxSigner> resolveTxSigner(const CliContext&, const std::string&, bool);
    std::unique_ptr<wallet::Keyring> keyring_;
    std::optional<wallet::KeyInfo> key_;
    std::string address_;
    std::optional<secp256k1::PubKey> publicKey_;
    std::optional<SecureBytes> password_;
};

// FROM: a key name, or an address when `addressAllowed` (--generate-only of a command that needs
// no signature of its own).
Result<TxSigner> resolveTxSigner(const CliContext& ctx, const std::string& from,
                                 bool addressAllowed);

struct TxCommand {
    std::string from;  // the FROM word
    uint64_t defaultGas = kDefaultTxGas;
    // The messages sign with the key themselves (payload bundles): FROM must be a key even with
    // --generate-only.
    bool messagesNeedKey = false;
    // Lines shown before the tx summary when asking for confirmation ("add stake … to topic 1").
    std::vector<std::string> description;
    // Builds the messages; `node` is null with --offline.
    std::function<Result<std::vector<wallet::AnyMessage>>(TxSigner& signer, const NodeClient* node)>
        build;
};

// Runs the whole path and returns the exit code (cli_errors.h).
int runSignedTx(CliContext& ctx, const TxCommand& command);

}  // namespace allora::cli
