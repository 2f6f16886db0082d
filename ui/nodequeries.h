// Plain reads of the node for the wallet pages: the active account's balances, the chain's
// minimum gas price and fees, a tx by hash, a page of an address's history. They call NodeApi
// (which may block briefly), so they run on a worker thread (runOnWorker), never the GUI thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/amount.h"
#include "core/hash.h"
#include "core/result.h"
#include "node/api/node_api.h"
#include "node/chain/chain_query.h"

namespace allora::ui {

// The gas every send asks for, as allora-cli's tx bank send does by default.
inline constexpr uint64_t kSendGas = 200'000;
inline constexpr std::string_view kDenom = "uallo";
inline constexpr std::string_view kAddressPrefix = "allo";

struct AccountSnapshot {
    uint64_t height = 0;   // the state the numbers are from
    bool exists = false;   // false until the address has received something
    Amount total;          // every uallo the account holds
    Amount spendable;      // total minus what is still locked by vesting
    Amount vestingLocked;  // total - spendable
    uint64_t accountNumber = 0;
    uint64_t sequence = 0;
    bool vesting = false;  // the account has a vesting schedule
    int64_t vestingEndUnix = 0;
};

Result<AccountSnapshot> readAccount(node::api::NodeApi& node, const std::string& address);

// The chain's minimum gas price (decimal uallo per gas, e.g. "10" or "0.025").
Result<std::string> readMinGasPrice(node::api::NodeApi& node);

// The minimum fee for `gas` at the chain's current minimum gas price.
Result<Amount> readMinFee(node::api::NodeApi& node, uint64_t gas);

// ceil(price × gas × num / den) in uallo: the fee presets are the minimum (1/1), 3/2 and 2/1 of it.
Result<Amount> feeFor(std::string_view gasPrice, uint64_t gas, uint64_t num = 1, uint64_t den = 1);

struct TxEvent {
    std::string type;
    std::vector<std::pair<std::string, std::string>> attributes;
};

struct TxOutcome {
    bool found = false;  // not (yet) in a block
    uint64_t height = 0;
    uint32_t code = 0;
    std::string log;
    std::vector<TxEvent> events;

    // The value of attribute `key` of the first event of `type` ("" when there is none).
    std::string attribute(std::string_view type, std::string_view key) const;
};
Result<TxOutcome> readTxOutcome(node::api::NodeApi& node, const Hash256& hash);

// One page of `address`'s history, newest first, strictly before (beforeHeight, beforeIndex)
// (beforeHeight 0: from the latest).
Result<std::vector<node::TxsByAddressEntry>> readHistoryPage(node::api::NodeApi& node,
                                                             const std::string& address,
                                                             uint64_t beforeHeight,
                                                             uint32_t beforeIndex, uint32_t limit);

// An address the chain accepts: bech32 with the "allo" prefix and a 20- or 32-byte payload.
// AddressProblem::None when valid, else the kind of problem (the page words the message).
enum class AddressProblem { None, Empty, WrongPrefix, BadChecksum, BadCharacters, WrongLength };
AddressProblem checkAddress(std::string_view text);

}  // namespace allora::ui
