// SendPage: sends ALLO from the active account. The recipient is checked as it is typed (bech32,
// "allo" prefix) and completed from the address book; the amount must fit the spendable balance
// with the fee (presets from the node's minimum gas price, or a custom fee); a summary and the
// key's password confirm it. Signing runs on the wallet's worker, building and broadcasting on
// the node's query worker; the page shows the tx hash, then the result once it is in a block.
#pragma once

#include <QWidget>
#include <optional>
#include <string>

#include "core/amount.h"
#include "core/hash.h"
#include "ui/nodequeries.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace allora::ui {

class AddressBookModel;
class NodeModel;
class TxPanel;
class WalletModel;

class SendPage : public QWidget {
    Q_OBJECT

public:
    SendPage(WalletModel* wallet, NodeModel* node, AddressBookModel* book,
             QWidget* parent = nullptr);

    // Re-reads the spendable balance and the minimum gas price (off the GUI thread).
    void refresh();
    // Fills the recipient (e.g. from the address book).
    void setRecipient(const QString& address);

Q_SIGNALS:
    // A tx was accepted into a block (successfully or not): balances and history changed.
    void sent();
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Draft {
        std::string to;
        Amount amount;
        Amount fee;
        std::string memo;
    };

    void validateRecipient();
    void updateFee();
    // The form as a transfer, or a message saying what is wrong (shown, nothing sent).
    std::optional<Draft> readForm(QString& problem) const;
    void review();
    void fail(const QString& text);
    QString resolveRecipient() const;

    WalletModel* wallet_;
    NodeModel* node_;
    AddressBookModel* book_;
    QLineEdit* recipient_;
    QLabel* recipientStatus_;
    QLineEdit* amount_;
    QComboBox* unit_;
    QLabel* available_;
    QComboBox* feeChoice_;
    QLineEdit* customFee_;
    QLabel* feeLabel_;
    QLineEdit* memo_;
    QPushButton* reviewButton_;
    TxPanel* panel_;

    std::optional<AccountSnapshot> account_;
    std::optional<std::string> gasPrice_;
    bool refreshing_ = false;
};

}  // namespace allora::ui
