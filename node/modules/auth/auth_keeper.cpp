#include "node/modules/auth/auth_keeper.h"

#include "cosmos/crypto/secp256k1/keys.pb.h"
#include "node/modules/address.h"
#include "node/modules/auth/vesting.h"
#include "node/modules/proto_util.h"

namespace allora::node::auth {

namespace {

const Bytes kAccountPrefix = allora::toBytes("auth/acc/");
const Bytes kNextNumberKey = allora::toBytes("auth/next_number");
const Bytes kParamsKey = allora::toBytes("auth/params");

Bytes accountKey(ByteSpan address) {
    Bytes key = kAccountPrefix;
    key.insert(key.end(), address.begin(), address.end());
    return key;
}

Bytes serialize(const google::protobuf::MessageLite& msg) {
    Bytes out(msg.ByteSizeLong());
    msg.SerializeWithCachedSizesToArray(out.data());
    return out;
}

Error corrupt(std::string_view what) {
    return makeError(ErrorCode::Corrupt, "state record " + std::string(what) + " does not decode");
}

}  // namespace

Result<Params> AuthKeeper::params(const KvStore& store) const {
    auto raw = store.get(kParamsKey);
    if (!raw) return raw.error();
    if (!*raw) return makeError(ErrorCode::NotFound, "auth params are not set (no genesis?)");
    thread_local ParseMemo<Params> memo;  // read by every tx, changed by governance only
    const Params* p = memo.parse(**raw);
    if (p == nullptr) return corrupt("auth/params");
    return *p;
}

Status AuthKeeper::setParams(KvStore& store, const Params& params) const {
    return store.set(kParamsKey, serialize(params));
}

Result<std::optional<Account>> AuthKeeper::account(const KvStore& store, ByteSpan address) const {
    auto raw = store.get(accountKey(address));
    if (!raw) return raw.error();
    if (!*raw) return std::optional<Account>{};
    Account a;
    if (!a.ParseFromArray((*raw)->data(), static_cast<int>((*raw)->size())))
        return corrupt("auth/acc");
    return std::optional<Account>(std::move(a));
}

Status AuthKeeper::setAccount(KvStore& store, const Account& account) const {
    auto address = parseAddress(account.base().address());
    if (!address) return address.error();
    return store.set(accountKey(*address), serialize(account));
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
    auto a = account(store, address);
    if (!a) return a.error();
    if (!*a || !(*a)->has_vesting()) return Coins{};
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
