#include "node/modules/bank/bank_keeper.h"

#include <array>

#include "node/modules/address.h"
#include "node/modules/proto_util.h"

namespace allora::node::bank {

namespace {

const Bytes kBalancePrefix = allora::toBytes("bank/bal/");
const Bytes kSupplyPrefix = allora::toBytes("bank/supply/");
const Bytes kParamsKey = allora::toBytes("bank/params");

// "bank/bal/" + address + denom, built on the stack for the usual lengths (every transfer reads
// and writes four).
class BalanceKey {
public:
    BalanceKey(ByteSpan address, std::string_view denom)
        : size_(kBalancePrefix.size() + address.size() + denom.size()) {
        uint8_t* out = inline_.data();
        if (size_ > inline_.size()) {
            heap_.resize(size_);
            out = heap_.data();
        }
        out = std::copy(kBalancePrefix.begin(), kBalancePrefix.end(), out);
        out = std::copy(address.begin(), address.end(), out);
        std::copy(denom.begin(), denom.end(), out);
    }
    operator ByteSpan() const {  // NOLINT: used where a key is expected
        return {size_ > inline_.size() ? heap_.data() : inline_.data(), size_};
    }

private:
    std::array<uint8_t, 64> inline_{};
    Bytes heap_;
    size_t size_;
};

Bytes supplyKey(std::string_view denom) {
    Bytes key = kSupplyPrefix;
    key.insert(key.end(), denom.begin(), denom.end());
    return key;
}

Result<Amount> decodeAmount(ByteSpan value) {
    auto a = parseCoinAmount(
        std::string_view(reinterpret_cast<const char*>(value.data()), value.size()));
    if (!a) return makeError(ErrorCode::Corrupt, "stored amount does not decode: " + a.message());
    return a;
}

Result<Amount> readAmount(const KvStore& store, ByteSpan key) {
    thread_local Bytes raw;  // one buffer for every read on this thread
    auto found = store.getInto(key, raw);
    if (!found) return found.error();
    if (!*found) return Amount{};
    return decodeAmount(raw);
}

// Coins minus locked, per denom, floored at zero.
Result<Coins> subtractLocked(const Coins& balance, const Coins& locked) {
    Coins out;
    for (const Coin& c : balance) {
        const Amount lock = amountOf(locked, c.denom);
        if (lock >= c.amount) continue;
        auto free = c.amount.sub(lock);
        if (!free) return free.error();
        out.push_back(Coin{c.denom, *free});
    }
    return out;
}

}  // namespace

Result<Params> BankKeeper::params(const KvStore& store) const {
    thread_local Bytes raw;
    auto found = store.getInto(kParamsKey, raw);
    if (!found) return found.error();
    if (!*found) return makeError(ErrorCode::NotFound, "bank params are not set (no genesis?)");
    thread_local ParseMemo<Params> memo;  // read by every send, changed by governance only
    const Params* p = memo.parse(raw);
    if (p == nullptr) return makeError(ErrorCode::Corrupt, "bank params do not decode");
    return *p;
}

Status BankKeeper::setParams(KvStore& store, const Params& params) const {
    const std::string s = params.SerializeAsString();
    return store.set(kParamsKey, asBytes(s));
}

Result<Amount> BankKeeper::balance(const KvStore& store, ByteSpan address,
                                   std::string_view denom) const {
    return readAmount(store, BalanceKey(address, denom));
}

Result<Coins> BankKeeper::allBalances(const KvStore& store, ByteSpan address) const {
    Bytes prefix = kBalancePrefix;
    prefix.insert(prefix.end(), address.begin(), address.end());
    Coins out;
    Status failure;
    auto status = store.forEachPrefix(prefix, [&](ByteSpan key, ByteSpan value) {
        auto amount = decodeAmount(value);
        if (!amount) {
            failure = amount.error();
            return false;
        }
        out.push_back(Coin{
            std::string(key.begin() + static_cast<ptrdiff_t>(prefix.size()), key.end()), *amount});
        return true;
    });
    if (!status) return status.error();
    if (!failure) return failure.error();
    return out;  // key order is denom order: already sorted
}

Result<Coins> BankKeeper::spendableCoins(const KvStore& store, ByteSpan address,
                                         int64_t blockTimeSeconds) const {
    auto all = allBalances(store, address);
    if (!all) return all;
    auto locked = auth_.lockedCoins(store, address, blockTimeSeconds);
    if (!locked) return locked.error();
    if (locked->empty()) return all;
    return subtractLocked(*all, *locked);
}

Status BankKeeper::setBalance(KvStore& store, ByteSpan address, std::string_view denom,
                              const Amount& amount) const {
    const BalanceKey key(address, denom);
    if (amount.isZero()) return store.remove(key);
    return store.set(key, asBytes(coinAmountString(amount)));
}

TxStatus BankKeeper::send(KvStore& store, int64_t blockTimeSeconds, ByteSpan from, ByteSpan to,
                          const Coins& coins, std::vector<Event>* events) const {
    auto locked = auth_.lockedCoins(store, from, blockTimeSeconds);
    if (!locked) return TxStatus::internal(locked.error());
    for (const Coin& c : coins) {
        auto have = balance(store, from, c.denom);
        if (!have) return TxStatus::internal(have.error());
        const Amount lock = amountOf(*locked, c.denom);
        Amount spendable;
        if (*have > lock) spendable = *have->sub(lock);
        if (spendable < c.amount) {
            return TxStatus::fail(TxCode::InsufficientFunds,
                                  "spendable balance " + spendable.toUalloString() + c.denom +
                                      " is smaller than " + c.amount.toUalloString() + c.denom +
                                      ": insufficient funds");
        }
        auto left = have->sub(c.amount);
        if (!left) return TxStatus::internal(left.error());
        if (auto s = setBalance(store, from, c.denom, *left); !s)
            return TxStatus::internal(s.error());
    }
    if (auto s = auth_.ensureAccount(store, to); !s) return TxStatus::internal(s.error());
    for (const Coin& c : coins) {
        auto have = balance(store, to, c.denom);
        if (!have) return TxStatus::internal(have.error());
        auto sum = have->add(c.amount);
        if (!sum) return TxStatus::internal(sum.error());
        if (auto s = setBalance(store, to, c.denom, *sum); !s) return TxStatus::internal(s.error());
    }
    if (events != nullptr) {
        const std::string sender = formatAddress(from), recipient = formatAddress(to),
                          amount = coinsToString(coins);
        events->push_back(Event{"coin_spent", {{"spender", sender}, {"amount", amount}}});
        events->push_back(Event{"coin_received", {{"receiver", recipient}, {"amount", amount}}});
        events->push_back(
            Event{"transfer", {{"recipient", recipient}, {"sender", sender}, {"amount", amount}}});
        events->push_back(Event{"message", {{"sender", sender}}});
    }
    return TxStatus::success();
}

Status BankKeeper::addSupply(KvStore& store, const Coin& coin, bool subtract) const {
    auto current = supplyOf(store, coin.denom);
    if (!current) return current.error();
    auto next = subtract ? current->sub(coin.amount) : current->add(coin.amount);
    if (!next) return next.error();
    if (next->isZero()) return store.remove(supplyKey(coin.denom));
    return store.set(supplyKey(coin.denom), asBytes(coinAmountString(*next)));
}

Status BankKeeper::mint(KvStore& store, ByteSpan to, const Coins& coins) const {
    if (auto s = auth_.ensureAccount(store, to); !s) return s;
    for (const Coin& c : coins) {
        auto have = balance(store, to, c.denom);
        if (!have) return have.error();
        auto sum = have->add(c.amount);
        if (!sum) return sum.error();
        if (auto s = setBalance(store, to, c.denom, *sum); !s) return s;
        if (auto s = addSupply(store, c, false); !s) return s;
    }
    return {};
}

TxStatus BankKeeper::burn(KvStore& store, ByteSpan from, const Coins& coins) const {
    for (const Coin& c : coins) {
        auto have = balance(store, from, c.denom);
        if (!have) return TxStatus::internal(have.error());
        if (*have < c.amount)
            return TxStatus::fail(TxCode::InsufficientFunds,
                                  have->toUalloString() + c.denom + " is smaller than " +
                                      c.amount.toUalloString() + c.denom + ": insufficient funds");
        if (auto s = setBalance(store, from, c.denom, *have->sub(c.amount)); !s)
            return TxStatus::internal(s.error());
        if (auto s = addSupply(store, c, true); !s) return TxStatus::internal(s.error());
    }
    return TxStatus::success();
}

Result<Amount> BankKeeper::supplyOf(const KvStore& store, std::string_view denom) const {
    return readAmount(store, supplyKey(denom));
}

Result<Coins> BankKeeper::totalSupply(const KvStore& store) const {
    Coins out;
    Status failure;
    auto status = store.forEachPrefix(kSupplyPrefix, [&](ByteSpan key, ByteSpan value) {
        auto amount = decodeAmount(value);
        if (!amount) {
            failure = amount.error();
            return false;
        }
        out.push_back(
            Coin{std::string(key.begin() + static_cast<ptrdiff_t>(kSupplyPrefix.size()), key.end()),
                 *amount});
        return true;
    });
    if (!status) return status.error();
    if (!failure) return failure.error();
    return out;
}

}  // namespace allora::node::bank
