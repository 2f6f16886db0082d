// AuthKeeper: accounts (number, sequence, public key, optional vesting lock) and the auth params.
//
// State layout (keys are bytes; values protobuf):
//   "auth/acc/" + address(20)   allora.auth.v1.Account
//   "auth/next_number"          next account number, 8 bytes big-endian
//   "auth/params"               allora.auth.v1.Params
// The keeper holds no state: each call takes the KvStore to work on (check state, block, query).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "allora/auth/v1/auth.pb.h"
#include "core/bytes.h"
#include "core/result.h"
#include "node/modules/coins.h"
#include "node/modules/kv_store.h"

namespace allora::node::auth {

using Account = allora::auth::v1::Account;
using Params = allora::auth::v1::Params;

constexpr std::string_view kFeeCollectorName = "fee_collector";
constexpr std::string_view kSecp256k1PubKeyType = "/cosmos.crypto.secp256k1.PubKey";

class AuthKeeper {
public:
    Result<Params> params(const KvStore& store) const;
    Status setParams(KvStore& store, const Params& params) const;

    Result<std::optional<Account>> account(const KvStore& store, ByteSpan address) const;
    // Whether an account exists at `address`: the same read (and gas) and the same errors as
    // account(), without handing out a copy.
    Result<bool> hasAccount(const KvStore& store, ByteSpan address) const;
    Status setAccount(KvStore& store, const Account& account) const;
    // The same for a caller that has the account's 20-byte address at hand (it must be the one
    // account.base().address() names): no bech32 decoding per write.
    Status setAccount(KvStore& store, ByteSpan address, const Account& account) const;
    // The stored account without a copy (nullptr when absent): valid until the next account read
    // on this thread.
    Result<const Account*> accountView(const KvStore& store, ByteSpan address) const;
    // A new account at `address` with the next account number (not yet stored: setAccount it).
    Result<Account> newAccount(KvStore& store, ByteSpan address) const;
    // The stored account, or a new one stored now (a first transfer to an address creates it).
    Result<Account> getOrCreateAccount(KvStore& store, ByteSpan address) const;
    // getOrCreateAccount's reads and writes (and gas) without handing out a copy of the account,
    // for callers that only need it to exist (every transfer's recipient).
    Status ensureAccount(KvStore& store, ByteSpan address) const;

    // Every account in address order.
    Status forEachAccount(const KvStore& store,
                          const std::function<bool(const Account&)>& visit) const;

    // The coins of `address` still locked by vesting at `blockTimeSeconds` (none for an ordinary
    // account or one that does not exist).
    Result<Coins> lockedCoins(const KvStore& store, ByteSpan address,
                              int64_t blockTimeSeconds) const;

    // The 33-byte key of an account's secp256k1 public key, or nullopt if none is set yet.
    static Result<std::optional<Bytes>> publicKeyOf(const Account& account);
    static void setPublicKey(Account& account, ByteSpan pub33);
};

}  // namespace allora::node::auth
