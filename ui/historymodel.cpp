#include "ui/historymodel.h"

#include <QLocale>

#include "ui/nodemodel.h"
#include "ui/nodequeries.h"
#include "ui/pageutil.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

struct Page {
    std::vector<TxRecord> records;
    QString error;
};

}  // namespace

HistoryModel::HistoryModel(NodeModel* node, QObject* parent)
    : QAbstractTableModel(parent), node_(node) {}

void HistoryModel::setAddress(const QString& address) {
    if (address == address_) return;
    address_ = address;
    reload();
}

void HistoryModel::reload() {
    beginResetModel();
    rows_.clear();
    ++generation_;
    atEnd_ = address_.isEmpty();
    if (loading_) {
        loading_ = false;
        Q_EMIT loadingChanged(false);
    }
    endResetModel();
    fetchMore({});
}

int HistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

bool HistoryModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !atEnd_ && !loading_ && node_ != nullptr && node_->api();
}

void HistoryModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    auto api = node_->api();
    uint64_t beforeHeight = 0;
    uint32_t beforeIndex = 0;
    if (!rows_.empty()) {
        beforeHeight = rows_.back().height;
        beforeIndex = rows_.back().index;
    }
    loading_ = true;
    Q_EMIT loadingChanged(true);
    runOnWorker(
        this, node_->queryPool(),
        [api, address = address_.toStdString(), beforeHeight, beforeIndex] {
            Page page;
            auto entries = readHistoryPage(*api, address, beforeHeight, beforeIndex, kPageSize);
            if (!entries) {
                page.error = QString::fromStdString(entries.message());
                return page;
            }
            for (const auto& e : *entries) page.records.push_back(readTxRecord(e, address));
            return page;
        },
        [this, generation = generation_](Page page) {
            if (generation != generation_) return;  // reloaded meanwhile
            loading_ = false;
            if (!page.error.isEmpty()) {
                atEnd_ = true;
                Q_EMIT loadingChanged(false);
                Q_EMIT loadFailed(page.error);
                return;
            }
            atEnd_ = page.records.size() < kPageSize;
            if (!page.records.empty()) {
                const int first = static_cast<int>(rows_.size());
                beginInsertRows({}, first, first + static_cast<int>(page.records.size()) - 1);
                for (auto& r : page.records) rows_.push_back(std::move(r));
                endInsertRows();
            }
            Q_EMIT loadingChanged(false);
        });
}

QString HistoryModel::text(int row, int column) const {
    const TxRecord& r = rows_.at(static_cast<size_t>(row));
    switch (column) {
        case HeightColumn:
            return QString::number(r.height);
        case TimeColumn:
            return QLocale().toString(r.time.toLocalTime(), QLocale::ShortFormat);
        case TypeColumn:
            return TxText::kind(r);
        case CounterpartyColumn:
            return r.counterparty;
        case AmountColumn: {
            if (r.amount.isZero()) return QString();
            const QString a = QString::fromStdString(r.amount.format());
            return r.kind == TxRecord::Kind::Received || r.incoming ? QStringLiteral("+") + a
                                                                    : QStringLiteral("−") + a;
        }
        case FeeColumn:
            return r.fee.isZero() ? QString() : QString::fromStdString(r.fee.format());
        case MemoColumn:
            return r.memo;
        case StatusColumn:
            return TxText::status(r);
        default:
            return {};
    }
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
    const TxRecord& r = rows_.at(static_cast<size_t>(index.row()));
    switch (role) {
        case Qt::DisplayRole:
            return text(index.row(), index.column());
        case Qt::ToolTipRole:
            return QString(tr("Transaction %1").arg(r.hash) +
                           (r.ok ? QString() : QStringLiteral("\n") + r.failure));
        case Qt::TextAlignmentRole:
            if (index.column() == AmountColumn || index.column() == FeeColumn ||
                index.column() == HeightColumn)
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::UserRole:
            return r.hash;
        default:
            return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case HeightColumn:
            return tr("Block");
        case TimeColumn:
            return tr("Time");
        case TypeColumn:
            return tr("Type");
        case CounterpartyColumn:
            return tr("Counterparty");
        case AmountColumn:
            return tr("Amount");
        case FeeColumn:
            return tr("Fee");
        case MemoColumn:
            return tr("Memo");
        case StatusColumn:
            return tr("Status");
        default:
            return {};
    }
}

}  // namespace allora::ui
