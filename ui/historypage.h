// HistoryPage: the active account's transactions in a table that loads more as it scrolls, a
// filter box over every column, and export of the rows shown to CSV.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace allora::ui {

class HistoryModel;
class NodeModel;
class WalletModel;

class HistoryPage : public QWidget {
    Q_OBJECT

public:
    HistoryPage(WalletModel* wallet, NodeModel* node, QWidget* parent = nullptr);

    HistoryModel* model() const { return model_; }
    // Reads the history again from the newest tx.
    void reload();
    // Writes the rows the filter shows to `path` as CSV (RFC 4180, UTF-8, a header row) on a
    // worker; exported(path) or exportFailed(message).
    void exportCsv(const QString& path);

Q_SIGNALS:
    void exported(const QString& path);
    void exportFailed(const QString& message);
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void chooseExportFile();
    void updateStatus();

    WalletModel* wallet_;
    NodeModel* node_;
    HistoryModel* model_;
    QSortFilterProxyModel* proxy_;
    QLineEdit* filter_;
    QTableView* table_;
    QLabel* status_;
    bool shownOnce_ = false;
};

}  // namespace allora::ui
