// bench_synthesis: how long one epoch's inference synthesis takes (PROTOCOL.md §6), everything the
// node computes at the end of an epoch: the combined network inference, naive, forecast-implied,
// one-out inferer (for every inferer), one-out forecaster, one-in forecaster, the confidence band
// and the weights, in the regret-weighted mode (a regret for every actor in every table).
//
// For 32, 256 and 1,024 inferers, each with 8, 32 and 128 forecasters that forecast every inferer.
// The inputs are synthetic but shaped like the real epochs of tests/vectors/allora (inferences near
// one truth, forecasted losses around the previous network loss, regrets of a few tenths around a
// per-table offset, bech32-like addresses), from a fixed seed, so every run times the same work.
// Building the input is not timed; synthesize() is. Each figure is the median of R runs, as many as
// fit in the time budget per combination (at least one). The target is < 50 ms for
// 1,024 x 128 on one core; this prints the figure and does not assert it.
//
// Usage: bench_synthesis [seconds per combination, default 0.05] [NxK ...]
// With NxK arguments (e.g. 1024x128) only those combinations run.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "node/modules/emissions/synthesis.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace allora::emissions;

// A fixed-seed source of the synthetic epoch (mt19937_64 is specified exactly by the standard;
// the normal variates use Box-Muller, so the inputs do not depend on the standard library).
class Source {
public:
    explicit Source(uint64_t seed) : rng_(seed) {}
    double uniform() { return (static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53; }
    double normal(double mean, double sd) {
        const double u = uniform();
        const double v = uniform();
        return mean + sd * std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }
    // "allo1" and 38 bech32 characters, as a real address.
    Address address() {
        static constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        Address a = "allo1";
        for (int i = 0; i < 38; ++i) a += kCharset[rng_() % 32];
        return a;
    }

private:
    std::mt19937_64 rng_;
};

std::vector<Address> addresses(Source& source, size_t n) {
    std::vector<Address> out;
    while (out.size() < n) {
        Address a = source.address();
        if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
    }
    return out;
}

// Regrets of one table: a per-table offset (the tables of one epoch differ by the loss their
// network had) plus each actor's own.
ActorValues regretsFor(Source& source, const std::vector<Address>& actors, double offset,
                       const Address* skip = nullptr) {
    ActorValues out;
    for (const Address& a : actors)
        if (!skip || a != *skip) out.emplace(a, offset + source.normal(0.0, 0.4));
    return out;
}

SynthesisInput makeEpoch(size_t inferers, size_t forecasters, uint64_t seed) {
    Source source(seed);
    const std::vector<Address> i = addresses(source, inferers);
    const std::vector<Address> f = addresses(source, forecasters);
    SynthesisInput in;
    in.params = SynthesisParams{3.0, 0.75, 0.01, 1e-7};
    in.allNew = false;
    const double loss = -3.9;
    in.previousNetworkLoss = loss;
    const double truth = source.normal(0.1, 0.1);
    for (const Address& a : i) in.inferences.emplace(a, truth + source.normal(0.0, 0.12));
    for (const Address& k : f) {
        ForecastElements& elements = in.forecasts[k];
        elements.reserve(inferers);
        // Forecasted log-losses: worse than the network's by 0 to 3, per inferer.
        for (const Address& a : i) elements.push_back({a, loss + 1.5 + source.normal(0.0, 0.8)});
    }
    in.regrets.inferer = regretsFor(source, i, -1.6);
    in.regrets.forecaster = regretsFor(source, f, -0.2);
    in.naiveRegrets = regretsFor(source, i, -0.5);
    for (const Address& j : i) {
        const double offset = source.normal(0.0, 0.3);
        in.oneOutInferer[j] = RegretTable{regretsFor(source, i, -1.4 + offset, &j),
                                          regretsFor(source, f, -0.1 + offset)};
    }
    for (const Address& k : f) {
        const double offset = source.normal(0.0, 0.3);
        in.oneOutForecaster[k] = RegretTable{regretsFor(source, i, -1.5 + offset),
                                             regretsFor(source, f, -0.2 + offset, &k)};
        in.oneInForecaster[k] =
            RegretTable{regretsFor(source, i, -1.5 + offset),
                        ActorValues{{k, -0.2 + offset + source.normal(0.0, 0.4)}}};
    }
    return in;
}

SynthesisOutput run(const SynthesisInput& in) {
    auto out = synthesize(in);
    if (!out) {
        std::fprintf(stderr, "bench: synthesize failed: %s\n", out.message().c_str());
        std::exit(1);
    }
    return std::move(*out);
}

// Every output is there: the bench times the full regret-weighted synthesis, nothing less.
void checkComplete(const SynthesisOutput& out, size_t inferers, size_t forecasters) {
    const bool complete =
        out.mode == SynthesisMode::RegretWeighted && out.forecastImplied.size() == forecasters &&
        out.oneOutInferer.size() == inferers && out.oneOutForecaster.size() == forecasters &&
        out.oneInForecaster.size() == forecasters && out.confidenceInterval.has_value() &&
        out.weights.has_value() && out.weights->inferer.size() == inferers &&
        out.weights->forecaster.size() == forecasters;
    if (!complete) {
        std::fprintf(stderr, "bench: the synthesis of %zu x %zu is incomplete (mode %s)\n",
                     inferers, forecasters, synthesisModeName(out.mode));
        std::exit(1);
    }
}

bool sameOutputs(const SynthesisOutput& a, const SynthesisOutput& b) {
    return a.networkInference == b.networkInference && a.naiveInference == b.naiveInference &&
           a.forecastImplied == b.forecastImplied && a.oneOutInferer == b.oneOutInferer &&
           a.oneOutForecaster == b.oneOutForecaster && a.oneInForecaster == b.oneInForecaster &&
           a.confidenceInterval == b.confidenceInterval &&
           a.weights->inferer == b.weights->inferer &&
           a.weights->forecaster == b.weights->forecaster;
}

}  // namespace

int main(int argc, char** argv) {
    double budget = 0.05;
    if (argc > 1) budget = std::strtod(argv[1], nullptr);
    if (!(budget > 0 && budget < 3600)) {
        std::fprintf(stderr,
                     "usage: bench_synthesis [seconds per combination, default 0.05] [NxK ...]\n");
        return 2;
    }
    std::vector<std::pair<size_t, size_t>> only;
    for (int a = 2; a < argc; ++a) {
        size_t n = 0;
        size_t k = 0;
        if (std::sscanf(argv[a], "%zux%zu", &n, &k) != 2 || n < 2 || k < 2) {
            std::fprintf(stderr, "bench_synthesis: %s is not INFERERSxFORECASTERS\n", argv[a]);
            return 2;
        }
        only.emplace_back(n, k);
    }
    constexpr size_t kMaxRuns = 201;
    std::vector<std::pair<size_t, size_t>> combinations;
    for (size_t inferers : {32, 256, 1024})
        for (size_t forecasters : {8, 32, 128}) combinations.emplace_back(inferers, forecasters);
    if (!only.empty()) combinations = only;
    for (const auto& [inferers, forecasters] : combinations) {
        const SynthesisInput in =
            makeEpoch(inferers, forecasters, 0xA110'7A00 + inferers * 1000 + forecasters);
        std::vector<double> ms;
        SynthesisOutput first;
        const auto start = Clock::now();
        do {
            const auto t0 = Clock::now();
            SynthesisOutput out = run(in);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            if (ms.size() == 1) {
                checkComplete(out, inferers, forecasters);
                first = std::move(out);
            } else if (!sameOutputs(out, first)) {
                std::fprintf(stderr, "bench: the synthesis is not deterministic\n");
                return 1;
            }
        } while (ms.size() < kMaxRuns &&
                 std::chrono::duration<double>(Clock::now() - start).count() < budget);
        std::sort(ms.begin(), ms.end());
        const size_t n = ms.size();
        const double median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2.0;
        std::printf(
            "bench: synthesis epoch  inferers %zu forecasters %zu: %.2f ms (median of %zu)\n",
            inferers, forecasters, median, n);
        std::fflush(stdout);
    }
    return 0;
}
