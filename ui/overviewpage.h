// OverviewPage: the active account at a glance: name and address, balances from the node (in ALLO,
// full precision on demand; what it has delegated to reputers and their pending rewards), recent
// activity, the node's state with its start/stop button, and a button that locks the wallet.
// Balances the node cannot report yet show "—", never a guess. It notices incoming funds and
// staking rewards (signals; the window notifies).
#pragma once

#include <QElapsedTimer>
#include <QWidget>
#include <chrono>
#include <optional>
#include <vector>

#include "ui/nodequeries.h"
#include "ui/txrecord.h"

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace allora::ui {

class NodeModel;
class WalletModel;
struct Delegation;

class OverviewPage : public QWidget {
    Q_OBJECT

public:
    OverviewPage(WalletModel* wallet, NodeModel* node, QWidget* parent = nullptr);

    // The node section (text, button label and whether it can be pressed); MainWindow decides.
    void setNodeState(const QString& text, const QString& button, bool enabled);
    // Reads balances and recent activity again (off the GUI thread).
    void refresh();
    // Rewards accrue every epoch; one notice per `interval` at most sums them (default 10 min;
    // 0: a notice on each rise).
    void setRewardsNoticeInterval(std::chrono::milliseconds interval) {
        rewardsInterval_ = interval;
    }
    std::chrono::milliseconds rewardsNoticeInterval() const { return rewardsInterval_; }

Q_SIGNALS:
    void nodeButtonClicked();
    void message(const QString& text);
    // The account's balance rose by `amount` since the last read (incoming funds).
    void fundsReceived(const allora::Amount& amount);
    // The account's pending staking rewards (over its delegations) rose by `amount`: what they
    // gained since the last time this was emitted, at most once per rewardsNoticeInterval().
    void rewardsEarned(const allora::Amount& amount);

private:
    void updateAccount();
    void showBalances();
    void updateStaking(const std::vector<Delegation>& positions);

    WalletModel* wallet_;
    NodeModel* node_;
    QLabel* nameLabel_;
    QLabel* addressLabel_;
    QLabel* noteLabel_;
    QLabel* spendableLabel_;
    QLabel* vestingLabel_;
    QLabel* totalLabel_;
    QLabel* delegatedLabel_;
    QLabel* pendingRewardsLabel_;
    QCheckBox* fullPrecision_;
    QListWidget* recent_;
    QLabel* nodeStateLabel_ = nullptr;
    QPushButton* nodeButton_ = nullptr;
    std::optional<AccountSnapshot> snapshot_;
    // The sums over the account's delegations (nullopt: not read yet, or none).
    std::optional<Amount> delegated_;
    std::optional<Amount> pendingRewards_;
    std::optional<Amount> lastPending_;  // the pending rewards of the previous read
    Amount unreportedRewards_;           // gained since the last rewardsEarned
    QElapsedTimer lastRewardsNotice_;
    std::chrono::milliseconds rewardsInterval_ = std::chrono::minutes(10);
    uint64_t lastHeight_ = 0;
    bool refreshing_ = false;
    bool refreshAgain_ = false;
};

// "1.5 ALLO" with at most 6 decimals (truncated, never rounded up), or every decimal when `full`;
// "1500000 uallo" when the display unit (settings) is uallo.
QString formatAllo(const Amount& amount, bool full);

}  // namespace allora::ui
