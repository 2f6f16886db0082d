// Coins: a list of (denom, Amount), as Cosmos messages and balances carry them, and the checks the
// SDK applies to them (sdk.Coins.Validate): valid denoms, positive amounts, sorted by denom with no
// duplicates. Amounts are Amount (256-bit, checked), read from the decimal strings of Coin.amount.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/repeated_ptr_field.h>

#include "core/amount.h"
#include "core/result.h"
#include "cosmos/base/v1beta1/coin.pb.h"

namespace allora::node {

constexpr std::string_view kBondDenom = "uallo";

struct Coin {
    std::string denom;
    Amount amount;
    bool operator==(const Coin&) const = default;
};
using Coins = std::vector<Coin>;
using ProtoCoins = google::protobuf::RepeatedPtrField<cosmos::base::v1beta1::Coin>;

// The SDK's denom rule: [a-zA-Z][a-zA-Z0-9/:._-]{2,127}.
bool isValidDenom(std::string_view denom);
// A Coin.amount: decimal digits only (no sign, no denom), fitting 256 bits.
Result<Amount> parseCoinAmount(std::string_view digits);
// The decimal uallo string of an amount: Amount::toUalloString's result, computed in 128-bit
// arithmetic when the amount fits (every real balance does), which is several times faster
// than the 256-bit conversion; balances and events format one per transfer.
std::string coinAmountString(const Amount& amount);

// Reads and validates coins (see above). An empty list is valid.
Result<Coins> coinsFromProto(const ProtoCoins& coins);
void coinsToProto(const Coins& coins, ProtoCoins* out);
Status validateCoins(const Coins& coins);

// "10uallo,5stake" (the SDK's Coins.String); "" for none.
std::string coinsToString(const Coins& coins);
// The amount of `denom` in sorted coins (zero if absent).
Amount amountOf(const Coins& coins, std::string_view denom);
// Sorted union with summed amounts (checked).
Result<Coins> addCoins(const Coins& a, const Coins& b);

}  // namespace allora::node
