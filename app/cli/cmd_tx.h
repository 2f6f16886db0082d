// `allora-cli tx …`: build, sign and broadcast transactions, with `allorad tx`'s command names.
// cmd_tx.cpp dispatches and holds the broadcast shared by the commands (and `tx broadcast`);
// tx_flow.h the sign-and-broadcast path of the signing commands; cmd_tx_send.cpp holds
// `tx bank send`; cmd_tx_emissions.cpp `tx emissions …`; cmd_tx_sign.cpp `tx sign`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/cli_context.h"
#include "app/cli/node_client.h"
#include "core/amount.h"
#include "core/bytes.h"
#include "wallet/keyring.h"

namespace allora::cli {

int runTx(CliContext& ctx, ArgStream& args);

using TxWords = std::vector<std::string>;
int txBankSend(CliContext& ctx, const TxWords& words);
int txSign(CliContext& ctx, const TxWords& words);
int txBroadcast(CliContext& ctx, const TxWords& words);
// `tx emissions COMMAND …` (the words after "emissions").
int runTxEmissions(CliContext& ctx, ArgStream& args);

// Shared by the subcommands.

// A decimal flag value (--gas, --account-number, --sequence); nullopt when the flag is absent,
// InvalidArgument naming the flag when it is not a uint64.
Result<std::optional<uint64_t>> parseU64Flag(const Options& options, std::string_view name);
// An amount with its denom: "1000uallo", "1.5ALLO", "1.5 allo". A bare number is refused (it is
// ambiguous between uallo and ALLO), as is zero when `allowZero` is false.
Result<Amount> parseCoinsArg(std::string_view text, std::string_view what, bool allowZero);
// The key's password (File backend; empty for Test), from the terminal or the next stdin line.
Result<SecureBytes> readKeyPassword(const wallet::Keyring& keyring, const std::string& name);
// Reads a document argument: a file, or stdin for "-". Bounded (a tx document is small).
Result<std::string> readDocument(const std::string& fileOrDash, std::string_view what);

// Broadcasts a signed tx (BROADCAST_MODE_SYNC) and reports it: the tx hash (text) or the API's
// JSON (json). A CheckTx rejection prints its code and log on stderr and returns 1. With --wait
// it then polls GET /cosmos/tx/v1beta1/txs/{hash} until the tx is in a block (30 s at most) and
// reports the height and result code, returning 1 if the delivered tx failed.
int broadcastAndReport(CliContext& ctx, const NodeClient& node, const std::string& apiToken,
                       ByteSpan txRaw);

}  // namespace allora::cli
