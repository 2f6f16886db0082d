#include "node/modules/emissions/network_losses.h"

#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <string>

namespace allora::emissions {

namespace {

// One scalar entry of a bundle, addressed by what it is and the actors it concerns.
enum class Entry {
    Combined,
    Naive,
    Inferer,
    Forecaster,
    OneOutInferer,
    OneOutForecaster,
    OneIn,
    OneOutInfererForecaster
};

struct EntryKey {
    Entry kind;
    Address first;   // the actor (or the withheld inferer)
    Address second;  // the forecaster, for one-out inferer-forecaster entries
    auto operator<=>(const EntryKey&) const = default;
};

const ActorValues* actorMap(const LossBundle& b, Entry kind) {
    switch (kind) {
        case Entry::Inferer:
            return &b.inferer;
        case Entry::Forecaster:
            return &b.forecaster;
        case Entry::OneOutInferer:
            return &b.oneOutInferer;
        case Entry::OneOutForecaster:
            return &b.oneOutForecaster;
        case Entry::OneIn:
            return &b.oneInForecaster;
        default:
            return nullptr;
    }
}

ActorValues* actorMap(LossBundle& b, Entry kind) {
    return const_cast<ActorValues*>(actorMap(static_cast<const LossBundle&>(b), kind));
}

constexpr Entry kActorEntries[] = {Entry::Inferer, Entry::Forecaster, Entry::OneOutInferer,
                                   Entry::OneOutForecaster, Entry::OneIn};

// Every entry of a bundle, in the canonical order (EntryKey's ordering).
template <typename Visit>
void forEachEntry(const LossBundle& b, Visit&& visit) {
    visit(EntryKey{Entry::Combined, {}, {}}, b.combined);
    visit(EntryKey{Entry::Naive, {}, {}}, b.naive);
    for (Entry kind : kActorEntries)
        for (const auto& [actor, loss] : *actorMap(b, kind)) visit(EntryKey{kind, actor, {}}, loss);
    for (const auto& [withheld, byForecaster] : b.oneOutInfererForecaster)
        for (const auto& [forecaster, loss] : byForecaster)
            visit(EntryKey{Entry::OneOutInfererForecaster, withheld, forecaster}, loss);
}

std::optional<double> find(const LossBundle& b, const EntryKey& key) {
    switch (key.kind) {
        case Entry::Combined:
            return b.combined;
        case Entry::Naive:
            return b.naive;
        case Entry::OneOutInfererForecaster: {
            const auto outer = b.oneOutInfererForecaster.find(key.first);
            if (outer == b.oneOutInfererForecaster.end()) return std::nullopt;
            const auto inner = outer->second.find(key.second);
            if (inner == outer->second.end()) return std::nullopt;
            return inner->second;
        }
        default: {
            const ActorValues& values = *actorMap(b, key.kind);
            const auto it = values.find(key.first);
            if (it == values.end()) return std::nullopt;
            return it->second;
        }
    }
}

void store(LossBundle& b, const EntryKey& key, double value) {
    switch (key.kind) {
        case Entry::Combined:
            b.combined = value;
            break;
        case Entry::Naive:
            b.naive = value;
            break;
        case Entry::OneOutInfererForecaster:
            b.oneOutInfererForecaster[key.first][key.second] = value;
            break;
        default:
            (*actorMap(b, key.kind))[key.first] = value;
            break;
    }
}

}  // namespace

Result<LossBundle> networkLosses(const std::map<Address, ReputerReport, std::less<>>& reports,
                                 double minimumStake) {
    std::set<EntryKey> keys;
    bool anyEligible = false;
    for (const auto& [reputer, report] : reports) {
        if (!(report.stake >= 0) || !std::isfinite(report.stake))
            return makeError(ErrorCode::InvalidArgument, "invalid stake for reputer " + reputer);
        if (report.stake < minimumStake) continue;
        anyEligible = true;
        bool finite = true;
        forEachEntry(report.losses, [&](const EntryKey& key, double loss) {
            finite = finite && std::isfinite(loss);
            keys.insert(key);
        });
        if (!finite)
            return makeError(ErrorCode::InvalidArgument, "non-finite loss from reputer " + reputer);
    }
    if (!anyEligible || keys.empty())
        return makeError(ErrorCode::InvalidArgument, "no reputer with the minimum stake");

    LossBundle out;
    for (const EntryKey& key : keys) {
        double weighted = 0.0;
        double totalStake = 0.0;
        for (const auto& [reputer, report] : reports) {
            if (report.stake < minimumStake) continue;
            const auto loss = find(report.losses, key);
            if (!loss) continue;
            weighted += report.stake * *loss;
            totalStake += report.stake;
        }
        if (totalStake == 0.0)
            return makeError(ErrorCode::InvalidArgument, "reputers' total stake is zero");
        store(out, key, weighted / totalStake);
    }
    return out;
}

std::vector<std::vector<double>> lossMatrix(
    const std::map<Address, LossBundle, std::less<>>& reported) {
    std::set<EntryKey> keys;
    for (const auto& [reputer, bundle] : reported)
        forEachEntry(bundle, [&](const EntryKey& key, double) { keys.insert(key); });
    std::vector<std::vector<double>> rows;
    rows.reserve(reported.size());
    for (const auto& [reputer, bundle] : reported) {
        std::vector<double> row;
        row.reserve(keys.size());
        for (const EntryKey& key : keys)
            row.push_back(find(bundle, key).value_or(std::numeric_limits<double>::quiet_NaN()));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace allora::emissions
