// StakingPage: delegate stake to a topic's reputers (Keplr's flow, for Allora's topics). Choose a
// topic and one of its reputers (with their own and delegated stake), an amount, then confirm
// with the key's password (MsgDelegateStake). Below, every position of the account: topic,
// reputer, amount, pending rewards, and a removal's date once one is waiting for the chain's
// delay; "Claim rewards" (MsgRewardDelegateStake) and "Remove…" (MsgRemoveDelegateStake, with the
// date the stake comes back shown before it is confirmed). Validator staking joins here later.
#pragma once

#include <QWidget>
#include <optional>
#include <vector>

#include "core/amount.h"
#include "ui/emissionsqueries.h"
#include "ui/workerjob.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace allora::ui {

class NodeModel;
class TxPanel;
class WalletModel;

class StakingPage : public QWidget {
    Q_OBJECT

public:
    StakingPage(WalletModel* wallet, NodeModel* node, QWidget* parent = nullptr);

    void refresh();
    void chooseTopic(uint64_t topicId);

Q_SIGNALS:
    void message(const QString& text);
    void staked();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Snapshot;
    void show(const Snapshot& s);
    void reviewDelegate();
    void reviewClaim();
    void reviewRemove();
    // The position selected in the table, if any.
    const Delegation* selectedPosition() const;
    // "about Mon 7 Dec 14:05" for a height `blocks` ahead, from the recent block time.
    QString dateIn(int64_t blocks) const;

    WalletModel* wallet_;
    NodeModel* node_;
    QComboBox* topic_;
    QComboBox* reputer_;
    QLineEdit* amount_;
    QLabel* info_;
    QPushButton* delegate_;
    QTableWidget* positions_;
    QPushButton* claim_;
    QPushButton* remove_;
    TxPanel* panel_;
    std::vector<TopicSummary> topics_;
    std::vector<empb::TopicReputer> reputers_;
    std::vector<Delegation> delegations_;
    std::optional<Amount> txFee_;
    int64_t removalDelay_ = 0;
    double secondsPerBlock_ = 1.0;
    uint64_t sampleHeight_ = 0;  // the first block seen, to measure the block time from
    int64_t sampleNanos_ = 0;
    uint64_t pendingTopic_ = 0;
    uint64_t readHeight_ = 0;  // the height of the last refresh
    ReadGate gate_;
};

}  // namespace allora::ui
