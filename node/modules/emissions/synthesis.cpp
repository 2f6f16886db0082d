#include "node/modules/emissions/synthesis.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

// True when `text` holds a control character (a byte below 0x20, or 0x7f). Eight bytes at a
// time: an epoch's regret tables hold about N·(N + K) addresses, all checked.
bool hasControlCharacter(std::string_view text) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighBits = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        // Exact as yes/no tests: some byte < 0x20 (bytes >= 0x80 excluded by ~word), some byte
        // equal to 0x7f (a zero byte of word ^ 0x7f7f...).
        const uint64_t below = (word - kOnes * 0x20) & ~word & kHighBits;
        const uint64_t del = word ^ (kOnes * 0x7f);
        if ((below | ((del - kOnes) & ~del & kHighBits)) != 0) return true;
    }
    for (; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

Status checkAddress(std::string_view address, const std::string& where) {
    if (address.empty()) return invalid(where + " has an empty address");
    if (hasControlCharacter(address))
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

// The regret-weighted synthesis computes exactly what forecastImpliedInference and combine
// define, the same operations on the same numbers in the same order (so the same bits), but on
// arrays built once per epoch instead of maps per output:
// - the inferers are indexed by their position in ascending address order, and each forecast is
//   flattened to the positions it covers with R_jk = L_{i-1} - loss and I_j;
// - the one-out-inferer outputs, N networks over N - 1 + K members, recompute the implied
//   inference of only the forecasts that cover the withheld inferer (the others keep their full
//   one: nothing is left out of them);
// - regrets are found by walking each sorted table alongside the sorted members, and every
//   weight set is evaluated in reused buffers (regretWeightsInto).
// So an output costs O(its members) weights, and an epoch O(N (N + K) + Σ_k n_k²) for forecasts
// of n_k elements: with the chain's 12 elements per forecast, about N (N + K).

// A covered forecast as arrays, in ascending inferer address order: the inferer's position in
// the epoch's inferences, R_jk = L_{i-1} - forecasted loss, and the inference I_j.
struct FlatForecast {
    std::vector<size_t> position;
    std::vector<double> regrets;
    std::vector<double> values;
};

// The epoch's inferers in ascending address order, and a forecast's elements by position.
struct Inferers {
    std::vector<const Address*> address;
    std::vector<double> value;

    // The position of `inferer`, or npos when it has no inference.
    size_t find(std::string_view inferer) const {
        const auto it = std::lower_bound(
            address.begin(), address.end(), inferer,
            [](const Address* a, std::string_view b) { return std::string_view(*a) < b; });
        if (it == address.end() || **it != inferer) return std::string::npos;
        return static_cast<size_t>(it - address.begin());
    }
};

// coveredForecast then flattened: the first element per covered inferer, ascending address.
FlatForecast flatten(const ForecastElements& elements, const Inferers& inferers,
                     double previousNetworkLoss) {
    std::vector<std::pair<size_t, double>> covered;  // (position, loss), submission order
    covered.reserve(elements.size());
    for (const ForecastElement& element : elements) {
        const size_t position = inferers.find(element.inferer);
        if (position != std::string::npos) covered.emplace_back(position, element.loss);
    }
    // By position, the first submitted element first among equal ones; then keep that one.
    std::stable_sort(covered.begin(), covered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    FlatForecast flat;
    flat.position.reserve(covered.size());
    flat.regrets.reserve(covered.size());
    flat.values.reserve(covered.size());
    for (size_t e = 0; e < covered.size(); ++e) {
        if (e > 0 && covered[e].first == covered[e - 1].first) continue;
        flat.position.push_back(covered[e].first);
        flat.regrets.push_back(previousNetworkLoss - covered[e].second);
        flat.values.push_back(inferers.value[covered[e].first]);
    }
    return flat;
}

// Buffers reused across the outputs of one epoch.
struct Scratch {
    std::vector<double> regrets;
    std::vector<double> weights;
};

// forecastImpliedInference on a flattened forecast, element `skip` withheld (npos: none).
std::optional<double> impliedOf(const FlatForecast& flat, const WeightParams& params, size_t skip,
                                Scratch& scratch) {
    const size_t elements = flat.regrets.size();  // the withheld one included
    std::vector<double>& regrets = scratch.regrets;
    regrets.clear();
    for (size_t e = 0; e < elements; ++e)
        if (e != skip) regrets.push_back(flat.regrets[e]);
    std::vector<double>& weights = scratch.weights;
    weights.resize(regrets.size());
    if (elements > 1)
        regretWeightsInto(regrets, params, weights);
    else
        std::fill(weights.begin(), weights.end(), 1.0);
    double sum = 0.0;
    double sumWeights = 0.0;
    for (size_t e = 0, i = 0; e < elements; ++e) {
        if (e == skip) continue;
        const double w = weights[i++];
        if (w == 0.0) continue;
        sum += w * flat.values[e];
        sumWeights += w;
    }
    if (sumWeights == 0.0) return std::nullopt;
    return sum / sumWeights;
}

// The members of one network: addresses (ascending within inferers, then within forecasters),
// values, and where the forecasters start.
struct Members {
    std::vector<const Address*> address;
    std::vector<double> value;
    size_t forecastersFrom = 0;

    void clear() {
        address.clear();
        value.clear();
        forecastersFrom = 0;
    }
    void add(const Address* a, double v) {
        address.push_back(a);
        value.push_back(v);
    }
};

// a.compare(b), with the usual case, equal keys, decided inline eight bytes at a time (a table
// walk compares about N·(N + K) addresses).
int compareKeys(std::string_view a, std::string_view b) {
    if (a.size() == b.size()) {
        size_t i = 0;
        for (; i + 8 <= a.size(); i += 8) {
            uint64_t x = 0;
            uint64_t y = 0;
            std::memcpy(&x, a.data() + i, 8);
            std::memcpy(&y, b.data() + i, 8);
            if (x != y) return a.compare(b);
        }
        for (; i < a.size(); ++i)
            if (a[i] != b[i]) return a.compare(b);
        return 0;
    }
    return a.compare(b);
}

// Whether a table entry that is not a member of the set is valid (as checkValues would find it).
bool validEntry(const Address& address, double regret) {
    return !address.empty() && !hasControlCharacter(address) && std::isfinite(regret);
}

// Appends the regrets of address[from, to) from `table`, walking the whole table alongside (both
// in ascending address order) and checking every entry on the way, so that one pass over the
// table both validates it (validateSynthesisInput) and reads it: a member's entry needs only a
// finite regret (its address is the member's, already checked), any other entry the full check.
// A missing member gives the error naming `tableName()`; an invalid entry an error that the
// caller replaces by validateSynthesisInput's.
template <typename Name>
Status collectRegrets(const Members& members, size_t from, size_t to, const ActorValues& table,
                      const Name& tableName, std::vector<double>& regrets) {
    auto entry = table.begin();
    const auto end = table.end();
    for (size_t m = from; m < to; ++m) {
        const Address& address = *members.address[m];
        int order = -1;
        for (; entry != end && (order = compareKeys(entry->first, address)) < 0; ++entry)
            if (!validEntry(entry->first, entry->second)) return invalid(tableName());
        if (order != 0) return regretOf(table, address, tableName()).error();
        if (!std::isfinite(entry->second)) return invalid(tableName());
        regrets.push_back(entry->second);
        ++entry;
    }
    for (; entry != end; ++entry)
        if (!validEntry(entry->first, entry->second)) return invalid(tableName());
    return {};
}

// combine(...).value over `members` with the regrets of `table` (named `name` in errors).
Result<double> networkValue(const Members& members, const RegretTable& table,
                            const std::string& name, const SynthesisParams& params,
                            Scratch& scratch) {
    std::vector<double>& regrets = scratch.regrets;
    regrets.clear();
    const size_t split = members.forecastersFrom;
    if (Status s = collectRegrets(
            members, 0, split, table.inferer, [&] { return name + ".inferer"; }, regrets);
        !s)
        return s.error();
    if (Status s = collectRegrets(
            members, split, members.address.size(), table.forecaster,
            [&] { return name + ".forecaster"; }, regrets);
        !s)
        return s.error();
    std::vector<double>& weights = scratch.weights;
    weights.resize(regrets.size());
    regretWeightsInto(regrets, WeightParams{params.pNorm, params.cNorm, params.epsilon}, weights);
    return weightedValue(members.value, weights, params.epsilonSafeDiv);
}

// The table of `subject` in `tables` (named `tablesName`), or the error naming it.
Result<const RegretTable*> tableOf(const std::map<Address, RegretTable>& tables,
                                   const Address& subject, const std::string& tablesName) {
    const auto table = tables.find(subject);
    if (table == tables.end()) return invalid(tablesName + " has no table for \"" + subject + "\"");
    return &table->second;
}

// One-out inferer j: the other inferers and every forecaster with an implied inference, the
// forecasts that cover j recomputed without it.
Status oneOutInferers(const SynthesisInput& in, const Inferers& inferers,
                      const std::vector<const Address*>& forecasters,
                      const std::vector<FlatForecast>& flat,
                      const std::vector<std::optional<double>>& implied, SynthesisOutput& out,
                      Scratch& scratch) {
    const WeightParams weightParams{in.params.pNorm, in.params.cNorm, in.params.epsilon};
    const size_t n = inferers.address.size();
    // For each inferer, the forecasts that cover it: (forecaster, element index).
    std::vector<std::vector<std::pair<size_t, size_t>>> coveredBy(n);
    for (size_t k = 0; k < flat.size(); ++k)
        for (size_t e = 0; e < flat[k].position.size(); ++e)
            coveredBy[flat[k].position[e]].emplace_back(k, e);
    std::vector<std::optional<double>> forecasterValue = implied;
    Members members;
    members.address.reserve(n + flat.size());
    members.value.reserve(n + flat.size());
    for (size_t j = 0; j < n; ++j) {
        const Address& withheld = *inferers.address[j];
        auto table = tableOf(in.oneOutInferer, withheld, "regrets.one_out_inferer");
        if (!table) return table.error();
        for (const auto& [k, e] : coveredBy[j])
            forecasterValue[k] = impliedOf(flat[k], weightParams, e, scratch);
        members.clear();
        for (size_t i = 0; i < n; ++i)
            if (i != j) members.add(inferers.address[i], inferers.value[i]);
        members.forecastersFrom = members.address.size();
        for (size_t k = 0; k < flat.size(); ++k)
            if (forecasterValue[k]) members.add(forecasters[k], *forecasterValue[k]);
        for (const auto& [k, e] : coveredBy[j]) forecasterValue[k] = implied[k];
        auto value = networkValue(members, **table, "regrets.one_out_inferer" + key(withheld),
                                  in.params, scratch);
        if (!value) return value.error();
        out.oneOutInferer.emplace_hint(out.oneOutInferer.end(), withheld, *value);
    }
    return {};
}

// One-out forecaster k' (all inferers, the other forecasters) and one-in forecaster k (all
// inferers and k alone), for the forecasters with an implied inference.
Status forecasterVariants(const SynthesisInput& in, const Inferers& inferers, SynthesisOutput& out,
                          Scratch& scratch) {
    Members members;
    const size_t n = inferers.address.size();
    members.address.reserve(n + out.forecastImplied.size());
    members.value.reserve(n + out.forecastImplied.size());
    auto withInferers = [&] {
        members.clear();
        for (size_t i = 0; i < n; ++i) members.add(inferers.address[i], inferers.value[i]);
        members.forecastersFrom = n;
    };
    for (const auto& [forecaster, value] : out.forecastImplied) {
        auto oneOutTable = tableOf(in.oneOutForecaster, forecaster, "regrets.one_out_forecaster");
        if (!oneOutTable) return oneOutTable.error();
        withInferers();
        for (const auto& [other, otherValue] : out.forecastImplied)
            if (&other != &forecaster) members.add(&other, otherValue);
        auto oneOut =
            networkValue(members, **oneOutTable, "regrets.one_out_forecaster" + key(forecaster),
                         in.params, scratch);
        if (!oneOut) return oneOut.error();
        out.oneOutForecaster.emplace_hint(out.oneOutForecaster.end(), forecaster, *oneOut);

        auto oneInTable = tableOf(in.oneInForecaster, forecaster, "regrets.one_in_forecaster");
        if (!oneInTable) return oneInTable.error();
        withInferers();
        members.add(&forecaster, value);
        auto oneIn =
            networkValue(members, **oneInTable, "regrets.one_in_forecaster" + key(forecaster),
                         in.params, scratch);
        if (!oneIn) return oneIn.error();
        out.oneInForecaster.emplace_hint(out.oneInForecaster.end(), forecaster, *oneIn);
    }
    return {};
}

Status runRegretWeighted(const SynthesisInput& in, SynthesisOutput& out) {
    const SynthesisParams& params = in.params;
    const WeightParams weightParams{params.pNorm, params.cNorm, params.epsilon};
    const double loss = *in.previousNetworkLoss;
    Scratch scratch;
    Inferers inferers;
    inferers.address.reserve(in.inferences.size());
    inferers.value.reserve(in.inferences.size());
    for (const auto& [address, value] : in.inferences) {
        inferers.address.push_back(&address);
        inferers.value.push_back(value);
    }
    std::vector<const Address*> forecasters;     // ascending, every forecaster
    std::vector<FlatForecast> flat;              // their covered forecasts
    std::vector<std::optional<double>> implied;  // each one's full I_k
    for (const auto& [forecaster, elements] : in.forecasts) {
        forecasters.push_back(&forecaster);
        flat.push_back(flatten(elements, inferers, loss));
        implied.push_back(impliedOf(flat.back(), weightParams, std::string::npos, scratch));
        if (implied.back())
            out.forecastImplied.emplace_hint(out.forecastImplied.end(), forecaster,
                                             *implied.back());
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

    if (Status s = oneOutInferers(in, inferers, forecasters, flat, implied, out, scratch); !s)
        return s;
    if (out.forecastImplied.size() >= 2)
        if (Status s = forecasterVariants(in, inferers, out, scratch); !s) return s;
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

// validateSynthesisInput up to the one-out and one-in tables (the bulk of an input), which the
// regret-weighted synthesis checks as it reads them.
Status validateAllButVariantTables(const SynthesisInput& in) {
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
    return checkValues(in.naiveRegrets, "regrets.naive_inferer");
}

// The variant tables the regret-weighted synthesis did not read: those of actors in no set.
Status validateUnreadTables(const SynthesisInput& in, const SynthesisOutput& out) {
    const bool forecasterVariants = out.forecastImplied.size() >= 2;
    auto check = [](const std::map<Address, RegretTable>& tables, auto read) -> Status {
        for (const auto& [subject, table] : tables) {
            if (read(subject)) continue;
            if (Status s = checkAddress(subject, "regret tables"); !s) return s;
            if (Status s = checkTable(table, "regret table"); !s) return s;
        }
        return {};
    };
    if (Status s =
            check(in.oneOutInferer, [&](const Address& a) { return in.inferences.contains(a); });
        !s)
        return s;
    auto readForecaster = [&](const Address& a) {
        return forecasterVariants && out.forecastImplied.contains(a);
    };
    if (Status s = check(in.oneOutForecaster, readForecaster); !s) return s;
    return check(in.oneInForecaster, readForecaster);
}

}  // namespace

Status validateSynthesisInput(const SynthesisInput& in) {
    if (Status s = validateAllButVariantTables(in); !s) return s;
    if (Status s = checkTables(in.oneOutInferer, "regrets.one_out_inferer"); !s) return s;
    if (Status s = checkTables(in.oneOutForecaster, "regrets.one_out_forecaster"); !s) return s;
    return checkTables(in.oneInForecaster, "regrets.one_in_forecaster");
}

Result<SynthesisOutput> synthesize(const SynthesisInput& in) {
    if (in.inferences.size() >= 2 && in.previousNetworkLoss && !in.allNew) {
        // The regret-weighted mode reads nearly every entry of the variant tables once: it checks
        // them as it reads them rather than in a pass of its own (at 1,024 x 128 they hold 1.5
        // million entries). Any error found that way, and any invalid input, is reported exactly
        // as validateSynthesisInput and the full evaluation order would report it.
        if (Status s = validateAllButVariantTables(in); !s) return s.error();
        SynthesisOutput out;
        out.mode = SynthesisMode::RegretWeighted;
        Status s = runRegretWeighted(in, out);
        if (s) s = validateUnreadTables(in, out);
        if (!s) {
            if (Status v = validateSynthesisInput(in); !v) return v.error();
            return s.error();
        }
        if (Status c = checkOutputs(out); !c) return c.error();
        return out;
    }
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
    } else {  // all-new (the regret-weighted mode returned above)
        out.mode = SynthesisMode::AllNew;
        runAllNew(in, out);
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
