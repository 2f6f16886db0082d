// tx bank send: a MsgSend from a keyring key, built with the wallet's tx builder (SIGN_MODE_DIRECT,
// the bytes cosmjs would sign), priced from the node's minimum gas price, signed by the keyring
// and broadcast; or printed as an unsigned / signed document for signing elsewhere. The path
// from flags to broadcast is the one every signing command shares (tx_flow.h).
#include "app/cli/cmd_tx.h"
#include "app/cli/tx_flow.h"
#include "node/modules/address.h"
#include "wallet/tx_builder.h"

namespace allora::cli {

int txBankSend(CliContext& ctx, const TxWords& words) {
    // Everything on the command line is checked before anything is asked of the node or the
    // user.
    const std::string& to = words[1];
    if (auto a = node::parseAddress(to); !a) return usageError("TO_ADDRESS: " + a.message());
    auto amount = parseCoinsArg(words[2], "COINS", false);
    if (!amount) return reportError(amount.error());

    TxCommand command;
    command.from = words[0];
    command.build = [&](TxSigner& signer,
                        const NodeClient*) -> Result<std::vector<wallet::AnyMessage>> {
        return std::vector<wallet::AnyMessage>{
            wallet::makeMsgSend(signer.address(), to, {{"uallo", amount->toUalloString()}})};
    };
    return runSignedTx(ctx, command);
}

}  // namespace allora::cli
