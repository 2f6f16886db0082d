// Unit tests for the inference synthesis (node/modules/emissions/synthesis.h and its parts): the
// weights, forecast-implied inferences, statistics, every entry case and mode, duplicated forecast
// elements, and input validation. The real epochs and the JSON contract are checked in
// test_synthesis_case.cpp, the regret bookkeeping in test_synthesis_regrets.cpp.
#include <QtTest/QtTest>

#include <boost/json.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "node/modules/emissions/case_json.h"
#include "node/modules/emissions/forecast_implied.h"
#include "node/modules/emissions/inference_weights.h"
#include "node/modules/emissions/synthesis.h"
#include "node/modules/emissions/synthesis_case.h"
#include "node/modules/emissions/synthesis_statistics.h"

namespace json = boost::json;
using namespace allora::emissions;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

json::value parse(const std::string& text) {
    auto v = parseCaseJson(text);
    if (!v) qFatal("invalid JSON: %s", v.message().c_str());
    return std::move(*v);
}

bool closeTo(double got, double want, double relative) {
    return std::fabs(got - want) <= relative * std::max(std::fabs(want), 1e-300);
}

QByteArray describe(const allora::Error& e) {
    return QByteArray::fromStdString(e.message);
}

// Three inferers, two forecasters, every regret table filled: a small case for the mode tests.
SynthesisInput smallCase() {
    SynthesisInput in;
    in.params = {3.0, 0.75, 0.01, 1e-7};
    in.previousNetworkLoss = -2.0;
    in.inferences = {{"a", 1.0}, {"b", 2.0}, {"c", 4.0}};
    in.forecasts["k1"] = {{"a", -2.5}, {"b", -1.0}, {"c", -3.0}};
    in.forecasts["k2"] = {{"a", -1.5}, {"b", -2.2}};
    const RegretTable table{{{"a", 0.1}, {"b", -0.2}, {"c", 0.3}}, {{"k1", 0.05}, {"k2", -0.1}}};
    in.regrets = table;
    in.naiveRegrets = {{"a", 0.2}, {"b", 0.1}, {"c", -0.4}};
    for (const char* j : {"a", "b", "c"}) in.oneOutInferer[j] = table;
    for (const char* k : {"k1", "k2"}) {
        in.oneOutForecaster[k] = table;
        in.oneInForecaster[k] = table;
    }
    return in;
}

SynthesisOutput run(const SynthesisInput& in) {
    auto out = synthesize(in);
    if (!out) qFatal("synthesize failed: %s", out.message().c_str());
    return std::move(*out);
}

}  // namespace

class TestSynthesis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void weightsMatchIndependentValues() {
        const WeightParams p{3.0, 0.75, 0.01};
        // One regret: σ = 0, r̂ = 0.5/0.01 = 50, capped at c + 6.75/p = 3.
        QVERIFY(closeTo(regretWeights(std::vector<double>{0.5}, p)[0], 2.9964914692048334, 1e-14));
        // Two regrets, no cap or shift.
        auto w = regretWeights(std::vector<double>{100.0, 0.0}, p);
        QVERIFY(closeTo(w[0], 2.6398766221285315, 1e-14));
        QVERIFY(closeTo(w[1], 0.28604839469732846, 1e-14));
        // Everyone far below the anchor: shifted so the best sits at c - 8.25/p.
        w = regretWeights(std::vector<double>{-10.0, -10.5}, p);
        QVERIFY(closeTo(w[0], 0.0007835709572871582, 1e-13));
        QVERIFY(closeTo(w[1], 1.2656579360225509e-05, 1e-13));
        QVERIFY(closeTo(w[0], phiPrime(3.0, 0.75, 0.75 - 8.25 / 3.0), 1e-15));
        // An outlier more than c - 17.25/p below: weight exactly 0.
        std::vector<double> many(29, 0.0);
        many.push_back(-100.0);
        w = regretWeights(many, p);
        QCOMPARE(w.back(), 0.0);
        QVERIFY(closeTo(w.front(), 0.28604839469732846, 1e-14));
        QVERIFY(regretWeights(std::vector<double>{}, p).empty());
    }

    void weightedValueSkipsZerosAndFloors() {
        QCOMPARE(weightedValue(std::vector<double>{1.0, 5.0, 3.0},
                               std::vector<double>{1.0, 0.0, 3.0}, 1e-7),
                 (1.0 + 9.0) / 4.0);
        // Σw below epsilon_safe_div: divided by epsilon_safe_div instead.
        QCOMPARE(weightedValue(std::vector<double>{2.0}, std::vector<double>{1e-9}, 1e-7),
                 2e-9 / 1e-7);
    }

    void statistics() {
        QCOMPARE(mean(std::vector<double>{1.0, 2.0, 6.0}), 3.0);
        QCOMPARE(sampleStdDev(std::vector<double>{2.0}), 0.0);
        QCOMPARE(sampleStdDev(std::vector<double>{1.0, 3.0}), std::sqrt(2.0));
        QCOMPARE(median(std::vector<double>{5.0, 1.0, 3.0}), 3.0);
        QCOMPARE(median(std::vector<double>{4.0, 1.0, 3.0, 2.0}), 2.5);
        QCOMPARE(quantileDescending(std::vector<double>{1, 2, 3, 4, 5}, 0.25), 2.0);
        QCOMPARE(quantileDescending(std::vector<double>{4, 1, 3, 2}, 0.25), 1.75);  // numpy: 1.75
        QCOMPARE(quantileDescending(std::vector<double>{7}, 0.25), 7.0);
    }

    void confidenceBandInterpolates() {
        // Positions: 0.5/4, 1.5/4, 3/4; the weight-0 item carries no mass.
        const auto band = confidenceBand({{3.0, 2.0}, {10.0, 0.0}, {1.0, 1.0}, {2.0, 1.0}});
        QCOMPARE(band[0], 1.0);  // below the first position
        QVERIFY(closeTo(band[1], 1.0 + (0.1587 - 0.125) / 0.25, 1e-15));
        QVERIFY(closeTo(band[2], 2.0 + (0.5 - 0.375) / 0.375, 1e-15));
        QCOMPARE(band[3], 3.0);  // above the last position
        QCOMPARE(band[4], 3.0);
        const auto single = confidenceBand({{4.5, 0.2}});
        for (double v : single) QCOMPARE(v, 4.5);
    }

    void forecastImpliedCases() {
        const ActorValues inferences{{"a", 1.0}, {"b", 3.0}};
        const WeightParams p{3.0, 0.75, 0.01};
        // Elements for inferers without an inference are dropped before anything else.
        const CoveredForecast covered = coveredForecast({{"x", -9.0}, {"b", -1.0}}, inferences);
        QCOMPARE(covered.size(), size_t(1));
        // One element: weight 1, the implied inference is that inference.
        QCOMPARE(*forecastImpliedInference(covered, inferences, -2.0, p), 3.0);
        // ...and withheld, nothing is left: Σw = 0, no implied inference.
        QVERIFY(!forecastImpliedInference(covered, inferences, -2.0, p, "b"));
        QVERIFY(!forecastImpliedInference({}, inferences, -2.0, p));
        QVERIFY(!forecastImpliedMedian({}, inferences));
        // Two elements with one withheld: still "more than one element", so W over the one left.
        const CoveredForecast two = coveredForecast({{"a", -1.0}, {"b", -3.0}}, inferences);
        QCOMPARE(*forecastImpliedInference(two, inferences, -2.0, p, "a"), 3.0);
        // Two elements: W over R = L - loss = {-1, 1}; the inferer forecast to do better weighs
        // more.
        const auto w = regretWeights(std::vector<double>{-1.0, 1.0}, p);
        const double expected = (w[0] * 1.0 + w[1] * 3.0) / (w[0] + w[1]);
        QCOMPARE(*forecastImpliedInference(two, inferences, -2.0, p), expected);
        QVERIFY(expected > 2.0);
        QCOMPARE(*forecastImpliedMedian(two, inferences), 2.0);
        QCOMPARE(*forecastImpliedMedian(two, inferences, "b"), 1.0);
    }

    // The same inferer twice in one forecast: the first element counts, later ones are ignored.
    void duplicatedForecastElements() {
        const ActorValues inferences{{"a", 1.0}, {"b", 3.0}};
        const CoveredForecast covered =
            coveredForecast({{"a", -1.0}, {"b", -3.0}, {"a", -7.0}}, inferences);
        QCOMPARE(covered.size(), size_t(2));
        QCOMPARE(covered.at("a"), -1.0);

        SynthesisInput in = smallCase();
        const SynthesisOutput plain = run(in);
        in.forecasts["k2"].push_back({"a", 50.0});  // a second, different loss for "a"
        in.forecasts["k2"].push_back({"b", -50.0});
        const SynthesisOutput withDuplicates = run(in);
        QCOMPARE(withDuplicates.forecastImplied, plain.forecastImplied);
        QCOMPARE(withDuplicates.networkInference, plain.networkInference);
        QCOMPARE(withDuplicates.oneOutInferer, plain.oneOutInferer);
        // Had the last element counted instead, k2's implied inference would differ.
        in.forecasts["k2"] = {{"a", 50.0}, {"b", -50.0}};
        QVERIFY(run(in).forecastImplied.at("k2") != plain.forecastImplied.at("k2"));

        // JSON objects cannot carry a duplicate: the case reader refuses one outright.
        auto dup = parseSynthesisCase(R"({"params": {"p_norm": 3, "c_norm": 0.75, "epsilon": 0.01,
            "epsilon_safe_div": 1e-7}, "inferences": {"a": 1, "b": 2},
            "forecasts": {"k": {"a": -1, "a": -2}}})");
        QVERIFY(!dup.ok());
        QVERIFY2(dup.message().find("duplicate key \"a\"") != std::string::npos,
                 dup.message().c_str());
        QVERIFY(dup.message().find("line 3") != std::string::npos);
    }

    void noInferenceIsAnError() {
        SynthesisInput in = smallCase();
        in.inferences.clear();
        auto out = synthesize(in);
        QVERIFY(!out.ok());
        QCOMPARE(out.code(), allora::ErrorCode::InvalidArgument);
        QVERIFY(out.message().find("no inferences") != std::string::npos);
    }

    void singleInference() {
        SynthesisInput in = smallCase();
        in.inferences = {{"b", 2.5}};
        in.regrets = {};  // nothing else is needed
        const SynthesisOutput out = run(in);
        QCOMPARE(out.mode, SynthesisMode::SingleInference);
        QCOMPARE(out.networkInference, 2.5);
        QCOMPARE(out.naiveInference, 2.5);
        QVERIFY(out.forecastImplied.empty() && out.oneOutInferer.empty());
        QVERIFY(!out.confidenceInterval && !out.weights);
        QCOMPARE(synthesisOutputJson(out),
                 std::string("{\n  \"network_inference\": 2.5,\n  \"naive_inference\": 2.5\n}\n"));
    }

    void noPreviousLoss() {
        SynthesisInput in = smallCase();
        in.previousNetworkLoss.reset();
        in.regrets = {};
        SynthesisOutput out = run(in);
        QCOMPARE(out.mode, SynthesisMode::NoPreviousLoss);
        QCOMPARE(out.networkInference, 2.0);  // median of 1, 2, 4
        QCOMPARE(out.naiveInference, 0.0);
        QVERIFY(out.forecastImplied.empty() && out.oneOutInferer.empty());
        QVERIFY(!out.confidenceInterval && !out.weights);
        in.inferences["d"] = 7.0;
        in.allNew = true;  // the entry case comes first
        out = run(in);
        QCOMPARE(out.mode, SynthesisMode::NoPreviousLoss);
        QCOMPARE(out.networkInference, 3.0);  // mean of the middle two of 1, 2, 4, 7
        auto text = runSynthesisCase(R"({"params": {"p_norm": 3, "c_norm": 0.75,
            "epsilon": 0.01, "epsilon_safe_div": 1e-7}, "previous_network_loss": null,
            "inferences": {"a": 1, "b": 0.25}})");
        QVERIFY(text.ok());
        QCOMPARE(*text, std::string("{\n  \"network_inference\": 0.625,\n"
                                    "  \"naive_inference\": 0\n}\n"));
    }

    void allNewMode() {
        SynthesisInput in = smallCase();
        in.allNew = true;
        in.regrets = {};  // plain means need no regrets
        in.naiveRegrets.clear();
        in.oneOutInferer.clear();
        in.oneOutForecaster.clear();
        in.oneInForecaster.clear();
        in.forecasts["k3"] = {{"zz", -1.0}};  // covers no inferer: no implied inference
        const SynthesisOutput out = run(in);
        QCOMPARE(out.mode, SynthesisMode::AllNew);
        QCOMPARE(out.networkInference, 7.0 / 3.0);
        QCOMPARE(out.naiveInference, 7.0 / 3.0);
        QCOMPARE(out.forecastImplied, (ActorValues{{"k1", 2.0}, {"k2", 1.5}}));
        QCOMPARE(out.oneOutInferer, (ActorValues{{"a", 3.0}, {"b", 2.5}, {"c", 1.5}}));
        QCOMPARE(out.oneOutForecaster, (ActorValues{{"k1", 7.0 / 3.0}, {"k2", 7.0 / 3.0}}));
        QCOMPARE(out.oneInForecaster, (ActorValues{{"k1", 7.0 / 3.0}, {"k2", 7.0 / 3.0}}));
        QCOMPARE(out.weights->inferer, (ActorValues{{"a", 1.0}, {"b", 1.0}, {"c", 1.0}}));
        QCOMPARE(out.weights->forecaster, (ActorValues{{"k1", 0.0}, {"k2", 0.0}}));
        // The band of the three inferences, equally weighted: positions 1/6, 1/2, 5/6.
        QCOMPARE(out.confidenceInterval->at(0), 1.0);
        QCOMPARE(out.confidenceInterval->at(2), 2.0);
        QCOMPARE(out.confidenceInterval->at(4), 4.0);
    }

    void regretWeightedMode() {
        const SynthesisInput in = smallCase();
        const SynthesisOutput out = run(in);
        QCOMPARE(out.mode, SynthesisMode::RegretWeighted);
        // Recompute the combined value from its parts.
        const ActorValues& implied = out.forecastImplied;
        QCOMPARE(implied.size(), size_t(2));
        const std::vector<double> regrets{0.1, -0.2, 0.3, 0.05, -0.1};
        const std::vector<double> values{1.0, 2.0, 4.0, implied.at("k1"), implied.at("k2")};
        const auto w = regretWeights(regrets, WeightParams{3.0, 0.75, 0.01});
        QCOMPARE(out.networkInference, weightedValue(values, w, 1e-7));
        QCOMPARE(out.weights->inferer.at("c"), w[2]);
        QCOMPARE(out.weights->forecaster.at("k2"), w[4]);
        const auto wn = regretWeights(std::vector<double>{0.2, 0.1, -0.4}, {3.0, 0.75, 0.01});
        QCOMPARE(out.naiveInference, weightedValue(std::vector<double>{1.0, 2.0, 4.0}, wn, 1e-7));
        // One-in k1: all inferers + k1 alone.
        const auto w1 = regretWeights(std::vector<double>{0.1, -0.2, 0.3, 0.05}, {3.0, 0.75, 0.01});
        QCOMPARE(out.oneInForecaster.at("k1"),
                 weightedValue(std::vector<double>{1.0, 2.0, 4.0, implied.at("k1")}, w1, 1e-7));
        QCOMPARE(out.oneOutInferer.size(), size_t(3));
        QCOMPARE(out.oneOutForecaster.size(), size_t(2));
        QVERIFY(out.confidenceInterval);
    }

    void exactlyOneForecaster() {
        SynthesisInput in = smallCase();
        in.forecasts.erase("k2");
        in.oneOutForecaster.clear();  // not needed with one forecaster
        in.oneInForecaster.clear();
        const SynthesisOutput out = run(in);
        QCOMPARE(out.forecastImplied.size(), size_t(1));
        QVERIFY(out.oneOutForecaster.empty());
        QVERIFY(out.oneInForecaster.empty());
        const json::object printed = parse(synthesisOutputJson(out)).as_object();
        QVERIFY(!printed.contains("one_out_forecaster"));
        QVERIFY(!printed.contains("one_in_forecaster"));
        QVERIFY(printed.contains("forecast_implied") && printed.contains("confidence_interval"));
    }

    // A forecaster left with no weight (nothing it covers) has no implied inference and drops out
    // of every output, and no regret of it is needed there.
    void forecasterWithoutWeightDropsOut() {
        SynthesisInput in = smallCase();
        in.forecasts["k3"] = {{"a", -1.0}};  // one element: in the one-out-"a" set it has none
        in.regrets.forecaster["k3"] = 0.2;
        for (auto& [j, table] : in.oneOutInferer)
            if (j != "a") table.forecaster["k3"] = 0.0;  // and nothing for it without "a"
        for (auto* tables : {&in.oneOutForecaster, &in.oneInForecaster}) {
            for (auto& entry : *tables) entry.second.forecaster["k3"] = -0.3;
            (*tables)["k3"] = in.regrets;
        }
        const SynthesisOutput with = run(in);
        QCOMPARE(with.forecastImplied.at("k3"), 1.0);

        SynthesisInput reference = smallCase();
        const SynthesisOutput without = run(reference);
        // Without "a", k3 has no implied inference, so that one-out value is the one of the
        // network in which k3 never took part.
        QCOMPARE(with.oneOutInferer.at("a"), without.oneOutInferer.at("a"));
        QVERIFY(with.oneOutInferer.at("b") != without.oneOutInferer.at("b"));

        // No covered element at all: no implied inference anywhere, no regret needed.
        in = smallCase();
        in.forecasts["k4"] = {{"nobody", -1.0}};
        const SynthesisOutput dropped = run(in);
        QVERIFY(!dropped.forecastImplied.contains("k4"));
        QVERIFY(!dropped.weights->forecaster.contains("k4"));
        QVERIFY(!dropped.oneOutForecaster.contains("k4"));
        QCOMPARE(dropped.networkInference, without.networkInference);
    }

    void nonFiniteInputsAreRejected_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("inference NaN") << 0 << R"(inferences["b"] is not a finite number (NaN))";
        QTest::newRow("inference inf")
            << 1 << R"(inferences["c"] is not a finite number (infinite))";
        QTest::newRow("forecast loss") << 2 << R"(forecasts["k1"]["b"] is not a finite number)";
        QTest::newRow("previous loss") << 3 << "previous_network_loss is not a finite number";
        QTest::newRow("regret") << 4 << R"(regrets.forecaster["k2"] is not a finite number)";
        QTest::newRow("one-out regret")
            << 5 << R"(regrets.one_out_inferer["b"].forecaster["k1"] is not a finite number)";
        QTest::newRow("naive regret") << 6 << R"(regrets.naive_inferer["a"] is not a finite)";
        QTest::newRow("p_norm") << 7 << "params.p_norm must be a finite number greater than 0";
        QTest::newRow("epsilon") << 8 << "params.epsilon must be a finite number greater than 0";
        QTest::newRow("c_norm") << 9 << "params.c_norm is not a finite number (NaN)";
    }
    void nonFiniteInputsAreRejected() {
        QFETCH(int, which);
        QFETCH(QString, message);
        SynthesisInput in = smallCase();
        switch (which) {
            case 0:
                in.inferences["b"] = kNaN;
                break;
            case 1:
                in.inferences["c"] = kInf;
                break;
            case 2:
                in.forecasts["k1"][1].loss = -kInf;
                break;
            case 3:
                in.previousNetworkLoss = kNaN;
                break;
            case 4:
                in.regrets.forecaster["k2"] = kInf;
                break;
            case 5:
                in.oneOutInferer["b"].forecaster["k1"] = kNaN;
                break;
            case 6:
                in.naiveRegrets["a"] = -kInf;
                break;
            case 7:
                in.params.pNorm = 0.0;
                break;
            case 8:
                in.params.epsilon = kInf;
                break;
            case 9:
                in.params.cNorm = kNaN;
                break;
        }
        auto out = synthesize(in);
        QVERIFY(!out.ok());
        QCOMPARE(out.code(), allora::ErrorCode::InvalidArgument);
        QVERIFY2(out.message().find(message.toStdString()) != std::string::npos,
                 describe(out.error()).constData());
        QVERIFY(out.message().find('\n') == std::string::npos);
    }

    // The regret-weighted mode checks the one-out and one-in tables as it reads them (one pass
    // over the bulk of the input): an entry outside the set, a table of an actor in no set and an
    // error behind a missing regret must still be reported exactly as validateSynthesisInput
    // reports them, invalid input before missing regrets.
    void variantTablesAreFullyValidated_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("entry outside the set")
            << 0 << R"(regrets.one_out_forecaster["k1"].inferer has an address with a control)";
        QTest::newRow("table of an actor in no set")
            << 1 << R"(regrets.one_out_inferer["zz"].inferer["a"] is not a finite number (NaN))";
        QTest::newRow("invalid behind a missing regret")
            << 2 << R"(regrets.one_in_forecaster["k2"].inferer["c"] is not a finite number)";
        QTest::newRow("one-in table with fewer than 2 forecasters")
            << 3 << R"(regrets.one_in_forecaster["k1"].forecaster["k1"] is not a finite number)";
    }
    void variantTablesAreFullyValidated() {
        QFETCH(int, which);
        QFETCH(QString, message);
        SynthesisInput in = smallCase();
        switch (which) {
            case 0:
                in.oneOutForecaster["k1"].inferer["b\x01"] = 0.1;
                break;
            case 1:
                in.oneOutInferer["zz"] = RegretTable{{{"a", kNaN}}, {}};
                break;
            case 2:
                in.oneOutInferer["a"].inferer.erase("b");
                in.oneInForecaster["k2"].inferer["c"] = kNaN;
                break;
            case 3:
                in.forecasts.erase("k2");  // one forecaster: no one-in output reads the table
                in.oneInForecaster["k1"].forecaster["k1"] = kInf;
                break;
        }
        auto out = synthesize(in);
        QVERIFY(!out.ok());
        QCOMPARE(out.code(), allora::ErrorCode::InvalidArgument);
        QVERIFY2(out.message().find(message.toStdString()) != std::string::npos,
                 describe(out.error()).constData());
        const allora::Status validation = validateSynthesisInput(in);
        QVERIFY(!validation.ok());
        QCOMPARE(out.message(), validation.message());
    }

    void missingRegretIsNamed() {
        SynthesisInput in = smallCase();
        in.oneOutInferer["b"].forecaster.erase("k1");
        auto out = synthesize(in);
        QVERIFY(!out.ok());
        const std::string missingEntry =
            R"(regrets.one_out_inferer["b"].forecaster has no entry for "k1")";
        QVERIFY2(out.message().find(missingEntry) != std::string::npos, out.message().c_str());
        in = smallCase();
        in.oneInForecaster.erase("k2");
        out = synthesize(in);
        QVERIFY(!out.ok());
        const std::string missingTable = R"(regrets.one_in_forecaster has no table for "k2")";
        QVERIFY2(out.message().find(missingTable) != std::string::npos, out.message().c_str());
    }

    void overflowIsReported() {
        SynthesisInput in = smallCase();
        in.allNew = true;
        in.inferences = {{"a", 1e308}, {"b", 1e308}, {"c", 1e308}};
        auto out = synthesize(in);
        QVERIFY(!out.ok());
        QCOMPARE(out.code(), allora::ErrorCode::Overflow);
        QVERIFY(out.message().find("network_inference is not finite") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSynthesis)
#include "test_synthesis.moc"
