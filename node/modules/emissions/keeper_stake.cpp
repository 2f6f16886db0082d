// EmissionsKeeper: stake, delegation with reward per share, and pending stake removals.
#include "node/modules/emissions/keeper.h"

#include "node/modules/address.h"
#include "node/modules/emissions/state_keys.h"

namespace allora::node::emissions {

using namespace keys;

namespace {

Bytes removalIndexKey(std::string_view prefix, int64_t height, uint64_t topicId, ByteSpan a,
                      ByteSpan b = {}) {
    Bytes k = allora::toBytes(std::string(prefix));
    appendU64(k, static_cast<uint64_t>(height));
    appendU64(k, topicId);
    k.insert(k.end(), a.begin(), a.end());
    k.insert(k.end(), b.begin(), b.end());
    return k;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Stake

Result<Amount> EmissionsKeeper::topicStake(const KvStore& store, uint64_t topicId) const {
    return readAmount(store, topicKey(kTopicStake, topicId));
}
Result<Amount> EmissionsKeeper::reputerStake(const KvStore& store, uint64_t topicId,
                                             ByteSpan reputer) const {
    return readAmount(store, topicKey(kRepStake, topicId, reputer));
}
Result<Amount> EmissionsKeeper::delegatedTo(const KvStore& store, uint64_t topicId,
                                            ByteSpan reputer) const {
    return readAmount(store, topicKey(kDelegTo, topicId, reputer));
}
Result<Amount> EmissionsKeeper::delegatedBy(const KvStore& store, uint64_t topicId,
                                            ByteSpan delegator) const {
    return readAmount(store, topicKey(kDelegBy, topicId, delegator));
}
Result<Amount> EmissionsKeeper::reputerAuthority(const KvStore& store, uint64_t topicId,
                                                 ByteSpan reputer) const {
    auto own = reputerStake(store, topicId, reputer);
    if (!own) return own;
    auto delegated = delegatedTo(store, topicId, reputer);
    if (!delegated) return delegated;
    return own->add(*delegated);
}

Result<pb::DelegatorInfo> EmissionsKeeper::delegatorInfo(const KvStore& store, uint64_t topicId,
                                                         ByteSpan reputer,
                                                         ByteSpan delegator) const {
    auto info = readProto<pb::DelegatorInfo>(store, topicKey(kDeleg, topicId, reputer, delegator),
                                             "delegator");
    if (!info) return info.error();
    if (!*info) {
        pb::DelegatorInfo empty;
        empty.set_amount("0");
        empty.set_reward_debt("0");
        return empty;
    }
    return std::move(**info);
}

Result<Amount> EmissionsKeeper::delegatorAmount(const KvStore& store, uint64_t topicId,
                                                ByteSpan reputer, ByteSpan delegator) const {
    auto info = delegatorInfo(store, topicId, reputer, delegator);
    if (!info) return info.error();
    return parseCoinAmount(info->amount());
}

Status EmissionsKeeper::addReputerStake(KvStore& store, uint64_t topicId, ByteSpan reputer,
                                        const Amount& amount, bool subtract) const {
    if (auto s = addAmount(store, topicKey(kRepStake, topicId, reputer), amount, subtract); !s)
        return s;
    return addAmount(store, topicKey(kTopicStake, topicId), amount, subtract);
}

Result<Amount> EmissionsKeeper::rewardPerShare(const KvStore& store, uint64_t topicId,
                                               ByteSpan reputer) const {
    return readAmount(store, topicKey(kRps, topicId, reputer));
}

Status EmissionsKeeper::addDelegatorReward(KvStore& store, uint64_t topicId, ByteSpan reputer,
                                           const Amount& reward) const {
    auto delegated = delegatedTo(store, topicId, reputer);
    if (!delegated) return delegated.error();
    if (delegated->isZero())
        return makeError(ErrorCode::InvalidArgument, "no stake is delegated to the reputer");
    auto increment = reward.mulDiv(rewardShareScale(), *delegated);
    if (!increment) return increment.error();
    return addAmount(store, topicKey(kRps, topicId, reputer), *increment, false);
}

Result<Amount> EmissionsKeeper::pendingDelegatorReward(const KvStore& store, uint64_t topicId,
                                                       ByteSpan reputer, ByteSpan delegator) const {
    auto info = delegatorInfo(store, topicId, reputer, delegator);
    if (!info) return info.error();
    auto amount = parseCoinAmount(info->amount());
    auto debt = parseCoinAmount(info->reward_debt());
    if (!amount || !debt) return makeError(ErrorCode::Corrupt, "delegator record is corrupt");
    auto rps = rewardPerShare(store, topicId, reputer);
    if (!rps) return rps;
    auto accrued = amount->mulDiv(*rps, rewardShareScale());
    if (!accrued) return accrued;
    if (*accrued <= *debt) return Amount{};
    return accrued->sub(*debt);
}

Result<Amount> EmissionsKeeper::claimDelegatorReward(MsgContext& ctx, uint64_t topicId,
                                                     ByteSpan reputer, ByteSpan delegator) const {
    auto pending = pendingDelegatorReward(ctx.store, topicId, reputer, delegator);
    if (!pending) return pending;
    auto info = delegatorInfo(ctx.store, topicId, reputer, delegator);
    if (!info) return info.error();
    auto amount = parseCoinAmount(info->amount());
    auto rps = rewardPerShare(ctx.store, topicId, reputer);
    if (!amount || !rps) return makeError(ErrorCode::Corrupt, "delegator record is corrupt");
    if (!pending->isZero()) {
        TxStatus s = bank_.send(ctx.store, ctx.block.timeUnixNanos / 1'000'000'000,
                                moduleAddress(kPendingRewardsName), delegator,
                                Coins{Coin{std::string(kBondDenom), *pending}}, &ctx.events);
        if (!s.ok()) return makeError(ErrorCode::Internal, "pending rewards pool: " + s.log);
    }
    auto debt = amount->mulDiv(*rps, rewardShareScale());
    if (!debt) return debt.error();
    if (amount->isZero()) return pending;  // no record to keep
    info->set_reward_debt(coinAmountString(*debt));
    if (auto s = writeProto(ctx.store, topicKey(kDeleg, topicId, reputer, delegator), *info); !s)
        return s.error();
    return pending;
}

TxStatus EmissionsKeeper::changeDelegateStake(MsgContext& ctx, uint64_t topicId, ByteSpan reputer,
                                              ByteSpan delegator, const Amount& amount,
                                              bool subtract) const {
    auto paid = claimDelegatorReward(ctx, topicId, reputer, delegator);
    if (!paid) return TxStatus::internal(paid.error());
    auto info = delegatorInfo(ctx.store, topicId, reputer, delegator);
    if (!info) return TxStatus::internal(info.error());
    auto have = parseCoinAmount(info->amount());
    if (!have) return TxStatus::internal(have.error());
    auto next = subtract ? have->sub(amount) : have->add(amount);
    if (!next) return TxStatus::internal(next.error());
    auto rps = rewardPerShare(ctx.store, topicId, reputer);
    if (!rps) return TxStatus::internal(rps.error());
    auto debt = next->mulDiv(*rps, rewardShareScale());
    if (!debt) return TxStatus::internal(debt.error());
    const Bytes k = topicKey(kDeleg, topicId, reputer, delegator);
    Status s;
    if (next->isZero()) {
        s = ctx.store.remove(k);
    } else {
        info->set_amount(coinAmountString(*next));
        info->set_reward_debt(coinAmountString(*debt));
        s = writeProto(ctx.store, k, *info);
    }
    if (!s) return TxStatus::internal(s.error());
    for (const Bytes& total :
         {topicKey(kDelegTo, topicId, reputer), topicKey(kDelegBy, topicId, delegator),
          topicKey(kTopicStake, topicId)})
        if (auto r = addAmount(ctx.store, total, amount, subtract); !r)
            return TxStatus::internal(r.error());
    return TxStatus::success();
}

// ---------------------------------------------------------------------------------------------
// Pending removals

Result<std::optional<pb::StakeRemovalInfo>> EmissionsKeeper::stakeRemoval(const KvStore& store,
                                                                          uint64_t topicId,
                                                                          ByteSpan reputer) const {
    return readProto<pb::StakeRemovalInfo>(store, topicKey(kRemoval, topicId, reputer),
                                           "stake removal");
}

Status EmissionsKeeper::setStakeRemoval(KvStore& store, const pb::StakeRemovalInfo& info) const {
    auto reputer = parseAddress(info.reputer());
    if (!reputer) return reputer.error();
    if (auto s = deleteStakeRemoval(store, info.topic_id(), *reputer); !s) return s;
    if (auto s = writeProto(store, topicKey(kRemoval, info.topic_id(), *reputer), info); !s)
        return s;
    return store.set(
        removalIndexKey(kRemovalAt, info.block_removal_completed(), info.topic_id(), *reputer),
        Bytes{});
}

Status EmissionsKeeper::deleteStakeRemoval(KvStore& store, uint64_t topicId,
                                           ByteSpan reputer) const {
    auto existing = stakeRemoval(store, topicId, reputer);
    if (!existing) return existing.error();
    if (!*existing) return {};
    if (auto s = store.remove(
            removalIndexKey(kRemovalAt, (*existing)->block_removal_completed(), topicId, reputer));
        !s)
        return s;
    return store.remove(topicKey(kRemoval, topicId, reputer));
}

Result<std::optional<pb::DelegateStakeRemovalInfo>> EmissionsKeeper::delegateStakeRemoval(
    const KvStore& store, uint64_t topicId, ByteSpan reputer, ByteSpan delegator) const {
    return readProto<pb::DelegateStakeRemovalInfo>(
        store, topicKey(kDelegRemoval, topicId, reputer, delegator), "delegate stake removal");
}

Status EmissionsKeeper::setDelegateStakeRemoval(KvStore& store,
                                                const pb::DelegateStakeRemovalInfo& info) const {
    auto reputer = parseAddress(info.reputer());
    if (!reputer) return reputer.error();
    auto delegator = parseAddress(info.delegator());
    if (!delegator) return delegator.error();
    if (auto s = deleteDelegateStakeRemoval(store, info.topic_id(), *reputer, *delegator); !s)
        return s;
    if (auto s =
            writeProto(store, topicKey(kDelegRemoval, info.topic_id(), *reputer, *delegator), info);
        !s)
        return s;
    return store.set(removalIndexKey(kDelegRemovalAt, info.block_removal_completed(),
                                     info.topic_id(), *reputer, *delegator),
                     Bytes{});
}

Status EmissionsKeeper::deleteDelegateStakeRemoval(KvStore& store, uint64_t topicId,
                                                   ByteSpan reputer, ByteSpan delegator) const {
    auto existing = delegateStakeRemoval(store, topicId, reputer, delegator);
    if (!existing) return existing.error();
    if (!*existing) return {};
    if (auto s = store.remove(removalIndexKey(
            kDelegRemovalAt, (*existing)->block_removal_completed(), topicId, reputer, delegator));
        !s)
        return s;
    return store.remove(topicKey(kDelegRemoval, topicId, reputer, delegator));
}

namespace {

// Index keys under `prefix` with a height ≤ `height`, in key order.
Result<std::vector<Bytes>> dueIndexKeys(const KvStore& store, std::string_view prefix,
                                        int64_t height) {
    std::vector<Bytes> keys;
    const Bytes p = allora::toBytes(std::string(prefix));
    auto s = store.forEachPrefix(p, [&](ByteSpan k, ByteSpan) {
        if (k.size() < p.size() + 16) return true;
        if (readU64(k, p.size()) > static_cast<uint64_t>(height)) return false;
        keys.emplace_back(k.begin(), k.end());
        return true;
    });
    if (!s) return s.error();
    return keys;
}

}  // namespace

Result<std::vector<pb::StakeRemovalInfo>> EmissionsKeeper::stakeRemovalsDue(const KvStore& store,
                                                                            int64_t height) const {
    auto keys = dueIndexKeys(store, kRemovalAt, height);
    if (!keys) return keys.error();
    std::vector<pb::StakeRemovalInfo> out;
    const size_t base = kRemovalAt.size();
    for (const Bytes& k : *keys) {
        const uint64_t topicId = readU64(k, base + 8);
        const ByteSpan reputer(k.data() + base + 16, k.size() - base - 16);
        auto info = stakeRemoval(store, topicId, reputer);
        if (!info) return info.error();
        if (!*info) return makeError(ErrorCode::Corrupt, "stake removal index without record");
        out.push_back(std::move(**info));
    }
    return out;
}

Result<std::vector<pb::DelegateStakeRemovalInfo>> EmissionsKeeper::delegateStakeRemovalsDue(
    const KvStore& store, int64_t height) const {
    auto keys = dueIndexKeys(store, kDelegRemovalAt, height);
    if (!keys) return keys.error();
    std::vector<pb::DelegateStakeRemovalInfo> out;
    const size_t base = kDelegRemovalAt.size();
    for (const Bytes& k : *keys) {
        if (k.size() != base + 16 + 40)
            return makeError(ErrorCode::Corrupt, "delegate removal index key is corrupt");
        const uint64_t topicId = readU64(k, base + 8);
        const ByteSpan reputer(k.data() + base + 16, 20), delegator(k.data() + base + 36, 20);
        auto info = delegateStakeRemoval(store, topicId, reputer, delegator);
        if (!info) return info.error();
        if (!*info) return makeError(ErrorCode::Corrupt, "delegate removal index without record");
        out.push_back(std::move(**info));
    }
    return out;
}

}  // namespace allora::node::emissions
