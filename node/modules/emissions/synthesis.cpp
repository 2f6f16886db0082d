#include "node/modules/emissions/synthesis.h"

#include <cmath>
#include <string>
#include <vector>

#include "node/modules/emissions/forecast_implied.h"
#include "node/modules/emissions/inference_weights.h"
#include "node/modules/emissions/synthesis_statistics.h"

namespace allora::emissions {
namespace {

// ["addr"], for error messages; validated addresses hold no control characters.
std::string key(std::string_view address) {
    std::string out = "[\"";
    for (char c : address) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"]";
}

Error invalid(std::string message) {
    return makeError(ErrorCode::InvalidArgument, std::move(message));
}

Status checkFinite(double v, const std::string& field) {
    if (std::isnan(v)) return invalid(field + " is not a finite number (NaN)");
    if (std::isinf(v)) return invalid(field + " is not a finite number (infinite)");
    return {};
}

Status checkAddress(std::string_view address, const std::string& where) {
    if (address.empty()) return invalid(where + " has an empty address");
    for (char c : address)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return invalid(where + " has an address with a control character");
    return {};
}

Status checkValues(const ActorValues& values, const std::string& field) {
    for (const auto& [address, v] : values) {
        if (Status s = checkAddress(address, field); !s) return s;
        if (Status s = checkFinite(v, field + key(address)); !s) return s;
    }
    return {};
}

Status checkTable(const RegretTable& table, const std::string& field) {
    if (Status s = checkValues(table.inferer, field + ".inferer"); !s) return s;
    return checkValues(table.forecaster, field + ".forecaster");
}

Status checkTables(const std::map<Address, RegretTable>& tables, const std::string& field) {
    for (const auto& [address, table] : tables) {
        if (Status s = checkAddress(address, field); !s) return s;
        if (Status s = checkTable(table, field + key(address)); !s) return s;
    }
    return {};
}

Status checkPositive(double v, const char* field) {
    if (!std::isfinite(v) || !(v > 0.0))
        return invalid(std::string(field) + " must be a finite number greater than 0");
    return {};
}

// One member of a set being weighted: its value and where its regret is stored.
struct Member {
    double value;
    double regret;
};

// The regret of `address` in `table`, or the error naming the missing entry.
Result<double> regretOf(const ActorValues& table, const Address& address,
                        const std::string& tableName) {
    const auto it = table.find(address);
    if (it == table.end())
        return invalid(tableName + " has no entry for \"" + address +
                       "\" (every actor in the set needs a regret)");
    return it->second;
}

struct Combination {
    double value = 0;
    ActorValues infererWeights;
    ActorValues forecasterWeights;
};

// One network inference: W over the set's regrets (inferers, then forecasters, each ascending),
// then the weighted value.
Result<Combination> combine(const ActorValues& inferers, const ActorValues& forecasters,
                            const ActorValues& infererRegrets, const std::string& infererTable,
                            const ActorValues& forecasterRegrets,
                            const std::string& forecasterTable, const SynthesisParams& params) {
    std::vector<double> values;
    std::vector<double> regrets;
    for (const auto& [address, value] : inferers) {
        auto r = regretOf(infererRegrets, address, infererTable);
        if (!r) return r.error();
        values.push_back(value);
        regrets.push_back(*r);
    }
    for (const auto& [address, value] : forecasters) {
        auto r = regretOf(forecasterRegrets, address, forecasterTable);
        if (!r) return r.error();
        values.push_back(value);
        regrets.push_back(*r);
    }
    const std::vector<double> weights =
        regretWeights(regrets, WeightParams{params.pNorm, params.cNorm, params.epsilon});
    Combination out;
    out.value = weightedValue(values, weights, params.epsilonSafeDiv);
    size_t i = 0;
    for (const auto& entry : inferers) out.infererWeights.emplace(entry.first, weights[i++]);
    for (const auto& entry : forecasters) out.forecasterWeights.emplace(entry.first, weights[i++]);
    return out;
}

Result<Combination> combineWithTable(const ActorValues& inferers, const ActorValues& forecasters,
                                     const std::map<Address, RegretTable>& tables,
                                     const Address& subject, const std::string& tablesName,
                                     const SynthesisParams& params) {
    const auto table = tables.find(subject);
    if (table == tables.end()) return invalid(tablesName + " has no table for \"" + subject + "\"");
    const std::string name = tablesName + key(subject);
    return combine(inferers, forecasters, table->second.inferer, name + ".inferer",
                   table->second.forecaster, name + ".forecaster", params);
}

ActorValues without(const ActorValues& values, const Address& address) {
    ActorValues out = values;
    out.erase(address);
    return out;
}

std::vector<double> valuesOf(const ActorValues& values) {
    std::vector<double> out;
    out.reserve(values.size());
    for (const auto& entry : values) out.push_back(entry.second);
    return out;
}

std::array<double, 5> bandOf(const ActorValues& inferences, const ActorValues& implied,
                             const ActorWeights& weights) {
    std::vector<WeightedValue> items;
    for (const auto& [address, value] : inferences)
        items.push_back({value, weights.inferer.at(address)});
    for (const auto& [address, value] : implied)
        items.push_back({value, weights.forecaster.at(address)});
    return confidenceBand(std::move(items));
}

std::map<Address, CoveredForecast> coveredForecasts(const SynthesisInput& in) {
    std::map<Address, CoveredForecast> covered;
    for (const auto& [forecaster, elements] : in.forecasts)
        covered.emplace(forecaster, coveredForecast(elements, in.inferences));
    return covered;
}

Status runRegretWeighted(const SynthesisInput& in, SynthesisOutput& out) {
    const SynthesisParams& params = in.params;
    const WeightParams weightParams{params.pNorm, params.cNorm, params.epsilon};
    const double loss = *in.previousNetworkLoss;
    const auto covered = coveredForecasts(in);
    for (const auto& [forecaster, forecast] : covered)
        if (auto v = forecastImpliedInference(forecast, in.inferences, loss, weightParams))
            out.forecastImplied.emplace(forecaster, *v);

    auto combined = combine(in.inferences, out.forecastImplied, in.regrets.inferer,
                            "regrets.inferer", in.regrets.forecaster, "regrets.forecaster", params);
    if (!combined) return combined.error();
    out.networkInference = combined->value;
    out.weights = ActorWeights{combined->infererWeights, combined->forecasterWeights};

    auto naive =
        combine(in.inferences, {}, in.naiveRegrets, "regrets.naive_inferer", {}, "", params);
    if (!naive) return naive.error();
    out.naiveInference = naive->value;

    for (const auto& entry : in.inferences) {
        const Address& withheld = entry.first;
        ActorValues implied;
        for (const auto& [forecaster, forecast] : covered)
            if (auto v =
                    forecastImpliedInference(forecast, in.inferences, loss, weightParams, withheld))
                implied.emplace(forecaster, *v);
        auto c = combineWithTable(without(in.inferences, withheld), implied, in.oneOutInferer,
                                  withheld, "regrets.one_out_inferer", params);
        if (!c) return c.error();
        out.oneOutInferer.emplace(withheld, c->value);
    }

    if (out.forecastImplied.size() >= 2) {
        for (const auto& [forecaster, value] : out.forecastImplied) {
            auto oneOut = combineWithTable(in.inferences, without(out.forecastImplied, forecaster),
                                           in.oneOutForecaster, forecaster,
                                           "regrets.one_out_forecaster", params);
            if (!oneOut) return oneOut.error();
            out.oneOutForecaster.emplace(forecaster, oneOut->value);
            auto oneIn = combineWithTable(in.inferences, ActorValues{{forecaster, value}},
                                          in.oneInForecaster, forecaster,
                                          "regrets.one_in_forecaster", params);
            if (!oneIn) return oneIn.error();
            out.oneInForecaster.emplace(forecaster, oneIn->value);
        }
    }
    out.confidenceInterval = bandOf(in.inferences, out.forecastImplied, *out.weights);
    return {};
}

// All-new mode: no worker has a track record, so every network value is the plain mean of the
// inferers in its set; forecasters only get their implied inference (the median of what they
// cover), which seeds their losses for later epochs.
void runAllNew(const SynthesisInput& in, SynthesisOutput& out) {
    for (const auto& [forecaster, forecast] : coveredForecasts(in))
        if (auto v = forecastImpliedMedian(forecast, in.inferences))
            out.forecastImplied.emplace(forecaster, *v);
    out.networkInference = mean(valuesOf(in.inferences));
    out.naiveInference = out.networkInference;
    for (const auto& entry : in.inferences)
        out.oneOutInferer.emplace(entry.first, mean(valuesOf(without(in.inferences, entry.first))));
    if (out.forecastImplied.size() >= 2) {
        for (const auto& entry : out.forecastImplied) {
            out.oneOutForecaster.emplace(entry.first, out.networkInference);
            out.oneInForecaster.emplace(entry.first, out.networkInference);
        }
    }
    ActorWeights weights;
    for (const auto& entry : in.inferences) weights.inferer.emplace(entry.first, 1.0);
    for (const auto& entry : out.forecastImplied) weights.forecaster.emplace(entry.first, 0.0);
    out.confidenceInterval = bandOf(in.inferences, out.forecastImplied, weights);
    out.weights = std::move(weights);
}

Status checkOutput(double v, const std::string& name) {
    if (std::isfinite(v)) return {};
    return makeError(ErrorCode::Overflow, "the synthesis overflowed: " + name +
                                              " is not finite (the inputs are too large)");
}

Status checkOutputs(const SynthesisOutput& out) {
    if (Status s = checkOutput(out.networkInference, "network_inference"); !s) return s;
    if (Status s = checkOutput(out.naiveInference, "naive_inference"); !s) return s;
    const std::pair<const ActorValues*, const char*> maps[] = {
        {&out.forecastImplied, "forecast_implied"},
        {&out.oneOutInferer, "one_out_inferer"},
        {&out.oneOutForecaster, "one_out_forecaster"},
        {&out.oneInForecaster, "one_in_forecaster"},
    };
    for (const auto& [values, name] : maps)
        for (const auto& [address, v] : *values)
            if (Status s = checkOutput(v, name + key(address)); !s) return s;
    if (out.confidenceInterval)
        for (double v : *out.confidenceInterval)
            if (Status s = checkOutput(v, "confidence_interval"); !s) return s;
    if (out.weights) {
        for (const auto& [address, w] : out.weights->inferer)
            if (Status s = checkOutput(w, "weights.inferer" + key(address)); !s) return s;
        for (const auto& [address, w] : out.weights->forecaster)
            if (Status s = checkOutput(w, "weights.forecaster" + key(address)); !s) return s;
    }
    return {};
}

}  // namespace

Status validateSynthesisInput(const SynthesisInput& in) {
    if (Status s = checkPositive(in.params.pNorm, "params.p_norm"); !s) return s;
    if (Status s = checkFinite(in.params.cNorm, "params.c_norm"); !s) return s;
    if (Status s = checkPositive(in.params.epsilon, "params.epsilon"); !s) return s;
    if (Status s = checkPositive(in.params.epsilonSafeDiv, "params.epsilon_safe_div"); !s) return s;
    if (in.previousNetworkLoss)
        if (Status s = checkFinite(*in.previousNetworkLoss, "previous_network_loss"); !s) return s;
    if (Status s = checkValues(in.inferences, "inferences"); !s) return s;
    for (const auto& [forecaster, elements] : in.forecasts) {
        if (Status s = checkAddress(forecaster, "forecasts"); !s) return s;
        const std::string field = "forecasts" + key(forecaster);
        for (const ForecastElement& element : elements) {
            if (Status s = checkAddress(element.inferer, field); !s) return s;
            if (Status s = checkFinite(element.loss, field + key(element.inferer)); !s) return s;
        }
    }
    if (Status s = checkTable(in.regrets, "regrets"); !s) return s;
    if (Status s = checkValues(in.naiveRegrets, "regrets.naive_inferer"); !s) return s;
    if (Status s = checkTables(in.oneOutInferer, "regrets.one_out_inferer"); !s) return s;
    if (Status s = checkTables(in.oneOutForecaster, "regrets.one_out_forecaster"); !s) return s;
    return checkTables(in.oneInForecaster, "regrets.one_in_forecaster");
}

Result<SynthesisOutput> synthesize(const SynthesisInput& in) {
    if (Status s = validateSynthesisInput(in); !s) return s.error();
    if (in.inferences.empty())
        return invalid("no inferences: the synthesis needs at least one inference");
    SynthesisOutput out;
    if (in.inferences.size() == 1) {
        out.mode = SynthesisMode::SingleInference;
        out.networkInference = in.inferences.begin()->second;
        out.naiveInference = out.networkInference;
        return out;
    }
    if (!in.previousNetworkLoss) {
        out.mode = SynthesisMode::NoPreviousLoss;
        out.networkInference = median(valuesOf(in.inferences));
        out.naiveInference = 0.0;
    } else if (in.allNew) {
        out.mode = SynthesisMode::AllNew;
        runAllNew(in, out);
    } else {
        out.mode = SynthesisMode::RegretWeighted;
        if (Status s = runRegretWeighted(in, out); !s) return s.error();
    }
    if (Status s = checkOutputs(out); !s) return s.error();
    return out;
}

const char* synthesisModeName(SynthesisMode mode) {
    switch (mode) {
        case SynthesisMode::SingleInference:
            return "single_inference";
        case SynthesisMode::NoPreviousLoss:
            return "no_previous_loss";
        case SynthesisMode::AllNew:
            return "all_new";
        case SynthesisMode::RegretWeighted:
            return "regret_weighted";
    }
    return "unknown";
}

}  // namespace allora::emissions
