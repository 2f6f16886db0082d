#include "node/modules/mint/params.h"

#include <boost/json.hpp>

#include <string>

#include "node/modules/coins.h"
#include "node/modules/json_fields.h"

namespace allora::mint {

namespace json = boost::json;
namespace gp = google::protobuf;
using node::coinAmountString;
using node::kBondDenom;
using node::parseCoinAmount;

namespace {

Error badParam(const std::string& field, const std::string& why) {
    return makeError(ErrorCode::InvalidArgument, "mint param " + field + ": " + why);
}

Result<LegacyDec> decimalField(const std::string& name, const std::string& text) {
    auto d = LegacyDec::parse(text);
    if (!d) return badParam(name, d.message() + " (a decimal with at most 18 places)");
    return *d;
}

// A uallo amount of the genesis state (not a param), as a JSON number or string of digits.
Result<std::string> genesisAmount(const json::value& v, const char* name) {
    auto bad = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, std::string(name) + ": " + why);
    };
    auto text = node::jsonScalarText(v);
    if (!text) return bad("expected an integer");
    auto a = parseCoinAmount(*text);
    if (!a) return bad(a.message());
    return coinAmountString(*a);
}

}  // namespace

pb::Params defaultParams() {
    pb::Params p;
    p.set_mint_denom("uallo");
    p.set_max_supply(Amount::fromAllo(1'000'000'000).toUalloString());
    p.set_f_emission("0.025");
    p.set_one_month_smoothing_degree("0.1");
    p.set_ecosystem_treasury_percent_of_total_supply("0.3595");
    p.set_foundation_treasury_percent_of_total_supply("0.1");
    p.set_participants_percent_of_total_supply("0.055");
    p.set_investors_percent_of_total_supply("0.2605");
    p.set_team_percent_of_total_supply("0.175");
    p.set_maximum_monthly_percentage_yield("0.0095");
    p.set_investors_preseed_percent_of_total_supply("0.05");
    p.set_emission_enabled(true);
    p.set_blocks_per_month(864'000);
    p.set_validators_vs_allora_percent_reward("0.25");
    return p;
}

Status validateParams(const pb::Params& p) {
    if (p.mint_denom() != kBondDenom)
        return badParam("mint_denom", "\"" + p.mint_denom() + "\" is not \"uallo\"");
    auto max = parseCoinAmount(p.max_supply());
    if (!max) return badParam("max_supply", max.message());
    if (max->isZero()) return badParam("max_supply", "must be > 0");
    struct Dec {
        const char* name;
        const std::string& text;
        bool positive;  // (0, 1] instead of [0, 1]
    };
    for (const Dec& d : {
             Dec{"f_emission", p.f_emission(), false},
             Dec{"one_month_smoothing_degree", p.one_month_smoothing_degree(), true},
             Dec{"ecosystem_treasury_percent_of_total_supply",
                 p.ecosystem_treasury_percent_of_total_supply(), false},
             Dec{"foundation_treasury_percent_of_total_supply",
                 p.foundation_treasury_percent_of_total_supply(), false},
             Dec{"participants_percent_of_total_supply", p.participants_percent_of_total_supply(),
                 false},
             Dec{"investors_percent_of_total_supply", p.investors_percent_of_total_supply(), false},
             Dec{"team_percent_of_total_supply", p.team_percent_of_total_supply(), false},
             Dec{"investors_preseed_percent_of_total_supply",
                 p.investors_preseed_percent_of_total_supply(), false},
             Dec{"validators_vs_allora_percent_reward", p.validators_vs_allora_percent_reward(),
                 true},
         }) {
        auto v = decimalField(d.name, d.text);
        if (!v) return v.error();
        if (*v > LegacyDec::one()) return badParam(d.name, d.text + " is more than 1");
        if (d.positive && v->isZero()) return badParam(d.name, "must be > 0");
    }
    auto mpy =
        decimalField("maximum_monthly_percentage_yield", p.maximum_monthly_percentage_yield());
    if (!mpy) return mpy.error();
    if (mpy->isZero()) return badParam("maximum_monthly_percentage_yield", "must be > 0");
    LegacyDec sum;
    for (const std::string* pct :
         {&p.ecosystem_treasury_percent_of_total_supply(),
          &p.foundation_treasury_percent_of_total_supply(),
          &p.participants_percent_of_total_supply(), &p.investors_percent_of_total_supply(),
          &p.team_percent_of_total_supply(), &p.investors_preseed_percent_of_total_supply()}) {
        auto next = sum.add(LegacyDec::mustParse(*pct));
        if (!next) return next.error();
        sum = *next;
    }
    if (sum > LegacyDec::one())
        return badParam("*_percent_of_total_supply",
                        "the six allocations sum to " + sum.toString() + ", more than 1");
    if (p.blocks_per_month() == 0) return badParam("blocks_per_month", "must be > 0");
    return {};
}

Result<TokenomicsParams> tokenomicsParams(const pb::Params& p) {
    TokenomicsParams t;
    auto max = parseCoinAmount(p.max_supply());
    if (!max) return badParam("max_supply", max.message());
    t.maxSupply = *max;
    struct Field {
        const char* name;
        const std::string& text;
        LegacyDec* into;
    };
    for (const Field& f : {
             Field{"f_emission", p.f_emission(), &t.fEmission},
             Field{"one_month_smoothing_degree", p.one_month_smoothing_degree(),
                   &t.oneMonthSmoothingDegree},
             Field{"maximum_monthly_percentage_yield", p.maximum_monthly_percentage_yield(),
                   &t.maxMonthlyPercentageYield},
             Field{"validators_vs_allora_percent_reward", p.validators_vs_allora_percent_reward(),
                   &t.validatorsPercent},
             Field{"ecosystem_treasury_percent_of_total_supply",
                   p.ecosystem_treasury_percent_of_total_supply(), &t.ecosystemPercent},
             Field{"investors_percent_of_total_supply", p.investors_percent_of_total_supply(),
                   &t.investorsPercent},
             Field{"investors_preseed_percent_of_total_supply",
                   p.investors_preseed_percent_of_total_supply(), &t.investorsPreseedPercent},
             Field{"team_percent_of_total_supply", p.team_percent_of_total_supply(),
                   &t.teamPercent},
             Field{"foundation_treasury_percent_of_total_supply",
                   p.foundation_treasury_percent_of_total_supply(), &t.foundationPercent},
             Field{"participants_percent_of_total_supply", p.participants_percent_of_total_supply(),
                   &t.participantsPercent},
         }) {
        auto d = decimalField(f.name, f.text);
        if (!d) return d.error();
        *f.into = *d;
    }
    t.blocksPerMonth = p.blocks_per_month();
    return t;
}

Result<LegacyDec> validatorsPercent(const pb::Params& params) {
    return decimalField("validators_vs_allora_percent_reward",
                        params.validators_vs_allora_percent_reward());
}

Result<pb::GenesisState> genesisFromJson(std::string_view text) {
    pb::GenesisState g;
    *g.mutable_params() = defaultParams();
    g.set_previous_block_emission("0");
    g.set_ecosystem_tokens_minted("0");
    if (!text.empty()) {
        boost::system::error_code ec;
        json::value doc = json::parse(text, ec);
        if (ec || !doc.is_object())
            return makeError(ErrorCode::InvalidArgument, "the section is not a JSON object");
        for (const auto& [key, v] : doc.as_object()) {
            if (key == "params") {
                if (!v.is_object())
                    return makeError(ErrorCode::InvalidArgument, "params is not an object");
                const gp::Descriptor& d = *pb::Params::descriptor();
                for (const auto& [name, value] : v.as_object()) {
                    const gp::FieldDescriptor* f = d.FindFieldByName(std::string(name));
                    if (f == nullptr) return badParam(std::string(name), "unknown parameter");
                    if (auto s =
                            node::setScalarFieldFromJson(*g.mutable_params(), *f, value, badParam);
                        !s)
                        return s.error();
                }
            } else if (key == "previous_reward_emission_per_unit_staked_token") {
                if (!v.is_string())
                    return makeError(ErrorCode::InvalidArgument,
                                     std::string(key) + ": expected a string");
                const std::string rate(v.as_string());
                if (!rate.empty()) {
                    auto d = LegacyDec::parse(rate);
                    if (!d)
                        return makeError(ErrorCode::InvalidArgument,
                                         std::string(key) + ": " + d.message());
                    g.set_previous_reward_emission_per_unit_staked_token(d->toString());
                }
            } else if (key == "previous_block_emission") {
                auto a = genesisAmount(v, "previous_block_emission");
                if (!a) return a.error();
                g.set_previous_block_emission(*a);
            } else if (key == "ecosystem_tokens_minted") {
                auto a = genesisAmount(v, "ecosystem_tokens_minted");
                if (!a) return a.error();
                g.set_ecosystem_tokens_minted(*a);
            } else {
                return makeError(ErrorCode::InvalidArgument,
                                 "unknown section \"" + std::string(key) + "\"");
            }
        }
    }
    if (auto s = validateParams(g.params()); !s) return s.error();
    return g;
}

}  // namespace allora::mint
