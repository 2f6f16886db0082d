// The reference workers' pure parts (node/participants): CSV columns, the embedded demo series and
// their replay, least squares, and the five model families (what each predicts, that they differ,
// that the noisy one is deterministic and as noisy as asked).
#include <QtTest/QtTest>

#include <cmath>
#include <fstream>
#include <sstream>

#include "node/participants/dataset.h"
#include "node/participants/demo_topics.h"
#include "node/participants/losses.h"
#include "node/participants/models.h"

using namespace allora::participants;

namespace {

std::vector<double> column(const std::string& file, const std::string& name) {
    std::ifstream in(std::string(ALLORA_SOURCE_DIR "/resources/data/") + file);
    std::stringstream text;
    text << in.rdbuf();
    auto values = csvColumn(text.str(), name);
    if (!values) qFatal("%s: %s", file.c_str(), values.message().c_str());
    return *values;
}

double meanLogLoss(const Model& m, const std::vector<double>& series, size_t from, size_t to) {
    double sum = 0;
    for (size_t s = from; s < to; ++s) {
        auto p = m.predict(std::span<const double>(series.data(), s + 1), s + 1);
        sum += logLoss(LossMethod::Mse, series[s + 1], p.value_or(0));
    }
    return sum / static_cast<double>(to - from);
}

}  // namespace

class TestParticipantModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void csvColumnReadsOneColumn() {
        auto v = csvColumn("date,a,b\r\n2020,1.5,x\n2021,,y\n2022,-2e3,z\n", "a");
        QVERIFY2(v.ok(), v ? "" : v.message().c_str());
        QCOMPARE(*v, (std::vector<double>{1.5, -2000.0}));
    }
    void csvColumnRejectsBadInput() {
        auto missing = csvColumn("date,a\n1,2\n", "b");
        QVERIFY(!missing);
        QVERIFY(missing.message().find("no column 'b'") != std::string::npos);
        auto bad = csvColumn("date,a\n1,2\n2,abc\n", "a");
        QVERIFY(!bad);
        QVERIFY(bad.message().find("line 3") != std::string::npos);
        QVERIFY(!csvColumn("", "a"));
        QVERIFY(!csvColumn("date,a\n", "a"));
    }
    // The series compiled into the library are the files of resources/data, whole: a column, or
    // (the temperature) the daily mean of two columns averaged over a trailing 3-day window.
    void embeddedSeriesAreTheResourceFiles() {
        for (DemoDataset d :
             {DemoDataset::Sp500Close, DemoDataset::SeattleTemperature, DemoDataset::Co2}) {
            const DatasetInfo& info = datasetInfo(d);
            auto fromFile = column(std::string(info.file), std::string(info.column));
            QVERIFY(fromFile.size() > 700);
            if (!info.column2.empty()) {
                const auto other = column(std::string(info.file), std::string(info.column2));
                QCOMPARE(other.size(), fromFile.size());
                for (size_t i = 0; i < other.size(); ++i)
                    fromFile[i] = (fromFile[i] + other[i]) / 2;
            }
            QCOMPARE(demoDailyValues(d), fromFile);
            const auto& series = demoSeries(d);
            const size_t n = info.trailingMean;
            QCOMPARE(series.size(), fromFile.size() - (n - 1));
            for (size_t s : {size_t(0), size_t(1), series.size() / 2, series.size() - 1}) {
                double sum = 0;
                for (size_t k = 0; k < n; ++k) sum += fromFile[s + k];
                QCOMPARE(series[s], sum / static_cast<double>(n));
            }
        }
        // The temperature: 2012-01-01..03 are max 12.8 / 10.6 / 11.7 and min 5.0 / 2.8 / 7.2.
        const DatasetInfo& t = datasetInfo(DemoDataset::SeattleTemperature);
        QCOMPARE(t.trailingMean, size_t(3));
        QVERIFY(std::abs(demoSeries(DemoDataset::SeattleTemperature)[0] -
                         (12.8 + 5.0 + 10.6 + 2.8 + 11.7 + 7.2) / 6) < 1e-12);
    }
    void derivedSeriesOfShortOrMismatchedInput() {
        DatasetInfo info = datasetInfo(DemoDataset::SeattleTemperature);
        QVERIFY(derivedSeries({1.0, 2.0}, info).empty());  // shorter than the window
        QCOMPARE(derivedSeries({1.0, 2.0, 6.0, 7.0}, info), (std::vector<double>{3.0, 5.0}));
        auto uneven = dailyValues("date,temp_max,temp_min\n1,2,1\n2,,1\n", info);
        QVERIFY(!uneven);
        QVERIFY(uneven.message().find("different rows") != std::string::npos);
        auto mean = dailyValues("date,temp_max,temp_min\n1,2,1\n2,4,0\n", info);
        QVERIFY2(mean.ok(), mean ? "" : mean.message().c_str());
        QCOMPARE(*mean, (std::vector<double>{1.5, 2.0}));
    }
    void replayMovesOneStepPerEpochAndWraps() {
        const DemoTopic t = demoTopics(5)[0];
        const size_t n = demoSeries(t.dataset).size();
        QCOMPARE(t.stepOf(0), t.startStep);
        QCOMPARE(t.stepOf(4), t.startStep);
        QCOMPARE(t.stepOf(5), t.startStep + 1);
        QCOMPARE(t.stepOf(50), t.startStep + 10);
        // Far beyond the end: still a step whose successor (the truth) exists.
        for (int64_t nonce : {int64_t(5) * int64_t(n), int64_t(5) * int64_t(n - 1 - t.startStep)})
            QVERIFY(t.stepOf(nonce) + 1 < n);
        QCOMPARE(t.stepOf(5 * static_cast<int64_t>(n - 1 - t.startStep)), size_t(0));
    }
    void demoTopicsAreRecognisedByMetadata() {
        const auto topics = demoTopics(7);
        QCOMPARE(topics.size(), size_t(3));
        for (const DemoTopic& t : topics) {
            auto found = demoTopicFromMetadata(t.metadata(), topics);
            QVERIFY(found.has_value());
            QCOMPARE(found->dataset, t.dataset);
            QCOMPARE(t.epochLength, int64_t(7));
            QVERIFY(t.groundTruthLag >= t.epochLength);
            QVERIFY(t.workerSubmissionWindow >= 2 && t.workerSubmissionWindow <= t.epochLength);
        }
        QVERIFY(!demoTopicFromMetadata("ETH 10min prediction", topics));
        QCOMPARE(topics[1].lossMethod, LossMethod::Mae);
    }
    void leastSquaresRecoversCoefficients() {
        std::vector<std::vector<double>> rows;
        std::vector<double> y;
        for (int i = 0; i < 20; ++i) {
            const double x1 = i, x2 = (i * 7) % 5;
            rows.push_back({1.0, x1, x2});
            y.push_back(2.0 - 0.5 * x1 + 3.0 * x2);
        }
        auto beta = leastSquares(rows, y);
        QVERIFY(beta.has_value());
        QVERIFY(std::abs((*beta)[0] - 2.0) < 1e-9);
        QVERIFY(std::abs((*beta)[1] + 0.5) < 1e-9);
        QVERIFY(std::abs((*beta)[2] - 3.0) < 1e-9);
        // Collinear columns, or sizes that disagree.
        QVERIFY(!leastSquares({{1, 2}, {2, 4}, {3, 6}}, {1, 2, 3}));
        QVERIFY(!leastSquares({{1, 2}}, {1, 2}));
    }
    void simpleModelsPredictWhatTheySay() {
        const std::vector<double> h{1, 2, 3, 4, 5, 6, 10};
        QCOMPARE(*makeLastValue()->predict(h, 7), 10.0);
        QCOMPARE(*makeMovingAverage(5)->predict(h, 7), (3 + 4 + 5 + 6 + 10) / 5.0);
        QCOMPARE(*makeMovingAverage(50)->predict(h, 7), 31 / 7.0);
        QCOMPARE(*makeExponentialSmoothing(0.5)->predict(std::vector<double>{0, 2}, 2), 1.0);
        for (auto& m : referenceModels()) QVERIFY(!m->predict({}, 0).has_value());
    }
    // Differences that follow d_t = 2 − d_{t−1} exactly: AR(1) on differences predicts the next
    // value exactly; a constant step (a singular fit) continues the trend.
    void autoregressiveFollowsItsProcess() {
        std::vector<double> x{100.0};
        double d = 5.0;
        for (int i = 0; i < 40; ++i) {
            x.push_back(x.back() + d);
            d = 2.0 - d;
        }
        const double next = x.back() + d;
        const auto p = makeAutoregressive(1, 30)->predict(x, x.size());
        QVERIFY(p.has_value());
        QVERIFY2(std::abs(*p - next) < 1e-6, qPrintable(QString::number(*p - next)));
        std::vector<double> line;
        for (int i = 0; i < 30; ++i) line.push_back(3.0 + 2.0 * i);
        QVERIFY(std::abs(*makeAutoregressive(3, 20)->predict(line, 30) - 63.0) < 1e-9);
        // Too short a history: the last value.
        QCOMPARE(*makeAutoregressive(3, 20)->predict(std::vector<double>{1, 5}, 2), 5.0);
    }
    void noisyModelIsDeterministicAndAsNoisyAsAsked() {
        std::vector<double> h;
        for (int i = 0; i < 50; ++i) h.push_back(i % 2 == 0 ? 10.0 : 12.0);  // mean step 2
        const auto a = makeNoisy(3.0, 42), b = makeNoisy(3.0, 42), c = makeNoisy(3.0, 43);
        QCOMPARE(*a->predict(h, 7), *b->predict(h, 7));
        QVERIFY(*a->predict(h, 7) != *a->predict(h, 8));
        QVERIFY(*a->predict(h, 7) != *c->predict(h, 7));
        double sum = 0, sumSq = 0;
        const int n = 4000;
        for (int s = 0; s < n; ++s) {
            const double e = *a->predict(h, static_cast<uint64_t>(s)) - h.back();
            sum += e;
            sumSq += e * e;
        }
        const double mean = sum / n, sd = std::sqrt(sumSq / n - mean * mean);
        QVERIFY2(std::abs(mean) < 0.3, qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(sd - 6.0) < 0.4, qPrintable(QString::number(sd)));
    }
    // On the real series the five models make different predictions, and the noisy one does
    // worse than the last value it perturbs.
    void referenceModelsDifferOnRealData() {
        const auto models = referenceModels();
        QCOMPARE(models.size(), size_t(5));
        for (DemoDataset d :
             {DemoDataset::Sp500Close, DemoDataset::SeattleTemperature, DemoDataset::Co2}) {
            const auto& series = demoSeries(d);
            std::vector<double> losses;
            for (const auto& m : models) losses.push_back(meanLogLoss(*m, series, 60, 560));
            for (size_t i = 0; i < losses.size(); ++i)
                for (size_t j = i + 1; j < losses.size(); ++j)
                    QVERIFY2(losses[i] != losses[j],
                             qPrintable(QString("models %1 and %2 agree").arg(i).arg(j)));
            QVERIFY2(losses.back() > losses.front(),
                     qPrintable(QString("data set %1: noisy %2 <= last value %3")
                                    .arg(int(d))
                                    .arg(losses.back())
                                    .arg(losses.front())));
        }
    }
};

QTEST_GUILESS_MAIN(TestParticipantModels)
#include "test_participant_models.moc"
