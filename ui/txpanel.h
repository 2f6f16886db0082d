// TxPanel: the lower half of every page that signs a transaction. It shows what is about to be
// signed (a summary in words) with a password field and Sign / Cancel, then the tx hash and its
// fate (waiting, included in block N, failed), and the page's messages (problems with the form,
// refusals). The flow itself is TxSubmitter's. Child objectNames start with the prefix given
// (e.g. "send": sendConfirmBox, sendSummaryLabel, sendPasswordEdit, sendConfirmButton,
// sendCancelButton, sendMessageLabel, sendTxHashLabel, sendTxStatusLabel), so tests find them.
#pragma once

#include <QWidget>
#include <optional>

#include "ui/txsubmitter.h"

class QGroupBox;
class QKeyEvent;
class QLabel;
class QLineEdit;
class QPushButton;

namespace allora::ui {

class NodeModel;
class WalletModel;

class TxPanel : public QWidget {
    Q_OBJECT

public:
    TxPanel(const QString& prefix, const QString& signLabel, WalletModel* wallet, NodeModel* node,
            QWidget* parent = nullptr);

    // Shows `summary` and asks for the password; Sign submits `request`.
    void review(const QString& summary, TxSubmitter::Request request);
    // A problem with the form, or a note: shown under the form.
    void showMessage(const QString& text);
    void cancel();
    bool isBusy() const { return submitter_->isBusy(); }

Q_SIGNALS:
    // The tx reached a block (successfully when outcome.code == 0).
    void included(const allora::ui::TxOutcome& outcome);
    void busyChanged(bool busy);
    // A one-line outcome for the window's status bar.
    void message(const QString& text);

protected:
    // Escape cancels the confirmation; Enter stays here (the password field signs, a focused
    // button clicks) rather than reaching the page's form.
    void keyPressEvent(QKeyEvent* event) override;

private:
    void confirm();
    void clearPassword();
    void setBusy(bool busy);

    TxSubmitter* submitter_;
    QGroupBox* confirmBox_;
    QLabel* summary_;
    QLineEdit* password_;
    QPushButton* confirmButton_;
    QPushButton* cancelButton_;
    QLabel* message_;
    QLabel* txHash_;
    QLabel* txStatus_;
    std::optional<TxSubmitter::Request> request_;
};

}  // namespace allora::ui
