#include "node/modules/emissions/genesis.h"

#include <boost/json.hpp>

#include "node/modules/address.h"
#include "node/modules/json_fields.h"
#include "node/modules/reward_pool.h"

namespace allora::node::emissions {

namespace json = boost::json;
namespace gp = google::protobuf;

namespace {

Error bad(const std::string& field, const std::string& why) {
    return makeError(ErrorCode::InvalidArgument, "emissions genesis: params." + field + ": " + why);
}

}  // namespace

Params defaultParams() {
    Params p;
    p.set_version("v9");
    p.set_max_serialized_msg_length(2 * 1024 * 1024);
    p.set_min_topic_weight("100");
    p.set_required_minimum_stake("10000");
    p.set_remove_stake_delay_window(604800);
    p.set_min_epoch_length(12);
    p.set_beta_entropy("0.25");
    p.set_learning_rate("0.05");
    p.set_max_gradient_threshold("0.001");
    p.set_min_stake_fraction("0.5");
    p.set_max_unfulfilled_worker_requests(100);
    p.set_max_unfulfilled_reputer_requests(100);
    p.set_topic_reward_stake_importance("0.5");
    p.set_topic_reward_fee_revenue_importance("0.5");
    p.set_topic_reward_alpha("0.5");
    p.set_task_reward_alpha("0.1");
    p.set_validators_vs_allora_percent_reward("0.25");
    p.set_max_samples_to_scale_scores(10);
    p.set_max_top_inferers_to_reward(32);
    p.set_max_top_forecasters_to_reward(6);
    p.set_max_top_reputers_to_reward(6);
    p.set_create_topic_fee("75000");
    p.set_gradient_descent_max_iters(10);
    p.set_registration_fee("200");
    p.set_default_page_limit(100);
    p.set_max_page_limit(1000);
    p.set_blocks_per_month(864000);
    p.set_p_reward_inference("3");
    p.set_p_reward_forecast("3");
    p.set_p_reward_reputer("1");
    p.set_c_reward_inference("0.75");
    p.set_c_reward_forecast("0.75");
    p.set_c_norm("0.75");
    p.set_epsilon_reputer("0.01");
    p.set_half_max_process_stake_removals_end_block(40);
    p.set_data_sending_fee("10");
    p.set_epsilon_safe_div("0.0000001");
    p.set_max_elements_per_forecast(12);
    p.set_max_active_topics_per_block(1);
    p.set_max_string_length(255);
    p.set_initial_regret_quantile("0.25");
    p.set_p_norm_safe_div("8.25");
    return p;
}

Result<ParsedParams> parseParamAmounts(const Params& p) {
    ParsedParams out;
    struct Field {
        const char* name;
        const std::string& text;
        Amount* into;
    };
    for (const Field& f :
         {Field{"required_minimum_stake", p.required_minimum_stake(), &out.requiredMinimumStake},
          Field{"create_topic_fee", p.create_topic_fee(), &out.createTopicFee},
          Field{"registration_fee", p.registration_fee(), &out.registrationFee},
          Field{"data_sending_fee", p.data_sending_fee(), &out.dataSendingFee}}) {
        auto a = parseCoinAmount(f.text);
        if (!a)
            return makeError(ErrorCode::InvalidArgument,
                             std::string("emissions param ") + f.name + ": " + a.message());
        *f.into = *a;
    }
    return out;
}

Status validateParams(const Params& p) {
    if (auto a = parseParamAmounts(p); !a) return a.error();
    auto bad = [](const std::string& name, const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "emissions param " + name + ": " + why);
    };
    struct Dec {
        const char* name;
        const std::string& text;
        double lo, hi;
        bool loOpen;
    };
    const double inf = 1e40;
    for (const Dec& d : {
             Dec{"min_topic_weight", p.min_topic_weight(), 0, inf, false},
             Dec{"beta_entropy", p.beta_entropy(), 0, 1, false},
             Dec{"learning_rate", p.learning_rate(), 0, 1, true},
             Dec{"max_gradient_threshold", p.max_gradient_threshold(), 0, 1, true},
             Dec{"min_stake_fraction", p.min_stake_fraction(), 0, 1, false},
             Dec{"topic_reward_stake_importance", p.topic_reward_stake_importance(), 0, 1, false},
             Dec{"topic_reward_fee_revenue_importance", p.topic_reward_fee_revenue_importance(), 0,
                 1, false},
             Dec{"topic_reward_alpha", p.topic_reward_alpha(), 0, 1, true},
             Dec{"task_reward_alpha", p.task_reward_alpha(), 0, 1, true},
             Dec{"validators_vs_allora_percent_reward", p.validators_vs_allora_percent_reward(), 0,
                 1, false},
             Dec{"p_reward_inference", p.p_reward_inference(), 0, inf, true},
             Dec{"p_reward_forecast", p.p_reward_forecast(), 0, inf, true},
             Dec{"p_reward_reputer", p.p_reward_reputer(), 0, inf, true},
             Dec{"c_reward_inference", p.c_reward_inference(), 0, inf, true},
             Dec{"c_reward_forecast", p.c_reward_forecast(), 0, inf, true},
             Dec{"c_norm", p.c_norm(), 0, inf, true},
             Dec{"epsilon_reputer", p.epsilon_reputer(), 0, inf, true},
             Dec{"epsilon_safe_div", p.epsilon_safe_div(), 0, inf, true},
             Dec{"initial_regret_quantile", p.initial_regret_quantile(), 0, 1, false},
             Dec{"p_norm_safe_div", p.p_norm_safe_div(), 0, inf, true},
         }) {
        auto v = parseDecimal(d.text);
        if (!v) return bad(d.name, v.message());
        if (*v < d.lo || *v > d.hi || (d.loOpen && *v == d.lo))
            return bad(d.name, d.text + " is outside " + (d.loOpen ? "(" : "[") +
                                   std::to_string(d.lo) + ", " + std::to_string(d.hi) + "]");
    }
    if (p.min_epoch_length() < 1) return bad("min_epoch_length", "must be at least 1");
    if (p.remove_stake_delay_window() < 0)
        return bad("remove_stake_delay_window", "must not be negative");
    if (p.max_serialized_msg_length() < 1) return bad("max_serialized_msg_length", "must be > 0");
    if (p.max_string_length() < 1) return bad("max_string_length", "must be > 0");
    if (p.max_elements_per_forecast() < 1) return bad("max_elements_per_forecast", "must be > 0");
    if (p.default_page_limit() < 1) return bad("default_page_limit", "must be > 0");
    if (p.max_page_limit() < p.default_page_limit())
        return bad("max_page_limit", "must be at least default_page_limit");
    if (p.blocks_per_month() < 1) return bad("blocks_per_month", "must be > 0");
    if (p.max_unfulfilled_worker_requests() < 1 || p.max_unfulfilled_reputer_requests() < 1)
        return bad("max_unfulfilled_*_requests", "must be > 0");
    return {};
}

Result<Params> paramsFromGenesisJson(std::string_view text) {
    Params params = defaultParams();
    if (text.empty()) return params;
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec || !doc.is_object())
        return makeError(ErrorCode::InvalidArgument, "emissions genesis is not a JSON object");
    for (const auto& [k, v] : doc.as_object()) {
        if (k != "params" && k != "admins" && k != "rewards_per_block")
            return makeError(ErrorCode::InvalidArgument,
                             "emissions genesis: unknown section \"" + std::string(k) + "\"");
    }
    const json::value* p = doc.as_object().if_contains("params");
    if (p == nullptr) return params;
    if (!p->is_object())
        return makeError(ErrorCode::InvalidArgument, "emissions genesis: params is not an object");
    const gp::Descriptor& d = *Params::descriptor();
    for (const auto& [k, v] : p->as_object()) {
        const gp::FieldDescriptor* f = d.FindFieldByName(std::string(k));
        if (f == nullptr) return bad(std::string(k), "unknown parameter");
        if (auto s = setScalarFieldFromJson(params, *f, v, bad); !s) return s.error();
    }
    return params;
}

Result<std::vector<Bytes>> adminsFromGenesisJson(std::string_view text) {
    std::vector<Bytes> out;
    if (text.empty()) return out;
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec || !doc.is_object())
        return makeError(ErrorCode::InvalidArgument, "emissions genesis is not a JSON object");
    const json::value* admins = doc.as_object().if_contains("admins");
    if (admins == nullptr) return out;
    if (!admins->is_array())
        return makeError(ErrorCode::InvalidArgument,
                         "emissions genesis: admins is not an array of addresses");
    for (const json::value& a : admins->as_array()) {
        if (!a.is_string())
            return makeError(ErrorCode::InvalidArgument,
                             "emissions genesis: admins holds a value that is not an address");
        auto address = parseAddress(std::string_view(a.as_string()));
        if (!address)
            return makeError(ErrorCode::InvalidArgument, "emissions genesis: admin \"" +
                                                             std::string(a.as_string()) +
                                                             "\": " + address.message());
        out.push_back(std::move(*address));
    }
    return out;
}

Result<std::optional<Amount>> rewardsPerBlockFromGenesisJson(std::string_view text) {
    if (text.empty()) return std::optional<Amount>{};
    boost::system::error_code ec;
    json::value doc = json::parse(text, ec);
    if (ec || !doc.is_object())
        return makeError(ErrorCode::InvalidArgument, "emissions genesis is not a JSON object");
    const json::value* v = doc.as_object().if_contains("rewards_per_block");
    if (v == nullptr) return std::optional<Amount>{};
    if (!v->is_string())
        return makeError(ErrorCode::InvalidArgument,
                         "emissions genesis: rewards_per_block must be a uallo amount string");
    auto a = parseCoinAmount(std::string_view(v->as_string()));
    if (!a)
        return makeError(ErrorCode::InvalidArgument,
                         "emissions genesis: rewards_per_block: " + a.message());
    return std::optional<Amount>(*a);
}

Status initEmissionsGenesis(const EmissionsKeeper& keeper, const auth::AuthKeeper& auth,
                            KvStore& store, const Genesis& genesis) {
    std::string_view text;
    if (auto it = genesis.moduleStates.find("emissions"); it != genesis.moduleStates.end())
        text = it->second;
    auto params = paramsFromGenesisJson(text);
    if (!params) return params.error();
    if (auto s = validateParams(*params); !s) return s;
    if (auto s = keeper.setParams(store, *params); !s) return s;
    auto admins = adminsFromGenesisJson(text);
    if (!admins) return admins.error();
    for (const Bytes& a : *admins)
        if (auto s = keeper.setAdmin(store, a, true); !s) return s;
    auto perBlock = rewardsPerBlockFromGenesisJson(text);
    if (!perBlock) return perBlock.error();
    if (*perBlock)
        if (auto s = setRewardsPerBlock(store, **perBlock); !s) return s;
    for (std::string_view name : {kEcosystemName, kStakingName, kRewardsName, kPendingRewardsName})
        if (auto acc = auth.getOrCreateAccount(store, moduleAddress(name)); !acc)
            return acc.error();
    return {};
}

}  // namespace allora::node::emissions
