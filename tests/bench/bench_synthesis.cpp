// bench_synthesis: how long one epoch's inference synthesis takes (PROTOCOL.md §6), everything the
// node computes at the end of an epoch: the combined network inference, naive, forecast-implied,
// one-out inferer (for every inferer), one-out forecaster, one-in forecaster, the confidence band
// and the weights, in the regret-weighted mode (a regret for every actor in every table).
//
// For 32, 256 and 1,024 inferers, each with 8, 32 and 128 forecasters, two cases:
// - "on-chain": each forecast as the chain stores it, max_elements_per_forecast = 12 elements
//   (PROTOCOL.md §5; payloads.cpp keeps at most 12), here 12 distinct inferers per forecaster.
//   This is what a real epoch computes, so its 1,024 x 128 line is the target figure;
// - "all elements": every forecaster forecasting every inferer (what the synthesis would face
//   without that limit; it costs N²·K weights for the one-out-inferer outputs, an exp floor far
//   above the target: not a real epoch, shown for scale).
// The regret tables are passed as epoch close passes them (SynthesisInput::indexedRegrets, actors
// numbered once per epoch). The same epoch with the tables as maps (the CLI's form) is run once
// per combination and must give the same output bits, or the bench fails.
// The inputs are synthetic but shaped like the real epochs of tests/vectors/allora (inferences near
// one truth, forecasted losses around the previous network loss, regrets of a few tenths around a
// per-table offset, bech32-like addresses), from a fixed seed, so every run times the same work.
// Building the input is not timed; synthesize() is, in CPU time of the calling thread (one core;
// on a shared machine wall time would also count other processes). Each figure is the median of R
// runs, as many as fit in the time budget per combination (at least five). The target is
// < 50 ms for 1,024 x 128 on-chain on one core; this prints the figures and does not assert them.
//
// Each line ends with a 64-bit FNV-1a digest of every output's bits: the same inputs give the same
// digest on every build and platform, so two builds (or two versions of the synthesis) can be
// compared bit for bit by their output.
//
// Usage: bench_synthesis [seconds per combination, default 0.05] [NxK | NxK/chain | NxK/all ...]
// With arguments only those combinations run (NxK: both cases).
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "node/modules/emissions/synthesis.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace allora::emissions;

// CPU time of the calling thread, in milliseconds.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

constexpr size_t kMaxElementsPerForecast = 12;  // the chain's max_elements_per_forecast

// A fixed-seed source of the synthetic epoch (mt19937_64 is specified exactly by the standard;
// the normal variates use Box-Muller, so the inputs do not depend on the standard library's
// distributions).
class Source {
public:
    explicit Source(uint64_t seed) : rng_(seed) {}
    double uniform() { return (static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53; }
    double normal(double mean, double sd) {
        const double u = uniform();
        const double v = uniform();
        return mean + sd * std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }
    size_t below(size_t n) { return static_cast<size_t>(rng_() % n); }
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
// network had) plus each actor's own. Inserted in ascending address order, as the node builds its
// tables (epoch_close.cpp walks the sorted actors), so the map's nodes lie in memory in the order
// the synthesis walks them.
ActorValues regretsFor(Source& source, const std::vector<Address>& actors, double offset,
                       const Address* skip = nullptr) {
    std::vector<std::pair<const Address*, double>> drawn;
    drawn.reserve(actors.size());
    for (const Address& a : actors)
        if (!skip || a != *skip) drawn.emplace_back(&a, offset + source.normal(0.0, 0.4));
    std::sort(drawn.begin(), drawn.end(),
              [](const auto& x, const auto& y) { return *x.first < *y.first; });
    ActorValues out;
    for (const auto& [address, regret] : drawn) out.emplace_hint(out.end(), *address, regret);
    return out;
}

// The inferers one forecaster names: all of them, or 12 distinct ones in random order.
std::vector<size_t> forecastTargets(Source& source, size_t inferers, bool onChain) {
    std::vector<size_t> all(inferers);
    for (size_t j = 0; j < inferers; ++j) all[j] = j;
    if (!onChain || inferers <= kMaxElementsPerForecast) return all;
    for (size_t e = 0; e < kMaxElementsPerForecast; ++e)  // partial Fisher-Yates
        std::swap(all[e], all[e + source.below(inferers - e)]);
    all.resize(kMaxElementsPerForecast);
    return all;
}

SynthesisInput makeEpoch(size_t inferers, size_t forecasters, bool onChain, uint64_t seed) {
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
        // Forecasted log-losses: worse than the network's by 0 to 3, per inferer.
        for (size_t j : forecastTargets(source, inferers, onChain))
            elements.push_back({i[j], loss + 1.5 + source.normal(0.0, 0.8)});
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

// The epoch's tables by index, as epoch close builds them: every entry of the maps, and for the
// withheld actor's own entry (absent from the maps here, read by no output) the initial regret 0.
IndexedRegrets indexed(const SynthesisInput& in) {
    auto row = [](const auto& actors, const ActorValues& table, std::vector<double>& into) {
        for (const auto& entry : actors) {
            const auto it = table.find(entry.first);
            into.push_back(it == table.end() ? 0.0 : it->second);
        }
    };
    IndexedRegrets r;
    row(in.inferences, in.regrets.inferer, r.inferer);
    row(in.forecasts, in.regrets.forecaster, r.forecaster);
    row(in.inferences, in.naiveRegrets, r.naiveInferer);
    for (const auto& [j, value] : in.inferences) {
        const RegretTable& t = in.oneOutInferer.at(j);
        row(in.inferences, t.inferer, r.oneOutInfererInferer);
        row(in.forecasts, t.forecaster, r.oneOutInfererForecaster);
    }
    for (const auto& [k, elements] : in.forecasts) {
        const RegretTable& out = in.oneOutForecaster.at(k);
        row(in.inferences, out.inferer, r.oneOutForecasterInferer);
        row(in.forecasts, out.forecaster, r.oneOutForecasterForecaster);
        row(in.inferences, in.oneInForecaster.at(k).inferer, r.oneInForecasterInferer);
        r.oneInForecasterForecaster.push_back(in.oneInForecaster.at(k).forecaster.at(k));
    }
    return r;
}

// `in` with its tables by index and the maps emptied.
SynthesisInput withIndexedRegrets(const SynthesisInput& in) {
    SynthesisInput out;
    out.params = in.params;
    out.allNew = in.allNew;
    out.previousNetworkLoss = in.previousNetworkLoss;
    out.inferences = in.inferences;
    out.forecasts = in.forecasts;
    out.indexedRegrets = indexed(in);
    return out;
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

// FNV-1a over the bits of every output, in a fixed order (addresses, then values).
class Digest {
public:
    void add(const void* data, size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < size; ++i) {
            h_ ^= bytes[i];
            h_ *= 0x100000001b3ULL;
        }
    }
    void add(double v) {
        const uint64_t bits = std::bit_cast<uint64_t>(v);
        add(&bits, sizeof bits);
    }
    void add(const ActorValues& values) {
        for (const auto& [address, v] : values) {
            add(address.data(), address.size() + 1);  // with the terminating 0 as a separator
            add(v);
        }
    }
    uint64_t value() const { return h_; }

private:
    uint64_t h_ = 0xcbf29ce484222325ULL;
};

uint64_t digestOf(const SynthesisOutput& out) {
    Digest d;
    d.add(out.networkInference);
    d.add(out.naiveInference);
    d.add(out.forecastImplied);
    d.add(out.oneOutInferer);
    d.add(out.oneOutForecaster);
    d.add(out.oneInForecaster);
    for (double v : *out.confidenceInterval) d.add(v);
    d.add(out.weights->inferer);
    d.add(out.weights->forecaster);
    return d.value();
}

struct Combination {
    size_t inferers;
    size_t forecasters;
    bool onChain;
};

// Parses NxK, NxK/chain or NxK/all into `out`; false if it is none of them.
bool parseCombination(const char* arg, std::vector<Combination>& out) {
    size_t n = 0;
    size_t k = 0;
    int used = 0;
    if (std::sscanf(arg, "%zux%zu%n", &n, &k, &used) != 2 || n < 2 || k < 2) return false;
    const char* rest = arg + used;
    if (*rest == '\0') {
        out.push_back({n, k, true});
        out.push_back({n, k, false});
    } else if (std::strcmp(rest, "/chain") == 0) {
        out.push_back({n, k, true});
    } else if (std::strcmp(rest, "/all") == 0) {
        out.push_back({n, k, false});
    } else {
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    double budget = 0.05;
    if (argc > 1) budget = std::strtod(argv[1], nullptr);
    if (!(budget > 0 && budget < 3600)) {
        std::fprintf(stderr,
                     "usage: bench_synthesis [seconds per combination, default 0.05] "
                     "[NxK | NxK/chain | NxK/all ...]\n");
        return 2;
    }
    std::vector<Combination> combinations;
    for (int a = 2; a < argc; ++a) {
        if (!parseCombination(argv[a], combinations)) {
            std::fprintf(stderr,
                         "bench_synthesis: %s is not INFERERSxFORECASTERS[/chain|/all] (each at "
                         "least 2)\n",
                         argv[a]);
            return 2;
        }
    }
    if (combinations.empty()) {
        for (bool onChain : {true, false})
            for (size_t inferers : {32, 256, 1024})
                for (size_t forecasters : {8, 32, 128})
                    combinations.push_back({inferers, forecasters, onChain});
    }
    constexpr size_t kMinRuns = 5;
    constexpr size_t kMaxRuns = 201;
    std::printf(
        "bench: the issue 4 target is the on-chain line of 1,024 x 128 (< 50 ms): on-chain is what "
        "a real epoch computes\n");
    for (const auto& [inferers, forecasters, onChain] : combinations) {
        const SynthesisInput maps =
            makeEpoch(inferers, forecasters, onChain, 0xA110'7A00 + inferers * 1000 + forecasters);
        const SynthesisInput in = withIndexedRegrets(maps);
        std::vector<double> ms;
        uint64_t digest = 0;
        const auto start = Clock::now();
        do {
            const double t0 = threadCpuMs();
            const SynthesisOutput out = run(in);
            ms.push_back(threadCpuMs() - t0);
            if (ms.size() == 1) {
                checkComplete(out, inferers, forecasters);
                digest = digestOf(out);
            } else if (digestOf(out) != digest) {
                std::fprintf(stderr, "bench: the synthesis is not deterministic\n");
                return 1;
            }
        } while (ms.size() < kMinRuns ||
                 (ms.size() < kMaxRuns &&
                  std::chrono::duration<double>(Clock::now() - start).count() < budget));
        if (digestOf(run(maps)) != digest) {
            std::fprintf(stderr,
                         "bench: %zu x %zu: the tables as maps and by index give different "
                         "outputs\n",
                         inferers, forecasters);
            return 1;
        }
        std::sort(ms.begin(), ms.end());
        const size_t n = ms.size();
        const double median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2.0;
        std::printf(
            "bench: synthesis epoch  inferers %4zu forecasters %3zu  %-35s %10.2f ms CPU "
            "(median of %zu)  outputs %016llx%s\n",
            inferers, forecasters,
            onChain ? "on-chain (12 elements per forecast)" : "all elements (every inferer)",
            median, n, static_cast<unsigned long long>(digest),
            onChain && inferers == 1024 && forecasters == 128 ? "  <- target < 50 ms" : "");
        std::fflush(stdout);
    }
    return 0;
}
