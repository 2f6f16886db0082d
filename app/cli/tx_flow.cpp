#include "app/cli/tx_flow.h"

#include <iostream>

#include "app/cli/cmd_keys.h"
#include "app/cli/cmd_tx.h"
#include "app/cli/terminal.h"
#include "node/chain/chain_params.h"
#include "node/modules/address.h"
#include "wallet/tx_document.h"

namespace allora::cli {

namespace {

constexpr OptionSpec kSigningOptions[] = {
    {"fees", true},           {"gas", true},      {"memo", true},
    {"yes", false},           {"y", false},       {"wait", false},
    {"generate-only", false}, {"offline", false}, {"account-number", true},
    {"sequence", true},
};

}  // namespace

std::span<const OptionSpec> signingTxOptions() {
    return kSigningOptions;
}

Result<secp256k1::Signature> TxSigner::sign(ByteSpan bytes) {
    if (!key_)
        return makeError(ErrorCode::InvalidArgument,
                         "signing needs a key of the keyring, not the address " + address_);
    if (!password_) {
        auto p = readKeyPassword(*keyring_, key_->name);
        if (!p) return p.error();
        password_ = std::move(*p);
    }
    return keyring_->sign(key_->name, *password_, bytes);
}

Result<TxSigner> resolveTxSigner(const CliContext& ctx, const std::string& from,
                                 bool addressAllowed) {
    TxSigner s;
    if (node::parseAddress(from)) {
        if (!addressAllowed)
            return makeError(ErrorCode::InvalidArgument,
                             "FROM must be the name of a key in the keyring to sign with; an "
                             "address is only accepted with --generate-only");
        s.address_ = from;
        return s;
    }
    if (Status ok = wallet::validateKeyName(from); !ok)
        return makeError(ErrorCode::InvalidArgument,
                         "'" + from + "' is neither a key name nor an allo1... address");
    auto keyring = ctx.openKeyring();
    if (!keyring) return keyring.error();
    auto key = (*keyring)->get(from);
    if (!key) return key.error();
    s.keyring_ = std::move(*keyring);
    s.address_ = key->address;
    s.publicKey_ = key->publicKey;
    s.key_ = std::move(*key);
    return s;
}

int runSignedTx(CliContext& ctx, const TxCommand& command) {
    const Options& o = ctx.options;
    const bool generateOnly = o.has("generate-only");
    const bool offline = o.has("offline");
    const bool yes = o.has("yes") || o.has("y");
    if (o.has("wait") && (generateOnly || offline))
        return usageError("--wait waits for a broadcast tx: it cannot be used with " +
                          std::string(generateOnly ? "--generate-only" : "--offline"));

    // Every flag is checked before anything is asked of the node or the user.
    auto gasFlag = parseU64Flag(o, "gas");
    if (!gasFlag) return reportError(gasFlag.error());
    const uint64_t gas = gasFlag->value_or(command.defaultGas);
    if (gas == 0) return usageError("--gas must be more than zero");
    std::optional<Amount> fees;
    if (auto f = o.value("fees")) {
        auto parsed = parseCoinsArg(*f, "--fees", true);
        if (!parsed) return reportError(parsed.error());
        fees = *parsed;
    }
    auto accountFlag = parseU64Flag(o, "account-number");
    if (!accountFlag) return reportError(accountFlag.error());
    auto sequenceFlag = parseU64Flag(o, "sequence");
    if (!sequenceFlag) return reportError(sequenceFlag.error());
    std::optional<std::string> chainId = o.value("chain-id");
    if (chainId && chainId->empty()) return usageError("--chain-id is empty");
    if (offline) {
        std::string missing;
        if (!chainId) missing += " --chain-id";
        if (!*accountFlag) missing += " --account-number";
        if (!*sequenceFlag) missing += " --sequence";
        if (!fees) missing += " --fees";
        if (!missing.empty())
            return usageError("--offline cannot ask the node, so it needs" + missing);
    }
    std::optional<NodeClient> node;
    if (!offline) {
        auto n = NodeClient::fromOptions(o);
        if (!n) return reportError(n.error());
        node = std::move(*n);
    }

    auto signer = resolveTxSigner(ctx, command.from, generateOnly && !command.messagesNeedKey);
    if (!signer) return reportError(signer.error());

    // What only the node knows: chain id, account number and sequence, the minimum fee.
    if (!chainId) {
        auto id = node->chainId();
        if (!id) return reportError(id.error());
        chainId = *id;
    }
    uint64_t accountNumber = accountFlag->value_or(0);
    uint64_t sequence = sequenceFlag->value_or(0);
    std::optional<secp256k1::PubKey> publicKey = signer->publicKey();
    if (!offline && (!*accountFlag || !*sequenceFlag || !publicKey)) {
        auto account = node->account(signer->address());
        if (!account) return reportError(account.error());
        if (!*account && (!*accountFlag || !*sequenceFlag))
            return reportError(makeError(ErrorCode::NotFound,
                                         "account " + signer->address() + " does not exist on " +
                                             *chainId +
                                             " yet: it must receive tokens before it can send"));
        if (*account) {
            if (!*accountFlag) accountNumber = (*account)->accountNumber;
            if (!*sequenceFlag) sequence = (*account)->sequence;
            if (!publicKey && (*account)->publicKey) {
                secp256k1::PubKey pub{};
                std::copy((*account)->publicKey->begin(), (*account)->publicKey->end(),
                          pub.begin());
                publicKey = pub;
            }
        }
    }
    if (!fees) {
        auto price = node->minimumGasPrice();
        if (!price) return reportError(price.error());
        auto parsed = node::GasPrice::parse(*price);
        if (!parsed)
            return reportError(
                makeError(ErrorCode::Corrupt,
                          "the node's minimum gas price '" + *price + "': " + parsed.message()));
        auto fee = parsed->feeFor(gas);
        if (!fee) return reportError(fee.error());
        fees = *fee;
    }

    auto messages = command.build(*signer, node ? &*node : nullptr);
    if (!messages) return reportError(messages.error());

    wallet::TxSpec spec;
    spec.messages = std::move(*messages);
    spec.memo = o.value("memo").value_or("");
    if (!fees->isZero()) spec.fee.amount = {{"uallo", fees->toUalloString()}};
    spec.fee.gasLimit = gas;
    spec.signerPublicKey = publicKey.value_or(secp256k1::PubKey{});
    spec.sequence = sequence;
    auto built = wallet::buildTx(spec);
    if (!built) return reportError(built.error());
    wallet::UnsignedTx tx = std::move(*built);
    if (!publicKey) {
        // Not known yet (an address that has never signed): `tx sign` adds the signer info.
        auto bare = wallet::withoutSigner(tx);
        if (!bare) return reportError(bare.error());
        tx = std::move(*bare);
    }
    auto summary = wallet::summarizeTx(tx);
    if (!summary) return reportError(summary.error());

    if (generateOnly) {
        wallet::UnsignedTxDocument doc{*chainId, accountNumber, sequence, signer->address(), tx};
        std::vector<std::string> lines = command.description;
        lines.insert(lines.end(), summary->lines.begin(), summary->lines.end());
        std::cout << wallet::unsignedTxDocumentToJson(doc, lines) << std::flush;
        return kExitOk;
    }

    // The token before the password: a missing token should not cost the user a password entry.
    std::string token;
    if (!offline) {
        auto t = loadApiToken(ctx);
        if (!t) return reportError(t.error());
        token = std::move(*t);
    }
    if (!yes) {
        if (!stdinIsTerminal())
            return usageError(
                "refusing to sign without confirmation: stdin is not a terminal, "
                "pass --yes");
        std::cerr << "Transaction on " << *chainId << " (account " << accountNumber << ", sequence "
                  << sequence << "):\n";
        for (const std::string& line : command.description) std::cerr << "  " << line << "\n";
        for (const std::string& line : summary->lines) std::cerr << "  " << line << "\n";
        auto ok = confirm(offline ? "Sign it?" : "Sign and broadcast it?");
        if (!ok) return reportError(ok.error());
        if (!*ok) {
            std::cerr << "Transaction not sent." << std::endl;
            return kExitFailure;
        }
    }
    auto signature = signer->sign(tx.signBytes(*chainId, accountNumber));
    if (!signature) return reportError(signature.error());
    const Bytes raw = tx.toTxRaw(*signature);

    if (offline) {
        std::cout << wallet::signedTxDocumentToJson(raw) << std::flush;
        std::cerr << "Signed offline; broadcast it with 'allora-cli tx broadcast FILE'."
                  << std::endl;
        return kExitOk;
    }
    return broadcastAndReport(ctx, *node, token, raw);
}

}  // namespace allora::cli
