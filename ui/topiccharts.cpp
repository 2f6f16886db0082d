#include "ui/topiccharts.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QShowEvent>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "ui/guiutil.h"

namespace allora::ui {

namespace {

// The band's edges among the confidence-interval percentiles the chain reports.
constexpr double kBandLow = 15.87;
constexpr double kBandHigh = 84.13;
// With more inferers than this a legend would hide the chart: the series keep their names (shown
// on hover) but the legend is turned off.
constexpr int kMaxLegendEntries = 12;
// A worker's series keeps at most this many points: over more epochs, each bucket of epochs is
// drawn as its lowest and highest value (in epoch order), so a spike stays visible while QtCharts,
// which recomputes a series' whole geometry on every change, has a quarter of the points to lay
// out (tests/bench/bench_charts.cpp: 64 workers x 1,000 epochs).
constexpr int kMaxWorkerPoints = 240;

// `points` (in x order) cut down to at most kMaxWorkerPoints by min/max buckets.
QList<QPointF> decimated(const QList<QPointF>& points) {
    if (points.size() <= kMaxWorkerPoints) return points;
    const int buckets = kMaxWorkerPoints / 2;
    const qsizetype n = points.size();
    QList<QPointF> out;
    out.reserve(kMaxWorkerPoints);
    for (int b = 0; b < buckets; ++b) {
        const qsizetype begin = n * b / buckets, end = n * (b + 1) / buckets;
        if (begin >= end) continue;
        qsizetype lo = begin, hi = begin;
        for (qsizetype i = begin + 1; i < end; ++i) {
            if (points[i].y() < points[lo].y()) lo = i;
            if (points[i].y() > points[hi].y()) hi = i;
        }
        out.append(points[std::min(lo, hi)]);
        if (lo != hi) out.append(points[std::max(lo, hi)]);
    }
    return out;
}

bool number(const std::string& text, double& out) {
    if (text.empty()) return false;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end && std::isfinite(out);
}

// The value at `percentile` in the record's confidence interval, when reported.
bool percentileValue(const ::emissions::v9::TopicEpochRecord& r, double percentile, double& out) {
    const int n =
        std::min(r.confidence_interval_percentiles_size(), r.confidence_interval_values_size());
    for (int i = 0; i < n; ++i) {
        double p = 0;
        if (number(r.confidence_interval_percentiles(i), p) && std::abs(p - percentile) < 1e-6)
            return number(r.confidence_interval_values(i), out);
    }
    return false;
}

struct Range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool empty() const { return lo > hi; }
};

}  // namespace

TopicCharts::TopicCharts(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("topicCharts"));
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("topicChartTabs"));
    inference_ = makeChart(tr("Network inference"), "inferenceChart", tr("value"));
    weights_ = makeChart(tr("Weight of each inferer"), "weightsChart", tr("weight"));
    regrets_ = makeChart(tr("Regret of each inferer"), "regretsChart", tr("regret"));
    tabs_->addTab(inference_.view, tr("&Inference"));
    tabs_->addTab(weights_.view, tr("W&eights"));
    tabs_->addTab(regrets_.view, tr("&Regrets"));
    tabs_->tabBar()->setAccessibleName(tr("Charts"));
    connect(tabs_, &QTabWidget::currentChanged, this, [this] { redrawVisible(); });

    QChart* chart = inference_.view->chart();
    bandLow_ = new QLineSeries(this);
    bandHigh_ = new QLineSeries(this);
    band_ = new QAreaSeries(bandHigh_, bandLow_);
    band_->setName(tr("confidence band (±1σ)"));
    band_->setPen(Qt::NoPen);
    network_ = new QLineSeries;
    network_->setObjectName(QStringLiteral("networkSeries"));
    network_->setName(tr("network inference"));
    naive_ = new QLineSeries;
    naive_->setObjectName(QStringLiteral("naiveSeries"));
    naive_->setName(tr("naive inference"));
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{band_, naive_, network_}) {
        chart->addSeries(s);
        s->attachAxis(inference_.x);
        s->attachAxis(inference_.y);
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);
    applyPalette();
}

void TopicCharts::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    redrawVisible();
}

void TopicCharts::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyPalette();
}

void TopicCharts::applyPalette() {
    const QPalette& p = palette();
    for (Chart* c : {&inference_, &weights_, &regrets_}) {
        QChart* chart = c->view->chart();
        chart->setBackgroundBrush(p.brush(QPalette::Base));
        chart->setTitleBrush(p.brush(QPalette::Text));
        chart->legend()->setLabelBrush(p.brush(QPalette::Text));
        for (QValueAxis* axis : {c->x, c->y}) {
            axis->setLabelsBrush(p.brush(QPalette::Text));
            axis->setTitleBrush(p.brush(QPalette::Text));
            axis->setGridLineColor(p.color(QPalette::Midlight));
            axis->setLinePenColor(p.color(QPalette::Mid));
        }
    }
    // The band: translucent highlight, so the lines drawn over it stay readable.
    QColor fill = p.color(QPalette::Highlight);
    fill.setAlphaF(0.25);
    band_->setBrush(fill);
}

TopicCharts::Chart TopicCharts::makeChart(const QString& title, const char* objectName,
                                          const QString& yTitle) {
    Chart c;
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);  // a redraw per epoch, not a movie
    chart->legend()->setAlignment(Qt::AlignBottom);
    c.x = new QValueAxis;
    c.x->setTitleText(tr("block height of the epoch"));
    c.x->setLabelFormat(QStringLiteral("%d"));
    c.y = new QValueAxis;
    c.y->setTitleText(yTitle);
    chart->addAxis(c.x, Qt::AlignBottom);
    chart->addAxis(c.y, Qt::AlignLeft);
    c.view = new QChartView(chart, this);
    c.view->setObjectName(QString::fromLatin1(objectName));
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setAccessibleName(title);
    return c;
}

void TopicCharts::addRecords(const std::vector<::emissions::v9::TopicEpochRecord>& records) {
    if (records.empty()) return;
    for (const auto& r : records) records_[r.block_height()] = r;
    while (records_.size() > kMaxEpochs) records_.erase(records_.begin());
    redraw();
}

void TopicCharts::clear() {
    records_.clear();
    redraw();
}

int TopicCharts::weightSeriesCount() const {
    return static_cast<int>(weightSeries_.size());
}

int TopicCharts::weightPointCount() const {
    int n = 0;
    for (const QLineSeries* s : weightSeries_) n += s->count();
    return n;
}

void TopicCharts::fit(Chart& chart, double minX, double maxX, double minY, double maxY) {
    if (minX > maxX) {
        minX = 0;
        maxX = 1;
    }
    if (minX == maxX) maxX = minX + 1;
    if (!(minY <= maxY)) {
        minY = 0;
        maxY = 1;
    }
    const double pad = minY == maxY ? std::max(1e-9, std::abs(minY) * 0.05) : (maxY - minY) * 0.05;
    chart.x->setRange(minX, maxX);
    chart.y->setRange(minY - pad, maxY + pad);
}

void TopicCharts::redraw() {
    for (bool& s : stale_) s = true;
    redrawVisible();
}

void TopicCharts::redrawVisible() {
    if (!isVisible()) return;  // showEvent draws what is stale
    const int shown = tabs_->currentIndex();
    if (shown < 0 || shown > 2 || !stale_[shown]) return;
    stale_[shown] = false;
    if (shown == 0)
        redrawInference();
    else if (shown == 1)
        redrawWorkers(weights_, weightSeries_, true);
    else
        redrawWorkers(regrets_, regretSeries_, false);
}

void TopicCharts::redrawInference() {
    QList<QPointF> net, naive, low, high;
    net.reserve(static_cast<int>(records_.size()));
    Range y;
    for (const auto& [height, r] : records_) {
        const double x = static_cast<double>(height);
        double v = 0;
        if (number(r.network_inference(), v)) {
            net.append({x, v});
            y.add(v);
        }
        if (number(r.naive_inference(), v)) {
            naive.append({x, v});
            y.add(v);
        }
        double lo = 0, hi = 0;
        if (percentileValue(r, kBandLow, lo) && percentileValue(r, kBandHigh, hi)) {
            low.append({x, lo});
            high.append({x, hi});
            y.add(lo);
            y.add(hi);
        }
    }
    network_->replace(net);
    naive_->replace(naive);
    bandLow_->replace(low);
    bandHigh_->replace(high);
    const double minX = records_.empty() ? 0 : static_cast<double>(records_.begin()->first);
    const double maxX = records_.empty() ? 1 : static_cast<double>(records_.rbegin()->first);
    fit(inference_, minX, maxX, y.lo, y.hi);
}

void TopicCharts::redrawWorkers(Chart& chart, QHash<QString, QLineSeries*>& series, bool weights) {
    // Keyed by the chain's address text: one QString per worker, not one per point.
    std::map<std::string, QList<QPointF>> byWorker;
    Range y;
    for (const auto& [height, r] : records_) {
        for (const auto& w : r.inferers()) {
            double v = 0;
            if (!number(weights ? w.weight() : w.regret(), v)) continue;
            byWorker[w.worker()].append({static_cast<double>(height), v});
            y.add(v);
        }
    }
    QHash<QString, QList<QPointF>> points;
    for (auto& [worker, list] : byWorker)
        points.insert(QString::fromStdString(worker), decimated(list));
    // Workers that left the window lose their series; new ones get one, named by short address.
    for (auto it = series.begin(); it != series.end();) {
        if (points.contains(it.key())) {
            ++it;
            continue;
        }
        chart.view->chart()->removeSeries(it.value());
        delete it.value();
        it = series.erase(it);
    }
    QStringList workers = points.keys();
    workers.sort();
    for (const QString& worker : workers) {
        QLineSeries*& s = series[worker];
        if (s == nullptr) {
            s = new QLineSeries;
            s->setName(shortAddress(worker));
            chart.view->chart()->addSeries(s);
            s->attachAxis(chart.x);
            s->attachAxis(chart.y);
        }
        s->replace(points.value(worker));
    }
    chart.view->chart()->legend()->setVisible(series.size() <= kMaxLegendEntries);
    // Dozens of crossing lines gain nothing from antialiasing but cost most of the paint.
    chart.view->setRenderHint(QPainter::Antialiasing, series.size() <= kMaxLegendEntries);
    const double minX = records_.empty() ? 0 : static_cast<double>(records_.begin()->first);
    const double maxX = records_.empty() ? 1 : static_cast<double>(records_.rbegin()->first);
    if (weights && !y.empty()) y.add(0);
    fit(chart, minX, maxX, y.lo, y.hi);
}

}  // namespace allora::ui
