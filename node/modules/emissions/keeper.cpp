#include "node/modules/emissions/keeper.h"

#include <charconv>
#include <cmath>

#include "core/dmath.h"
#include "node/modules/address.h"
#include "node/modules/emissions/state_keys.h"

namespace allora::node::emissions {

using namespace keys;

namespace {

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
    return readProto<Topic>(store, topicKey(kTopic, id), "topic");
}

Status EmissionsKeeper::setTopic(KvStore& store, const Topic& topic) const {
    return writeProto(store, topicKey(kTopic, topic.id()), topic);
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
    auto raw = store.get(topicKey(kActive, id));
    if (!raw) return raw.error();
    return raw->has_value();
}

Status EmissionsKeeper::setActive(KvStore& store, uint64_t id, bool active) const {
    if (active) return store.set(topicKey(kActive, id), Bytes{});
    return store.remove(topicKey(kActive, id));
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
    auto raw = store.get(topicKey(reputer ? kReputer : kWorker, topicId, address));
    if (!raw) return raw.error();
    return raw->has_value();
}

Status EmissionsKeeper::setRegistered(KvStore& store, uint64_t topicId, ByteSpan address,
                                      bool reputer, bool registered) const {
    const Bytes k = topicKey(reputer ? kReputer : kWorker, topicId, address);
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
    return readAmount(store, topicKey(kRevenue, topicId));
}

Status EmissionsKeeper::addTopicFeeRevenue(KvStore& store, uint64_t topicId,
                                           const Amount& amount) const {
    return addAmount(store, topicKey(kRevenue, topicId), amount, false);
}

Status EmissionsKeeper::setTopicFeeRevenue(KvStore& store, uint64_t topicId,
                                           const Amount& amount) const {
    return writeAmount(store, topicKey(kRevenue, topicId), amount);
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

}  // namespace allora::node::emissions
