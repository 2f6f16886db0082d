// TopicListModel: the chain's topics as a table (id, description, loss method, epoch length,
// weight share, stake, revenue, active) for the topics page's sortable, searchable list. SortRole
// gives each column's value as a number where it is one, so a QSortFilterProxyModel sorts 10
// after 9.
#pragma once

#include <QAbstractTableModel>
#include <optional>
#include <vector>

#include "ui/emissionsqueries.h"

namespace allora::ui {

class TopicListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        DescriptionColumn,
        LossMethodColumn,
        EpochLengthColumn,
        WeightColumn,
        StakeColumn,
        RevenueColumn,
        ActiveColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int TopicIdRole = Qt::UserRole + 1;

    explicit TopicListModel(QObject* parent = nullptr);

    // Replaces the rows, keeping the views' selection where the topic is still there.
    void setTopics(std::vector<TopicSummary> topics);
    const std::vector<TopicSummary>& topics() const { return topics_; }
    // The row of topic `id`, or -1.
    int rowOf(uint64_t id) const;
    // An active topic's weight over the sum of the active topics' weights (what splits each
    // epoch's rewards between topics, PROTOCOL.md §5); nullopt for an inactive topic or one
    // without weight. The Weight column shows it as a percentage (the chain's raw weight, a
    // number like 3e+20, in its tooltip).
    std::optional<double> weightShare(const TopicSummary& t) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<TopicSummary> topics_;
    double activeWeight_ = 0;  // the active topics' summed weight (setTopics)
};

}  // namespace allora::ui
