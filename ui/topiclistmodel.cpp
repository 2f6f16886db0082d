#include "ui/topiclistmodel.h"

#include <cmath>

#include "ui/overviewpage.h"

namespace allora::ui {

namespace {

double parsedWeight(const TopicSummary& t) {
    bool ok = false;
    const double w = QString::fromStdString(t.weight).toDouble(&ok);
    return ok && std::isfinite(w) && w > 0 ? w : 0;
}

}  // namespace

TopicListModel::TopicListModel(QObject* parent) : QAbstractTableModel(parent) {}

void TopicListModel::setTopics(std::vector<TopicSummary> topics) {
    // The shares' denominator, summed once per refresh rather than per cell (a sort asks for
    // every row's share many times).
    activeWeight_ = 0;
    for (const TopicSummary& t : topics)
        if (t.active) activeWeight_ += parsedWeight(t);
    // Same ids in the same order (the usual refresh): update in place so selections stay.
    bool sameRows = topics.size() == topics_.size();
    for (size_t i = 0; sameRows && i < topics.size(); ++i)
        sameRows = topics[i].topic.id() == topics_[i].topic.id();
    if (sameRows) {
        topics_ = std::move(topics);
        if (!topics_.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    topics_ = std::move(topics);
    endResetModel();
}

std::optional<double> TopicListModel::weightShare(const TopicSummary& t) const {
    const double w = parsedWeight(t);
    if (!t.active || w <= 0 || activeWeight_ <= 0) return std::nullopt;
    return w / activeWeight_;
}

int TopicListModel::rowOf(uint64_t id) const {
    for (size_t i = 0; i < topics_.size(); ++i)
        if (topics_[i].topic.id() == id) return static_cast<int>(i);
    return -1;
}

int TopicListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(topics_.size());
}

int TopicListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopicListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const TopicSummary& t = topics_[static_cast<size_t>(index.row())];
    if (role == TopicIdRole) return QVariant::fromValue<qulonglong>(t.topic.id());
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
            case IdColumn:
            case EpochLengthColumn:
            case WeightColumn:
            case StakeColumn:
            case RevenueColumn:
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            default:
                return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == DescriptionColumn)
        return tr("Created by %1").arg(QString::fromStdString(t.topic.creator()));
    if (role == Qt::ToolTipRole && index.column() == WeightColumn)
        return tr("This topic's share of the active topics' combined weight, which sets its share "
                  "of each epoch's rewards. Weight on chain: %1")
            .arg(t.weight.empty() ? QStringLiteral("—") : QString::fromStdString(t.weight));
    if (role != Qt::DisplayRole && role != SortRole) return {};
    const bool sort = role == SortRole;
    switch (index.column()) {
        case IdColumn:
            return QVariant::fromValue<qulonglong>(t.topic.id());
        case DescriptionColumn:
            return QString::fromStdString(t.topic.metadata());
        case LossMethodColumn:
            return QString::fromStdString(t.topic.loss_method());
        case EpochLengthColumn:
            return QVariant::fromValue<qlonglong>(t.topic.epoch_length());
        case WeightColumn: {
            const std::optional<double> share = weightShare(t);
            if (sort) return share.value_or(-1);
            if (!share) return QStringLiteral("—");
            // A share that rounds to 0.00 still earns something: say so rather than show zero.
            if (*share * 100 < 0.005) return tr("< 0.01 %");
            return tr("%1 %").arg(*share * 100, 0, 'f', 2);
        }
        case StakeColumn:
            return sort ? QVariant(
                              formatAllo(t.stake, true).section(QLatin1Char(' '), 0, 0).toDouble())
                        : QVariant(formatAllo(t.stake, false));
        case RevenueColumn:
            return sort
                       ? QVariant(
                             formatAllo(t.revenue, true).section(QLatin1Char(' '), 0, 0).toDouble())
                       : QVariant(formatAllo(t.revenue, false));
        case ActiveColumn:
            if (sort) return t.active ? 1 : 0;
            return t.active ? tr("Active") : tr("Inactive");
        default:
            return {};
    }
}

QVariant TopicListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case IdColumn:
            return tr("ID");
        case DescriptionColumn:
            return tr("Description");
        case LossMethodColumn:
            return tr("Loss");
        case EpochLengthColumn:
            return tr("Epoch (blocks)");
        case WeightColumn:
            return tr("Weight share");
        case StakeColumn:
            return tr("Stake");
        case RevenueColumn:
            return tr("Revenue");
        case ActiveColumn:
            return tr("State");
        default:
            return {};
    }
}

}  // namespace allora::ui
