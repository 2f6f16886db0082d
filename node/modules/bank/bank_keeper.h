// BankKeeper: balances, supply and transfers, with checked Amount arithmetic.
//
// State layout (values are the decimal uallo string of the amount, as Coin.amount writes it; a
// zero balance is removed rather than stored):
//   "bank/bal/" + address(20) + denom   balance of (address, denom)
//   "bank/supply/" + denom              total supply of denom
//   "bank/params"                       allora.bank.v1.Params
// Spendable = balance − the part still locked by vesting at the block time (AuthKeeper), floored
// at zero: a vesting account can always receive, and can send only what has unlocked.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "allora/bank/v1/bank.pb.h"
#include "node/chain/abci_types.h"
#include "node/chain/tx_status.h"
#include "node/modules/auth/auth_keeper.h"
#include "node/modules/coins.h"
#include "node/modules/kv_store.h"

namespace allora::node::bank {

using Params = allora::bank::v1::Params;

class BankKeeper {
public:
    explicit BankKeeper(const auth::AuthKeeper& auth) : auth_(auth) {}

    Result<Params> params(const KvStore& store) const;
    Status setParams(KvStore& store, const Params& params) const;

    Result<Amount> balance(const KvStore& store, ByteSpan address, std::string_view denom) const;
    Result<Coins> allBalances(const KvStore& store, ByteSpan address) const;
    Result<Coins> spendableCoins(const KvStore& store, ByteSpan address,
                                 int64_t blockTimeSeconds) const;

    // Moves coins between accounts (creating the recipient's account if new) and appends the SDK's
    // coin_spent, coin_received and transfer events. InsufficientFunds when `from` cannot spend
    // them (vesting lock included); nothing is written then.
    TxStatus send(KvStore& store, int64_t blockTimeSeconds, ByteSpan from, ByteSpan to,
                  const Coins& coins, std::vector<Event>* events) const;

    // Creates coins in an account and adds them to the supply (genesis, and later mint).
    Status mint(KvStore& store, ByteSpan to, const Coins& coins) const;
    // Destroys coins held by an account and removes them from the supply.
    TxStatus burn(KvStore& store, ByteSpan from, const Coins& coins) const;

    Result<Amount> supplyOf(const KvStore& store, std::string_view denom) const;
    Result<Coins> totalSupply(const KvStore& store) const;

private:
    Status setBalance(KvStore& store, ByteSpan address, std::string_view denom,
                      const Amount& amount) const;
    Status addSupply(KvStore& store, const Coin& coin, bool subtract) const;

    const auth::AuthKeeper& auth_;
};

}  // namespace allora::node::bank
