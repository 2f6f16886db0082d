// Unit tests for the synthesis case contract (node/modules/emissions/synthesis_case.h and
// case_json.h), the path `allora-cli debug synthesize` takes: the five real epochs of
// tests/vectors/allora reproduced to 1e-9, exact number round trips, and invalid cases.
#include <QtTest/QtTest>

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "node/modules/emissions/case_json.h"
#include "node/modules/emissions/synthesis.h"
#include "node/modules/emissions/synthesis_case.h"
#include "tests/unit/vector_files.h"

namespace json = boost::json;
using namespace allora::emissions;

namespace {

std::string readVector(const std::string& name) {
    return allora::testvectors::readVector("allora/" + name);
}

json::value parse(const std::string& text) {
    auto v = parseCaseJson(text);
    if (!v) qFatal("invalid JSON: %s", v.message().c_str());
    return std::move(*v);
}

bool closeTo(double got, double want, double relative) {
    return std::fabs(got - want) <= relative * std::max(std::fabs(want), 1e-300);
}

SynthesisOutput run(const SynthesisInput& in) {
    auto out = synthesize(in);
    if (!out) qFatal("synthesize failed: %s", out.message().c_str());
    return std::move(*out);
}

std::vector<std::string> keysOf(const json::object& o) {
    std::vector<std::string> keys;
    for (const auto& e : o) keys.emplace_back(e.key());
    return keys;
}

}  // namespace

class TestSynthesisCase : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void vectorEpochs_data() {
        QTest::addColumn<QString>("file");
        for (int e = 301; e <= 305; ++e)
            QTest::newRow(QByteArray::number(e)) << QString("synthesis_epoch_%1.json").arg(e);
    }
    void vectorEpochs() {
        QFETCH(QString, file);
        const std::string text = readVector(file.toStdString());
        const json::object vector = parse(text).as_object();
        // The bare input object, as the contract defines it...
        auto output = runSynthesisCase(json::serialize(vector.at("input")));
        QVERIFY2(output.ok(), output.ok() ? "" : output.message().c_str());
        // ...gives the same bytes as the vector file itself (its "input" is used).
        auto fromWrapper = runSynthesisCase(text);
        QVERIFY(fromWrapper.ok());
        QCOMPARE(*fromWrapper, *output);

        const json::object got = parse(*output).as_object();
        const json::object& want = vector.at("expected").as_object();
        int compared = 0;
        for (const auto& field : want) {
            const json::value* g = got.if_contains(field.key());
            QVERIFY2(g, field.key().data());
            const json::value& w = field.value();
            if (w.is_double()) {
                QVERIFY2(closeTo(g->as_double(), w.as_double(), 1e-9), field.key().data());
                ++compared;
            } else if (w.is_array()) {
                QCOMPARE(g->as_array().size(), w.as_array().size());
                for (size_t i = 0; i < w.as_array().size(); ++i, ++compared)
                    QVERIFY2(
                        closeTo(g->as_array()[i].as_double(), w.as_array()[i].as_double(), 1e-9),
                        field.key().data());
            } else {
                QCOMPARE(keysOf(g->as_object()), keysOf(w.as_object()));
                for (const auto& actor : w.as_object()) {
                    QVERIFY2(closeTo(g->as_object().at(actor.key()).as_double(),
                                     actor.value().as_double(), 1e-9),
                             (std::string(field.key()) + "." + std::string(actor.key())).c_str());
                    ++compared;
                }
            }
        }
        QCOMPARE(compared, 2 + 3 + 5 + 3 + 3 + 5);
        // The contract's outputs, in its order, plus the combined weights.
        QCOMPARE(keysOf(got),
                 (std::vector<std::string>{
                     "network_inference", "naive_inference", "forecast_implied", "one_out_inferer",
                     "one_out_forecaster", "one_in_forecaster", "confidence_interval", "weights"}));
        const json::object& weights = got.at("weights").as_object();
        QCOMPARE(weights.at("inferer").as_object().size(), size_t(5));
        QCOMPARE(weights.at("forecaster").as_object().size(), size_t(3));
    }

    // Epoch 301's combined weights, from an independent computation (Python floats, libm exp).
    void vectorEpoch301Weights() {
        auto output = runSynthesisCase(readVector("synthesis_epoch_301.json"));
        QVERIFY(output.ok());
        const json::object w = parse(*output).at("weights").as_object();
        const double inferers[] = {0.000847145909776024, 0.0013319312843373125,
                                   0.0021687807510549404, 0.00011926475968783792,
                                   0.00043645125920748385};
        const double forecasters[] = {0.15796320316919873, 0.1283983675522151, 0.1747970232260086};
        for (int i = 0; i < 5; ++i)
            QVERIFY(closeTo(w.at("inferer").at("inferer" + std::to_string(i)).as_double(),
                            inferers[i], 1e-13));
        for (int k = 0; k < 3; ++k)
            QVERIFY(closeTo(w.at("forecaster").at("forecaster" + std::to_string(k)).as_double(),
                            forecasters[k], 1e-13));
    }

    // The printed numbers read back to exactly the doubles computed.
    void outputRoundTripsExactly() {
        auto input = parseSynthesisCase(readVector("synthesis_epoch_303.json"));
        QVERIFY(input.ok());
        const SynthesisOutput out = run(*input);
        const json::object printed = parse(synthesisOutputJson(out)).as_object();
        QCOMPARE(printed.at("network_inference").as_double(), out.networkInference);
        QCOMPARE(printed.at("naive_inference").as_double(), out.naiveInference);
        for (const auto& [k, v] : out.oneOutInferer)
            QCOMPARE(printed.at("one_out_inferer").at(k).as_double(), v);
        for (size_t i = 0; i < 5; ++i)
            QCOMPARE(printed.at("confidence_interval").as_array()[i].as_double(),
                     (*out.confidenceInterval)[i]);
    }

    // The order of the case's members does not change a bit of the output.
    void memberOrderDoesNotMatter() {
        const json::object vector = parse(readVector("synthesis_epoch_302.json")).as_object();
        json::object input = vector.at("input").as_object();
        auto first = runSynthesisCase(json::serialize(input));
        QVERIFY(first.ok());
        // Rebuild every object with its members reversed.
        std::function<json::value(const json::value&)> reversed = [&](const json::value& v) {
            if (!v.is_object()) return v;
            std::vector<std::pair<std::string, json::value>> members;
            for (const auto& e : v.as_object())
                members.emplace_back(std::string(e.key()), reversed(e.value()));
            json::object out;
            for (auto it = members.rbegin(); it != members.rend(); ++it)
                out.emplace(it->first, it->second);
            return json::value(out);
        };
        auto second = runSynthesisCase(json::serialize(reversed(json::value(input))));
        QVERIFY(second.ok());
        QCOMPARE(*second, *first);
    }

    void invalidCases_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString params =
            R"("params": {"p_norm": 3, "c_norm": 0.75, "epsilon": 0.01, "epsilon_safe_div": 1e-7})";
        QTest::newRow("not JSON") << "{"
                                  << "invalid JSON at line 1, column 2";
        QTest::newRow("trailing text") << "{} x"
                                       << "text after the value";
        QTest::newRow("NaN literal") << "{" + params + R"(, "inferences": {"a": NaN}})"
                                     << "invalid JSON";
        QTest::newRow("huge number") << "{" + params + R"(, "inferences": {"a": 1e400}})"
                                     << "number 1e400 is out of the range of a double";
        QTest::newRow("not an object") << "[1]"
                                       << "the case must be an object";
        QTest::newRow("no params") << R"({"inferences": {}})"
                                   << "the case has no \"params\"";
        QTest::newRow("missing param")
            << R"({"params": {"p_norm": 3, "c_norm": 0.75, "epsilon": 0.01}, "inferences": {}})"
            << "params.epsilon_safe_div is missing";
        QTest::newRow("no inferences") << "{" + params + "}"
                                       << "the case has no \"inferences\"";
        QTest::newRow("unknown field")
            << "{" + params + R"(, "inferences": {}, "previous_loss": 1})"
            << "unknown field \"previous_loss\" in the case";
        QTest::newRow("string value") << "{" + params + R"(, "inferences": {"a": "1.5"}})"
                                      << "inferences[\"a\"] must be a number";
        QTest::newRow("bad all_new") << "{" + params + R"(, "all_new": 1, "inferences": {}})"
                                     << "all_new must be true or false";
        QTest::newRow("bad loss") << "{" + params +
                                         R"(, "previous_network_loss": "x", "inferences": {}})"
                                  << "previous_network_loss must be a number or null";
        QTest::newRow("bad forecast")
            << "{" + params + R"(, "inferences": {}, "forecasts": {"k": 1}})"
            << "forecasts[\"k\"] must be an object";
        QTest::newRow("bad table")
            << "{" + params +
                   R"(, "inferences": {}, "regrets": {"one_out_inferer": {"j": {"inferers": {}}}}})"
            << "unknown field \"inferers\" in regrets.one_out_inferer[\"j\"]";
        QTest::newRow("negative p_norm")
            << R"({"params": {"p_norm": -3, "c_norm": 0.75, "epsilon": 0.01, "epsilon_safe_div": 1e-7}, "inferences": {"a": 1}})"
            << "params.p_norm must be a finite number greater than 0";
        QTest::newRow("empty address") << "{" + params + R"(, "inferences": {"": 1}})"
                                       << "inferences has an empty address";
        QTest::newRow("no inference") << "{" + params + R"(, "inferences": {}})"
                                      << "no inferences";
    }
    void invalidCases() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto out = runSynthesisCase(text.toStdString());
        QVERIFY(!out.ok());
        QCOMPARE(out.code(), allora::ErrorCode::InvalidArgument);
        QVERIFY2(out.message().find(message.toStdString()) != std::string::npos,
                 out.message().c_str());
        QVERIFY(out.message().find('\n') == std::string::npos);
    }

    // The strict reader itself: exact numbers where boost::json::parse is off by an ulp.
    void caseJsonNumbersAreExact() {
        const char* text = "[1.3927926388013963e-143, 5.409760742964738e+124, 0.1, -0, 3]";
        const json::value v = parse(text);
        QCOMPARE(v.as_array()[0].as_double(), 1.3927926388013963e-143);
        QCOMPARE(v.as_array()[1].as_double(), 5.409760742964738e+124);
        QCOMPARE(v.as_array()[4].as_double(), 3.0);
        QVERIFY(std::signbit(v.as_array()[3].as_double()));
        QCOMPARE(caseJsonNumber(0.1), std::string("0.1"));
        QCOMPARE(caseJsonNumber(1e-7), std::string("1e-07"));
        QCOMPARE(caseJsonNumber(0.19450614433065136), std::string("0.19450614433065136"));
        // (not a raw string: moc misreads backslashes in raw strings)
        const std::string escaped = "\"a\\\"b\\\\c\\u000a\"";
        QCOMPARE(caseJsonString("a\"b\\c\n"), escaped);
    }
};

QTEST_GUILESS_MAIN(TestSynthesisCase)
#include "test_synthesis_case.moc"
