// TopicsPage: every topic of the chain in a sortable, searchable table (TopicListModel behind a
// QSortFilterProxyModel that matches the search against id, description and loss method), and
// the selected topic below it (TopicDetailWidget: parameters, latest inference, live charts,
// participants). It reads again while shown, at most every two seconds as blocks arrive, so the
// charts gain each epoch as it closes. Buttons lead to creating a topic, paying for an inference
// of the selected one and delegating to its reputers.
#pragma once

#include <QElapsedTimer>
#include <QWidget>
#include <cstdint>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QLabel;

namespace allora::ui {

class NodeModel;
class TopicDetailWidget;
class TopicListModel;

class TopicsPage : public QWidget {
    Q_OBJECT

public:
    explicit TopicsPage(NodeModel* node, QWidget* parent = nullptr);

    // Reads the topic list (and the selected topic) again, off the GUI thread.
    void refresh();
    // Selects topic `id` (once the list holds it) and shows it.
    void showTopic(uint64_t id);
    uint64_t selectedTopic() const;
    TopicListModel* model() const { return model_; }
    TopicDetailWidget* detail() const { return detail_; }

Q_SIGNALS:
    void createTopicRequested();
    void buyInferenceRequested(uint64_t topicId);
    void delegateRequested(uint64_t topicId);
    // The list was read (tests wait on it).
    void topicsRefreshed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void selectionChanged();
    void selectPending();

    NodeModel* node_;
    TopicListModel* model_;
    QSortFilterProxyModel* proxy_;
    QLineEdit* search_;
    QTableView* table_;
    QLabel* status_;
    QPushButton* buy_;
    QPushButton* delegate_;
    TopicDetailWidget* detail_;
    QElapsedTimer lastRead_;
    bool reading_ = false;
    uint64_t pendingTopic_ = 0;
};

}  // namespace allora::ui
