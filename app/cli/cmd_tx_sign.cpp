// tx sign: signs an unsigned tx document (wallet/tx_document.h) with a keyring key, offline. What
// is shown and signed is read from the document's bytes, never from its summary.
#include <iostream>

#include "app/cli/cmd_keys.h"
#include "app/cli/cmd_tx.h"
#include "app/cli/terminal.h"
#include "wallet/tx_document.h"

namespace allora::cli {

int txSign(CliContext& ctx, const TxWords& words) {
    const Options& o = ctx.options;
    const auto from = o.value("from");
    if (!from || from->empty()) return usageError("tx sign needs --from KEY");
    auto accountFlag = parseU64Flag(o, "account-number");
    if (!accountFlag) return reportError(accountFlag.error());
    auto sequenceFlag = parseU64Flag(o, "sequence");
    if (!sequenceFlag) return reportError(sequenceFlag.error());

    auto keyring = ctx.openKeyring();
    if (!keyring) return reportError(keyring.error());
    // The password of a file-backend key comes from stdin when it is not a terminal; the
    // document cannot come from there too.
    if (words[0] == "-" && needsPassword(**keyring))
        return usageError(
            "'tx sign -' reads the document from stdin, where the key's password "
            "must come from: give the document as a file");
    auto text = readDocument(words[0], "the unsigned tx document");
    if (!text) return reportError(text.error());
    auto doc = wallet::parseUnsignedTxDocument(*text);
    if (!doc) return reportError(doc.error());
    if (auto id = o.value("chain-id"); id && *id != doc->chainId)
        return usageError("the document is for chain '" + doc->chainId + "', not '" + *id + "'");

    auto key = (*keyring)->get(*from);
    if (!key) return reportError(key.error());
    auto summary = wallet::summarizeTx(doc->tx);
    if (!summary) return reportError(summary.error());
    // Signing for another account would give a tx the chain rejects, or worse, one the user did
    // not mean to authorise: refuse before asking for the password.
    if (doc->signer != key->address)
        return usageError("the document is to be signed by " + doc->signer + ", but key '" + *from +
                          "' is " + key->address);
    for (const std::string& s : summary->signers)
        if (s != key->address)
            return usageError("a message of the document needs the signature of " + s +
                              ", not of key '" + *from + "' (" + key->address + ")");
    if (summary->signerPublicKey && *summary->signerPublicKey != key->publicKey)
        return usageError("the document's signer info holds another public key than key '" + *from +
                          "'");

    const uint64_t accountNumber = accountFlag->value_or(doc->accountNumber);
    const uint64_t sequence = sequenceFlag->value_or(doc->sequence);
    wallet::UnsignedTx tx = doc->tx;
    if (!summary->signerPublicKey || summary->signerSequence != sequence) {
        auto completed = wallet::withSigner(tx, key->publicKey, sequence);
        if (!completed) return reportError(completed.error());
        tx = std::move(*completed);
    }

    std::cerr << "Signing on " << doc->chainId << " as '" << *from << "' (" << key->address
              << "), account " << accountNumber << ", sequence " << sequence << ":\n";
    for (const std::string& line : summary->lines) std::cerr << "  " << line << "\n";
    std::cerr << std::flush;
    auto password = readKeyPassword(**keyring, *from);
    if (!password) return reportError(password.error());
    auto signature = (*keyring)->sign(*from, *password, tx.signBytes(doc->chainId, accountNumber));
    if (!signature) return reportError(signature.error());
    std::cout << wallet::signedTxDocumentToJson(tx.toTxRaw(*signature)) << std::flush;
    return kExitOk;
}

}  // namespace allora::cli
