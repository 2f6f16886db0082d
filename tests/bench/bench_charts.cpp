// bench_charts: issue 6's "charts update as epochs close, keep a bounded window, and stay smooth
// with 64 workers × 1,000 epochs". The topic page's TopicCharts (ui/topiccharts.h: inference with
// its band, each worker's weight, each worker's regret) is filled with 1,000 epoch records of 64
// inferers, then fed one new epoch at a time as a live topic would (the window stays at 1,000, so
// each update drops the oldest epoch), and each update is painted into a 1280×800 image. Printed:
// the first fill, and the median and maximum of an update and of its paint (a frame at 60 Hz is
// 16.7 ms). The records are generated (seeded random walks): this measures drawing, it shows no
// one any data. Printed, never asserted. The weights tab is the one on screen; a worker's series
// keeps at most 240 points (min/max per bucket of epochs, ui/topiccharts.cpp).
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTabWidget>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "allora/emissions/v9/types.pb.h"
#include "ui/topiccharts.h"

namespace {

namespace pb = ::emissions::v9;

uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
double uniform(uint64_t a, uint64_t b) {
    return static_cast<double>(mix(a * 1000003 + b) >> 11) * 0x1.0p-53 - 0.5;
}

// The record of epoch `e` (nonce e × 10) of a topic with `workers` inferers.
pb::TopicEpochRecord record(int64_t e, int workers) {
    pb::TopicEpochRecord r;
    r.set_topic_id(1);
    r.set_block_height(e * 10);
    const double truth = 100 + 10 * std::sin(static_cast<double>(e) / 40.0);
    r.set_network_inference(std::to_string(truth + uniform(1, e)));
    r.set_naive_inference(std::to_string(truth + 2 * uniform(2, e)));
    for (const char* p : {"2.28", "15.87", "50", "84.13", "97.72"})
        r.add_confidence_interval_percentiles(p);
    for (double d : {-4.0, -2.0, 0.0, 2.0, 4.0})
        r.add_confidence_interval_values(std::to_string(truth + d));
    double sum = 0;
    std::vector<double> w(static_cast<size_t>(workers));
    for (int i = 0; i < workers; ++i) sum += (w[static_cast<size_t>(i)] = 1.5 + uniform(3 + i, e));
    for (int i = 0; i < workers; ++i) {
        auto* x = r.add_inferers();
        char address[64];
        std::snprintf(address, sizeof address, "allo1bench%02dworker%030d", i, i);
        x->set_worker(address);
        x->set_value(std::to_string(truth + (i + 1) * uniform(100 + i, e)));
        x->set_weight(std::to_string(w[static_cast<size_t>(i)] / sum));
        x->set_regret(std::to_string(uniform(200 + i, e) - 0.01 * i));
    }
    return r;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    constexpr int kWorkers = 64;
    const int updates = argc > 1 ? std::max(1, std::atoi(argv[1])) : 60;
    const auto kEpochs = static_cast<int64_t>(allora::ui::TopicCharts::kMaxEpochs);

    allora::ui::TopicCharts charts;
    charts.resize(1280, 800);
    charts.show();
    // The weights tab on screen (64 series; the regrets tab costs the same, the inference tab
    // less): the charts draw only the tab that is shown.
    auto* tabs = charts.findChild<QTabWidget*>(QStringLiteral("topicChartTabs"));
    if (tabs == nullptr) {
        std::fprintf(stderr, "bench_charts: no chart tabs\n");
        return 1;
    }
    tabs->setCurrentIndex(1);
    QImage frame(charts.size(), QImage::Format_ARGB32_Premultiplied);
    auto paint = [&] {
        QPainter p(&frame);
        charts.render(&p);
    };

    std::vector<pb::TopicEpochRecord> history;
    for (int64_t e = 1; e <= kEpochs; ++e) history.push_back(record(e, kWorkers));
    QElapsedTimer t;
    t.start();
    charts.addRecords(history);
    const double fillMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    t.restart();
    paint();
    const double firstPaintMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
    if (charts.epochCount() != static_cast<size_t>(kEpochs) ||
        charts.weightSeriesCount() != kWorkers) {
        std::fprintf(stderr, "bench_charts: the charts hold %zu epochs and %d weight series\n",
                     charts.epochCount(), charts.weightSeriesCount());
        return 1;
    }

    std::vector<double> update, painted;
    for (int i = 1; i <= updates; ++i) {
        const pb::TopicEpochRecord next = record(kEpochs + i, kWorkers);
        t.restart();
        charts.addRecords({next});
        QCoreApplication::processEvents();
        update.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        t.restart();
        paint();
        painted.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    if (charts.epochCount() != static_cast<size_t>(kEpochs)) {
        std::fprintf(stderr, "bench_charts: the window grew to %zu epochs\n", charts.epochCount());
        return 1;
    }
    std::printf(
        "bench: topic charts, %d workers x %lld epochs (weights tab shown: %d points drawn): "
        "first fill %.1f ms, first paint %.1f ms\n",
        kWorkers, static_cast<long long>(kEpochs), charts.weightPointCount(), fillMs, firstPaintMs);
    std::printf(
        "bench: topic charts, one epoch closing (window kept at %lld epochs), %d updates: update "
        "median %.1f ms, max %.1f ms; paint at 1280x800 median %.1f ms, max %.1f ms; update + "
        "paint "
        "median %.1f ms (a 60 Hz frame is 16.7 ms)\n",
        static_cast<long long>(kEpochs), updates, median(update),
        *std::max_element(update.begin(), update.end()), median(painted),
        *std::max_element(painted.begin(), painted.end()), median(update) + median(painted));
    return 0;
}
