// OverviewPage: the active account at a glance: name and address, balances from the node (in ALLO,
// full precision on demand), recent activity, the node's state with its start/stop button, and a
// button that locks the wallet. Balances the node cannot report yet show "—", never a guess.
#pragma once

#include <QWidget>
#include <optional>

#include "ui/nodequeries.h"
#include "ui/txrecord.h"

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace allora::ui {

class NodeModel;
class WalletModel;

class OverviewPage : public QWidget {
    Q_OBJECT

public:
    OverviewPage(WalletModel* wallet, NodeModel* node, QWidget* parent = nullptr);

    // The node section (text, button label and whether it can be pressed); MainWindow decides.
    void setNodeState(const QString& text, const QString& button, bool enabled);
    // Reads balances and recent activity again (off the GUI thread).
    void refresh();

Q_SIGNALS:
    void nodeButtonClicked();
    void message(const QString& text);
    // The account's balance rose by `amount` since the last read (incoming funds).
    void fundsReceived(const allora::Amount& amount);

private:
    void updateAccount();
    void showBalances();

    WalletModel* wallet_;
    NodeModel* node_;
    QLabel* nameLabel_;
    QLabel* addressLabel_;
    QLabel* noteLabel_;
    QLabel* spendableLabel_;
    QLabel* vestingLabel_;
    QLabel* totalLabel_;
    QCheckBox* fullPrecision_;
    QListWidget* recent_;
    QLabel* nodeStateLabel_ = nullptr;
    QPushButton* nodeButton_ = nullptr;
    std::optional<AccountSnapshot> snapshot_;
    uint64_t lastHeight_ = 0;
    bool refreshing_ = false;
    bool refreshAgain_ = false;
};

// "1.5 ALLO" with at most 6 decimals (truncated, never rounded up), or every decimal when `full`;
// "1500000 uallo" when the display unit (settings) is uallo.
QString formatAllo(const Amount& amount, bool full);

}  // namespace allora::ui
