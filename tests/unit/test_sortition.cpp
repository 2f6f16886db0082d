// Unit tests for merit sortition (node/modules/emissions/sortition.h): active sets and EMA
// scores against allora-chain's simulator (epochs 300–400 of
// tests/vectors/allora/sortition_epochs_300_400.csv), the chain's quantile, newcomers and errors.
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "node/modules/emissions/sortition.h"
#include "tests/unit/vector_files.h"

using namespace allora;
using namespace allora::emissions;

namespace {

using Row = testvectors::CsvRow;

const std::vector<Row>& epochs() {
    static const auto rows = testvectors::readCsvRows("allora/sortition_epochs_300_400.csv");
    return rows;
}

double num(const Row& row, const std::string& column) {
    return std::stod(row.at(column));
}

std::string cell(const Row& row, int participant, const char* field) {
    return row.at(std::to_string(participant) + "_" + field);
}

// Participant i of the CSV as an address; single digits keep address order = index order.
Address addr(int i) {
    return "p" + std::to_string(i);
}

using testvectors::closeTo;

SortitionParams paramsOf(const Row& row) {
    SortitionParams p;
    p.maxActive = static_cast<uint64_t>(num(row, "n_participants_max"));
    p.alpha = num(row, "alpha_quality");
    p.quantile = num(row, "percentile") / 100.0;
    return p;
}

// Checks one epoch given the previous EMAs to start from; returns the new EMAs.
ActorValues checkEpoch(const Row& row, const ActorValues& previous, double* worst) {
    const int n = static_cast<int>(num(row, "n_participants"));
    const SortitionParams params = paramsOf(row);
    const std::string epoch = row.at("epoch");

    std::map<Address, SortitionCandidate, std::less<>> candidates;
    for (int i = 0; i < n; ++i) {
        if (cell(row, i, "prev_participated") != "true")
            qFatal("epoch %s: newcomer", epoch.c_str());
        candidates[addr(i)] = {previous.at(addr(i))};
    }
    auto set = selectActiveSet(candidates, params.maxActive);
    if (!set) qFatal("%s", set.message().c_str());
    if (set->active.size() != static_cast<size_t>(num(row, "n_participants_drawn"))) {
        qFatal("epoch %s: %zu active", epoch.c_str(), set->active.size());
    }
    if (!closeTo(set->cutoff, num(row, "quality_cutoff"), 1e-9)) {
        qFatal("epoch %s: cutoff %.17g", epoch.c_str(), set->cutoff);
    }

    ActorValues scores;
    for (int i = 0; i < n; ++i) {
        const auto pos =
            std::find(set->ranking.begin(), set->ranking.end(), addr(i)) - set->ranking.begin();
        if (std::to_string(pos) != cell(row, i, "sort_position_previous_quality_ema")) {
            qFatal("epoch %s: participant %d ranked %td", epoch.c_str(), i, pos);
        }
        const bool active = set->active.count(addr(i)) != 0;
        if (active != (cell(row, i, "active") == "true")) {
            qFatal("epoch %s: participant %d active %d", epoch.c_str(), i, int(active));
        }
        if (active) scores[addr(i)] = std::stod(cell(row, i, "quality_metric"));
    }
    const auto byScore = rankByScoreDesc(scores);
    for (size_t k = 0; k < byScore.size(); ++k) {
        const int i = std::stoi(byScore[k].substr(1));
        if (std::to_string(k) != cell(row, i, "sort_position_quality_metrics")) {
            qFatal("epoch %s: participant %d metric rank %zu", epoch.c_str(), i, k);
        }
    }

    auto upd = updateScoreEmas(previous, scores, params);
    if (!upd) qFatal("%s", upd.message().c_str());
    const double q = num(row, "quality_percentile");
    if (!closeTo(upd->activeQuantile, q, 1e-9)) {
        qFatal("epoch %s: quantile %.17g, want %.17g", epoch.c_str(), upd->activeQuantile, q);
    }
    *worst = std::max(*worst, std::fabs(upd->activeQuantile - q) / std::fabs(q));
    for (int i = 0; i < n; ++i) {
        const double want = std::stod(cell(row, i, "quality_ema"));
        const double got = upd->emas.at(addr(i));
        if (!closeTo(got, want, 1e-9)) {
            qFatal("epoch %s: participant %d EMA %.17g, want %.17g", epoch.c_str(), i, got, want);
        }
        *worst = std::max(*worst, std::fabs(got - want) / std::fabs(want));
    }
    return upd->emas;
}

ActorValues previousFromCsv(const Row& row) {
    ActorValues prev;
    const int n = static_cast<int>(num(row, "n_participants"));
    for (int i = 0; i < n; ++i) prev[addr(i)] = std::stod(cell(row, i, "prev_quality_ema"));
    return prev;
}

}  // namespace

class TestSortition : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Every epoch on its own, from the CSV's previous EMAs.
    void everyEpochMatches() {
        QCOMPARE(epochs().size(), size_t(101));
        double worst = 0;
        for (const Row& row : epochs()) checkEpoch(row, previousFromCsv(row), &worst);
        qInfo("epochs 300-400 one by one: worst relative error %.3g", worst);
    }

    // Epochs 300–400 as one recursion: only epoch 300's previous EMAs come from the CSV.
    void recursionMatches() {
        double worst = 0;
        ActorValues emas = previousFromCsv(epochs().front());
        for (const Row& row : epochs()) emas = checkEpoch(row, emas, &worst);
        qInfo("epochs 300-400 chained: worst relative error %.3g", worst);
    }

    void quantileAsChain() {
        // allora-chain actor_utils TestGetQuantileOfScores: 90, 80, 70, 60, 50.
        const std::vector<double> s{90, 60, 70, 50, 80};
        QCOMPARE(*quantileOfScores(s, 0.5), 70.0);
        QVERIFY(closeTo(*quantileOfScores(s, 0.2), 58.0, 1e-15));
        QCOMPARE(*quantileOfScores(s, 0.0), 50.0);
        QCOMPARE(*quantileOfScores(s, 1.0), 90.0);
        QCOMPARE(*quantileOfScores({}, 0.25), 0.0);
        QCOMPARE(*quantileOfScores({3.5}, 0.25), 3.5);
        QCOMPARE(quantileOfScores(s, 1.5).code(), ErrorCode::InvalidArgument);
        QCOMPARE(quantileOfScores(s, -0.1).code(), ErrorCode::InvalidArgument);
        QCOMPARE(quantileOfScores({1, std::numeric_limits<double>::quiet_NaN()}, 0.5).code(),
                 ErrorCode::InvalidArgument);
    }

    void newcomers() {
        std::map<Address, SortitionCandidate, std::less<>> c;
        c["a"] = {0.5};
        c["b"] = {0.3};
        c["n1"] = {std::nullopt};
        // The newcomer's EMA (the topic quantile) equals the weakest incumbent's: no displacement.
        auto tie = *selectActiveSet(c, 2, 0.3);
        QCOMPARE(tie.active, (std::set<Address>{"a", "b"}));
        QCOMPARE(tie.ranking, (std::vector<Address>{"a", "b", "n1"}));
        QCOMPARE(tie.cutoff, 0.3);
        // Higher: it displaces the lowest.
        auto higher = *selectActiveSet(c, 2, 0.4);
        QCOMPARE(higher.active, (std::set<Address>{"a", "n1"}));
        // Room for everyone, and an empty set.
        QCOMPARE(selectActiveSet(c, 10)->active.size(), size_t(3));
        QVERIFY(selectActiveSet(c, 0)->active.empty());
        QVERIFY(selectActiveSet({}, 5)->ranking.empty());
        // An active newcomer's first EMA is its score; a passive incumbent moves towards q.
        SortitionParams p;
        p.maxActive = 2;
        p.alpha = 0.1;
        p.quantile = 0.5;
        auto upd = *updateScoreEmas({{"a", 0.5}, {"b", 0.3}}, {{"a", 1.0}, {"n1", 2.0}}, p);
        QCOMPARE(upd.activeQuantile, 1.5);
        QCOMPARE(upd.emas.at("n1"), 2.0);
        QVERIFY(closeTo(upd.emas.at("a"), 0.1 * 1.0 + 0.9 * 0.5, 1e-15));
        QVERIFY(closeTo(upd.emas.at("b"), 0.1 * 1.5 + 0.9 * 0.3, 1e-15));
        QCOMPARE(upd.emas.size(), size_t(3));
    }

    void errors() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        std::map<Address, SortitionCandidate, std::less<>> c;
        c["a"] = {nan};
        QCOMPARE(selectActiveSet(c, 1).code(), ErrorCode::InvalidArgument);
        QCOMPARE(selectActiveSet({}, 1, nan).code(), ErrorCode::InvalidArgument);
        SortitionParams p;
        p.alpha = 1.5;
        QCOMPARE(updateScoreEmas({}, {{"a", 1.0}}, p).code(), ErrorCode::InvalidArgument);
        p.alpha = 0.1;
        QCOMPARE(updateScoreEmas({{"a", nan}}, {}, p).code(), ErrorCode::InvalidArgument);
        QCOMPARE(updateScoreEmas({}, {{"a", nan}}, p).code(), ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestSortition)
#include "test_sortition.moc"
