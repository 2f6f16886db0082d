// TopicDetailWidget: one topic, below the topics list. Tabs: Overview (its parameters and the
// latest network inference with its confidence band and the contributing workers' values and
// weights), Charts (TopicCharts: inference with band, weights, regrets per epoch) and
// Participants (inferers with their EMA score, reputers with own and delegated stake).
// refresh() reads it all on the node's query worker; the charts load up to
// TopicCharts::kMaxEpochs epochs the first time and only the newest ones after that.
#pragma once

#include <QWidget>
#include <cstdint>
#include <optional>

#include "ui/emissionsqueries.h"
#include "ui/workerjob.h"

class QLabel;
class QTableWidget;
class QTabWidget;

namespace allora::ui {

class NodeModel;
class TopicCharts;

class TopicDetailWidget : public QWidget {
    Q_OBJECT

public:
    TopicDetailWidget(NodeModel* node, QWidget* parent = nullptr);

    // Shows topic `id` (0: none) and reads it.
    void setTopic(uint64_t id);
    uint64_t topicId() const { return topicId_; }
    // Reads the shown topic again (a no-op while a read is running; it runs once more after).
    void refresh();
    TopicCharts* charts() const { return charts_; }

Q_SIGNALS:
    // A read finished (tests wait on it).
    void refreshed();

private:
    struct Snapshot;
    void show(const Snapshot& s);

    NodeModel* node_;
    uint64_t topicId_ = 0;
    ReadGate gate_;
    QTabWidget* tabs_;
    QLabel* title_;
    QLabel* parameters_;
    QLabel* inference_;
    QLabel* band_;
    QTableWidget* contributors_;
    QTableWidget* participants_;
    TopicCharts* charts_;
    QLabel* status_;
};

}  // namespace allora::ui
