// HistoryModel: the active account's transactions, sent and received, newest first, read from the
// node's address index a page at a time (canFetchMore / fetchMore: views ask for the next page as
// the user scrolls). Reads run on the node's query worker; reload() starts again from the top.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <vector>

#include "ui/txrecord.h"

namespace allora::ui {

class NodeModel;

class HistoryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        HeightColumn,
        TimeColumn,
        TypeColumn,
        CounterpartyColumn,
        AmountColumn,
        FeeColumn,
        MemoColumn,
        StatusColumn,
        ColumnCount
    };
    static constexpr uint32_t kPageSize = 50;

    explicit HistoryModel(NodeModel* node, QObject* parent = nullptr);

    // Shows `address`'s history (an empty address: nothing) from the newest tx.
    void setAddress(const QString& address);
    QString address() const { return address_; }
    void reload();
    bool isLoading() const { return loading_; }
    // Whether the oldest tx has been read.
    bool atEnd() const { return atEnd_; }
    const TxRecord& record(int row) const { return rows_.at(static_cast<size_t>(row)); }
    // The text of a cell as a person reads it (also what the CSV export writes).
    QString text(int row, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loadFailed(const QString& message);

private:
    NodeModel* node_;
    QString address_;
    std::vector<TxRecord> rows_;
    bool atEnd_ = true;
    bool loading_ = false;
    uint64_t generation_ = 0;  // results of an older reload() are dropped
};

}  // namespace allora::ui
