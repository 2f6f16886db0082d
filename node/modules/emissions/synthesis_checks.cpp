#include "node/modules/emissions/synthesis_checks.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace allora::emissions {

namespace synthesis_checks {

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

// The indexed regrets' sizes match the N inferences and K forecasts, and the map tables are
// empty (one form only).
Status checkIndexedShape(const SynthesisInput& in) {
    const IndexedRegrets& r = *in.indexedRegrets;
    const size_t n = in.inferences.size();
    const size_t k = in.forecasts.size();
    const bool sized =
        r.inferer.size() == n && r.forecaster.size() == k && r.naiveInferer.size() == n &&
        r.oneOutInfererInferer.size() == n * n && r.oneOutInfererForecaster.size() == n * k &&
        r.oneOutForecasterInferer.size() == k * n && r.oneOutForecasterForecaster.size() == k * k &&
        r.oneInForecasterInferer.size() == k * n && r.oneInForecasterForecaster.size() == k;
    if (!sized)
        return invalid("indexed_regrets do not match the " + std::to_string(n) + " inferers and " +
                       std::to_string(k) + " forecasters");
    if (!in.regrets.inferer.empty() || !in.regrets.forecaster.empty() || !in.naiveRegrets.empty() ||
        !in.oneOutInferer.empty() || !in.oneOutForecaster.empty() || !in.oneInForecaster.empty())
        return invalid("regrets are given both as maps and as indexed_regrets");
    return {};
}

// No entry is NaN or infinite (exponent bits all ones), without a branch per entry.
bool allFinite(const IndexedRegrets& r) {
    constexpr uint64_t kExponent = 0x7ff0000000000000ULL;
    uint64_t nonFinite = 0;
    for (const std::vector<double>* v :
         {&r.inferer, &r.forecaster, &r.naiveInferer, &r.oneOutInfererInferer,
          &r.oneOutInfererForecaster, &r.oneOutForecasterInferer, &r.oneOutForecasterForecaster,
          &r.oneInForecasterInferer, &r.oneInForecasterForecaster})
        for (double x : *v) nonFinite |= (std::bit_cast<uint64_t>(x) & kExponent) == kExponent;
    return nonFinite == 0;
}

}  // namespace synthesis_checks

Status validateSynthesisInput(const SynthesisInput& in) {
    using namespace synthesis_checks;
    if (Status s = validateAllButVariantTables(in); !s) return s;
    if (Status s = checkTables(in.oneOutInferer, "regrets.one_out_inferer"); !s) return s;
    if (Status s = checkTables(in.oneOutForecaster, "regrets.one_out_forecaster"); !s) return s;
    return checkTables(in.oneInForecaster, "regrets.one_in_forecaster");
}

}  // namespace allora::emissions
