// Unit tests for the regret bookkeeping of PROTOCOL.md §6 (node/modules/emissions/regrets.h):
// the regret update against every regret column of the simulator's table
// (tests/vectors/allora/synthesis_epochs_300_305.csv), the vectors' agreement with that table, and
// the cold-start initial regret.
#include <QtTest/QtTest>

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "node/modules/emissions/regrets.h"
#include "node/modules/emissions/synthesis_case.h"
#include "node/modules/emissions/synthesis_statistics.h"
#include "tests/unit/vector_files.h"

using namespace allora::emissions;

namespace {

using allora::testvectors::closeTo;
using Table = allora::testvectors::CsvTable;

Table readTable(const std::string& name) {
    return allora::testvectors::readCsvTable("allora/" + name);
}

}  // namespace

class TestSynthesisRegrets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Every regret column of the simulator's table, epoch by epoch: R_e = α(L_A - L_B) +
    // (1-α)R_{e-1} with α = 0.1, bit for bit.
    void regretUpdateMatchesTable() {
        const Table t = readTable("synthesis_epochs_300_305.csv");
        QCOMPARE(t.rows.size(), size_t(6));
        const double alpha = 0.1;
        int checked = 0;
        auto check = [&](size_t e, const std::string& column, double la, double lb) {
            const double got = updatedRegret(alpha, la, lb, t.num(e - 1, column));
            if (got != t.num(e, column))
                qWarning("epoch %zu %s: %.17g != %.17g", 300 + e, column.c_str(), got,
                         t.num(e, column));
            ++checked;
            return got == t.num(e, column);
        };
        const auto s = [](auto... parts) { return (std::string() + ... + std::string(parts)); };
        for (size_t e = 1; e < t.rows.size(); ++e) {
            const double network = t.num(e, "network_loss");
            const double naive = t.num(e, "network_naive_loss");
            for (int j = 0; j < 5; ++j) {
                const std::string J = std::to_string(j);
                const double loss = t.num(e, s("inference_loss_", J));
                QVERIFY(check(e, s("inference_regret_worker_", J), network, loss));
                QVERIFY(check(e, s("naive_inference_regret_worker_", J), naive, loss));
            }
            for (int k = 0; k < 3; ++k) {
                const std::string K = std::to_string(k);
                QVERIFY(check(e, s("inference_regret_worker_", std::to_string(5 + k)), network,
                              t.num(e, s("forecast_implied_inference_loss_", K))));
            }
            // One-out: workers 0-4 are the inferers, 5-7 the forecasters.
            for (int w = 0; w < 8; ++w) {
                const std::string W = std::to_string(w);
                const double oneOut = t.num(e, s("network_loss_oneout_", W));
                for (int i = 0; i < 8; ++i) {
                    if (i == w) continue;
                    const std::string I = std::to_string(i);
                    double own;
                    if (i < 5)  // one-out j' -> j, one-out k' -> j
                        own = t.num(e, s("inference_loss_", I));
                    else if (w < 5)  // one-out j' -> k: k's implied inference without j'
                        own = t.num(e, s("forecast_implied_inference_loss_", std::to_string(i - 5),
                                         "_oneout_", W));
                    else  // one-out k' -> k
                        own =
                            t.num(e, s("forecast_implied_inference_loss_", std::to_string(i - 5)));
                    QVERIFY(check(e, s("inference_regret_worker_", I, "_oneout_", W), oneOut, own));
                }
            }
            // One-in k: the inferers (0-4) and k itself (5).
            for (int k = 0; k < 3; ++k) {
                const std::string K = std::to_string(k);
                const double oneIn = t.num(e, s("network_naive_loss_onein_", K));
                for (int i = 0; i < 6; ++i) {
                    const double own = i < 5 ? t.num(e, s("inference_loss_", std::to_string(i)))
                                             : t.num(e, s("forecast_implied_inference_loss_", K));
                    QVERIFY(check(e, s("inference_regret_worker_", std::to_string(i), "_onein_", K),
                                  oneIn, own));
                }
            }
        }
        QCOMPARE(checked, 5 * (5 * 2 + 3 + 8 * 7 + 3 * 6));
    }

    // The vectors' regrets for epoch e are the table's row e-1: the case files and the table agree.
    void vectorRegretsComeFromTable() {
        const Table t = readTable("synthesis_epochs_300_305.csv");
        for (int e = 301; e <= 305; ++e) {
            auto in = parseSynthesisCase(allora::testvectors::readVector(
                "allora/synthesis_epoch_" + std::to_string(e) + ".json"));
            QVERIFY(in.ok());
            const size_t row = static_cast<size_t>(e - 301);
            QCOMPARE(*in->previousNetworkLoss, t.num(row, "network_loss"));
            QCOMPARE(in->regrets.inferer.at("inferer3"), t.num(row, "inference_regret_worker_3"));
            QCOMPARE(in->regrets.forecaster.at("forecaster1"),
                     t.num(row, "inference_regret_worker_6"));
            QCOMPARE(in->oneOutInferer.at("inferer2").forecaster.at("forecaster0"),
                     t.num(row, "inference_regret_worker_5_oneout_2"));
            QCOMPARE(in->oneInForecaster.at("forecaster2").forecaster.at("forecaster2"),
                     t.num(row, "inference_regret_worker_5_onein_2"));
        }
    }

    void initialRegretColdStart() {
        const std::vector<double> regrets{-1.857878238352757, -1.7158624101771012,
                                          -1.5628221364309827, -2.4730236955749225,
                                          -2.0659834434804556};
        const InitialRegretParams p{3.0, 0.75, 0.01, 0.25, 8.25};
        // Q_0.25 = -2.0659834434804556 (the 25th percentile); offset c - 8.25/p = -2.
        QCOMPARE(quantileDescending(regrets, 0.25), -2.0659834434804556);
        QVERIFY(closeTo(*initialRegret(regrets, p), -2.792461685202859, 1e-15));
        QVERIFY(closeTo(*initialRegret(std::vector<double>{0.3}, p), 0.28, 1e-15));
        QVERIFY(!initialRegret({}, p));
    }
};

QTEST_GUILESS_MAIN(TestSynthesisRegrets)
#include "test_synthesis_regrets.moc"
