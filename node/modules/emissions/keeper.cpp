#include "node/modules/emissions/keeper.h"

#include <charconv>
#include <cmath>

#include "core/dmath.h"
#include "node/modules/address.h"
#include "node/modules/proto_util.h"

namespace allora::node::emissions {

namespace {

void appendU64(Bytes& key, uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) key.push_back(static_cast<uint8_t>(v >> shift));
}

uint64_t readU64(ByteSpan b, size_t at) {
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) v = (v << 8) | b[at + i];
    return v;
}

// prefix + topic id [+ parts...]
Bytes key(std::string_view prefix, uint64_t topicId) {
    Bytes k = allora::toBytes(std::string(prefix));
    appendU64(k, topicId);
    return k;
}
Bytes key(std::string_view prefix, uint64_t topicId, ByteSpan a) {
    Bytes k = key(prefix, topicId);
    k.insert(k.end(), a.begin(), a.end());
    return k;
}
Bytes key(std::string_view prefix, uint64_t topicId, ByteSpan a, ByteSpan b) {
    Bytes k = key(prefix, topicId, a);
    k.insert(k.end(), b.begin(), b.end());
    return k;
}
Bytes nonceKey(std::string_view prefix, uint64_t topicId, int64_t nonce, ByteSpan address) {
    Bytes k = key(prefix, topicId);
    appendU64(k, static_cast<uint64_t>(nonce));
    k.insert(k.end(), address.begin(), address.end());
    return k;
}

constexpr std::string_view kParams = "em/params";
constexpr std::string_view kNextTopic = "em/next_topic";
constexpr std::string_view kTopic = "em/topic/";
constexpr std::string_view kActive = "em/active/";
constexpr std::string_view kWorker = "em/worker/";
constexpr std::string_view kReputer = "em/reputer/";
constexpr std::string_view kRevenue = "em/revenue/";
constexpr std::string_view kTopicStake = "em/stake/topic/";
constexpr std::string_view kRepStake = "em/stake/rep/";
constexpr std::string_view kDelegTo = "em/stake/deleg_to/";
constexpr std::string_view kDelegBy = "em/stake/deleg_by/";
constexpr std::string_view kDeleg = "em/deleg/";
constexpr std::string_view kRps = "em/rps/";
constexpr std::string_view kRemoval = "em/rm/";
constexpr std::string_view kRemovalAt = "em/rm_at/";
constexpr std::string_view kDelegRemoval = "em/drm/";
constexpr std::string_view kDelegRemovalAt = "em/drm_at/";
constexpr std::string_view kWorkerNonces = "em/wnonce/";
constexpr std::string_view kReputerNonces = "em/rnonce/";
constexpr std::string_view kInference = "em/inf/";
constexpr std::string_view kForecast = "em/fc/";
constexpr std::string_view kReputerPayload = "em/rep/";
constexpr std::string_view kLatestInference = "em/latest_inf/";
constexpr std::string_view kInfererEma = "em/ema/inf/";

template <typename Msg>
Result<std::optional<Msg>> readProto(const KvStore& store, const Bytes& k, const char* what) {
    auto raw = store.get(k);
    if (!raw) return raw.error();
    if (!*raw) return std::optional<Msg>{};
    Msg m;
    if (!m.ParseFromArray((*raw)->data(), static_cast<int>((*raw)->size())))
        return makeError(ErrorCode::Corrupt, std::string("stored ") + what + " does not decode");
    return std::optional<Msg>(std::move(m));
}

Status writeProto(KvStore& store, const Bytes& k, const google::protobuf::MessageLite& m) {
    return store.set(k, node::toBytes(m));
}

template <typename Msg>
Result<std::vector<Msg>> readAll(const KvStore& store, const Bytes& prefix, const char* what) {
    std::vector<Msg> out;
    Status failure;
    auto s = store.forEachPrefix(prefix, [&](ByteSpan, ByteSpan value) {
        Msg m;
        if (!m.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
            failure =
                makeError(ErrorCode::Corrupt, std::string("stored ") + what + " does not decode");
            return false;
        }
        out.push_back(std::move(m));
        return true;
    });
    if (!s) return s.error();
    if (!failure) return failure.error();
    return out;
}

Bytes removalIndexKey(std::string_view prefix, int64_t height, uint64_t topicId, ByteSpan a,
                      ByteSpan b = {}) {
    Bytes k = allora::toBytes(std::string(prefix));
    appendU64(k, static_cast<uint64_t>(height));
    appendU64(k, topicId);
    k.insert(k.end(), a.begin(), a.end());
    k.insert(k.end(), b.begin(), b.end());
    return k;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

Amount rewardShareScale() {
    return Amount::fromUallo(1'000'000'000'000'000'000ULL);
}

Result<double> parseDecimal(std::string_view text) {
    auto bad = [&](const char* why) {
        return makeError(ErrorCode::InvalidArgument,
                         "\"" + std::string(text.substr(0, 64)) + "\" is not a decimal: " + why);
    };
    if (text.empty()) return bad("empty");
    if (text.size() > 128) return bad("longer than 128 characters");
    size_t i = 0;
    if (text[i] == '-') ++i;
    const size_t intStart = i;
    while (i < text.size() && isDigit(text[i])) ++i;
    if (i == intStart) return bad("no digits before the point");
    if (i < text.size() && text[i] == '.') {
        const size_t fracStart = ++i;
        while (i < text.size() && isDigit(text[i])) ++i;
        if (i == fracStart) return bad("no digits after the point");
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        const size_t expStart = i;
        while (i < text.size() && isDigit(text[i])) ++i;
        if (i == expStart) return bad("no digits in the exponent");
    }
    if (i != text.size()) return bad("unexpected characters");
    double d = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec == std::errc::result_out_of_range || !std::isfinite(d)) return bad("out of range");
    if (ec != std::errc() || ptr != text.data() + text.size()) return bad("does not parse");
    if (d > 1e40 || d < -1e40) return bad("magnitude above 1e40");
    return d;
}

double toDouble(const Amount& amount) {
    const std::string s = coinAmountString(amount);
    double d = 0;
    std::from_chars(s.data(), s.data() + s.size(), d);
    return d;
}

// ---------------------------------------------------------------------------------------------
// Params and topics

Result<Params> EmissionsKeeper::params(const KvStore& store) const {
    auto p = readProto<Params>(store, allora::toBytes(std::string(kParams)), "emissions params");
    if (!p) return p.error();
    if (!*p) return makeError(ErrorCode::NotFound, "emissions params are not set (no genesis?)");
    return std::move(**p);
}

Status EmissionsKeeper::setParams(KvStore& store, const Params& params) const {
    return writeProto(store, allora::toBytes(std::string(kParams)), params);
}

Result<bool> EmissionsKeeper::isAdmin(const KvStore& store, ByteSpan address) const {
    Bytes k = allora::toBytes("em/admin/");
    k.insert(k.end(), address.begin(), address.end());
    auto raw = store.get(k);
    if (!raw) return raw.error();
    return raw->has_value();
}

Status EmissionsKeeper::setAdmin(KvStore& store, ByteSpan address, bool admin) const {
    Bytes k = allora::toBytes("em/admin/");
    k.insert(k.end(), address.begin(), address.end());
    if (admin) return store.set(k, Bytes{});
    return store.remove(k);
}

Result<uint64_t> EmissionsKeeper::nextTopicId(const KvStore& store) const {
    auto raw = store.get(allora::toBytes(std::string(kNextTopic)));
    if (!raw) return raw.error();
    if (!*raw) return uint64_t{1};
    if ((*raw)->size() != 8) return makeError(ErrorCode::Corrupt, "next topic id is corrupt");
    return readU64(**raw, 0);
}

Result<uint64_t> EmissionsKeeper::createTopic(KvStore& store, Topic topic) const {
    auto id = nextTopicId(store);
    if (!id) return id;
    topic.set_id(*id);
    if (auto s = setTopic(store, topic); !s) return s.error();
    Bytes next;
    appendU64(next, *id + 1);
    if (auto s = store.set(allora::toBytes(std::string(kNextTopic)), next); !s) return s.error();
    return id;
}

Result<std::optional<Topic>> EmissionsKeeper::topic(const KvStore& store, uint64_t id) const {
    return readProto<Topic>(store, key(kTopic, id), "topic");
}

Status EmissionsKeeper::setTopic(KvStore& store, const Topic& topic) const {
    return writeProto(store, key(kTopic, topic.id()), topic);
}

Status EmissionsKeeper::forEachTopic(const KvStore& store, uint64_t fromId,
                                     const std::function<bool(const Topic&)>& visit) const {
    auto next = nextTopicId(store);
    if (!next) return next.error();
    for (uint64_t id = std::max<uint64_t>(fromId, 1); id < *next; ++id) {
        auto t = topic(store, id);
        if (!t) return t.error();
        if (*t && !visit(**t)) break;
    }
    return {};
}

Result<bool> EmissionsKeeper::isActive(const KvStore& store, uint64_t id) const {
    auto raw = store.get(key(kActive, id));
    if (!raw) return raw.error();
    return raw->has_value();
}

Status EmissionsKeeper::setActive(KvStore& store, uint64_t id, bool active) const {
    if (active) return store.set(key(kActive, id), Bytes{});
    return store.remove(key(kActive, id));
}

Result<std::vector<uint64_t>> EmissionsKeeper::activeTopicIds(const KvStore& store) const {
    std::vector<uint64_t> ids;
    const Bytes prefix = allora::toBytes(std::string(kActive));
    auto s = store.forEachPrefix(prefix, [&](ByteSpan k, ByteSpan) {
        if (k.size() == prefix.size() + 8) ids.push_back(readU64(k, prefix.size()));
        return true;
    });
    if (!s) return s.error();
    return ids;
}

Result<double> EmissionsKeeper::topicWeight(const KvStore& store, const Topic& topic) const {
    auto p = params(store);
    if (!p) return p.error();
    auto stake = topicStake(store, topic.id());
    if (!stake) return stake.error();
    auto revenue = topicFeeRevenue(store, topic.id());
    if (!revenue) return revenue.error();
    auto a = parseDecimal(p->topic_reward_stake_importance());
    auto b = parseDecimal(p->topic_reward_fee_revenue_importance());
    if (!a || !b) return makeError(ErrorCode::Corrupt, "topic reward importance params corrupt");
    const double s = toDouble(*stake);
    const double c =
        toDouble(*revenue) / static_cast<double>(std::max<int64_t>(topic.epoch_length(), 1));
    if (s <= 0 || c <= 0) return 0.0;
    return dmath::pow(s, *a) * dmath::pow(c, *b);
}

Result<bool> EmissionsKeeper::activateIfWeighty(KvStore& store, uint64_t id) const {
    auto active = isActive(store, id);
    if (!active || *active) return active;
    auto t = topic(store, id);
    if (!t) return t.error();
    if (!*t) return makeError(ErrorCode::NotFound, "topic " + std::to_string(id) + " not found");
    auto p = params(store);
    if (!p) return p.error();
    auto minWeight = parseDecimal(p->min_topic_weight());
    if (!minWeight) return minWeight.error();
    auto w = topicWeight(store, **t);
    if (!w) return w.error();
    if (*w < *minWeight) return false;
    if (auto s = setActive(store, id, true); !s) return s.error();
    return true;
}

// ---------------------------------------------------------------------------------------------
// Registrations and revenue

Result<bool> EmissionsKeeper::isRegistered(const KvStore& store, uint64_t topicId, ByteSpan address,
                                           bool reputer) const {
    auto raw = store.get(key(reputer ? kReputer : kWorker, topicId, address));
    if (!raw) return raw.error();
    return raw->has_value();
}

Status EmissionsKeeper::setRegistered(KvStore& store, uint64_t topicId, ByteSpan address,
                                      bool reputer, bool registered) const {
    const Bytes k = key(reputer ? kReputer : kWorker, topicId, address);
    if (registered) return store.set(k, Bytes{});
    return store.remove(k);
}

Result<Amount> EmissionsKeeper::readAmount(const KvStore& store, const Bytes& k) const {
    auto raw = store.get(k);
    if (!raw) return raw.error();
    if (!*raw) return Amount{};
    auto a = parseCoinAmount(
        std::string_view(reinterpret_cast<const char*>((*raw)->data()), (*raw)->size()));
    if (!a) return makeError(ErrorCode::Corrupt, "stored emissions amount does not decode");
    return a;
}

Status EmissionsKeeper::writeAmount(KvStore& store, const Bytes& k, const Amount& amount) const {
    if (amount.isZero()) return store.remove(k);
    return store.set(k, asBytes(coinAmountString(amount)));
}

Status EmissionsKeeper::addAmount(KvStore& store, const Bytes& k, const Amount& amount,
                                  bool subtract) const {
    auto have = readAmount(store, k);
    if (!have) return have.error();
    auto next = subtract ? have->sub(amount) : have->add(amount);
    if (!next) return next.error();
    return writeAmount(store, k, *next);
}

Result<Amount> EmissionsKeeper::topicFeeRevenue(const KvStore& store, uint64_t topicId) const {
    return readAmount(store, key(kRevenue, topicId));
}

Status EmissionsKeeper::addTopicFeeRevenue(KvStore& store, uint64_t topicId,
                                           const Amount& amount) const {
    return addAmount(store, key(kRevenue, topicId), amount, false);
}

Status EmissionsKeeper::setTopicFeeRevenue(KvStore& store, uint64_t topicId,
                                           const Amount& amount) const {
    return writeAmount(store, key(kRevenue, topicId), amount);
}

TxStatus EmissionsKeeper::chargeFee(MsgContext& ctx, ByteSpan payer, const Amount& fee,
                                    uint64_t topicId, std::string_view what) const {
    if (fee.isZero()) return TxStatus::success();
    TxStatus s = bank_.send(ctx.store, ctx.block.timeUnixNanos / 1'000'000'000, payer,
                            moduleAddress(kEcosystemName),
                            Coins{Coin{std::string(kBondDenom), fee}}, &ctx.events);
    if (!s.ok()) {
        if (s.code == TxCode::InsufficientFunds)
            s.log =
                "cannot pay the " + std::string(what) + " of " + fee.toCoinString() + ": " + s.log;
        return s;
    }
    if (auto r = addTopicFeeRevenue(ctx.store, topicId, fee); !r)
        return TxStatus::internal(r.error());
    return TxStatus::success();
}

// ---------------------------------------------------------------------------------------------
// Stake

Result<Amount> EmissionsKeeper::topicStake(const KvStore& store, uint64_t topicId) const {
    return readAmount(store, key(kTopicStake, topicId));
}
Result<Amount> EmissionsKeeper::reputerStake(const KvStore& store, uint64_t topicId,
                                             ByteSpan reputer) const {
    return readAmount(store, key(kRepStake, topicId, reputer));
}
Result<Amount> EmissionsKeeper::delegatedTo(const KvStore& store, uint64_t topicId,
                                            ByteSpan reputer) const {
    return readAmount(store, key(kDelegTo, topicId, reputer));
}
Result<Amount> EmissionsKeeper::delegatedBy(const KvStore& store, uint64_t topicId,
                                            ByteSpan delegator) const {
    return readAmount(store, key(kDelegBy, topicId, delegator));
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
    auto info =
        readProto<pb::DelegatorInfo>(store, key(kDeleg, topicId, reputer, delegator), "delegator");
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
    if (auto s = addAmount(store, key(kRepStake, topicId, reputer), amount, subtract); !s) return s;
    return addAmount(store, key(kTopicStake, topicId), amount, subtract);
}

Result<Amount> EmissionsKeeper::rewardPerShare(const KvStore& store, uint64_t topicId,
                                               ByteSpan reputer) const {
    return readAmount(store, key(kRps, topicId, reputer));
}

Status EmissionsKeeper::addDelegatorReward(KvStore& store, uint64_t topicId, ByteSpan reputer,
                                           const Amount& reward) const {
    auto delegated = delegatedTo(store, topicId, reputer);
    if (!delegated) return delegated.error();
    if (delegated->isZero())
        return makeError(ErrorCode::InvalidArgument, "no stake is delegated to the reputer");
    auto increment = reward.mulDiv(rewardShareScale(), *delegated);
    if (!increment) return increment.error();
    return addAmount(store, key(kRps, topicId, reputer), *increment, false);
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
    if (auto s = writeProto(ctx.store, key(kDeleg, topicId, reputer, delegator), *info); !s)
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
    const Bytes k = key(kDeleg, topicId, reputer, delegator);
    Status s;
    if (next->isZero()) {
        s = ctx.store.remove(k);
    } else {
        info->set_amount(coinAmountString(*next));
        info->set_reward_debt(coinAmountString(*debt));
        s = writeProto(ctx.store, k, *info);
    }
    if (!s) return TxStatus::internal(s.error());
    for (const Bytes& total : {key(kDelegTo, topicId, reputer), key(kDelegBy, topicId, delegator),
                               key(kTopicStake, topicId)})
        if (auto r = addAmount(ctx.store, total, amount, subtract); !r)
            return TxStatus::internal(r.error());
    return TxStatus::success();
}

// ---------------------------------------------------------------------------------------------
// Pending removals

Result<std::optional<pb::StakeRemovalInfo>> EmissionsKeeper::stakeRemoval(const KvStore& store,
                                                                          uint64_t topicId,
                                                                          ByteSpan reputer) const {
    return readProto<pb::StakeRemovalInfo>(store, key(kRemoval, topicId, reputer), "stake removal");
}

Status EmissionsKeeper::setStakeRemoval(KvStore& store, const pb::StakeRemovalInfo& info) const {
    auto reputer = parseAddress(info.reputer());
    if (!reputer) return reputer.error();
    if (auto s = deleteStakeRemoval(store, info.topic_id(), *reputer); !s) return s;
    if (auto s = writeProto(store, key(kRemoval, info.topic_id(), *reputer), info); !s) return s;
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
    return store.remove(key(kRemoval, topicId, reputer));
}

Result<std::optional<pb::DelegateStakeRemovalInfo>> EmissionsKeeper::delegateStakeRemoval(
    const KvStore& store, uint64_t topicId, ByteSpan reputer, ByteSpan delegator) const {
    return readProto<pb::DelegateStakeRemovalInfo>(
        store, key(kDelegRemoval, topicId, reputer, delegator), "delegate stake removal");
}

Status EmissionsKeeper::setDelegateStakeRemoval(KvStore& store,
                                                const pb::DelegateStakeRemovalInfo& info) const {
    auto reputer = parseAddress(info.reputer());
    if (!reputer) return reputer.error();
    auto delegator = parseAddress(info.delegator());
    if (!delegator) return delegator.error();
    if (auto s = deleteDelegateStakeRemoval(store, info.topic_id(), *reputer, *delegator); !s)
        return s;
    if (auto s = writeProto(store, key(kDelegRemoval, info.topic_id(), *reputer, *delegator), info);
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
    return store.remove(key(kDelegRemoval, topicId, reputer, delegator));
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

// ---------------------------------------------------------------------------------------------
// Nonces and payloads

Result<pb::Nonces> EmissionsKeeper::workerNonces(const KvStore& store, uint64_t topicId) const {
    auto n = readProto<pb::Nonces>(store, key(kWorkerNonces, topicId), "worker nonces");
    if (!n) return n.error();
    return *n ? std::move(**n) : pb::Nonces{};
}

Status EmissionsKeeper::setWorkerNonces(KvStore& store, uint64_t topicId,
                                        const pb::Nonces& nonces) const {
    if (nonces.nonces_size() == 0) return store.remove(key(kWorkerNonces, topicId));
    return writeProto(store, key(kWorkerNonces, topicId), nonces);
}

Result<pb::ReputerRequestNonces> EmissionsKeeper::reputerNonces(const KvStore& store,
                                                                uint64_t topicId) const {
    auto n =
        readProto<pb::ReputerRequestNonces>(store, key(kReputerNonces, topicId), "reputer nonces");
    if (!n) return n.error();
    return *n ? std::move(**n) : pb::ReputerRequestNonces{};
}

Status EmissionsKeeper::setReputerNonces(KvStore& store, uint64_t topicId,
                                         const pb::ReputerRequestNonces& nonces) const {
    if (nonces.nonces_size() == 0) return store.remove(key(kReputerNonces, topicId));
    return writeProto(store, key(kReputerNonces, topicId), nonces);
}

Result<bool> EmissionsKeeper::hasWorkerPayload(const KvStore& store, uint64_t topicId,
                                               int64_t nonce, ByteSpan worker) const {
    for (std::string_view prefix : {kInference, kForecast}) {
        auto raw = store.get(nonceKey(prefix, topicId, nonce, worker));
        if (!raw) return raw.error();
        if (raw->has_value()) return true;
    }
    return false;
}

Status EmissionsKeeper::setInference(KvStore& store, uint64_t topicId, int64_t nonce,
                                     ByteSpan worker, const pb::Inference& inference) const {
    if (auto s = writeProto(store, nonceKey(kInference, topicId, nonce, worker), inference); !s)
        return s;
    return writeProto(store, key(kLatestInference, topicId, worker), inference);
}

Status EmissionsKeeper::setForecast(KvStore& store, uint64_t topicId, int64_t nonce,
                                    ByteSpan worker, const pb::Forecast& forecast) const {
    return writeProto(store, nonceKey(kForecast, topicId, nonce, worker), forecast);
}

Result<std::vector<pb::Inference>> EmissionsKeeper::inferencesAt(const KvStore& store,
                                                                 uint64_t topicId,
                                                                 int64_t nonce) const {
    return readAll<pb::Inference>(store, nonceKey(kInference, topicId, nonce, {}), "inference");
}

Result<std::vector<pb::Forecast>> EmissionsKeeper::forecastsAt(const KvStore& store,
                                                               uint64_t topicId,
                                                               int64_t nonce) const {
    return readAll<pb::Forecast>(store, nonceKey(kForecast, topicId, nonce, {}), "forecast");
}

Result<std::optional<pb::Inference>> EmissionsKeeper::latestInference(const KvStore& store,
                                                                      uint64_t topicId,
                                                                      ByteSpan worker) const {
    return readProto<pb::Inference>(store, key(kLatestInference, topicId, worker), "inference");
}

Result<bool> EmissionsKeeper::hasReputerPayload(const KvStore& store, uint64_t topicId,
                                                int64_t nonce, ByteSpan reputer) const {
    auto raw = store.get(nonceKey(kReputerPayload, topicId, nonce, reputer));
    if (!raw) return raw.error();
    return raw->has_value();
}

Status EmissionsKeeper::setReputerPayload(KvStore& store, uint64_t topicId, int64_t nonce,
                                          ByteSpan reputer,
                                          const pb::ReputerValueBundle& bundle) const {
    return writeProto(store, nonceKey(kReputerPayload, topicId, nonce, reputer), bundle);
}

Result<std::vector<pb::ReputerValueBundle>> EmissionsKeeper::reputerPayloadsAt(
    const KvStore& store, uint64_t topicId, int64_t nonce) const {
    return readAll<pb::ReputerValueBundle>(store, nonceKey(kReputerPayload, topicId, nonce, {}),
                                           "reputer bundle");
}

Result<double> EmissionsKeeper::infererScoreEma(const KvStore& store, uint64_t topicId,
                                                ByteSpan inferer) const {
    auto raw = store.get(key(kInfererEma, topicId, inferer));
    if (!raw) return raw.error();
    if (!*raw) return 0.0;
    return parseDecimal(
        std::string_view(reinterpret_cast<const char*>((*raw)->data()), (*raw)->size()));
}

}  // namespace allora::node::emissions
