#include "node/modules/emissions/synthesis_case.h"

#include <boost/json/value.hpp>
#include <initializer_list>
#include <span>

#include "node/modules/emissions/case_json.h"

namespace allora::emissions {
namespace json = boost::json;
namespace {

Error invalid(std::string message) {
    return makeError(ErrorCode::InvalidArgument, std::move(message));
}

std::string keyOf(std::string_view address) {
    return "[" + caseJsonString(address) + "]";
}

Result<const json::object*> objectAt(const json::value& v, const std::string& field) {
    if (!v.is_object()) return invalid(field + " must be an object");
    return &v.as_object();
}

// Every key of `obj` must be one of `allowed`.
Status onlyFields(const json::object& obj, std::initializer_list<std::string_view> allowed,
                  const std::string& where) {
    for (const auto& entry : obj) {
        bool known = false;
        for (std::string_view name : allowed) known = known || entry.key() == name;
        if (known) continue;
        std::string list;
        for (std::string_view name : allowed)
            list += (list.empty() ? "" : ", ") + std::string(name);
        return invalid("unknown field " + caseJsonString(entry.key()) + " in " + where +
                       " (expected " + list + ")");
    }
    return {};
}

Result<double> numberAt(const json::value& v, const std::string& field) {
    if (!v.is_double()) return invalid(field + " must be a number");
    return v.as_double();
}

// {actor: number}; a missing field is an empty map.
Status readValues(const json::object& parent, std::string_view name, const std::string& field,
                  ActorValues& out) {
    const json::value* v = parent.if_contains(name);
    if (!v) return {};
    auto obj = objectAt(*v, field);
    if (!obj) return obj.error();
    for (const auto& entry : **obj) {
        const std::string address(entry.key());
        auto n = numberAt(entry.value(), field + keyOf(address));
        if (!n) return n.error();
        out.emplace(address, *n);
    }
    return {};
}

Status readTable(const json::value& v, const std::string& field, RegretTable& out) {
    auto obj = objectAt(v, field);
    if (!obj) return obj.error();
    if (Status s = onlyFields(**obj, {"inferer", "forecaster"}, field); !s) return s;
    if (Status s = readValues(**obj, "inferer", field + ".inferer", out.inferer); !s) return s;
    return readValues(**obj, "forecaster", field + ".forecaster", out.forecaster);
}

// {subject: table}; a missing field is an empty map.
Status readTables(const json::object& parent, std::string_view name, const std::string& field,
                  std::map<Address, RegretTable>& out) {
    const json::value* v = parent.if_contains(name);
    if (!v) return {};
    auto obj = objectAt(*v, field);
    if (!obj) return obj.error();
    for (const auto& entry : **obj) {
        const std::string subject(entry.key());
        if (Status s = readTable(entry.value(), field + keyOf(subject), out[subject]); !s) return s;
    }
    return {};
}

Status readParams(const json::object& root, SynthesisParams& out) {
    const json::value* v = root.if_contains("params");
    if (!v) return invalid("the case has no \"params\"");
    auto obj = objectAt(*v, "params");
    if (!obj) return obj.error();
    if (Status s = onlyFields(**obj, {"p_norm", "c_norm", "epsilon", "epsilon_safe_div"}, "params");
        !s)
        return s;
    const std::pair<const char*, double*> fields[] = {
        {"p_norm", &out.pNorm},
        {"c_norm", &out.cNorm},
        {"epsilon", &out.epsilon},
        {"epsilon_safe_div", &out.epsilonSafeDiv},
    };
    for (const auto& [name, target] : fields) {
        const json::value* field = (*obj)->if_contains(name);
        if (!field) return invalid(std::string("params.") + name + " is missing");
        auto n = numberAt(*field, std::string("params.") + name);
        if (!n) return n.error();
        *target = *n;
    }
    return {};
}

Status readForecasts(const json::object& root, SynthesisInput& out) {
    const json::value* v = root.if_contains("forecasts");
    if (!v) return {};
    auto obj = objectAt(*v, "forecasts");
    if (!obj) return obj.error();
    for (const auto& forecast : **obj) {
        const std::string forecaster(forecast.key());
        const std::string field = "forecasts" + keyOf(forecaster);
        auto elements = objectAt(forecast.value(), field);
        if (!elements) return elements.error();
        ForecastElements& list = out.forecasts[forecaster];
        for (const auto& element : **elements) {
            const std::string inferer(element.key());
            auto loss = numberAt(element.value(), field + keyOf(inferer));
            if (!loss) return loss.error();
            list.push_back({inferer, *loss});
        }
    }
    return {};
}

Status readRegrets(const json::object& root, SynthesisInput& out) {
    const json::value* v = root.if_contains("regrets");
    if (!v) return {};
    auto obj = objectAt(*v, "regrets");
    if (!obj) return obj.error();
    const json::object& r = **obj;
    if (Status s = onlyFields(r,
                              {"inferer", "forecaster", "naive_inferer", "one_out_inferer",
                               "one_out_forecaster", "one_in_forecaster"},
                              "regrets");
        !s)
        return s;
    if (Status s = readValues(r, "inferer", "regrets.inferer", out.regrets.inferer); !s) return s;
    if (Status s = readValues(r, "forecaster", "regrets.forecaster", out.regrets.forecaster); !s)
        return s;
    if (Status s = readValues(r, "naive_inferer", "regrets.naive_inferer", out.naiveRegrets); !s)
        return s;
    if (Status s = readTables(r, "one_out_inferer", "regrets.one_out_inferer", out.oneOutInferer);
        !s)
        return s;
    if (Status s =
            readTables(r, "one_out_forecaster", "regrets.one_out_forecaster", out.oneOutForecaster);
        !s)
        return s;
    return readTables(r, "one_in_forecaster", "regrets.one_in_forecaster", out.oneInForecaster);
}

// Pretty printing: two-space indentation, one member per line.
class Printer {
public:
    void beginObject() {
        separator();
        out_ += "{";
        first_ = true;
        ++depth_;
    }
    void endObject() {
        --depth_;
        if (!first_) newline();
        out_ += "}";
        first_ = false;
    }
    void key(std::string_view name) {
        separator();
        out_ += caseJsonString(name) + ": ";
        afterKey_ = true;
    }
    void number(double v) {
        separator();
        out_ += caseJsonNumber(v);
    }
    void numbers(std::span<const double> values) {
        separator();
        out_ += "[";
        for (size_t i = 0; i < values.size(); ++i)
            out_ += (i ? ", " : "") + caseJsonNumber(values[i]);
        out_ += "]";
    }
    void values(std::string_view name, const ActorValues& values) {
        key(name);
        beginObject();
        for (const auto& [address, v] : values) {
            key(address);
            number(v);
        }
        endObject();
    }
    std::string finish() { return std::move(out_) + "\n"; }

private:
    // Before a value or key: a comma and a new line unless it follows a key or opens the output.
    void separator() {
        if (afterKey_) {
            afterKey_ = false;
            return;
        }
        if (out_.empty()) return;
        if (!first_) out_ += ",";
        newline();
        first_ = false;
    }
    void newline() { out_ += "\n" + std::string(2 * depth_, ' '); }

    std::string out_;
    size_t depth_ = 0;
    bool first_ = true;
    bool afterKey_ = false;
};

}  // namespace

Result<SynthesisInput> parseSynthesisCase(std::string_view text) {
    auto doc = parseCaseJson(text);
    if (!doc) return doc.error();
    auto top = objectAt(*doc, "the case");
    if (!top) return top.error();
    const json::object* root = *top;
    if (!root->contains("params") && root->contains("input")) {  // a vector file
        auto input = objectAt(root->at("input"), "input");
        if (!input) return input.error();
        root = *input;
    }
    if (Status s = onlyFields(
            *root,
            {"params", "all_new", "previous_network_loss", "inferences", "forecasts", "regrets"},
            "the case");
        !s)
        return s.error();

    SynthesisInput in;
    if (Status s = readParams(*root, in.params); !s) return s.error();
    if (const json::value* v = root->if_contains("all_new")) {
        if (!v->is_bool()) return invalid("all_new must be true or false");
        in.allNew = v->as_bool();
    }
    if (const json::value* v = root->if_contains("previous_network_loss"); v && !v->is_null()) {
        auto loss = numberAt(*v, "previous_network_loss");
        if (!loss) return invalid("previous_network_loss must be a number or null");
        in.previousNetworkLoss = *loss;
    }
    if (!root->contains("inferences")) return invalid("the case has no \"inferences\"");
    if (Status s = readValues(*root, "inferences", "inferences", in.inferences); !s)
        return s.error();
    if (Status s = readForecasts(*root, in); !s) return s.error();
    if (Status s = readRegrets(*root, in); !s) return s.error();
    if (Status s = validateSynthesisInput(in); !s) return s.error();
    return in;
}

std::string synthesisOutputJson(const SynthesisOutput& out) {
    Printer p;
    p.beginObject();
    p.key("network_inference");
    p.number(out.networkInference);
    p.key("naive_inference");
    p.number(out.naiveInference);
    const bool full =
        out.mode == SynthesisMode::AllNew || out.mode == SynthesisMode::RegretWeighted;
    if (full) {
        p.values("forecast_implied", out.forecastImplied);
        p.values("one_out_inferer", out.oneOutInferer);
        if (!out.oneOutForecaster.empty()) p.values("one_out_forecaster", out.oneOutForecaster);
        if (!out.oneInForecaster.empty()) p.values("one_in_forecaster", out.oneInForecaster);
    }
    if (out.confidenceInterval) {
        p.key("confidence_interval");
        p.numbers(*out.confidenceInterval);
    }
    if (out.weights) {
        p.key("weights");
        p.beginObject();
        p.values("inferer", out.weights->inferer);
        p.values("forecaster", out.weights->forecaster);
        p.endObject();
    }
    p.endObject();
    return p.finish();
}

Result<std::string> runSynthesisCase(std::string_view json) {
    auto input = parseSynthesisCase(json);
    if (!input) return input.error();
    auto output = synthesize(*input);
    if (!output) return output.error();
    return synthesisOutputJson(*output);
}

}  // namespace allora::emissions
