#include "node/modules/emissions/synthesis.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
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
        // The name is built only for the error: a case holds about N·(N + K) regrets.
        if (!std::isfinite(v))
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

// The one-out-inferer outputs are the bulk of an epoch's work: for each of N withheld inferers,
// every forecast's implied inference again and one network over N - 1 + K members. What follows
// computes exactly what forecastImpliedInference and combine do, the same operations on the same
// numbers in the same order (so the same bits), without their per-call map lookups and copies:
// forecasts are flattened once per epoch, a forecast that does not cover the withheld inferer
// keeps its full implied inference (nothing is left out of it), and regrets are found by walking
// the sorted table alongside the sorted members.

// A covered forecast as arrays, in ascending inferer address order: the inferer's position in
// the epoch's inferences, R_jk = L_{i-1} - forecasted loss, and the inference I_j.
struct FlatForecast {
    std::vector<size_t> position;
    std::vector<double> regrets;
    std::vector<double> values;
};

FlatForecast flatten(const CoveredForecast& forecast, const ActorValues& inferences,
                     double previousNetworkLoss) {
    FlatForecast flat;
    auto inference = inferences.begin();
    size_t position = 0;
    for (const auto& [inferer, loss] : forecast) {  // both ascending: one walk
        while (inference != inferences.end() && inference->first < inferer) {
            ++inference;
            ++position;
        }
        if (inference == inferences.end() || inference->first != inferer) continue;
        flat.position.push_back(position);
        flat.regrets.push_back(previousNetworkLoss - loss);
        flat.values.push_back(inference->second);
    }
    return flat;
}

// forecastImpliedInference on a flattened forecast, element `skip` withheld (npos: none).
std::optional<double> impliedOf(const FlatForecast& flat, const WeightParams& params, size_t skip) {
    const size_t elements = flat.regrets.size();  // the withheld one included
    std::vector<double> regrets;
    std::vector<double> values;
    regrets.reserve(elements);
    values.reserve(elements);
    for (size_t e = 0; e < elements; ++e) {
        if (e == skip) continue;
        regrets.push_back(flat.regrets[e]);
        values.push_back(flat.values[e]);
    }
    std::vector<double> weights;
    if (elements > 1)
        weights = regretWeights(regrets, params);
    else
        weights.assign(values.size(), 1.0);
    double sum = 0.0;
    double sumWeights = 0.0;
    for (size_t i = 0; i < values.size(); ++i) {
        if (weights[i] == 0.0) continue;
        sum += weights[i] * values[i];
        sumWeights += weights[i];
    }
    if (sumWeights == 0.0) return std::nullopt;
    return sum / sumWeights;
}

// Members of one set in ascending address order.
using Members = std::vector<std::pair<const Address*, double>>;

// Appends the values and regrets of `members` (their table `table`, named `tableName` in the
// error), walking the table alongside: both are in ascending address order.
Status collect(const Members& members, const ActorValues& table, const std::string& tableName,
               std::vector<double>& values, std::vector<double>& regrets) {
    auto entry = table.begin();
    for (const auto& [address, value] : members) {
        while (entry != table.end() && entry->first < *address) ++entry;
        if (entry == table.end() || entry->first != *address)
            return regretOf(table, *address, tableName).error();
        values.push_back(value);
        regrets.push_back(entry->second);
    }
    return {};
}

// combine(...).value for the one-out-inferer network without `withheld`.
Result<double> oneOutInfererValue(const Members& inferers, const Members& forecasters,
                                  const std::map<Address, RegretTable>& tables,
                                  const Address& withheld, const SynthesisParams& params) {
    const auto table = tables.find(withheld);
    if (table == tables.end())
        return invalid("regrets.one_out_inferer has no table for \"" + withheld + "\"");
    const std::string name = "regrets.one_out_inferer" + key(withheld);
    std::vector<double> values;
    std::vector<double> regrets;
    values.reserve(inferers.size() + forecasters.size());
    regrets.reserve(inferers.size() + forecasters.size());
    if (Status s = collect(inferers, table->second.inferer, name + ".inferer", values, regrets); !s)
        return s.error();
    if (Status s =
            collect(forecasters, table->second.forecaster, name + ".forecaster", values, regrets);
        !s)
        return s.error();
    const std::vector<double> weights =
        regretWeights(regrets, WeightParams{params.pNorm, params.cNorm, params.epsilon});
    return weightedValue(values, weights, params.epsilonSafeDiv);
}

Status runRegretWeighted(const SynthesisInput& in, SynthesisOutput& out) {
    const SynthesisParams& params = in.params;
    const WeightParams weightParams{params.pNorm, params.cNorm, params.epsilon};
    const double loss = *in.previousNetworkLoss;
    std::vector<std::pair<const Address*, FlatForecast>> flat;  // ascending forecaster
    std::vector<std::optional<double>> implied;                 // each one's full I_k
    for (const auto& [forecaster, forecast] : coveredForecasts(in)) {
        const auto f = in.forecasts.find(forecaster);  // an address that outlives `covered`
        flat.emplace_back(&f->first, flatten(forecast, in.inferences, loss));
        implied.push_back(impliedOf(flat.back().second, weightParams, std::string::npos));
        if (implied.back()) out.forecastImplied.emplace(forecaster, *implied.back());
    }

    auto combined = combine(in.inferences, out.forecastImplied, in.regrets.inferer,
                            "regrets.inferer", in.regrets.forecaster, "regrets.forecaster", params);
    if (!combined) return combined.error();
    out.networkInference = combined->value;
    out.weights = ActorWeights{combined->infererWeights, combined->forecasterWeights};

    auto naive =
        combine(in.inferences, {}, in.naiveRegrets, "regrets.naive_inferer", {}, "", params);
    if (!naive) return naive.error();
    out.naiveInference = naive->value;

    Members all;
    for (const auto& [address, value] : in.inferences) all.emplace_back(&address, value);
    Members others;
    Members forecasters;
    others.reserve(all.size());
    forecasters.reserve(flat.size());
    for (size_t j = 0; j < all.size(); ++j) {
        others.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(j));
        others.insert(others.end(), all.begin() + static_cast<std::ptrdiff_t>(j) + 1, all.end());
        forecasters.clear();
        for (size_t k = 0; k < flat.size(); ++k) {
            const FlatForecast& f = flat[k].second;
            const auto at = std::lower_bound(f.position.begin(), f.position.end(), j);
            std::optional<double> v = implied[k];  // j not covered: nothing to leave out
            if (at != f.position.end() && *at == j)
                v = impliedOf(f, weightParams, static_cast<size_t>(at - f.position.begin()));
            if (v) forecasters.emplace_back(flat[k].first, *v);
        }
        const Address& withheld = *all[j].first;
        auto value = oneOutInfererValue(others, forecasters, in.oneOutInferer, withheld, params);
        if (!value) return value.error();
        out.oneOutInferer.emplace_hint(out.oneOutInferer.end(), withheld, *value);
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
