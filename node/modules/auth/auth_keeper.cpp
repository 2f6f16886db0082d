#include "node/modules/auth/auth_keeper.h"

#include <algorithm>
#include <array>

#include "cosmos/crypto/secp256k1/keys.pb.h"
#include "node/modules/address.h"
#include "node/modules/auth/vesting.h"
#include "node/modules/proto_util.h"

namespace allora::node::auth {

namespace {

const Bytes kAccountPrefix = allora::toBytes("auth/acc/");
const Bytes kNextNumberKey = allora::toBytes("auth/next_number");
const Bytes kParamsKey = allora::toBytes("auth/params");

// "auth/acc/" + address, built on the stack for the usual address lengths (every account read
// and write makes one; a heap copy each time was a good part of an account read).
class AccountKey {
public:
    explicit AccountKey(ByteSpan address) : size_(kAccountPrefix.size() + address.size()) {
        uint8_t* out = inline_.data();
        if (size_ > inline_.size()) {
            heap_.resize(size_);
            out = heap_.data();
        }
        std::copy(kAccountPrefix.begin(), kAccountPrefix.end(), out);
        std::copy(address.begin(), address.end(), out + kAccountPrefix.size());
    }
    operator ByteSpan() const {  // NOLINT: used where a key is expected
        return {size_ > inline_.size() ? heap_.data() : inline_.data(), size_};
    }

private:
    std::array<uint8_t, 48> inline_{};
    Bytes heap_;
    size_t size_;
};

AccountKey accountKey(ByteSpan address) {
    return AccountKey(address);
}

Bytes serialize(const google::protobuf::MessageLite& msg) {
    Bytes out(msg.ByteSizeLong());
    msg.SerializeWithCachedSizesToArray(out.data());
    return out;
}

Error corrupt(std::string_view what) {
    return makeError(ErrorCode::Corrupt, "state record " + std::string(what) + " does not decode");
}

// The last few account records parsed on this thread, by their exact bytes. One tx reads the
// same record several times (the fee payer's existence, its vesting lock, its signer checks, the
// fee collector's account), and each protobuf parse allocates. Parsing is a pure function of the
// bytes, so a hit returns exactly what parsing them again would, whether the bytes are committed
// or not: nothing here depends on the state it came from, and nothing can outlive a rollback
// into a result. Only successful parses are kept (a corrupt record gets its error each time).
// A handful of slots replaced in turn: bounded, only compared, never iterated into a result.
class AccountParseMemo {
public:
    // The parsed record, or nullptr when the bytes do not parse as an Account.
    const Account* parse(ByteSpan raw) {
        for (Slot& s : slots_)
            if (s.valid && s.raw.size() == raw.size() &&
                std::equal(raw.begin(), raw.end(), s.raw.begin()))
                return &s.account;
        Slot& s = slots_[next_];
        s.valid = false;
        if (!s.account.ParseFromArray(raw.data(), static_cast<int>(raw.size()))) return nullptr;
        s.raw.assign(raw.begin(), raw.end());
        s.valid = true;
        next_ = (next_ + 1) % slots_.size();
        return &s.account;
    }

private:
    struct Slot {
        Bytes raw;
        Account account;
        bool valid = false;
    };
    std::array<Slot, 8> slots_;
    size_t next_ = 0;
};

// The parsed account at `address` (nullptr when absent), read through `store` as account() does.
Result<const Account*> readAccount(const KvStore& store, ByteSpan address) {
    thread_local Bytes raw;  // one buffer for every read on this thread: no allocation per read
    auto found = store.getInto(accountKey(address), raw);
    if (!found) return found.error();
    if (!*found) return static_cast<const Account*>(nullptr);
    thread_local AccountParseMemo memo;
    const Account* a = memo.parse(raw);
    if (a == nullptr) return corrupt("auth/acc");
    return a;
}

}  // namespace

Result<Params> AuthKeeper::params(const KvStore& store) const {
    thread_local Bytes raw;
    auto found = store.getInto(kParamsKey, raw);
    if (!found) return found.error();
    if (!*found) return makeError(ErrorCode::NotFound, "auth params are not set (no genesis?)");
    thread_local ParseMemo<Params> memo;  // read by every tx, changed by governance only
    const Params* p = memo.parse(raw);
    if (p == nullptr) return corrupt("auth/params");
    return *p;
}

Status AuthKeeper::setParams(KvStore& store, const Params& params) const {
    return store.set(kParamsKey, serialize(params));
}

Result<std::optional<Account>> AuthKeeper::account(const KvStore& store, ByteSpan address) const {
    auto a = readAccount(store, address);
    if (!a) return a.error();
    if (*a == nullptr) return std::optional<Account>{};
    return std::optional<Account>(**a);
}

Result<const Account*> AuthKeeper::accountView(const KvStore& store, ByteSpan address) const {
    return readAccount(store, address);
}

Result<bool> AuthKeeper::hasAccount(const KvStore& store, ByteSpan address) const {
    auto a = readAccount(store, address);
    if (!a) return a.error();
    return *a != nullptr;
}

Status AuthKeeper::setAccount(KvStore& store, const Account& account) const {
    auto address = parseAddress(account.base().address());
    if (!address) return address.error();
    return store.set(accountKey(*address), serialize(account));
}

Status AuthKeeper::setAccount(KvStore& store, ByteSpan address, const Account& account) const {
    thread_local Bytes encoded;  // reused: no allocation per write
    encoded.resize(account.ByteSizeLong());
    account.SerializeWithCachedSizesToArray(encoded.data());
    return store.set(accountKey(address), encoded);
}

Result<Account> AuthKeeper::newAccount(KvStore& store, ByteSpan address) const {
    auto raw = store.get(kNextNumberKey);
    if (!raw) return raw.error();
    uint64_t next = 0;
    if (*raw) {
        if ((*raw)->size() != 8) return corrupt("auth/next_number");
        for (uint8_t b : **raw) next = (next << 8) | b;
    }
    Bytes encoded(8);
    for (int i = 7, shift = 0; i >= 0; --i, shift += 8)
        encoded[static_cast<size_t>(i)] = static_cast<uint8_t>((next + 1) >> shift);
    if (auto s = store.set(kNextNumberKey, encoded); !s) return s.error();
    Account a;
    a.mutable_base()->set_address(formatAddress(address));
    a.mutable_base()->set_account_number(next);
    return a;
}

Result<Account> AuthKeeper::getOrCreateAccount(KvStore& store, ByteSpan address) const {
    auto existing = account(store, address);
    if (!existing) return existing.error();
    if (*existing) return std::move(**existing);
    auto created = newAccount(store, address);
    if (!created) return created;
    if (auto s = setAccount(store, *created); !s) return s.error();
    return created;
}

Status AuthKeeper::ensureAccount(KvStore& store, ByteSpan address) const {
    auto existing = readAccount(store, address);
    if (!existing) return existing.error();
    if (*existing != nullptr) return {};
    auto created = newAccount(store, address);
    if (!created) return created.error();
    return setAccount(store, *created);
}

Status AuthKeeper::forEachAccount(const KvStore& store,
                                  const std::function<bool(const Account&)>& visit) const {
    Status failure;
    auto status = store.forEachPrefix(kAccountPrefix, [&](ByteSpan, ByteSpan value) {
        Account a;
        if (!a.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
            failure = corrupt("auth/acc");
            return false;
        }
        return visit(a);
    });
    if (!status) return status;
    return failure;
}

Result<Coins> AuthKeeper::lockedCoins(const KvStore& store, ByteSpan address,
                                      int64_t blockTimeSeconds) const {
    auto a = readAccount(store, address);
    if (!a) return a.error();
    if (*a == nullptr || !(*a)->has_vesting()) return Coins{};
    return auth::lockedCoins((*a)->vesting(), blockTimeSeconds);
}

Result<std::optional<Bytes>> AuthKeeper::publicKeyOf(const Account& account) {
    if (!account.base().has_pub_key()) return std::optional<Bytes>{};
    const auto& any = account.base().pub_key();
    cosmos::crypto::secp256k1::PubKey pk;
    if (any.type_url() != kSecp256k1PubKeyType || !pk.ParseFromString(any.value()))
        return corrupt("auth/acc pub_key");
    return std::optional<Bytes>(Bytes(pk.key().begin(), pk.key().end()));
}

void AuthKeeper::setPublicKey(Account& account, ByteSpan pub33) {
    cosmos::crypto::secp256k1::PubKey pk;
    pk.set_key(std::string(pub33.begin(), pub33.end()));
    auto* any = account.mutable_base()->mutable_pub_key();
    any->set_type_url(std::string(kSecp256k1PubKeyType));
    any->set_value(pk.SerializeAsString());
}

}  // namespace allora::node::auth
