// BuyInferencePage: pay what you want for a topic's inference. Choose a topic and an amount; the
// page says what the payment does (it is added to the topic's fee revenue, which raises the
// topic's weight and so the rewards its workers and reputers earn) before the key's password
// confirms it (MsgFundTopic through TxPanel). Once the payment is in a block the page shows the
// topic's revenue before and after, and its latest network inference with the confidence band
// and the contributing workers.
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

class BuyInferencePage : public QWidget {
    Q_OBJECT

public:
    BuyInferencePage(WalletModel* wallet, NodeModel* node, QWidget* parent = nullptr);

    // Reads the topics, the chosen topic's revenue and inference, and the fee (off the GUI thread).
    void refresh();
    void chooseTopic(uint64_t topicId);

Q_SIGNALS:
    void message(const QString& text);
    // A payment reached a block: balances and history changed.
    void paid();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Snapshot;
    void show(const Snapshot& s);
    void review();

    WalletModel* wallet_;
    NodeModel* node_;
    QComboBox* topic_;
    QLineEdit* amount_;
    QLabel* explanation_;
    QLabel* revenue_;
    QLabel* fee_;
    QPushButton* review_;
    TxPanel* panel_;
    QLabel* inference_;
    QTableWidget* contributors_;
    std::optional<Amount> txFee_;
    std::optional<Amount> revenueBefore_;  // the chosen topic's revenue when the payment was sent
    std::optional<TopicSummary> chosen_;
    uint64_t pendingTopic_ = 0;
    ReadGate gate_;
};

}  // namespace allora::ui
