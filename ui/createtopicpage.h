// CreateTopicPage: a form with every field of MsgCreateNewTopic (PROTOCOL.md §5). Each change is
// checked at once with the chain's own rules (node/api/topic_rules.h, plus the parameters that
// need chain state: the minimum epoch length and the longest string), and the problem is named
// next to the form; the cost is shown (the chain's topic creation fee plus the tx fee). Review
// asks for the key's password (TxPanel); once the topic is on chain, topicCreated(id) opens it.
#pragma once

#include <QWidget>
#include <optional>

#include "allora/emissions/v9/tx.pb.h"
#include "allora/emissions/v9/types.pb.h"
#include "core/amount.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace allora::ui {

class NodeModel;
class TxPanel;
class WalletModel;

class CreateTopicPage : public QWidget {
    Q_OBJECT

public:
    CreateTopicPage(WalletModel* wallet, NodeModel* node, QWidget* parent = nullptr);

    // Reads the chain's parameters and gas price again (off the GUI thread).
    void refresh();

Q_SIGNALS:
    void topicCreated(uint64_t topicId);
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    // The form as a request (creator filled in), or the first problem with it.
    std::optional<::emissions::v9::CreateNewTopicRequest> readForm(QString& problem) const;
    void validate();
    void review();

    WalletModel* wallet_;
    NodeModel* node_;
    QLineEdit* metadata_;
    QComboBox* lossMethod_;
    QSpinBox* epochLength_;
    QSpinBox* groundTruthLag_;
    QSpinBox* submissionWindow_;
    QLineEdit* pNorm_;
    QLineEdit* alphaRegret_;
    QCheckBox* allowNegative_;
    QLineEdit* epsilon_;
    QLineEdit* meritSortitionAlpha_;
    QLineEdit* infererQuantile_;
    QLineEdit* forecasterQuantile_;
    QLineEdit* reputerQuantile_;
    QLabel* problem_;
    QLabel* cost_;
    QPushButton* review_;
    TxPanel* panel_;
    std::optional<::emissions::v9::Params> params_;
    std::optional<Amount> txFee_;
    bool refreshing_ = false;
};

}  // namespace allora::ui
