#include "app/cli/emissions_args.h"

#include <google/protobuf/util/json_util.h>

#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <limits>

#include "node/modules/address.h"
#include "node/modules/emissions/keeper.h"

namespace allora::cli {
namespace json = boost::json;
namespace {

Error bad(std::string message) {
    return makeError(ErrorCode::InvalidArgument, std::move(message));
}

// The shortest text of a bound ("2.5", "1e+40").
std::string shortest(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string quote(std::string_view s) {
    return "'" + std::string(s) + "'";
}

Result<uint64_t> parseU64(std::string_view text, std::string_view what) {
    uint64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0])) || ec != std::errc() ||
        end != text.data() + text.size())
        return bad("invalid " + std::string(what) + " " + quote(text) +
                   ": expected a non-negative integer");
    return v;
}

Result<int64_t> parsePositiveI64(std::string_view text, std::string_view what) {
    auto v = parseU64(text, what);
    if (!v) return v.error();
    if (*v == 0 || *v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return bad("invalid " + std::string(what) + " " + quote(text) +
                   ": expected a positive number of blocks");
    return static_cast<int64_t>(*v);
}

// A decimal of the chain's kind within [lo, hi] (lo excluded when loOpen).
Result<std::string> decimalArg(std::string_view text, std::string_view what, double lo, double hi,
                               bool loOpen) {
    auto v = node::emissions::parseDecimal(text);
    if (!v) return bad("invalid " + std::string(what) + " " + quote(text) + ": " + v.message());
    if (*v < lo || *v > hi || (loOpen && *v == lo))
        return bad(std::string(what) + " " + std::string(text) + " is outside " +
                   (loOpen ? "(" : "[") + shortest(lo) + ", " + shortest(hi) + "]");
    return std::string(text);
}

Status checkValue(const std::string& what, const std::string& value) {
    auto v = node::emissions::parseDecimal(value);
    if (!v) return bad("invalid " + what + " " + quote(value) + ": " + v.message());
    return {};
}

Status checkAddress(const std::string& what, const std::string& text) {
    if (auto a = node::parseAddress(text); !a)
        return bad("invalid " + what + " " + quote(text) + ": " + a.message());
    return {};
}

// Parses a document into `msg` with protobuf's JSON reader (unknown fields refused).
Status fromJson(const json::value& doc, google::protobuf::Message& msg, std::string_view what) {
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto status =
        google::protobuf::util::JsonStringToMessage(json::serialize(doc), &msg, options);
    if (!status.ok())
        return bad("the " + std::string(what) +
                   " does not read as allora-chain's JSON: " + std::string(status.message()));
    return {};
}

Result<json::object> parseObject(std::string_view text, std::string_view what) {
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) return bad("the " + std::string(what) + " is not valid JSON: " + ec.message());
    if (!v.is_object()) return bad("the " + std::string(what) + " must be a JSON object");
    return std::move(v.as_object());
}

// The fields allora-cli adds itself must not come from the document.
Status refuseSignature(const json::object& o, std::initializer_list<std::string_view> names,
                       std::string_view what) {
    for (std::string_view n : names)
        if (o.contains(n))
            return bad("the " + std::string(what) + " must not hold \"" + std::string(n) +
                       "\": allora-cli signs the bundle with the key");
    return {};
}

}  // namespace

Result<uint64_t> parseTopicIdArg(std::string_view text) {
    auto v = parseU64(text, "TOPIC_ID");
    if (!v) return v.error();
    if (*v == 0) return bad("invalid TOPIC_ID '0': topic ids start at 1");
    return *v;
}

Result<int64_t> parseHeightArg(std::string_view text, std::string_view what) {
    auto v = parseU64(text, what);
    if (!v) return v.error();
    if (*v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return bad("invalid " + std::string(what) + " " + quote(text) + ": too large");
    return static_cast<int64_t>(*v);
}

Result<bool> parseBoolArg(std::string_view text, std::string_view what) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "true") return true;
    if (lower == "false") return false;
    return bad("invalid " + std::string(what) + " " + quote(text) + ": expected true or false");
}

Result<std::string> parseAddressArg(std::string_view text, std::string_view what) {
    if (auto a = node::parseAddress(text); !a)
        return bad("invalid " + std::string(what) + " " + quote(text) + ": " + a.message());
    return std::string(text);
}

Result<Amount> parseStakeAmountArg(std::string_view text, std::string_view what) {
    const bool bare = !text.empty() && text.find_first_not_of("0123456789") == text.npos;
    const bool hasDenom =
        text.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
        std::string_view::npos;
    if (!bare && !hasDenom)
        return bad("invalid " + std::string(what) + " " + quote(text) +
                   ": give an integer of uallo (e.g. 1000) or a denom (e.g. 1.5ALLO)");
    auto amount = Amount::parse(text, Amount::Unit::Uallo);
    if (!amount) return bad("invalid " + std::string(what) + ": " + amount.message());
    if (amount->isZero()) return bad(std::string(what) + " must be more than zero");
    return amount;
}

Result<empb::CreateNewTopicRequest> parseCreateTopicArgs(const std::vector<std::string>& w) {
    if (w.size() != 13 && w.size() != 15)
        return bad(
            "create-topic takes 14 arguments after 'create-topic' (16 with the two "
            "whitelist flags), " +
            std::to_string(w.size() + 1) + " given");
    empb::CreateNewTopicRequest m;
    m.set_metadata(w[0]);
    if (w[1].empty()) return bad("LOSS_METHOD is empty (e.g. mse)");
    for (char c : w[1])
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return bad("invalid LOSS_METHOD " + quote(w[1]) + ": only a-z, 0-9, '_' and '-'");
    m.set_loss_method(w[1]);
    auto epoch = parsePositiveI64(w[2], "EPOCH_LENGTH");
    if (!epoch) return epoch.error();
    auto lag = parsePositiveI64(w[3], "GROUND_TRUTH_LAG");
    if (!lag) return lag.error();
    auto window = parsePositiveI64(w[4], "WORKER_SUBMISSION_WINDOW");
    if (!window) return window.error();
    if (*lag < *epoch) return bad("GROUND_TRUTH_LAG " + w[3] + " is below EPOCH_LENGTH " + w[2]);
    if (*lag / 100 > *epoch || (*lag / 100 == *epoch && *lag % 100 != 0))
        return bad("GROUND_TRUTH_LAG " + w[3] + " is above 100 × EPOCH_LENGTH");
    if (*window > *epoch)
        return bad("WORKER_SUBMISSION_WINDOW " + w[4] + " is above EPOCH_LENGTH " + w[2]);
    m.set_epoch_length(*epoch);
    m.set_ground_truth_lag(*lag);
    m.set_worker_submission_window(*window);
    struct Dec {
        size_t index;
        const char* name;
        double lo, hi;
        bool loOpen;
        void (empb::CreateNewTopicRequest::*set)(const std::string&);
    };
    const Dec decs[] = {
        {5, "P_NORM", 2.5, 4.5, false, &empb::CreateNewTopicRequest::set_p_norm},
        {6, "ALPHA_REGRET", 0, 1, true, &empb::CreateNewTopicRequest::set_alpha_regret},
        {8, "EPSILON", 0, 1e40, true, &empb::CreateNewTopicRequest::set_epsilon},
        {9, "MERIT_SORTITION_ALPHA", 0, 1, false,
         &empb::CreateNewTopicRequest::set_merit_sortition_alpha},
        {10, "ACTIVE_INFERER_QUANTILE", 0, 1, false,
         &empb::CreateNewTopicRequest::set_active_inferer_quantile},
        {11, "ACTIVE_FORECASTER_QUANTILE", 0, 1, false,
         &empb::CreateNewTopicRequest::set_active_forecaster_quantile},
        {12, "ACTIVE_REPUTER_QUANTILE", 0, 1, false,
         &empb::CreateNewTopicRequest::set_active_reputer_quantile},
    };
    for (const Dec& d : decs) {
        auto v = decimalArg(w[d.index], d.name, d.lo, d.hi, d.loOpen);
        if (!v) return v.error();
        (m.*d.set)(*v);
    }
    auto allowNegative = parseBoolArg(w[7], "ALLOW_NEGATIVE");
    if (!allowNegative) return allowNegative.error();
    m.set_allow_negative(*allowNegative);
    if (w.size() == 15) {
        for (size_t i : {13u, 14u}) {
            auto on = parseBoolArg(
                w[i], i == 13 ? "ENABLE_WORKER_WHITELIST" : "ENABLE_REPUTER_WHITELIST");
            if (!on) return on.error();
            if (*on) return bad("topic whitelists are not supported on this chain: give false");
        }
    }
    return m;
}

Result<WorkerPayloadInput> parseWorkerPayload(std::string_view text) {
    auto o = parseObject(text, "worker payload");
    if (!o) return o.error();
    if (auto s = refuseSignature(*o,
                                 {"inferences_forecasts_bundle_signature",
                                  "inferencesForecastsBundleSignature", "pubkey"},
                                 "worker payload");
        !s)
        return s.error();
    WorkerPayloadInput in;
    if (auto s = fromJson(*o, in.bundle, "worker payload"); !s) return s.error();
    if (in.bundle.topic_id() == 0) return bad("the worker payload needs \"topic_id\" (from 1)");
    if (in.bundle.has_nonce()) in.nonce = in.bundle.nonce().block_height();
    const auto& ifb = in.bundle.inference_forecasts_bundle();
    if (!ifb.has_inference() && !ifb.has_forecast())
        return bad(
            "the worker payload has neither \"inference\" nor \"forecast\" in "
            "\"inference_forecasts_bundle\"");
    if (ifb.has_inference())
        if (auto s = checkValue("inference value", ifb.inference().value()); !s) return s.error();
    if (ifb.has_forecast()) {
        if (ifb.forecast().forecast_elements_size() == 0)
            return bad("the forecast has no \"forecast_elements\"");
        for (const auto& e : ifb.forecast().forecast_elements()) {
            if (auto s = checkAddress("forecast element inferer", e.inferer()); !s)
                return s.error();
            if (auto s = checkValue("forecast value for " + e.inferer(), e.value()); !s)
                return s.error();
        }
    }
    return in;
}

Result<empb::WorkerDataBundle> completeWorkerBundle(const WorkerPayloadInput& input,
                                                    const std::string& worker, int64_t nonce) {
    empb::WorkerDataBundle b = input.bundle;
    if (!b.worker().empty() && b.worker() != worker)
        return bad("the payload's worker " + b.worker() + " is not the signing key's address " +
                   worker);
    b.set_worker(worker);
    b.mutable_nonce()->set_block_height(nonce);
    const uint64_t topic = b.topic_id();
    auto* ifb = b.mutable_inference_forecasts_bundle();
    auto fill = [&](auto* part, const std::string& owner, const char* what) -> Status {
        if (part->topic_id() != 0 && part->topic_id() != topic)
            return bad(std::string(what) + " topic_id " + std::to_string(part->topic_id()) +
                       " is not the payload's " + std::to_string(topic));
        if (part->block_height() != 0 && part->block_height() != nonce)
            return bad(std::string(what) + " block_height " + std::to_string(part->block_height()) +
                       " is not the nonce " + std::to_string(nonce));
        if (!owner.empty() && owner != worker)
            return bad(std::string(what) + " of " + owner + " is not the worker " + worker);
        part->set_topic_id(topic);
        part->set_block_height(nonce);
        return {};
    };
    if (ifb->has_inference()) {
        auto* inf = ifb->mutable_inference();
        if (auto s = fill(inf, inf->inferer(), "inference"); !s) return s.error();
        inf->set_inferer(worker);
    }
    if (ifb->has_forecast()) {
        auto* fc = ifb->mutable_forecast();
        if (auto s = fill(fc, fc->forecaster(), "forecast"); !s) return s.error();
        fc->set_forecaster(worker);
    }
    return b;
}

Result<ReputerPayloadInput> parseReputerPayload(std::string_view text) {
    auto o = parseObject(text, "reputer payload");
    if (!o) return o.error();
    if (auto s = refuseSignature(*o, {"signature", "pubkey"}, "reputer payload"); !s)
        return s.error();
    json::value valueBundle = *o;
    if (const json::value* inner = o->if_contains("value_bundle")) {
        if (o->size() != 1)
            return bad(
                "a reputer payload with \"value_bundle\" holds nothing else (allora-cli "
                "adds the signature and pubkey)");
        valueBundle = *inner;
    } else if (const json::value* camel = o->if_contains("valueBundle")) {
        valueBundle = *camel;
    }
    ReputerPayloadInput in;
    if (auto s = fromJson(valueBundle, in.bundle, "reputer payload"); !s) return s.error();
    const empb::ValueBundle& v = in.bundle;
    if (v.topic_id() == 0) return bad("the reputer payload needs \"topic_id\" (from 1)");
    if (v.has_reputer_request_nonce() && v.reputer_request_nonce().has_reputer_nonce())
        in.nonce = v.reputer_request_nonce().reputer_nonce().block_height();
    if (auto s = checkValue("combined_value", v.combined_value()); !s) return s.error();
    if (auto s = checkValue("naive_value", v.naive_value()); !s) return s.error();
    auto attributed = [](const std::string& what, const auto& list) -> Status {
        for (const auto& x : list) {
            if (auto s = checkAddress(what + " worker", x.worker()); !s) return s;
            if (auto s = checkValue(what + " value of " + x.worker(), x.value()); !s) return s;
        }
        return {};
    };
    for (auto s : {attributed("inferer_values", v.inferer_values()),
                   attributed("forecaster_values", v.forecaster_values()),
                   attributed("one_out_inferer_values", v.one_out_inferer_values()),
                   attributed("one_out_forecaster_values", v.one_out_forecaster_values()),
                   attributed("one_in_forecaster_values", v.one_in_forecaster_values())})
        if (!s) return s.error();
    for (const auto& f : v.one_out_inferer_forecaster_values()) {
        if (auto s = checkAddress("one_out_inferer_forecaster_values forecaster", f.forecaster());
            !s)
            return s.error();
        if (auto s = attributed("one_out_inferer_forecaster_values", f.one_out_inferer_values());
            !s)
            return s.error();
    }
    return in;
}

Result<empb::ValueBundle> completeReputerBundle(const ReputerPayloadInput& input,
                                                const std::string& reputer, int64_t nonce) {
    empb::ValueBundle v = input.bundle;
    if (!v.reputer().empty() && v.reputer() != reputer)
        return bad("the payload's reputer " + v.reputer() + " is not the signing key's address " +
                   reputer);
    v.set_reputer(reputer);
    v.mutable_reputer_request_nonce()->mutable_reputer_nonce()->set_block_height(nonce);
    return v;
}

}  // namespace allora::cli
