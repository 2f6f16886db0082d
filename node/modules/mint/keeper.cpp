#include "node/modules/mint/keeper.h"

#include <string>

#include "node/modules/address.h"
#include "node/modules/coins.h"
#include "node/modules/proto_util.h"
#include "node/modules/reward_pool.h"

namespace allora::mint {

namespace {

constexpr std::string_view kParamsKey = "mint/params";
constexpr std::string_view kStateKey = "mint/state";
constexpr std::string_view kLastRecalculationKey = "mint/last_recalculation";

template <typename Msg>
Result<std::optional<Msg>> readProto(const node::KvStore& store, std::string_view key,
                                     const char* what) {
    auto raw = store.get(asBytes(key));
    if (!raw) return raw.error();
    if (!*raw) return std::optional<Msg>{};
    Msg msg;
    if (!msg.ParseFromArray((*raw)->data(), static_cast<int>((*raw)->size())))
        return makeError(ErrorCode::Corrupt, std::string(what) + " do not decode");
    return std::optional<Msg>(std::move(msg));
}

Status writeProto(node::KvStore& store, std::string_view key,
                  const google::protobuf::MessageLite& msg) {
    return store.set(asBytes(key), node::toBytes(msg));
}

}  // namespace

Result<pb::Params> MintKeeper::params(const node::KvStore& store) const {
    auto p = readProto<pb::Params>(store, kParamsKey, "mint params");
    if (!p) return p.error();
    if (!*p) return makeError(ErrorCode::NotFound, "mint params are not set (no genesis?)");
    return std::move(**p);
}

Status MintKeeper::setParams(node::KvStore& store, const pb::Params& params) const {
    return writeProto(store, kParamsKey, params);
}

Result<pb::MintState> MintKeeper::state(const node::KvStore& store) const {
    auto s = readProto<pb::MintState>(store, kStateKey, "mint state");
    if (!s) return s.error();
    if (!*s) return makeError(ErrorCode::NotFound, "mint state is not set (no genesis?)");
    return std::move(**s);
}

Status MintKeeper::setState(node::KvStore& store, const pb::MintState& state) const {
    return writeProto(store, kStateKey, state);
}

Result<std::optional<pb::EmissionRecalculation>> MintKeeper::lastRecalculation(
    const node::KvStore& store) const {
    return readProto<pb::EmissionRecalculation>(store, kLastRecalculationKey,
                                                "mint recalculation figures");
}

Status MintKeeper::setLastRecalculation(node::KvStore& store,
                                        const pb::EmissionRecalculation& r) const {
    return writeProto(store, kLastRecalculationKey, r);
}

Result<Amount> MintKeeper::moduleBalance(const node::KvStore& store, std::string_view name) const {
    return bank_.balance(store, node::moduleAddress(name), node::kBondDenom);
}

Result<Amount> MintKeeper::ecosystemMintSupplyRemaining(const pb::Params& params,
                                                        const pb::MintState& state) const {
    auto t = tokenomicsParams(params);
    if (!t) return t.error();
    auto cap = allocation(*t, t->ecosystemPercent);
    if (!cap) return cap.error();
    auto minted = node::parseCoinAmount(state.ecosystem_tokens_minted());
    if (!minted) return makeError(ErrorCode::Corrupt, "mint state: ecosystem_tokens_minted");
    if (*minted >= *cap) return Amount{};
    return cap->sub(*minted);
}

Result<MintKeeper::ReputersPercent> MintKeeper::reputersPercent(const node::KvStore& store) const {
    auto stored = node::reputerRewardShare(store);
    if (!stored) return stored.error();
    if (!*stored) return ReputersPercent{LegacyDec::mustParse(kDefaultReputersPercent), true};
    auto share = parseShare(**stored);
    if (!share)
        return makeError(ErrorCode::Corrupt, "the reputers' reward share \"" + **stored +
                                                 "\" written by emissions: " + share.message());
    if (*share > LegacyDec::one())
        return makeError(ErrorCode::Corrupt,
                         "the reputers' reward share " + **stored + " is more than 1");
    return ReputersPercent{*share, false};
}

Result<LegacyDec> parseShare(std::string_view text) {
    auto bad = [&] {
        return makeError(ErrorCode::InvalidArgument,
                         "\"" + std::string(text) + "\" is not a non-negative decimal");
    };
    // Split off an exponent, then shift the decimal point by it.
    std::string_view mantissa = text;
    long exponent = 0;
    if (auto e = text.find_first_of("eE"); e != std::string_view::npos) {
        mantissa = text.substr(0, e);
        std::string_view exp = text.substr(e + 1);
        bool negative = false;
        if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) {
            negative = exp[0] == '-';
            exp.remove_prefix(1);
        }
        if (exp.empty() || exp.size() > 4) return bad();
        for (char c : exp) {
            if (c < '0' || c > '9') return bad();
            exponent = exponent * 10 + (c - '0');
        }
        if (negative) exponent = -exponent;
    }
    std::string digits;
    long point = -1;
    for (char c : mantissa) {
        if (c == '.') {
            if (point >= 0) return bad();
            point = static_cast<long>(digits.size());
        } else if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else {
            return bad();
        }
    }
    if (digits.empty()) return bad();
    if (point < 0) point = static_cast<long>(digits.size());
    point += exponent;
    // Now value = 0.digits × 10^point; write it with the point in place and 18 decimals at most.
    std::string whole, frac;
    if (point <= 0) {
        whole = "0";
        frac = std::string(static_cast<size_t>(std::min<long>(-point, 19)), '0') + digits;
    } else if (point >= static_cast<long>(digits.size())) {
        if (point > 80)
            return makeError(ErrorCode::Overflow, "decimal too large: " + std::string(text));
        whole = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
    } else {
        whole = digits.substr(0, static_cast<size_t>(point));
        frac = digits.substr(static_cast<size_t>(point));
    }
    if (frac.size() > static_cast<size_t>(LegacyDec::kPrecision))
        frac.resize(LegacyDec::kPrecision);
    return LegacyDec::parse(frac.empty() ? whole : whole + "." + frac);
}

}  // namespace allora::mint
