// replay_participants: the devnet demo topics replayed offline (tests/unit/participants_replay.h)
// to choose topic parameters, models and forecasters. For each demo topic it prints the mean
// log-loss of the network, the naive network and each reference worker over the measured epochs,
// the margins of the network over the naive inference and the second-best worker, the rank
// correlation of the latest weights with the recent losses, and the mean loss of each
// forecaster's implied inference; then, over `--offsets` windows of the series, how often and by
// how much the network beats the naive inference and the second-best worker.
//   replay_participants [--topic 0|1|2] [--p P] [--alpha A] [--eps E]
//       [--epochs N] [--offsets K] [--stride S] [--first F] [--restart EPOCH]
//       [--forecast reference|persistence|context] [--history H]
//       [--recent R] [--verbose] [--per-epoch]
//       [--weekly-temperature] [--start STEP] [--season N] [--cycle]
// E.g. the devnet test's timings: --first 6 --offsets 10 --stride 1 --epochs 108 --restart 50.
// Each topic's summary also gives the forecasters' mean rank correlation with the inferers'
// actual losses, epoch by epoch (Outcome::forecastRank): what they knew about who would do well.
// --weekly-temperature replays the temperature topic on the weekly means of its series (week 1
// from the file's first day, 208 weeks, season 52, the forecasters' cycle regression
// (forecasters.h, ForecastContext::revertsToCycle), starting at week 75 unless --start says);
// --season N and --cycle set the forecasters' season and cycle regression on any topic, --start
// the replay's first step.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/unit/participants_replay.h"

namespace {

namespace ae = allora::emissions;
namespace ap = allora::participants;

using Forecast = std::function<std::map<std::string, double>(size_t, const ap::ForecastContext&)>;

// --forecast NAME: reference (the runner's: forecasters.h's referenceMethod), persistence (the
// median of each inferer's recent losses, every series) or context (the regression, every
// series).
Forecast forecaster(const std::string& name) {
    if (name.empty() || name == "reference") return {};
    static const auto models = ap::referenceModels();
    const auto method =
        name == "context" ? ap::ForecastMethod::Context : ap::ForecastMethod::Persistence;
    if (name != "context" && name != "persistence") {
        std::fprintf(stderr, "unknown forecaster %s\n", name.c_str());
        std::exit(2);
    }
    return [method](size_t i, const ap::ForecastContext& c) {
        return ap::forecastLosses(*models[i], c, method);
    };
}

}  // namespace

int main(int argc, char** argv) {
    size_t epochs = 102, offsets = 20, stride = 37, first = 0, restart = 0, recent = 20;
    size_t history = ap::kForecastHistory;
    int only = -1;
    bool verbose = false, perEpoch = false, weekly = false, cycle = false;
    size_t start = 0, season = 0;
    std::string p, alpha, eps, forecast;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : "0"; };
        if (a == "--epochs")
            epochs = std::stoul(next());
        else if (a == "--offsets")
            offsets = std::stoul(next());
        else if (a == "--stride")
            stride = std::stoul(next());
        else if (a == "--first")
            first = std::stoul(next());
        else if (a == "--restart")
            restart = std::stoul(next());
        else if (a == "--recent")
            recent = std::stoul(next());
        else if (a == "--history")
            history = std::stoul(next());
        else if (a == "--topic")
            only = std::stoi(next());
        else if (a == "--p")
            p = next();
        else if (a == "--alpha")
            alpha = next();
        else if (a == "--eps")
            eps = next();
        else if (a == "--forecast")
            forecast = next();
        else if (a == "--verbose")
            verbose = true;
        else if (a == "--per-epoch")
            perEpoch = true;
        else if (a == "--weekly-temperature")
            weekly = true;
        else if (a == "--cycle")
            cycle = true;
        else if (a == "--start")
            start = std::stoul(next());
        else if (a == "--season")
            season = std::stoul(next());
        else {
            std::fprintf(stderr, "unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    const auto topics = ap::demoTopics(5);
    // The weekly means of the daily maximum temperature (a trailing partial week dropped).
    std::vector<double> weeks;
    {
        const auto& days = ap::demoSeries(ap::DemoDataset::SeattleTempMax);
        for (size_t i = 0; i + 7 <= days.size(); i += 7) {
            double sum = 0;
            for (size_t k = 0; k < 7; ++k) sum += days[i + k];
            weeks.push_back(sum / 7);
        }
    }
    for (size_t t = 0; t < topics.size(); ++t) {
        if (only >= 0 && static_cast<size_t>(only) != t) continue;
        replay::Config cfg;
        cfg.topic = topics[t];
        if (!p.empty()) cfg.topic.pNorm = p;
        if (!alpha.empty()) cfg.topic.alphaRegret = alpha;
        if (!eps.empty()) cfg.topic.epsilon = eps;
        cfg.epochs = epochs;
        cfg.restartAt = restart;
        cfg.forecast = forecaster(forecast);
        cfg.forecastHistory = history;
        if (weekly && cfg.topic.dataset == ap::DemoDataset::SeattleTempMax) {
            cfg.series = &weeks;
            cfg.season = 52;
            cfg.revertsToCycle = true;
            cfg.topic.startStep = 75;
        }
        if (season > 0) cfg.season = season;
        if (cycle) cfg.revertsToCycle = true;
        if (start > 0) cfg.topic.startStep = start;
        const size_t length =
            cfg.series ? cfg.series->size() : ap::demoSeries(cfg.topic.dataset).size();
        const size_t room = length - cfg.topic.startStep - first - epochs - 2;
        const size_t step = std::min(stride, room / std::max<size_t>(offsets, 1));
        size_t wins = 0, naiveWins = 0, secondWins = 0;
        double worstNaive = 1e9, worstSecond = 1e9, sumNaive = 0, sumSecond = 0, worstRho = -1;
        double sumRank = 0;
        std::vector<double> margins;
        for (size_t k = 0; k < offsets; ++k) {
            cfg.startOffset = first + k * step;
            const replay::Outcome o = replay::run(cfg);
            std::vector<double> recentLoss;
            for (const auto& w : o.worker) {
                double sum = 0;
                const size_t from = w.size() > recent ? w.size() - recent : 0;
                for (size_t e = from; e < w.size(); ++e) sum += w[e];
                recentLoss.push_back(sum / static_cast<double>(w.size() - from));
            }
            const double mNaive = o.meanNaive - o.meanCombined;
            const double mSecond = o.secondBest() - o.meanCombined;
            const double rho = replay::spearman(recentLoss, o.weights);
            worstNaive = std::min(worstNaive, mNaive);
            worstSecond = std::min(worstSecond, mSecond);
            worstRho = std::max(worstRho, rho);
            sumNaive += mNaive / static_cast<double>(offsets);
            sumRank += o.forecastRank / static_cast<double>(offsets);
            margins.push_back(mNaive);
            sumSecond += mSecond / static_cast<double>(offsets);
            naiveWins += mNaive > 0;
            secondWins += mSecond > 0;
            wins += mNaive > 0 && mSecond > 0;
            if (k == 0 && perEpoch)
                for (size_t e = 0; e < o.combined.size(); ++e) {
                    std::printf("  epoch %zu: network %.2f naive %.2f |", e, o.combined[e],
                                o.naive[e]);
                    for (size_t i = 0; i < o.worker.size(); ++i)
                        std::printf(" %.2f/%.2f", o.worker[i][e], o.forecaster[i][e]);
                    std::printf("\n");
                }
            if (k == 0 || verbose) {
                std::printf("topic %zu offset %3zu: network %.3f, naive %.3f", t + 1,
                            cfg.startOffset, o.meanCombined, o.meanNaive);
                for (size_t i = 0; i < o.names.size(); ++i)
                    std::printf(", %s %.3f", o.names[i].c_str(), o.meanWorker[i]);
                std::printf(" | margins naive %+.3f second %+.3f | rho %.2f w", mNaive, mSecond,
                            rho);
                for (double w : o.weights) std::printf(" %.3g", w);
                std::printf(" | implied");
                for (double f : o.meanForecaster) std::printf(" %.3f", f);
                std::printf("\n");
            }
        }
        std::sort(margins.begin(), margins.end());
        std::printf(
            "topic %zu over %zu windows: bar held %zu; network < naive %zu (mean margin %.3f, "
            "median %.3f, worst %.3f); < second best %zu (mean margin %.3f, worst %.3f); worst "
            "rho %.2f; forecasters' rank correlation %.3f\n",
            t + 1, offsets, wins, naiveWins, sumNaive, margins[margins.size() / 2], worstNaive,
            secondWins, sumSecond, worstSecond, worstRho, sumRank);
    }
    return 0;
}
