// Issue 5's bar, offline and deterministic (tests/unit/participants_replay.h): each demo topic,
// as demoTopics() defines it, replayed through the reference models and forecasters, the chain's
// synthesis, the reputers' losses and the regret updates, epoch by epoch with the devnet's delays.
//  - With the devnet test's timings (its first weighted epoch 6 to 15 steps after the topic's
//    start step, a restart midway that costs 4 epochs of inferences and 2 of losses), over the
//    last 100 weighted epochs: the network inference's mean log-loss is below every worker's but
//    the best one's, and the latest weights are ordered by the workers' recent losses (what
//    test_participants asserts on a real devnet). The margin over the naive inference is printed:
//    it is not positive on every timing for CO2.
//  - Over 20 windows of each series, how often the network beats the naive inference and the
//    second-best worker, printed; on CO2 it beats both in most windows (asserted).
#include <QtTest/QtTest>

#include "tests/unit/participants_replay.h"

using namespace allora::participants;

class TestParticipantsReplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The forecasters' estimate: the median of an inferer's last `window` log-losses.
    void forecastIsTheMedianOfTheRecentLosses() {
        const std::vector<double> losses{9, 1, -3, 2, 0.5, -4, 1.5};
        QVERIFY(!medianForecast(std::span(losses).first(2), 12).has_value());
        QCOMPARE(*medianForecast(std::span(losses).first(3), 12), 1.0);
        QCOMPARE(*medianForecast(losses, 3), 0.5);    // {0.5, -4, 1.5}
        QCOMPARE(*medianForecast(losses, 4), 1.0);    // {2, 0.5, -4, 1.5}: (0.5 + 1.5) / 2
        QCOMPARE(*medianForecast(losses, 100), 1.0);  // all seven
        // One lucky near-exact hit does not move it the way it moves a mean.
        std::vector<double> lucky(11, 2.0);
        lucky.push_back(-6.0);
        QCOMPARE(*medianForecast(lucky, 12), 2.0);
        // The reference forecasters look over different windows, the quickest first.
        const auto models = referenceModels();
        std::vector<size_t> windows;
        for (const auto& m : models) windows.push_back(m->forecastWindow);
        QCOMPARE(windows, (std::vector<size_t>{12, 24, 36, 48, 12}));
        QVERIFY(kForecastHistory >= 48);
        std::vector<double> trend;
        for (int i = 0; i < 48; ++i) trend.push_back(-0.1 * i);
        QVERIFY(*forecastLoss(*models[0], trend) < *forecastLoss(*models[3], trend));
    }
    void devnetTimingsMeetTheBar() {
        for (const DemoTopic& topic : demoTopics(5)) {
            double worstNaive = 1e9, worstSecond = 1e9;
            for (size_t shift = 6; shift <= 15; ++shift) {
                replay::Config cfg;
                cfg.topic = topic;
                cfg.startOffset = shift;
                cfg.epochs = 108;
                cfg.restartAt = 50;
                const replay::Outcome o = replay::run(cfg);
                QCOMPARE(o.combined.size(), cfg.measured);
                std::string report = std::string(datasetInfo(topic.dataset).column) + " +" +
                                     std::to_string(shift) + ": network " +
                                     std::to_string(o.meanCombined) + ", naive " +
                                     std::to_string(o.meanNaive);
                for (size_t i = 0; i < o.names.size(); ++i)
                    report += ", " + o.names[i] + " " + std::to_string(o.meanWorker[i]);
                const double rho = replay::spearman(o.recentWorker, o.weights);
                report += "; rank correlation " + std::to_string(rho);
                worstNaive = std::min(worstNaive, o.meanNaive - o.meanCombined);
                worstSecond = std::min(worstSecond, o.secondBest() - o.meanCombined);
                QVERIFY2(o.meanCombined < o.secondBest(), report.c_str());
                const auto& loss = o.recentWorker;
                const size_t best = std::min_element(loss.begin(), loss.end()) - loss.begin();
                const size_t worst = std::max_element(loss.begin(), loss.end()) - loss.begin();
                std::vector<double> sorted = o.weights;
                std::sort(sorted.begin(), sorted.end());
                QVERIFY2(o.weights[best] > o.weights[worst], report.c_str());
                QVERIFY2(o.weights[best] > sorted[sorted.size() / 2], report.c_str());
                QVERIFY2(rho < 0, report.c_str());
            }
            qInfo(
                "%s, devnet timings: smallest margin over the second-best worker %.3f, over the "
                "naive inference %.3f",
                std::string(datasetInfo(topic.dataset).column).c_str(), worstSecond, worstNaive);
        }
    }
    void windowsAcrossTheSeries() {
        for (const DemoTopic& topic : demoTopics(5)) {
            replay::Config cfg;
            cfg.topic = topic;
            const size_t windows = 20;
            const size_t room = demoSeries(topic.dataset).size() - topic.startStep - cfg.epochs - 2;
            const size_t stride = std::min<size_t>(37, room / windows);
            size_t naiveWins = 0, secondWins = 0;
            double naiveMargin = 0, secondMargin = 0;
            for (size_t k = 0; k < windows; ++k) {
                cfg.startOffset = k * stride;
                const replay::Outcome o = replay::run(cfg);
                naiveWins += o.meanCombined < o.meanNaive;
                secondWins += o.meanCombined < o.secondBest();
                naiveMargin += (o.meanNaive - o.meanCombined) / windows;
                secondMargin += (o.secondBest() - o.meanCombined) / windows;
            }
            qInfo(
                "%s, %zu windows %zu epochs apart: network below naive in %zu (mean margin "
                "%.3f), below the second-best worker in %zu (mean margin %.3f)",
                std::string(datasetInfo(topic.dataset).column).c_str(), windows, stride, naiveWins,
                naiveMargin, secondWins, secondMargin);
            if (topic.dataset == DemoDataset::Co2)
                QVERIFY2(
                    naiveWins >= windows * 3 / 4 && secondWins >= windows * 3 / 4,
                    qPrintable(
                        QString("%1 and %2 of %3").arg(naiveWins).arg(secondWins).arg(windows)));
        }
    }
};

QTEST_GUILESS_MAIN(TestParticipantsReplay)
#include "test_participants_replay.moc"
