#include "ui/topicdetailwidget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

#include "ui/nodemodel.h"
#include "ui/overviewpage.h"
#include "ui/pageutil.h"
#include "ui/topiccharts.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

// The history read on each refresh once the charts hold the past: enough to cover the epochs
// whose losses arrived since (the ground-truth lag is at most 100 epochs of reading).
constexpr uint32_t kRecentEpochs = 100;

QString decimal(const std::string& text) {
    bool ok = false;
    const double v = QString::fromStdString(text).toDouble(&ok);
    return ok ? QString::number(v, 'g', 8) : QString::fromStdString(text);
}

QTableWidget* makeTable(const char* name, const QStringList& headers, QWidget* parent) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(QString::fromLatin1(name));
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setSortingEnabled(false);
    return t;
}

void setRow(QTableWidget* t, int row, const QStringList& cells) {
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        t->setItem(row, c, item);
    }
}

}  // namespace

struct TopicDetailWidget::Snapshot {
    uint64_t id = 0;
    QString error;
    TopicSummary topic;
    TopicParticipants participants;
    std::optional<empb::NetworkInferences> latest;
    std::vector<empb::TopicEpochRecord> history;
};

TopicDetailWidget::TopicDetailWidget(NodeModel* node, QWidget* parent)
    : QWidget(parent), node_(node) {
    setObjectName(QStringLiteral("topicDetail"));
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("topicTitleLabel"));
    QFont f = title_->font();
    f.setBold(true);
    title_->setFont(f);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("topicStatusLabel"));
    status_->setForegroundRole(QPalette::PlaceholderText);

    auto* overview = new QWidget(this);
    parameters_ = new QLabel(overview);
    parameters_->setObjectName(QStringLiteral("topicParametersLabel"));
    parameters_->setWordWrap(true);
    parameters_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    inference_ = new QLabel(overview);
    inference_->setObjectName(QStringLiteral("topicInferenceLabel"));
    inference_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    band_ = new QLabel(overview);
    band_->setObjectName(QStringLiteral("topicBandLabel"));
    band_->setWordWrap(true);
    contributors_ =
        makeTable("topicContributorsTable",
                  {tr("Worker"), tr("Role"), tr("Value"), tr("Share of weight")}, overview);
    contributors_->setAccessibleName(tr("Contributors to the latest network inference"));
    auto* ol = new QVBoxLayout(overview);
    ol->addWidget(parameters_);
    ol->addWidget(captionLabel(tr("Latest network inference"), overview));
    ol->addWidget(inference_);
    ol->addWidget(band_);
    ol->addWidget(contributors_, 1);

    charts_ = new TopicCharts(this);
    participants_ =
        makeTable("topicParticipantsTable",
                  {tr("Address"), tr("Role"), tr("Stake"), tr("Delegated"), tr("EMA score")}, this);
    participants_->setAccessibleName(tr("Participants of the topic"));
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("topicTabs"));
    tabs_->addTab(overview, tr("Overview"));
    tabs_->addTab(charts_, tr("Charts"));
    tabs_->addTab(participants_, tr("Participants"));
    tabs_->tabBar()->setAccessibleName(tr("Topic views"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* head = new QHBoxLayout;
    head->addWidget(title_, 1);
    head->addWidget(status_);
    layout->addLayout(head);
    layout->addWidget(tabs_, 1);
    setTopic(0);
}

void TopicDetailWidget::setTopic(uint64_t id) {
    if (id == topicId_ && id != 0) return;
    topicId_ = id;
    charts_->clear();
    contributors_->setRowCount(0);
    participants_->setRowCount(0);
    inference_->clear();
    band_->clear();
    parameters_->clear();
    title_->setText(id == 0 ? tr("Select a topic to see its workers, inferences and charts.")
                            : tr("Topic %1").arg(id));
    setEnabled(id != 0);
    refresh();
}

void TopicDetailWidget::refresh() {
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (topicId_ == 0 || !api) return;
    if (!gate_.tryBegin()) return;
    const uint32_t limit =
        charts_->epochCount() == 0 ? static_cast<uint32_t>(TopicCharts::kMaxEpochs) : kRecentEpochs;
    runOnWorker(
        this, node_->queryPool(),
        [api, id = topicId_, limit] {
            Snapshot s;
            s.id = id;
            auto topic = readTopic(*api, id);
            if (!topic) {
                s.error = QString::fromStdString(topic.message());
                return s;
            }
            s.topic = std::move(*topic);
            auto participants = readTopicParticipants(*api, id);
            auto latest = readLatestNetworkInference(*api, id);
            auto history = readTopicHistory(*api, id, 0, limit);
            if (!participants || !latest || !history) {
                s.error = QString::fromStdString(!participants ? participants.message()
                                                 : !latest     ? latest.message()
                                                               : history.message());
                return s;
            }
            s.participants = std::move(*participants);
            s.latest = std::move(*latest);
            s.history = std::move(history->records);
            return s;
        },
        [this](Snapshot s) {
            const bool again = gate_.finish();
            if (s.id == topicId_) show(s);
            Q_EMIT refreshed();
            if (again) refresh();
        });
}

void TopicDetailWidget::show(const Snapshot& s) {
    if (!s.error.isEmpty()) {
        status_->setText(tr("Could not read the topic: %1").arg(s.error));
        return;
    }
    const auto& t = s.topic.topic;
    title_->setText(tr("Topic %1: %2").arg(t.id()).arg(QString::fromStdString(t.metadata())));
    parameters_->setText(
        tr("Loss method %1 · epoch %2 blocks · ground-truth lag %3 blocks · submission window "
           "%4 blocks · p-norm %5 · regret α %6 · ε %7 · negative values %8 · weight %9 · "
           "stake %10 · revenue %11 · %12 · created by %13")
            .arg(QString::fromStdString(t.loss_method()))
            .arg(t.epoch_length())
            .arg(t.ground_truth_lag())
            .arg(t.worker_submission_window())
            .arg(decimal(t.p_norm()), decimal(t.alpha_regret()), decimal(t.epsilon()),
                 t.allow_negative() ? tr("allowed") : tr("not allowed"),
                 s.topic.weight.empty() ? QStringLiteral("—") : decimal(s.topic.weight),
                 formatAllo(s.topic.stake, false), formatAllo(s.topic.revenue, false),
                 s.topic.active ? tr("active") : tr("inactive"),
                 QString::fromStdString(t.creator())));
    if (s.latest) {
        const auto& n = *s.latest;
        inference_->setText(tr("%1 (naive %2) at block %3")
                                .arg(decimal(n.combined_value()), decimal(n.naive_value()))
                                .arg(n.block_height()));
        QStringList band;
        for (const auto& v : n.confidence_interval_values()) band << decimal(v);
        band_->setText(band.isEmpty()
                           ? tr("No confidence band for this epoch (too few workers).")
                           : tr("Confidence band (percentiles 2.28, 15.87, 50, 84.13, 97.72): %1")
                                 .arg(band.join(QStringLiteral(" · "))));
        const WeightShares shares = weightShares(n);
        contributors_->setRowCount(n.inferer_values_size() + n.forecaster_values_size());
        int row = 0;
        for (const auto& v : n.inferer_values())
            setRow(contributors_, row++,
                   {QString::fromStdString(v.worker()), tr("inferer"), decimal(v.value()),
                    share(shares.inferer, v.worker())});
        for (const auto& v : n.forecaster_values())
            setRow(contributors_, row++,
                   {QString::fromStdString(v.worker()), tr("forecaster"), decimal(v.value()),
                    share(shares.forecaster, v.worker())});
    } else {
        inference_->setText(tr("None yet: the first epoch with inferences has not closed."));
        band_->clear();
        contributors_->setRowCount(0);
    }
    const auto& p = s.participants;
    participants_->setRowCount(static_cast<int>(p.workers.size() + p.reputers.size()));
    int row = 0;
    for (size_t i = 0; i < p.workers.size(); ++i)
        setRow(participants_, row++,
               {QString::fromStdString(p.workers[i]), tr("worker"), QString(), QString(),
                i < p.infererScores.size() ? decimal(p.infererScores[i].second) : QString()});
    for (const auto& r : p.reputers) {
        auto own = Amount::parse(r.stake());
        auto delegated = Amount::parse(r.delegated_stake());
        setRow(participants_, row++,
               {QString::fromStdString(r.address()), tr("reputer"),
                own ? formatAllo(*own, false) : QString::fromStdString(r.stake()),
                delegated ? formatAllo(*delegated, false)
                          : QString::fromStdString(r.delegated_stake()),
                QString()});
    }
    charts_->addRecords(s.history);
    status_->setText(tr("%n epoch(s) charted", nullptr, static_cast<int>(charts_->epochCount())));
}

}  // namespace allora::ui
