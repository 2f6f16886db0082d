// TopicCharts: a topic's live charts (QtCharts), one tab each:
//  - Inference: the network inference per epoch with its confidence band (the weighted 15.87th to
//    84.13th percentiles of the workers' values, ±1σ for a normal spread) and the naive inference;
//  - Weights: each inferer's normalised weight in the network inference per epoch;
//  - Regrets: each inferer's regret per epoch once its reputers have closed it.
// The x axis is the epoch's block height. The charts hold at most kMaxEpochs epochs (the oldest
// fall off) and redraw each series with one replace() per update, so 64 workers × 1,000 epochs
// stays smooth. Records come from TopicEpochRecord (emissionsqueries.h); setRecords() merges by
// height, so an epoch whose losses arrive later is redrawn with them.
#pragma once

#include <QHash>
#include <QWidget>
#include <cstdint>
#include <map>
#include <vector>

#include "allora/emissions/v9/types.pb.h"

class QChart;
class QChartView;
class QLineSeries;
class QAreaSeries;
class QTabWidget;
class QValueAxis;

namespace allora::ui {

class TopicCharts : public QWidget {
    Q_OBJECT

public:
    static constexpr size_t kMaxEpochs = 1000;

    explicit TopicCharts(QWidget* parent = nullptr);

    // Merges `records` (any order) into what is shown and redraws.
    void addRecords(const std::vector<::emissions::v9::TopicEpochRecord>& records);
    void clear();
    size_t epochCount() const { return records_.size(); }
    // The points of the weights chart's series (one per inferer), for tests and figures: as last
    // drawn (a chart is redrawn when it is shown, see redraw()).
    int weightSeriesCount() const;
    int weightPointCount() const;
    // The newest block height charted (0 when empty).
    int64_t newestHeight() const { return records_.empty() ? 0 : records_.rbegin()->first; }

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    struct Chart {
        QChartView* view = nullptr;
        QValueAxis* x = nullptr;
        QValueAxis* y = nullptr;
    };
    Chart makeChart(const QString& title, const char* objectName, const QString& yTitle);
    // Chart backgrounds, titles, labels and grid from the palette (again when it changes).
    void applyPalette();
    // Marks every chart stale and redraws the one on screen; the others are redrawn when their
    // tab is shown (with 64 inferers a worker chart is 64 series, and QtCharts recomputes each
    // series' whole geometry on any change).
    void redraw();
    void redrawVisible();
    void redrawInference();
    void redrawWorkers(Chart& chart, QHash<QString, QLineSeries*>& series, bool weights);
    static void fit(Chart& chart, double minX, double maxX, double minY, double maxY);

    QTabWidget* tabs_;
    Chart inference_;
    Chart weights_;
    Chart regrets_;
    QLineSeries* network_;
    QLineSeries* naive_;
    QLineSeries* bandLow_;
    QLineSeries* bandHigh_;
    QAreaSeries* band_;
    QHash<QString, QLineSeries*> weightSeries_;
    QHash<QString, QLineSeries*> regretSeries_;
    std::map<int64_t, ::emissions::v9::TopicEpochRecord> records_;
    bool stale_[3] = {false, false, false};  // inference, weights, regrets: not redrawn since
};

}  // namespace allora::ui
