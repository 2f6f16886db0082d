// Unit tests for PROTOCOL.md §7 (node/modules/emissions: network_losses, scores,
// reputer_consensus, rewards, task_split) against allora-chain's simulator table
// tests/vectors/allora/synthesis_epochs_300_305.csv: one row per epoch 300-305, 5 inferers,
// 3 forecasters, 5 reputers. Epoch e's state (listening coefficients, smoothed fractions, score
// ratio, score history) comes from the rows before e, so the stateful outputs are checked for
// 301-305; the stateless ones (network losses, worker scores, reputer reward fractions) for
// every row. Every value must match to 1e-9 relative.
//
// What the table cannot give: the forecasters' reward fractions of epochs 301 and 302 need the
// spread σ of the latest 10 forecaster scores, and with 3 forecasters per epoch those reach back
// to epochs 298-299, which are not in the table (the inferers' 10 samples are exactly epochs e
// and e-1). For those two epochs the test solves the σ the table implies from two forecasters'
// fractions and checks the third forecaster's fraction with it (the φ mapping, p_R, c_R, ε), and
// that the same rule reproduces 303-305 exactly.
#include <QtTest/QtTest>

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "node/modules/emissions/network_losses.h"
#include "node/modules/emissions/reputer_consensus.h"
#include "node/modules/emissions/rewards.h"
#include "node/modules/emissions/scores.h"
#include "node/modules/emissions/sortition.h"
#include "node/modules/emissions/task_split.h"
#include "tests/unit/vector_files.h"

using namespace allora::emissions;

namespace {

constexpr double kTolerance = 1e-9;
constexpr int kInferers = 5;
constexpr int kForecasters = 3;
constexpr int kReputers = 5;
constexpr int kFirstEpoch = 300;
constexpr int kLastEpoch = 305;

bool closeTo(double got, double want, double relative = kTolerance) {
    return allora::testvectors::closeTo(got, want, relative);
}

template <typename... Parts>
std::string cat(const Parts&... parts) {
    std::string out;
    ((out += parts), ...);
    return out;
}

std::string num(int i) {
    return std::to_string(i);
}

std::string inferer(int j) {
    return "inferer" + num(j);
}
std::string forecaster(int k) {
    return "forecaster" + num(k);
}
std::string reputer(int m) {
    return "reputer" + num(m);
}

const allora::testvectors::CsvTable& table() {
    static const auto parsed =
        allora::testvectors::readCsvTable("allora/synthesis_epochs_300_305.csv");
    return parsed;
}

double at(int epoch, const std::string& name) {
    return table().num(static_cast<size_t>(epoch - kFirstEpoch), name);
}

// Reputer m's reported losses in epoch e. Workers 0-4 of the one-out network losses are the
// inferers, 5-7 the forecasters.
LossBundle reportedLosses(int e, int m) {
    const std::string r = cat("reputer_", num(m), "_loss_");
    LossBundle b;
    b.combined = at(e, r + "network_inference");
    b.naive = at(e, r + "naive_network_inference");
    for (int j = 0; j < kInferers; ++j) {
        b.inferer[inferer(j)] = at(e, cat(r, "inference_", num(j)));
        b.oneOutInferer[inferer(j)] = at(e, cat(r, "network_inference_oneout_", num(j)));
    }
    for (int k = 0; k < kForecasters; ++k) {
        b.forecaster[forecaster(k)] = at(e, cat(r, "forecast_implied_inference_", num(k)));
        b.oneOutForecaster[forecaster(k)] =
            at(e, cat(r, "network_inference_oneout_", num(kInferers + k)));
        b.oneInForecaster[forecaster(k)] = at(e, cat(r, "naive_network_inference_onein_", num(k)));
        for (int j = 0; j < kInferers; ++j)
            b.oneOutInfererForecaster[inferer(j)][forecaster(k)] =
                at(e, cat(r, "forecast_implied_inference_", num(k), "_oneout_", num(j)));
    }
    return b;
}

std::map<Address, ReputerReport, std::less<>> reports(int e) {
    std::map<Address, ReputerReport, std::less<>> out;
    for (int m = 0; m < kReputers; ++m)
        out[reputer(m)] = ReputerReport{at(e, cat("reputer_stake_", num(m))), reportedLosses(e, m)};
    return out;
}

// The table's network losses of epoch e as a bundle.
LossBundle tableNetworkLosses(int e) {
    LossBundle b;
    b.combined = at(e, "network_loss");
    b.naive = at(e, "network_naive_loss");
    for (int j = 0; j < kInferers; ++j) {
        b.inferer[inferer(j)] = at(e, cat("inference_loss_", num(j)));
        b.oneOutInferer[inferer(j)] = at(e, cat("network_loss_oneout_", num(j)));
    }
    for (int k = 0; k < kForecasters; ++k) {
        b.forecaster[forecaster(k)] = at(e, cat("forecast_implied_inference_loss_", num(k)));
        b.oneOutForecaster[forecaster(k)] = at(e, cat("network_loss_oneout_", num(kInferers + k)));
        b.oneInForecaster[forecaster(k)] = at(e, cat("network_naive_loss_onein_", num(k)));
        for (int j = 0; j < kInferers; ++j)
            b.oneOutInfererForecaster[inferer(j)][forecaster(k)] =
                at(e, cat("forecast_implied_inference_loss_", num(k), "_oneout_", num(j)));
    }
    return b;
}

// One column per actor: "<prefix><i>" for i < n, keyed by name(i).
ActorValues columnValues(int e, const std::string& prefix, int n, std::string (*name)(int)) {
    ActorValues out;
    for (int i = 0; i < n; ++i) out[name(i)] = at(e, prefix + num(i));
    return out;
}

ActorValues infererScoresAt(int e) {
    return columnValues(e, "inferer_score_", kInferers, inferer);
}
ActorValues forecasterScoresAt(int e) {
    return columnValues(e, "forecaster_score_", kForecasters, forecaster);
}

int compared = 0;  // values compared in the current test function

bool check(const std::string& what, double got, double want) {
    ++compared;
    if (closeTo(got, want)) return true;
    qWarning("%s: got %.17g, table %.17g (relative %.3g)", what.c_str(), got, want,
             std::fabs(got - want) / std::fabs(want));
    return false;
}

bool checkAll(const std::string& what, const ActorValues& got, const ActorValues& want) {
    if (got.size() != want.size()) {
        qWarning("%s: %zu actors, table %zu", what.c_str(), got.size(), want.size());
        return false;
    }
    bool ok = true;
    for (const auto& [actor, value] : want) {
        const auto it = got.find(actor);
        ok = it != got.end() && check(what + " " + actor, it->second, value) && ok;
    }
    return ok;
}

// The latest ≤ 10 scores, newest epoch first, from the table's rows first..e.
std::vector<double> scoreSamples(int e, int first, ActorValues (*scoresAt)(int)) {
    std::vector<ActorValues> epochs;
    for (int x = e; x >= first; --x) epochs.push_back(scoresAt(x));
    return latestScoreSamples(epochs, 10);
}

const WorkerRewardParams kWorkerParams{3.0, 0.75, 0.01};  // p_R (mainnet), c_R, topic ε

}  // namespace

class TestScoresRewards : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { compared = 0; }

    // Every network loss column from the reputers' losses and stakes (PROTOCOL §6).
    void networkLossesMatchTable() {
        for (int e = kFirstEpoch; e <= kLastEpoch; ++e) {
            auto got = networkLosses(reports(e), 0.0);
            QVERIFY2(got.ok(), got.ok() ? "" : got.message().c_str());
            const LossBundle want = tableNetworkLosses(e);
            const std::string E = num(e);
            QVERIFY(check(E + " network_loss", got->combined, want.combined));
            QVERIFY(check(E + " network_naive_loss", got->naive, want.naive));
            QVERIFY(checkAll(E + " inference_loss", got->inferer, want.inferer));
            QVERIFY(checkAll(E + " forecast_implied_loss", got->forecaster, want.forecaster));
            QVERIFY(checkAll(E + " oneout inferer", got->oneOutInferer, want.oneOutInferer));
            QVERIFY(
                checkAll(E + " oneout forecaster", got->oneOutForecaster, want.oneOutForecaster));
            QVERIFY(checkAll(E + " onein", got->oneInForecaster, want.oneInForecaster));
            QCOMPARE(got->oneOutInfererForecaster.size(), want.oneOutInfererForecaster.size());
            for (const auto& [withheld, values] : want.oneOutInfererForecaster)
                QVERIFY(checkAll(E + " oneout " + withheld, got->oneOutInfererForecaster[withheld],
                                 values));
        }
        QCOMPARE(compared, 6 * (2 + 5 + 3 + 5 + 3 + 3 + 15));
    }

    void networkLossesDropReputersUnderMinimumStake() {
        std::map<Address, ReputerReport, std::less<>> r;
        LossBundle a, b;
        a.combined = -2.0;
        a.naive = -1.0;
        a.inferer["i"] = -3.0;
        b.combined = -4.0;
        b.naive = -5.0;
        r["a"] = ReputerReport{100.0, a};
        r["b"] = ReputerReport{300.0, b};
        auto both = networkLosses(r, 50.0);
        QVERIFY(both.ok());
        QCOMPARE(both->combined, (100.0 * -2.0 + 300.0 * -4.0) / 400.0);
        QCOMPARE(both->inferer.at("i"), -3.0);  // only a reported it
        auto onlyB = networkLosses(r, 200.0);
        QVERIFY(onlyB.ok());
        QCOMPARE(onlyB->combined, -4.0);
        QVERIFY(onlyB->inferer.empty());
        QVERIFY(!networkLosses(r, 1000.0).ok());
    }

    // Inferer and forecaster scores from the network losses, every epoch.
    void workerScoresMatchTable() {
        for (int e = kFirstEpoch; e <= kLastEpoch; ++e) {
            auto losses = networkLosses(reports(e), 0.0);
            QVERIFY(losses.ok());
            auto inferers = infererScores(*losses);
            auto forecasters = forecasterScores(*losses);
            QVERIFY(inferers.ok() && forecasters.ok());
            QVERIFY(checkAll(num(e) + " inferer_score", *inferers, infererScoresAt(e)));
            QVERIFY(checkAll(num(e) + " forecaster_score", *forecasters, forecasterScoresAt(e)));
        }
        QCOMPARE(compared, 6 * (kInferers + kForecasters));
    }

    void singleWorkerScoresZero() {
        LossBundle b;
        b.combined = -3.0;
        b.naive = -2.0;
        b.inferer["i"] = -1.0;
        b.forecaster["f"] = -2.5;
        QCOMPARE(infererScores(b)->at("i"), 0.0);
        QCOMPARE(forecasterScores(b)->at("f"), 0.0);
        b.inferer["j"] = -1.5;
        QVERIFY(!infererScores(b).ok());  // two inferers need one-out losses
        QCOMPARE(scoreEma(0.1, 2.0, 1.0), 0.1 * 2.0 + 0.9 * 1.0);
        QCOMPARE(scoreEma(0.1, 2.0, std::nullopt), 2.0);
    }

    // Scores, listening coefficients and adjusted stakes: losses and stakes of row e, coefficients
    // from row e-1.
    void reputerConsensusMatchesTable() {
        for (int e = kFirstEpoch + 1; e <= kLastEpoch; ++e) {
            std::map<Address, LossBundle, std::less<>> bundles;
            for (int m = 0; m < kReputers; ++m) bundles[reputer(m)] = reportedLosses(e, m);
            const auto matrix = lossMatrix(bundles);
            QCOMPARE(matrix.size(), size_t(kReputers));
            QCOMPARE(matrix.front().size(), size_t(2 + 5 + 3 + 5 + 3 + 3 + 15));
            std::map<Address, ReputerInput, std::less<>> inputs;
            for (int m = 0; m < kReputers; ++m)
                inputs[reputer(m)] =
                    ReputerInput{at(e, cat("reputer_stake_", num(m))),
                                 at(e - 1, cat("reputer_listening_coefficient_", num(m))),
                                 matrix[static_cast<size_t>(m)]};
            auto got = reputerConsensus(inputs, ReputerConsensusParams{});
            QVERIFY2(got.ok(), got.ok() ? "" : got.message().c_str());
            for (int m = 0; m < kReputers; ++m) {
                const ReputerOutcome& o = got->at(reputer(m));
                const std::string M = cat(num(e), " reputer ", num(m));
                QVERIFY(check(M + " score", o.score, at(e, cat("reputer_score_", num(m)))));
                QVERIFY(check(M + " listening", o.listeningCoefficient,
                              at(e, cat("reputer_listening_coefficient_", num(m)))));
                QVERIFY(check(M + " adjusted stake", o.adjustedStake,
                              at(e, cat("reputer_adjusted_stake_", num(m)))));
            }
        }
        QCOMPARE(compared, 5 * kReputers * 3);
    }

    // The listened stake never drops below min_stake_fraction; the expected coefficients come
    // from an independent (Python, float64) run of the same algorithm.
    void reputerConsensusKeepsMinimumListenedStake() {
        std::map<Address, ReputerInput, std::less<>> inputs;
        inputs["a"] = ReputerInput{1.0, 1.0, {-3.0, -2.0, -1.0}};
        inputs["b"] = ReputerInput{1.0, 1.0, {-3.1, -2.1, -1.1}};
        inputs["c"] = ReputerInput{20.0, 0.3, {-1.0, -4.0, -2.5}};
        auto got = reputerConsensus(inputs, ReputerConsensusParams{});
        QVERIFY(got.ok());
        QVERIFY(closeTo(got->at("a").listeningCoefficient, 0.8170201783267003));
        QVERIFY(closeTo(got->at("b").listeningCoefficient, 0.8239349744735618));
        QVERIFY(closeTo(got->at("c").listeningCoefficient, 0.891353163122881));
    }

    void reputerConsensusMissingLossAndErrors() {
        // A missing loss counts as the reported loss furthest below the consensus.
        const double nan = std::nan("");
        const std::vector<std::vector<double>> losses{{-1.0, -2.0}, {-3.0, nan}, {-2.0, -4.0}};
        std::vector<double> mostDistant;
        const std::vector<double> adjusted{1.0, 1.0, 1.0};
        const auto consensus = consensusLosses(adjusted, losses, &mostDistant);
        QCOMPARE(consensus[0], -2.0);
        QCOMPARE(consensus[1], -3.0);
        QCOMPARE(mostDistant[1], -4.0);
        const double withMissing = consensusScore(losses[1], consensus, mostDistant, 0.01, 0.01);
        const std::vector<double> filled{-3.0, -4.0};
        QCOMPARE(withMissing, consensusScore(filled, consensus, mostDistant, 0.01, 0.01));
        // One reputer agrees with itself: distance 0, score 1/ε_reputer.
        std::map<Address, ReputerInput, std::less<>> one;
        one["a"] = ReputerInput{5.0, 1.0, {-1.0, -2.0}};
        auto single = reputerConsensus(one, ReputerConsensusParams{});
        QVERIFY(single.ok());
        QVERIFY(closeTo(single->at("a").score, 100.0));
        QCOMPARE(single->at("a").adjustedStake, 1.0);
        one["b"] = ReputerInput{5.0, 1.5, {-1.0, -2.0}};
        QVERIFY(!reputerConsensus(one, ReputerConsensusParams{}).ok());
        one["b"] = ReputerInput{5.0, 1.0, {-1.0}};
        QVERIFY(!reputerConsensus(one, ReputerConsensusParams{}).ok());
        QVERIFY(!reputerConsensus({}, ReputerConsensusParams{}).ok());
    }

    // Inferer reward fractions: the 10 latest scores are epochs e and e-1 (5 inferers each).
    void infererRewardFractionsMatchTable() {
        for (int e = kFirstEpoch + 1; e <= kLastEpoch; ++e) {
            const auto samples = scoreSamples(e, kFirstEpoch, infererScoresAt);
            QCOMPARE(samples.size(), size_t(10));
            auto got = workerRewardFractions(infererScoresAt(e), samples, kWorkerParams);
            QVERIFY(got.ok());
            QVERIFY(checkAll(num(e) + " inferer_reward_fraction", *got,
                             columnValues(e, "inferer_reward_fraction_", kInferers, inferer)));
        }
        QCOMPARE(compared, 5 * kInferers);
    }

    // Forecaster reward fractions: 303-305 exactly (the 10 samples are epochs e, e-1, e-2 and the
    // first forecaster of e-3); 301-302 through the σ the table implies (see the file comment).
    void forecasterRewardFractionsMatchTable() {
        for (int e = kFirstEpoch + 3; e <= kLastEpoch; ++e) {
            const auto samples = scoreSamples(e, kFirstEpoch, forecasterScoresAt);
            QCOMPARE(samples.size(), size_t(10));
            QCOMPARE(samples.back(), at(e - 3, "forecaster_score_0"));
            auto got = workerRewardFractions(forecasterScoresAt(e), samples, kWorkerParams);
            QVERIFY(got.ok());
            QVERIFY(
                checkAll(num(e) + " forecaster_reward_fraction", *got,
                         columnValues(e, "forecaster_reward_fraction_", kForecasters, forecaster)));
        }
        for (int e = kFirstEpoch + 1; e <= kFirstEpoch + 2; ++e) {
            const ActorValues scores = forecasterScoresAt(e);
            const ActorValues want =
                columnValues(e, "forecaster_reward_fraction_", kForecasters, forecaster);
            // Solve φ(T0/D)/φ(T1/D) = u0/u1 for D = σ + ε by bisection (monotone on this bracket
            // for these scores), then predict u2.
            const double t0 = scores.at(forecaster(0)), t1 = scores.at(forecaster(1));
            const double target = want.at(forecaster(0)) / want.at(forecaster(1));
            auto ratio = [&](double d) { return phi(3.0, 0.75, t0 / d) / phi(3.0, 0.75, t1 / d); };
            double lo = 0.05, hi = 5.0;
            const bool increasing = ratio(hi) > ratio(lo);
            for (int i = 0; i < 200; ++i) {
                const double mid = 0.5 * (lo + hi);
                ((ratio(mid) < target) == increasing ? lo : hi) = mid;
            }
            const double d = 0.5 * (lo + hi);
            // Two samples ±x have σ = x√2: pick x so that σ + ε = d.
            const double x = (d - kWorkerParams.epsilon) / std::sqrt(2.0);
            auto got = workerRewardFractions(scores, std::vector<double>{-x, x}, kWorkerParams);
            QVERIFY(got.ok());
            QVERIFY(checkAll(num(e) + " forecaster_reward_fraction (implied σ)", *got, want));
        }
        QCOMPARE(compared, 5 * kForecasters);
    }

    void workerRewardFractionsEdgeCases() {
        ActorValues scores{{"a", 1.0}, {"b", -1.0}};
        // σ < ε or fewer than two samples: equal shares.
        const std::vector<double> flat{0.5, 0.5, 0.5};
        QCOMPARE(workerRewardFractions(scores, flat, kWorkerParams)->at("a"), 0.5);
        QCOMPARE(workerRewardFractions(scores, std::vector<double>{1.0}, kWorkerParams)->at("b"),
                 0.5);
        QVERIFY(!workerRewardFractions({}, flat, kWorkerParams).ok());
        // φ stays finite and positive far out on both sides.
        QVERIFY(closeTo(phi(3.0, 0.75, 1000.0), 3.0 * (1000.0 - 0.75)));
        QVERIFY(phi(3.0, 0.75, -100.0) > 0.0);
        QVERIFY(closeTo(phi(3.0, 0.75, -100.0), std::exp(3.0 * (-100.0 - 0.75))));
        QVERIFY(closeTo(phi(1.0, 0.0, 0.0), std::log(2.0), 1e-15));
        const std::vector<ActorValues> epochs{{{"a", 1.0}, {"b", 2.0}}, {{"a", 3.0}, {"b", 4.0}}};
        QCOMPARE(latestScoreSamples(epochs, 3), (std::vector<double>{1.0, 2.0, 3.0}));
    }

    // Reputer fractions ∝ (S·T)^1 with the table's stakes and scores, every epoch.
    void reputerRewardFractionsMatchTable() {
        for (int e = kFirstEpoch; e <= kLastEpoch; ++e) {
            auto got =
                reputerRewardFractions(columnValues(e, "reputer_stake_", kReputers, reputer),
                                       columnValues(e, "reputer_score_", kReputers, reputer), 1.0);
            QVERIFY(got.ok());
            QVERIFY(checkAll(num(e) + " reputer_reward_fraction", *got,
                             columnValues(e, "reputer_reward_fraction_", kReputers, reputer)));
        }
        QCOMPARE(compared, 6 * kReputers);
    }

    // Smoothed fractions (EMA 0.1 of row e's fractions over row e-1's smoothed ones) and the
    // three task entropies.
    void smoothedFractionsAndEntropiesMatchTable() {
        struct Task {
            const char* kind;
            int n;
            std::string (*name)(int);
            const char* entropy;
        };
        const Task tasks[] = {{"inferer", kInferers, inferer, "inferers_entropy"},
                              {"forecaster", kForecasters, forecaster, "forecasters_entropy"},
                              {"reputer", kReputers, reputer, "reputers_entropy"}};
        for (int e = kFirstEpoch + 1; e <= kLastEpoch; ++e) {
            for (const Task& t : tasks) {
                const std::string kind = t.kind;
                auto smoothed = smoothRewardFractions(
                    columnValues(e, kind + "_reward_fraction_", t.n, t.name),
                    columnValues(e - 1, kind + "_reward_fraction_smooth_", t.n, t.name), 0.1);
                QVERIFY(smoothed.ok());
                QVERIFY(checkAll(cat(num(e), " ", kind, "_reward_fraction_smooth"),
                                 smoothed->normalized,
                                 columnValues(e, kind + "_reward_fraction_smooth_", t.n, t.name)));
                QVERIFY(check(cat(num(e), " ", t.entropy), modifiedEntropy(*smoothed, 0.25),
                              at(e, t.entropy)));
            }
        }
        QCOMPARE(compared, 5 * (kInferers + kForecasters + kReputers + 3));
    }

    void entropyEdgeCases() {
        SmoothedFractions one;
        one.ema["a"] = 1.0;
        one.normalized["a"] = 1.0;
        QCOMPARE(modifiedEntropy(one, 0.25), kSingleParticipantEntropy);
        QCOMPARE(modifiedEntropy(SmoothedFractions{}, 0.25), 0.0);
        // Equal shares: H = ln N exactly up to rounding, N_eff = N.
        auto even =
            smoothRewardFractions({{"a", 0.25}, {"b", 0.25}, {"c", 0.25}, {"d", 0.25}}, {}, 0.1);
        QVERIFY(even.ok());
        QVERIFY(closeTo(modifiedEntropy(*even, 0.25), std::log(4.0), 1e-15));
        // A newcomer starts from its current fraction.
        auto mixed = smoothRewardFractions({{"a", 0.5}, {"b", 0.5}}, {{"a", 0.9}}, 0.1);
        QVERIFY(mixed.ok());
        QCOMPARE(mixed->ema.at("b"), 0.5);
        QVERIFY(closeTo(mixed->ema.at("a"), 0.1 * 0.5 + 0.9 * 0.9));
    }

    // Forecasting task score, score ratio (previous from row e-1), χ, γ and the task split.
    void forecastingUtilityAndTaskSplitMatchTable() {
        for (int e = kFirstEpoch + 1; e <= kLastEpoch; ++e) {
            const std::string E = num(e);
            const double taskScore =
                forecastingPerformanceScore(at(e, "network_naive_loss"), at(e, "network_loss"));
            QVERIFY(check(E + " forecaster_task_score", taskScore, at(e, "forecaster_task_score")));
            const ForecastingUtility u = forecastingUtility(
                taskScore, infererScoresAt(e), at(e - 1, "forecaster_score_ratio"), 0.1);
            QVERIFY(check(E + " forecaster_score_ratio", u.scoreRatio,
                          at(e, "forecaster_score_ratio")));
            QVERIFY(check(E + " forecasters_utility", u.chi, at(e, "forecasters_utility")));
            auto split = taskRewardSplit(at(e, "inferers_entropy"), at(e, "forecasters_entropy"),
                                         at(e, "reputers_entropy"), u.chi);
            QVERIFY(split.ok());
            QVERIFY(check(E + " inferers_reward_fraction", split->inferers,
                          at(e, "inferers_reward_fraction")));
            QVERIFY(check(E + " forecasters_reward_fraction", split->forecasters,
                          at(e, "forecasters_reward_fraction")));
            QVERIFY(check(E + " reputers_reward_fraction", split->reputers,
                          at(e, "reputers_reward_fraction")));
        }
        QCOMPARE(compared, 5 * 6);
    }

    void forecastingUtilityBranches() {
        const ActorValues positive{{"a", 2.0}};
        // τ = α·(T/M) + (1-α)·τ_prev between 0 and 1: χ = 0.1 + 0.4 τ.
        ForecastingUtility u = forecastingUtility(1.0, positive, 0.0, 0.5);
        QCOMPARE(u.scoreRatio, 0.25);
        QCOMPARE(u.chi, 0.1 + 0.4 * 0.25);
        QCOMPARE(forecastingUtility(-4.0, positive, 0.0, 0.5).chi, 0.1);
        QCOMPARE(forecastingUtility(4.0, positive, 0.0, 1.0).chi, 0.5);
        // All inferer scores negative: allora-chain's maximum starts at 0, divisor |T|.
        const ActorValues negative{{"a", -2.0}};
        QCOMPARE(forecastingUtility(-3.0, negative, 0.0, 1.0).scoreRatio, -1.0);
        QCOMPARE(forecastingUtility(0.0, negative, 0.7, 1.0).chi, 0.5);
        QVERIFY(!taskRewardSplit(0.0, 0.0, 0.0, 0.5).ok());
    }

    // End to end for each epoch: per-actor rewards from the topic reward, with every input
    // computed here from the previous steps (fractions, entropies, χ) except the forecasters'
    // fractions of 301-302 (taken from the table: their score history is not in it).
    void perActorRewardsMatchTable() {
        for (int e = kFirstEpoch + 1; e <= kLastEpoch; ++e) {
            const std::string E = num(e);
            auto losses = networkLosses(reports(e), 0.0);
            QVERIFY(losses.ok());
            auto inferScores = infererScores(*losses);
            auto forecastScores = forecasterScores(*losses);
            QVERIFY(inferScores.ok() && forecastScores.ok());

            auto inferFractions = workerRewardFractions(
                *inferScores, scoreSamples(e, kFirstEpoch, infererScoresAt), kWorkerParams);
            QVERIFY(inferFractions.ok());
            ActorValues forecastFractions =
                columnValues(e, "forecaster_reward_fraction_", kForecasters, forecaster);
            if (e >= kFirstEpoch + 3) {
                auto f = workerRewardFractions(*forecastScores,
                                               scoreSamples(e, kFirstEpoch, forecasterScoresAt),
                                               kWorkerParams);
                QVERIFY(f.ok());
                forecastFractions = *f;
            }

            std::map<Address, LossBundle, std::less<>> bundles;
            for (int m = 0; m < kReputers; ++m) bundles[reputer(m)] = reportedLosses(e, m);
            const auto matrix = lossMatrix(bundles);
            std::map<Address, ReputerInput, std::less<>> inputs;
            ActorValues stakes;
            for (int m = 0; m < kReputers; ++m) {
                stakes[reputer(m)] = at(e, cat("reputer_stake_", num(m)));
                inputs[reputer(m)] = ReputerInput{
                    stakes[reputer(m)], at(e - 1, cat("reputer_listening_coefficient_", num(m))),
                    matrix[static_cast<size_t>(m)]};
            }
            auto consensus = reputerConsensus(inputs, ReputerConsensusParams{});
            QVERIFY(consensus.ok());
            ActorValues reputerScores;
            for (const auto& [address, outcome] : *consensus)
                reputerScores[address] = outcome.score;
            auto reputerFractions = reputerRewardFractions(stakes, reputerScores, 1.0);
            QVERIFY(reputerFractions.ok());

            auto entropyOf = [&](const ActorValues& fractions, const std::string& kind, int n,
                                 std::string (*name)(int)) {
                auto s = smoothRewardFractions(
                    fractions, columnValues(e - 1, kind + "_reward_fraction_smooth_", n, name),
                    0.1);
                return modifiedEntropy(*s, 0.25);
            };
            const double f = entropyOf(*inferFractions, "inferer", kInferers, inferer);
            const double g = entropyOf(forecastFractions, "forecaster", kForecasters, forecaster);
            const double h = entropyOf(*reputerFractions, "reputer", kReputers, reputer);
            const ForecastingUtility u =
                forecastingUtility(forecastingPerformanceScore(losses->naive, losses->combined),
                                   *inferScores, at(e - 1, "forecaster_score_ratio"), 0.1);
            auto split = taskRewardSplit(f, g, h, u.chi);
            QVERIFY(split.ok());

            const double topicReward = at(e, "topic_rewards");
            QVERIFY(checkAll(E + " inferer_reward",
                             rewardsPerActor(*inferFractions, split->inferers * topicReward),
                             columnValues(e, "inferer_reward_", kInferers, inferer)));
            QVERIFY(checkAll(E + " forecaster_reward",
                             rewardsPerActor(forecastFractions, split->forecasters * topicReward),
                             columnValues(e, "forecaster_reward_", kForecasters, forecaster)));
            QVERIFY(checkAll(E + " reputer_reward",
                             rewardsPerActor(*reputerFractions, split->reputers * topicReward),
                             columnValues(e, "reputer_reward_", kReputers, reputer)));
        }
        QCOMPARE(compared, 5 * (kInferers + kForecasters + kReputers));
    }
};

QTEST_GUILESS_MAIN(TestScoresRewards)
#include "test_scores_rewards.moc"
