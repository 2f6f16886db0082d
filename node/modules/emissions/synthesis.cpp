#include "node/modules/emissions/synthesis.h"

#include <algorithm>
#include <bit>
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
#include "node/modules/emissions/synthesis_checks.h"
#include "node/modules/emissions/synthesis_statistics.h"

namespace allora::emissions {
namespace {

using namespace synthesis_checks;

// The regret of `address` in `table`, or the error naming the missing entry.
Result<double> regretOf(const ActorValues& table, const Address& address,
                        const std::string& tableName) {
    const auto it = table.find(address);
    if (it == table.end())
        return invalid(tableName + " has no entry for \"" + address +
                       "\" (every actor in the set needs a regret)");
    return it->second;
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

// The regret-weighted synthesis computes exactly what forecastImpliedInference and PROTOCOL.md
// §6 define, the same operations on the same numbers in the same order (so the same bits), but on
// arrays built once per epoch instead of maps per output:
// - the inferers are numbered by their position in ascending address order, the forecasters
//   likewise, and each forecast is flattened to the positions it covers with R_jk = L_{i-1} - loss
//   and I_j;
// - the one-out-inferer outputs, N networks over N - 1 + K members, recompute the implied
//   inference of only the forecasts that cover the withheld inferer (the others keep their full
//   one: nothing is left out of them);
// - a network's regrets are gathered by index from SynthesisInput::indexedRegrets (what epoch
//   close passes), or, for tables given as maps, by walking each sorted table alongside the sorted
//   members; every weight set is evaluated in reused buffers (regretWeightsInto).
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

// The members of one network: their numbers (inferers ascending, then forecasters ascending),
// values, and where the forecasters start.
struct Members {
    std::vector<size_t> index;
    std::vector<double> value;
    size_t forecastersFrom = 0;

    void clear() {
        index.clear();
        value.clear();
        forecastersFrom = 0;
    }
    void add(size_t i, double v) {
        index.push_back(i);
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

// The table of `subject` in `tables` (named `tablesName`), or the error naming it.
Result<const RegretTable*> tableOf(const std::map<Address, RegretTable>& tables,
                                   const Address& subject, const std::string& tablesName) {
    const auto table = tables.find(subject);
    if (table == tables.end()) return invalid(tablesName + " has no table for \"" + subject + "\"");
    return &table->second;
}

// The networks with a table per subject actor.
enum class Variant { OneOutInferer, OneOutForecaster, OneInForecaster };

// The epoch's actors by number: inferer i, forecaster k.
struct Actors {
    Inferers inferers;
    std::vector<const Address*> forecasters;  // ascending, every forecaster

    const Address& memberAddress(const Members& members, size_t m) const {
        return m < members.forecastersFrom ? *inferers.address[members.index[m]]
                                           : *forecasters[members.index[m]];
    }
};

// Regrets from tables given as maps (SynthesisInput::regrets and the rest).
class MapRegrets {
public:
    MapRegrets(const SynthesisInput& in, const Actors& actors) : in_(in), actors_(actors) {}

    // The combined (naive: the naive) network's regrets of `members`, appended to `regrets`.
    Status base(bool naive, const Members& members, std::vector<double>& regrets) const {
        const ActorValues& inferer = naive ? in_.naiveRegrets : in_.regrets.inferer;
        const std::string infererName = naive ? "regrets.naive_inferer" : "regrets.inferer";
        for (size_t m = 0; m < members.index.size(); ++m) {
            const bool isInferer = m < members.forecastersFrom;
            auto r = regretOf(isInferer ? inferer : in_.regrets.forecaster,
                              actors_.memberAddress(members, m),
                              isInferer ? infererName : "regrets.forecaster");
            if (!r) return r.error();
            regrets.push_back(*r);
        }
        return {};
    }

    // The regrets of `members` in the table of `variant` for actor `subject`.
    Status variant(Variant variant, size_t subject, const Members& members,
                   std::vector<double>& regrets) const {
        const bool byInferer = variant == Variant::OneOutInferer;
        const Address& address =
            byInferer ? *actors_.inferers.address[subject] : *actors_.forecasters[subject];
        const char* family = byInferer                              ? "regrets.one_out_inferer"
                             : variant == Variant::OneOutForecaster ? "regrets.one_out_forecaster"
                                                                    : "regrets.one_in_forecaster";
        const auto& tables = byInferer                              ? in_.oneOutInferer
                             : variant == Variant::OneOutForecaster ? in_.oneOutForecaster
                                                                    : in_.oneInForecaster;
        auto table = tableOf(tables, address, family);
        if (!table) return table.error();
        const std::string name = family + key(address);
        const size_t split = members.forecastersFrom;
        if (Status s = collect(
                members, 0, split, (*table)->inferer, [&] { return name + ".inferer"; }, regrets);
            !s)
            return s;
        return collect(
            members, split, members.index.size(), (*table)->forecaster,
            [&] { return name + ".forecaster"; }, regrets);
    }

private:
    // Appends the regrets of members [from, to) from `table`, walking the whole table alongside
    // (both in ascending address order) and checking every entry on the way, so that one pass
    // over the table both validates it (validateSynthesisInput) and reads it: a member's entry
    // needs only a finite regret (its address is the member's, already checked), any other entry
    // the full check. A missing member gives the error naming `tableName()`; an invalid entry an
    // error that the caller replaces by validateSynthesisInput's.
    template <typename Name>
    Status collect(const Members& members, size_t from, size_t to, const ActorValues& table,
                   const Name& tableName, std::vector<double>& regrets) const {
        auto entry = table.begin();
        const auto end = table.end();
        for (size_t m = from; m < to; ++m) {
            const Address& address = actors_.memberAddress(members, m);
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

    const SynthesisInput& in_;
    const Actors& actors_;
};

// Regrets from SynthesisInput::indexedRegrets (sizes checked, every entry finite): gathered by
// index, nothing to look up and nothing that can fail.
class IndexedTables {
public:
    IndexedTables(const IndexedRegrets& regrets, size_t inferers, size_t forecasters)
        : r_(regrets), n_(inferers), k_(forecasters) {}

    Status base(bool naive, const Members& members, std::vector<double>& regrets) const {
        gather(members, naive ? r_.naiveInferer.data() : r_.inferer.data(), r_.forecaster.data(),
               regrets);
        return {};
    }

    Status variant(Variant variant, size_t subject, const Members& members,
                   std::vector<double>& regrets) const {
        switch (variant) {
            case Variant::OneOutInferer:
                gather(members, r_.oneOutInfererInferer.data() + subject * n_,
                       r_.oneOutInfererForecaster.data() + subject * k_, regrets);
                break;
            case Variant::OneOutForecaster:
                gather(members, r_.oneOutForecasterInferer.data() + subject * n_,
                       r_.oneOutForecasterForecaster.data() + subject * k_, regrets);
                break;
            case Variant::OneInForecaster:  // its one forecaster is `subject` itself
                gather(members, r_.oneInForecasterInferer.data() + subject * n_,
                       r_.oneInForecasterForecaster.data(), regrets);
                break;
        }
        return {};
    }

private:
    static void gather(const Members& members, const double* inferer, const double* forecaster,
                       std::vector<double>& regrets) {
        const size_t from = regrets.size();
        const size_t count = members.index.size();
        regrets.resize(from + count);
        double* out = regrets.data() + from;
        const size_t* index = members.index.data();
        for (size_t m = 0; m < members.forecastersFrom; ++m) out[m] = inferer[index[m]];
        for (size_t m = members.forecastersFrom; m < count; ++m) out[m] = forecaster[index[m]];
    }

    const IndexedRegrets& r_;
    size_t n_;
    size_t k_;
};

// W over `regrets` into scratch.weights, then Σ w·x / Σ w over `members`.
double weighted(const Members& members, const std::vector<double>& regrets,
                const SynthesisParams& params, Scratch& scratch) {
    std::vector<double>& weights = scratch.weights;
    weights.resize(regrets.size());
    regretWeightsInto(regrets, WeightParams{params.pNorm, params.cNorm, params.epsilon}, weights);
    return weightedValue(members.value, weights, params.epsilonSafeDiv);
}

// The network inference over `members` with the regrets of `variant`'s table for `subject`.
template <typename Tables>
Result<double> networkValue(const Tables& tables, Variant variant, size_t subject,
                            const Members& members, const SynthesisParams& params,
                            Scratch& scratch) {
    std::vector<double>& regrets = scratch.regrets;
    regrets.clear();
    if (Status s = tables.variant(variant, subject, members, regrets); !s) return s.error();
    return weighted(members, regrets, params, scratch);
}

// What the regret-weighted synthesis derives from the inputs before any network: the actors by
// number, the flattened forecasts and the forecasters' full implied inferences.
struct Epoch {
    Actors actors;
    std::vector<FlatForecast> flat;              // per forecaster
    std::vector<std::optional<double>> implied;  // each one's full I_k
    std::vector<size_t> withImplied;             // the forecasters with an I_k, ascending
};

// One-out inferer j: the other inferers and every forecaster with an implied inference, the
// forecasts that cover j recomputed without it.
template <typename Tables>
Status oneOutInferers(const SynthesisInput& in, const Epoch& epoch, const Tables& tables,
                      SynthesisOutput& out, Scratch& scratch) {
    const WeightParams weightParams{in.params.pNorm, in.params.cNorm, in.params.epsilon};
    const Inferers& inferers = epoch.actors.inferers;
    const size_t n = inferers.address.size();
    const std::vector<FlatForecast>& flat = epoch.flat;
    // For each inferer, the forecasts that cover it: (forecaster, element index).
    std::vector<std::vector<std::pair<size_t, size_t>>> coveredBy(n);
    for (size_t k = 0; k < flat.size(); ++k)
        for (size_t e = 0; e < flat[k].position.size(); ++e)
            coveredBy[flat[k].position[e]].emplace_back(k, e);
    std::vector<std::optional<double>> forecasterValue = epoch.implied;
    Members members;
    members.index.reserve(n + flat.size());
    members.value.reserve(n + flat.size());
    for (size_t j = 0; j < n; ++j) {
        for (const auto& [k, e] : coveredBy[j])
            forecasterValue[k] = impliedOf(flat[k], weightParams, e, scratch);
        members.clear();
        for (size_t i = 0; i < n; ++i)
            if (i != j) members.add(i, inferers.value[i]);
        members.forecastersFrom = members.index.size();
        for (size_t k = 0; k < flat.size(); ++k)
            if (forecasterValue[k]) members.add(k, *forecasterValue[k]);
        for (const auto& [k, e] : coveredBy[j]) forecasterValue[k] = epoch.implied[k];
        auto value = networkValue(tables, Variant::OneOutInferer, j, members, in.params, scratch);
        if (!value) return value.error();
        out.oneOutInferer.emplace_hint(out.oneOutInferer.end(), *inferers.address[j], *value);
    }
    return {};
}

// One-out forecaster k' (all inferers, the other forecasters) and one-in forecaster k (all
// inferers and k alone), for the forecasters with an implied inference.
template <typename Tables>
Status forecasterVariants(const SynthesisInput& in, const Epoch& epoch, const Tables& tables,
                          SynthesisOutput& out, Scratch& scratch) {
    const Inferers& inferers = epoch.actors.inferers;
    const size_t n = inferers.address.size();
    Members members;
    members.index.reserve(n + epoch.withImplied.size());
    members.value.reserve(n + epoch.withImplied.size());
    auto withInferers = [&] {
        members.clear();
        for (size_t i = 0; i < n; ++i) members.add(i, inferers.value[i]);
        members.forecastersFrom = n;
    };
    for (const size_t k : epoch.withImplied) {
        const Address& forecaster = *epoch.actors.forecasters[k];
        withInferers();
        for (const size_t other : epoch.withImplied)
            if (other != k) members.add(other, *epoch.implied[other]);
        auto oneOut =
            networkValue(tables, Variant::OneOutForecaster, k, members, in.params, scratch);
        if (!oneOut) return oneOut.error();
        out.oneOutForecaster.emplace_hint(out.oneOutForecaster.end(), forecaster, *oneOut);

        withInferers();
        members.add(k, *epoch.implied[k]);
        auto oneIn = networkValue(tables, Variant::OneInForecaster, k, members, in.params, scratch);
        if (!oneIn) return oneIn.error();
        out.oneInForecaster.emplace_hint(out.oneInForecaster.end(), forecaster, *oneIn);
    }
    return {};
}

// Every output of the regret-weighted mode from `epoch` with the regrets of `tables`.
template <typename Tables>
Status runNetworks(const SynthesisInput& in, const Epoch& epoch, const Tables& tables,
                   SynthesisOutput& out, Scratch& scratch) {
    const Inferers& inferers = epoch.actors.inferers;
    const size_t n = inferers.address.size();
    Members members;
    for (size_t i = 0; i < n; ++i) members.add(i, inferers.value[i]);
    members.forecastersFrom = n;

    // The combined network: every inferer and every forecaster with an implied inference.
    for (const size_t k : epoch.withImplied) members.add(k, *epoch.implied[k]);
    std::vector<double>& regrets = scratch.regrets;
    regrets.clear();
    if (Status s = tables.base(false, members, regrets); !s) return s;
    out.networkInference = weighted(members, regrets, in.params, scratch);
    ActorWeights weights;
    for (size_t m = 0; m < members.index.size(); ++m) {
        ActorValues& into = m < n ? weights.inferer : weights.forecaster;
        into.emplace_hint(into.end(), epoch.actors.memberAddress(members, m), scratch.weights[m]);
    }
    out.weights = std::move(weights);

    // The naive network: the inferers alone.
    members.index.resize(n);
    members.value.resize(n);
    regrets.clear();
    if (Status s = tables.base(true, members, regrets); !s) return s;
    out.naiveInference = weighted(members, regrets, in.params, scratch);

    if (Status s = oneOutInferers(in, epoch, tables, out, scratch); !s) return s;
    if (epoch.withImplied.size() >= 2)
        if (Status s = forecasterVariants(in, epoch, tables, out, scratch); !s) return s;
    return {};
}

Status runRegretWeighted(const SynthesisInput& in, SynthesisOutput& out) {
    const SynthesisParams& params = in.params;
    const WeightParams weightParams{params.pNorm, params.cNorm, params.epsilon};
    const double loss = *in.previousNetworkLoss;
    Scratch scratch;
    Epoch epoch;
    Inferers& inferers = epoch.actors.inferers;
    inferers.address.reserve(in.inferences.size());
    inferers.value.reserve(in.inferences.size());
    for (const auto& [address, value] : in.inferences) {
        inferers.address.push_back(&address);
        inferers.value.push_back(value);
    }
    for (const auto& [forecaster, elements] : in.forecasts) {
        epoch.actors.forecasters.push_back(&forecaster);
        epoch.flat.push_back(flatten(elements, inferers, loss));
        epoch.implied.push_back(
            impliedOf(epoch.flat.back(), weightParams, std::string::npos, scratch));
        if (epoch.implied.back()) {
            epoch.withImplied.push_back(epoch.implied.size() - 1);
            out.forecastImplied.emplace_hint(out.forecastImplied.end(), forecaster,
                                             *epoch.implied.back());
        }
    }
    Status s = in.indexedRegrets
                   ? runNetworks(in, epoch,
                                 IndexedTables(*in.indexedRegrets, in.inferences.size(),
                                               in.forecasts.size()),
                                 out, scratch)
                   : runNetworks(in, epoch, MapRegrets(in, epoch.actors), out, scratch);
    if (!s) return s;
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

}  // namespace

bool synthesisReadsRegrets(const SynthesisInput& in) {
    return in.inferences.size() >= 2 && in.previousNetworkLoss && !in.allNew;
}

SynthesisInput withRegretMaps(const SynthesisInput& in) {
    SynthesisInput out = in;
    if (!in.indexedRegrets || !checkIndexedShape(in)) return out;
    const IndexedRegrets& r = *in.indexedRegrets;
    out.indexedRegrets.reset();
    const size_t n = in.inferences.size();
    const size_t k = in.forecasts.size();
    // Row `row` of a matrix as a map over `actors` (inserted in ascending order).
    auto row = [](const auto& actors, const std::vector<double>& matrix, size_t at) {
        ActorValues values;
        size_t i = at;
        for (const auto& entry : actors)
            values.emplace_hint(values.end(), entry.first, matrix[i++]);
        return values;
    };
    out.regrets.inferer = row(in.inferences, r.inferer, 0);
    out.regrets.forecaster = row(in.forecasts, r.forecaster, 0);
    out.naiveRegrets = row(in.inferences, r.naiveInferer, 0);
    size_t j = 0;
    for (const auto& [withheld, value] : in.inferences) {
        out.oneOutInferer.emplace_hint(
            out.oneOutInferer.end(), withheld,
            RegretTable{row(in.inferences, r.oneOutInfererInferer, j * n),
                        row(in.forecasts, r.oneOutInfererForecaster, j * k)});
        ++j;
    }
    size_t f = 0;
    for (const auto& [forecaster, elements] : in.forecasts) {
        out.oneOutForecaster.emplace_hint(
            out.oneOutForecaster.end(), forecaster,
            RegretTable{row(in.inferences, r.oneOutForecasterInferer, f * n),
                        row(in.forecasts, r.oneOutForecasterForecaster, f * k)});
        out.oneInForecaster.emplace_hint(
            out.oneInForecaster.end(), forecaster,
            RegretTable{row(in.inferences, r.oneInForecasterInferer, f * n),
                        ActorValues{{forecaster, r.oneInForecasterForecaster[f]}}});
        ++f;
    }
    return out;
}

Result<SynthesisOutput> synthesize(const SynthesisInput& in) {
    if (in.indexedRegrets) {
        if (Status s = checkIndexedShape(in); !s) return s.error();
        // A non-finite regret: the maps' validation names it exactly (a rare, slow path).
        if (!allFinite(*in.indexedRegrets)) return synthesize(withRegretMaps(in));
        // Otherwise nothing can be missing or invalid in the tables, and the maps (empty) pass
        // every check below: the flow is the maps' with lookups by index.
    }
    if (synthesisReadsRegrets(in)) {
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
