#include "ui/topicspage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/nodemodel.h"
#include "ui/pageutil.h"
#include "ui/topicdetailwidget.h"
#include "ui/topiclistmodel.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

// Blocks come every second on a devnet; the list and charts need not follow faster than this.
constexpr qint64 kMinRefreshIntervalMs = 2000;

// Matches the search against the id, description and loss method columns.
class TopicFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setNeedle(const QString& needle) {
        needle_ = needle;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QString& needle = needle_;
        if (needle.isEmpty()) return true;
        for (int column : {TopicListModel::IdColumn, TopicListModel::DescriptionColumn,
                           TopicListModel::LossMethodColumn}) {
            const QString text = sourceModel()->index(row, column, parent).data().toString();
            if (text.contains(needle, Qt::CaseInsensitive)) return true;
        }
        return false;
    }

private:
    QString needle_;
};

}  // namespace

TopicsPage::TopicsPage(NodeModel* node, QWidget* parent) : QWidget(parent), node_(node) {
    setObjectName(QStringLiteral("topicsPage"));
    model_ = new TopicListModel(this);
    proxy_ = new TopicFilter(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(TopicListModel::SortRole);

    search_ = new QLineEdit(this);
    search_->setObjectName(QStringLiteral("topicSearchEdit"));
    search_->setPlaceholderText(tr("Search by id, description or loss method"));
    search_->setAccessibleName(tr("Search topics"));
    search_->setClearButtonEnabled(true);
    connect(search_, &QLineEdit::textChanged, this, [this](const QString& text) {
        static_cast<TopicFilter*>(proxy_)->setNeedle(text.trimmed());
    });
    auto* create = new QPushButton(tr("&Create topic…"), this);
    create->setObjectName(QStringLiteral("createTopicButton"));
    connect(create, &QPushButton::clicked, this, &TopicsPage::createTopicRequested);
    buy_ = new QPushButton(tr("&Buy an inference…"), this);
    buy_->setObjectName(QStringLiteral("buyInferenceButton"));
    connect(buy_, &QPushButton::clicked, this,
            [this] { Q_EMIT buyInferenceRequested(selectedTopic()); });
    delegate_ = new QPushButton(tr("&Delegate…"), this);
    delegate_->setObjectName(QStringLiteral("delegateButton"));
    connect(delegate_, &QPushButton::clicked, this,
            [this] { Q_EMIT delegateRequested(selectedTopic()); });

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("topicTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(TopicListModel::IdColumn, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(TopicListModel::DescriptionColumn,
                                                     QHeaderView::Stretch);
    table_->setAccessibleName(tr("Topics"));
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TopicsPage::selectionChanged);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("topicsStatusLabel"));
    status_->setForegroundRole(QPalette::PlaceholderText);

    detail_ = new TopicDetailWidget(node_, this);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto* tools = new QHBoxLayout;
    tools->addWidget(search_, 1);
    tools->addWidget(buy_);
    tools->addWidget(delegate_);
    tools->addWidget(create);
    topLayout->addLayout(tools);
    topLayout->addWidget(table_, 1);
    topLayout->addWidget(status_);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("topicsSplitter"));
    split->addWidget(top);
    split->addWidget(detail_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(pageHeading(tr("Topics"), this));
    layout->addSpacing(8);
    layout->addWidget(split, 1);
    selectionChanged();

    if (node_ != nullptr) {
        connect(node_, &NodeModel::statusChanged, this, [this] {
            if (isVisible() &&
                (!lastRead_.isValid() || lastRead_.elapsed() >= kMinRefreshIntervalMs))
                refresh();
        });
        connect(node_, &NodeModel::stateChanged, this, [this] {
            if (isVisible()) refresh();
        });
    }
}

void TopicsPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

uint64_t TopicsPage::selectedTopic() const {
    const auto rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return 0;
    return rows.first().data(TopicListModel::TopicIdRole).toULongLong();
}

void TopicsPage::selectionChanged() {
    const uint64_t id = selectedTopic();
    buy_->setEnabled(id != 0);
    delegate_->setEnabled(id != 0);
    detail_->setTopic(id);
}

void TopicsPage::showTopic(uint64_t id) {
    pendingTopic_ = id;
    selectPending();
    refresh();
}

void TopicsPage::selectPending() {
    if (pendingTopic_ == 0) return;
    const int row = model_->rowOf(pendingTopic_);
    if (row < 0) return;
    search_->clear();
    const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
    table_->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
    pendingTopic_ = 0;
}

void TopicsPage::refresh() {
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (!api) {
        status_->setText(tr("The node is not running: start it on the Overview page."));
        return;
    }
    if (reading_) return;
    reading_ = true;
    lastRead_.start();
    runOnWorker(
        this, node_->queryPool(), [api] { return readTopics(*api); },
        [this](Result<std::vector<TopicSummary>> topics) {
            reading_ = false;
            if (!topics) {
                status_->setText(tr("Could not read the topics: %1")
                                     .arg(QString::fromStdString(topics.message())));
                return;
            }
            const uint64_t selected = selectedTopic();
            model_->setTopics(std::move(*topics));
            if (pendingTopic_ == 0 && selected != 0 && selectedTopic() != selected)
                pendingTopic_ = selected;
            selectPending();
            status_->setText(tr("%n topic(s)", nullptr, model_->rowCount()));
            detail_->refresh();
            Q_EMIT topicsRefreshed();
        });
}

}  // namespace allora::ui
