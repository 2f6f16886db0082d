// An offline replay of a devnet demo topic (node/participants) through the chain's pure epoch
// computations: the reference models' inferences and forecasts (models.h, the runner's own
// functions), the inference synthesis (synthesis.h), the reputers' loss bundles (losses.h), the
// network losses, the regret updates of every family and the topic's initial regret (regrets.h,
// as epoch_close.cpp applies them), epoch after epoch, in milliseconds instead of a minute.
//
// What it keeps from the devnet's timing (epoch length = ground-truth lag, PROTOCOL.md §5): the
// losses of epoch e are known when the reputer window of e closes, 2 epochs later; so the
// synthesis of epoch e uses the regrets and the previous network loss of epoch e − 2, and the
// forecasters of epoch e see the loss bundles up to e − 2. Every worker is active (5 workers, caps
// 32/6), and a worker is "experienced" for the initial regret after ⌈1/α⌉ reward inclusions (one
// as inferer and one as forecaster per scored epoch). What it leaves out: fees, stake, rewards,
// reputer consensus (the reputers all report the same losses, so their stake-weighted mean is
// those losses).
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "node/modules/emissions/network_losses.h"
#include "node/modules/emissions/regrets.h"
#include "node/modules/emissions/scores.h"
#include "node/modules/emissions/synthesis.h"
#include "node/modules/emissions/synthesis_statistics.h"
#include "node/participants/demo_topics.h"
#include "node/participants/forecasters.h"
#include "node/participants/losses.h"
#include "node/participants/models.h"

namespace replay {

namespace ae = ::allora::emissions;
namespace ap = ::allora::participants;
namespace pb = ::emissions::v9;

// The "recent" losses the latest weights are compared with: the last 20 epochs, about the memory
// of a regret (1/alpha_regret epochs, 5 to 10 here) plus its 2 epochs of delay, twice over, so
// that one lucky near-exact hit does not decide a worker's rank.
inline constexpr size_t kRecentEpochs = 20;

struct Config {
    ap::DemoTopic topic;
    size_t epochs = 102;     // epochs replayed (the devnet test runs about this many)
    size_t measured = 100;   // the last `measured` epochs with losses are compared
    size_t startOffset = 0;  // added to topic.startStep (other windows of the series)
    int64_t lagEpochs = 2;   // epochs until an epoch's losses are known (2 × GTL / epoch length)
    double cNorm = 0.75;     // module parameters (PROTOCOL.md §8)
    double epsilonSafeDiv = 1e-7;
    double initialRegretQuantile = 0.25;
    double pNormSafeDiv = 8.25;
    // Forecaster i's predicted log-losses of the inferers from what it knows (default: the
    // runner's, ap::forecastLosses with model i).
    std::function<std::map<std::string, double>(size_t, const ap::ForecastContext&)> forecast;
    const std::vector<double>* series = nullptr;    // default: the topic's
    std::optional<size_t> season;                   // default: the topic's data set's
    bool revertsToCycle = false;                    // ForecastContext::revertsToCycle
    size_t forecastHistory = ap::kForecastHistory;  // loss bundles a forecaster looks at
    // A restart of the devnet's participants: from epoch restartAt (0: none), restartEpochs
    // epochs without inferences (the node runs while the participants unlock their keys), then
    // the 2 epochs whose network inferences they had not seen get no losses.
    size_t restartAt = 0, restartEpochs = 4;
    // The reputers' loss floor is that of this resolution (default: the data set's).
    std::optional<double> resolution;
};

struct Outcome {
    std::vector<std::string> names;  // the models, in worker order
    // Per measured epoch, oldest first: the network's log-losses.
    std::vector<double> combined, naive;
    std::vector<std::vector<double>> worker;      // [worker][epoch]
    std::vector<std::vector<double>> forecaster;  // [worker][epoch], forecast-implied
    // The latest synthesis' inferer weights, in worker order.
    std::vector<double> weights;
    double meanCombined = 0, meanNaive = 0;
    std::vector<double> meanWorker, meanForecaster;
    std::vector<double> recentWorker;  // mean over the last kRecentEpochs measured epochs
    // How well the forecasters knew each epoch's ranking of the inferers: Spearman's correlation
    // of a forecaster's predicted log-losses with the inferers' actual ones, averaged over the
    // forecasters that forecast every inferer and over the measured epochs (1: perfect).
    double forecastRank = NAN;

    // The best worker by mean loss, and the second best's loss.
    size_t best() const {
        return static_cast<size_t>(std::min_element(meanWorker.begin(), meanWorker.end()) -
                                   meanWorker.begin());
    }
    double secondBest() const {
        std::vector<double> v = meanWorker;
        std::sort(v.begin(), v.end());
        return v.size() > 1 ? v[1] : v[0];
    }
};

inline double num(const std::string& text) {
    double v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
}

// Spearman's rank correlation (no ties expected).
inline double spearman(const std::vector<double>& a, const std::vector<double>& b) {
    auto ranks = [](const std::vector<double>& v) {
        std::vector<size_t> idx(v.size());
        std::iota(idx.begin(), idx.end(), 0);
        std::sort(idx.begin(), idx.end(), [&](size_t i, size_t j) { return v[i] < v[j]; });
        std::vector<double> r(v.size());
        for (size_t k = 0; k < idx.size(); ++k) r[idx[k]] = static_cast<double>(k);
        return r;
    };
    const auto ra = ranks(a), rb = ranks(b);
    const double n = static_cast<double>(a.size());
    double d2 = 0;
    for (size_t i = 0; i < a.size(); ++i) d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
    return 1 - 6 * d2 / (n * (n * n - 1));
}

inline ae::LossBundle toLosses(const pb::ValueBundle& v) {
    ae::LossBundle b;
    b.combined = num(v.combined_value());
    b.naive = num(v.naive_value());
    auto fill = [](const auto& list, ae::ActorValues& into) {
        for (const auto& x : list) into.emplace(x.worker(), num(x.value()));
    };
    fill(v.inferer_values(), b.inferer);
    fill(v.forecaster_values(), b.forecaster);
    fill(v.one_out_inferer_values(), b.oneOutInferer);
    fill(v.one_out_forecaster_values(), b.oneOutForecaster);
    fill(v.one_in_forecaster_values(), b.oneInForecaster);
    return b;
}

template <typename Values>
void addValues(Values* list, const ae::ActorValues& values) {
    for (const auto& [actor, value] : values) {
        auto* x = list->Add();
        x->set_worker(actor);
        x->set_value(ap::decimalText(value));
    }
}

// The regret tables of one topic, as the chain stores them: family -> withheld ("" for none) ->
// actor -> regret.
struct Regrets {
    std::map<int, std::map<std::string, ae::ActorValues>> table;
    std::optional<double> get(int family, const std::string& withheld,
                              const std::string& actor) const {
        auto f = table.find(family);
        if (f == table.end()) return std::nullopt;
        auto w = f->second.find(withheld);
        if (w == f->second.end()) return std::nullopt;
        auto a = w->second.find(actor);
        if (a == w->second.end()) return std::nullopt;
        return a->second;
    }
    void update(int family, const std::string& withheld, const std::string& actor, double alpha,
                double networkLoss, double actorLoss, double initial) {
        const double r = ae::updatedRegret(alpha, networkLoss, actorLoss,
                                           get(family, withheld, actor).value_or(initial));
        if (std::isfinite(r)) table[family][withheld][actor] = r;
    }
};

// Families, numbered as epoch_close.h's RegretFamily.
enum Family {
    Inferer = 0,
    Forecaster,
    NaiveInferer,
    OneOutII,
    OneOutIF,
    OneOutFI,
    OneOutFF,
    OneInFI,
    OneInFF
};

inline Outcome run(const Config& cfg) {
    const ap::DemoTopic& topic = cfg.topic;
    const auto& series = cfg.series ? *cfg.series : ap::demoSeries(topic.dataset);
    const auto models = ap::referenceModels();
    const double pNorm = num(topic.pNorm), alpha = num(topic.alphaRegret),
                 epsilon = num(topic.epsilon);
    const double minLoss = ap::lossFloor(
        topic.lossMethod, cfg.resolution.value_or(ap::datasetInfo(topic.dataset).resolution));
    std::vector<std::string> addr;
    for (size_t i = 0; i < models.size(); ++i) addr.push_back("allo1worker" + std::to_string(i));

    Regrets regrets;
    double initialRegret = 0;
    std::map<std::string, uint64_t> inclusions;
    const uint64_t experienced =
        alpha > 0 ? static_cast<uint64_t>(std::max(1.0, std::ceil(1.0 / alpha))) : 1;
    std::optional<double> previousLoss;
    std::map<size_t, pb::NetworkInferences> inferences;  // by epoch, awaiting the close
    std::map<size_t, pb::ValueBundle> closed;            // network losses by epoch
    std::vector<double> lastWeights(models.size(), 0);
    // Complete forecasts (every inferer) by epoch, for Outcome::forecastRank.
    std::map<size_t, std::vector<std::map<std::string, double>>> forecastsAt;

    auto close = [&](size_t e) {
        auto it = inferences.find(e);
        if (it == inferences.end()) return;
        if (cfg.restartAt > 0 && e + 2 >= cfg.restartAt && e < cfg.restartAt) return;
        const size_t step = topic.startStep + cfg.startOffset + e;
        auto bundle =
            ap::lossBundle(it->second, series[step + 1], topic.lossMethod, "allo1reputer", minLoss);
        if (!bundle) return;
        closed[e] = *bundle;
        const ae::LossBundle L = toLosses(*bundle);
        previousLoss = L.combined;
        for (const auto& [j, lj] : L.inferer) {
            regrets.update(Inferer, "", j, alpha, L.combined, lj, initialRegret);
            regrets.update(NaiveInferer, "", j, alpha, L.naive, lj, initialRegret);
        }
        for (const auto& [k, lk] : L.forecaster)
            regrets.update(Forecaster, "", k, alpha, L.combined, lk, initialRegret);
        for (const auto& [w, lw] : L.oneOutInferer)
            for (const auto& [j, lj] : L.inferer)
                if (j != w) regrets.update(OneOutII, w, j, alpha, lw, lj, initialRegret);
        for (const auto& [w, lw] : L.oneOutForecaster) {
            for (const auto& [j, lj] : L.inferer)
                regrets.update(OneOutFI, w, j, alpha, lw, lj, initialRegret);
            for (const auto& [k, lk] : L.forecaster)
                if (k != w) regrets.update(OneOutFF, w, k, alpha, lw, lk, initialRegret);
        }
        for (const auto& [k, lplus] : L.oneInForecaster) {
            for (const auto& [j, lj] : L.inferer)
                regrets.update(OneInFI, k, j, alpha, lplus, lj, initialRegret);
            if (auto f = L.forecaster.find(k); f != L.forecaster.end())
                regrets.update(OneInFF, k, k, alpha, lplus, f->second, initialRegret);
        }
        // Inclusions: the scored inferers and forecasters are rewarded.
        if (auto s = ae::infererScores(L))
            for (const auto& [a, x] : *s) ++inclusions[a];
        if (auto s = ae::forecasterScores(L))
            for (const auto& [a, x] : *s) ++inclusions[a];
        std::vector<double> experiencedRegrets;
        for (int family : {Inferer, Forecaster})
            for (const auto& [a, x] : family == Inferer ? L.inferer : L.forecaster)
                if (inclusions[a] >= experienced)
                    if (auto r = regrets.get(family, "", a)) experiencedRegrets.push_back(*r);
        if (!experiencedRegrets.empty()) {
            const double v = ae::quantileDescending(experiencedRegrets, cfg.initialRegretQuantile) +
                             (cfg.cNorm - cfg.pNormSafeDiv / pNorm) *
                                 (ae::sampleStdDev(experiencedRegrets) + epsilon);
            if (std::isfinite(v)) initialRegret = v;
        }
    };

    // `lag` epochs past the last measured one, so that the latest weights are those of the
    // regrets that include its losses (as the devnet test reads them: the latest synthesis after
    // the last loss bundle it compares).
    const size_t lag = static_cast<size_t>(cfg.lagEpochs);
    for (size_t e = 0; e < cfg.epochs + lag; ++e) {
        // The reputer window of e − lag closes before the workers of e submit.
        if (e >= lag) close(e - lag);
        const size_t step = topic.startStep + cfg.startOffset + e;
        if (step + 1 >= series.size()) break;
        if (cfg.restartAt > 0 && e >= cfg.restartAt && e < cfg.restartAt + cfg.restartEpochs)
            continue;
        const std::span<const double> history(series.data(), step + 1);
        // What the forecasters know: each inferer's inferences and log-losses of the last
        // forecastHistory epochs whose losses are known, oldest first (the runner's window).
        ap::ForecastContext context;
        context.history = history;
        context.lossMethod = topic.lossMethod;
        context.minLoss = minLoss;
        context.season = cfg.season.value_or(ap::datasetInfo(topic.dataset).season);
        context.revertsToCycle = cfg.revertsToCycle;
        if (!cfg.series) {  // the data set's own series: its forecasters know its daily values
            const auto& info = ap::datasetInfo(topic.dataset);
            const auto& daily = ap::demoDailyValues(topic.dataset);
            context.trailingMean = info.trailingMean;
            context.daily = std::span<const double>(
                daily.data(), std::min(daily.size(), step + info.trailingMean));
        }
        {
            size_t taken = 0;
            std::vector<size_t> recent;
            for (auto it = closed.rbegin(); it != closed.rend() && taken < cfg.forecastHistory;
                 ++it, ++taken)
                recent.insert(recent.begin(), it->first);
            for (size_t past : recent) {
                std::map<std::string, double> values;
                for (const auto& v : inferences.at(past).inferer_values())
                    values[v.worker()] = num(v.value());
                for (const auto& v : closed.at(past).inferer_values()) {
                    auto value = values.find(v.worker());
                    context.inferers[v.worker()].push_back(ap::PastInference{
                        topic.startStep + cfg.startOffset + past,
                        value == values.end() ? NAN : value->second, num(v.value())});
                }
            }
        }
        ae::SynthesisInput in;
        in.params = ae::SynthesisParams{pNorm, cfg.cNorm, epsilon, cfg.epsilonSafeDiv};
        in.allNew = initialRegret == 0;
        in.previousNetworkLoss = previousLoss;
        for (size_t i = 0; i < models.size(); ++i) {
            auto value = models[i]->predict(history, step + 1);
            if (!value || !std::isfinite(*value)) continue;
            in.inferences.emplace(addr[i], num(ap::decimalText(*value)));
            ae::ForecastElements els;
            const auto predicted =
                cfg.forecast ? cfg.forecast(i, context) : ap::forecastLosses(*models[i], context);
            for (const auto& [inferer, loss] : predicted)
                els.push_back(ae::ForecastElement{inferer, num(ap::decimalText(loss))});
            if (predicted.size() == models.size()) forecastsAt[e].push_back(predicted);
            if (!els.empty()) in.forecasts.emplace(addr[i], std::move(els));
        }
        if (ae::synthesisReadsRegrets(in)) {
            auto table = [&](int family, const std::string& withheld, bool inferers, bool fcs,
                             const std::string& only = "") {
                ae::RegretTable t;
                if (inferers)
                    for (const auto& [j, v] : in.inferences)
                        t.inferer[j] = regrets.get(family, withheld, j).value_or(initialRegret);
                if (fcs)
                    for (const auto& [k, f] : in.forecasts)
                        if (only.empty() || k == only)
                            t.forecaster[k] =
                                regrets.get(family + 1, withheld, k).value_or(initialRegret);
                return t;
            };
            in.regrets = table(Inferer, "", true, true);
            for (const auto& [j, v] : in.inferences)
                in.naiveRegrets[j] = regrets.get(NaiveInferer, "", j).value_or(initialRegret);
            for (const auto& [w, v] : in.inferences) {
                ae::RegretTable t;
                for (const auto& [j, x] : in.inferences)
                    t.inferer[j] = regrets.get(OneOutII, w, j).value_or(initialRegret);
                for (const auto& [k, f] : in.forecasts)
                    t.forecaster[k] = regrets.get(OneOutIF, w, k).value_or(initialRegret);
                in.oneOutInferer[w] = t;
            }
            for (const auto& [w, f] : in.forecasts) {
                ae::RegretTable out, one;
                for (const auto& [j, x] : in.inferences) {
                    out.inferer[j] = regrets.get(OneOutFI, w, j).value_or(initialRegret);
                    one.inferer[j] = regrets.get(OneInFI, w, j).value_or(initialRegret);
                }
                for (const auto& [k, g] : in.forecasts)
                    out.forecaster[k] = regrets.get(OneOutFF, w, k).value_or(initialRegret);
                one.forecaster[w] = regrets.get(OneInFF, w, w).value_or(initialRegret);
                in.oneOutForecaster[w] = out;
                in.oneInForecaster[w] = one;
            }
        }
        auto out = ae::synthesize(in);
        if (!out) continue;
        pb::NetworkInferences n;
        n.set_block_height(static_cast<int64_t>(e));
        n.set_combined_value(ap::decimalText(out->networkInference));
        n.set_naive_value(ap::decimalText(out->naiveInference));
        addValues(n.mutable_inferer_values(), in.inferences);
        addValues(n.mutable_forecaster_values(), out->forecastImplied);
        addValues(n.mutable_one_out_inferer_values(), out->oneOutInferer);
        addValues(n.mutable_one_out_forecaster_values(), out->oneOutForecaster);
        addValues(n.mutable_one_in_forecaster_values(), out->oneInForecaster);
        inferences[e] = n;
        if (out->weights)
            for (size_t i = 0; i < addr.size(); ++i) {
                auto w = out->weights->inferer.find(addr[i]);
                lastWeights[i] = w == out->weights->inferer.end() ? 0 : w->second;
            }
    }

    Outcome o;
    for (const auto& m : models) o.names.push_back(m->name());
    o.worker.resize(models.size());
    o.forecaster.resize(models.size());
    std::vector<const pb::ValueBundle*> last;
    double rankSum = 0;
    size_t rankCount = 0;
    for (auto it = closed.rbegin(); it != closed.rend() && last.size() < cfg.measured; ++it) {
        last.insert(last.begin(), &it->second);
        auto f = forecastsAt.find(it->first);
        if (f == forecastsAt.end()) continue;
        std::vector<double> actual;
        for (const auto& x : it->second.inferer_values()) actual.push_back(num(x.value()));
        if (actual.size() != models.size()) continue;
        for (const auto& forecast : f->second) {
            std::vector<double> predicted;
            for (const auto& x : it->second.inferer_values())
                predicted.push_back(forecast.at(x.worker()));
            rankSum += spearman(actual, predicted);
            ++rankCount;
        }
    }
    for (const pb::ValueBundle* b : last) {
        o.combined.push_back(num(b->combined_value()));
        o.naive.push_back(num(b->naive_value()));
        for (size_t i = 0; i < addr.size(); ++i) {
            double v = NAN;
            for (const auto& x : b->inferer_values())
                if (x.worker() == addr[i]) v = num(x.value());
            o.worker[i].push_back(v);
            v = NAN;
            for (const auto& x : b->forecaster_values())
                if (x.worker() == addr[i]) v = num(x.value());
            o.forecaster[i].push_back(v);
        }
    }
    auto mean = [](const std::vector<double>& v, size_t from = 0) {
        double s = 0;
        size_t n = 0;
        for (size_t i = from; i < v.size(); ++i)
            if (std::isfinite(v[i])) {
                s += v[i];
                ++n;
            }
        return n ? s / static_cast<double>(n) : NAN;
    };
    o.meanCombined = mean(o.combined);
    o.meanNaive = mean(o.naive);
    for (const auto& f : o.forecaster) o.meanForecaster.push_back(mean(f));
    for (const auto& w : o.worker) {
        o.meanWorker.push_back(mean(w));
        o.recentWorker.push_back(mean(w, w.size() > kRecentEpochs ? w.size() - kRecentEpochs : 0));
    }
    o.weights = lastWeights;
    if (rankCount > 0) o.forecastRank = rankSum / static_cast<double>(rankCount);
    return o;
}

}  // namespace replay
