// TxSubmitter: the one path every page that signs a transaction takes (send, create topic, pay for
// an inference, delegate, claim, remove). It reads the account again (the balance may have moved
// since the form was filled), checks that it can pay what the messages spend plus the fee, builds
// the tx, has the wallet sign it with the key's password, broadcasts it and follows it until it is
// in a block. The node work runs on the node model's query worker and the signature on the
// wallet's worker; every outcome comes back on the GUI thread as a signal. No widgets here: the
// page (or TxPanel) decides how to show it.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <string>
#include <vector>

#include "core/amount.h"
#include "core/bytes.h"
#include "core/hash.h"
#include "ui/nodequeries.h"
#include "wallet/tx_builder.h"

namespace allora::ui {

class NodeModel;
class WalletModel;

// A protobuf message packed for a tx, e.g. packMessage("/emissions.v9.FundTopicRequest", msg).
template <typename Message>
wallet::AnyMessage packMessage(std::string typeUrl, const Message& message) {
    const std::string bytes = message.SerializeAsString();
    return wallet::AnyMessage{std::move(typeUrl), Bytes(bytes.begin(), bytes.end())};
}

class TxSubmitter : public QObject {
    Q_OBJECT

public:
    struct Request {
        std::vector<wallet::AnyMessage> messages;
        Amount spend;  // what the messages take from the account besides the fee
        Amount fee;
        uint64_t gas = kSendGas;
        std::string memo;
    };

    TxSubmitter(WalletModel* wallet, NodeModel* node, QObject* parent = nullptr);

    bool isBusy() const { return busy_; }
    // Signs with the active key and broadcasts; the outcome arrives as failed() or broadcasted()
    // then included() / notIncluded(). A call while busy is ignored.
    void submit(Request request, std::shared_ptr<const SecureBytes> password);

Q_SIGNALS:
    void progress(const QString& text);
    // Nothing reached the chain (a wrong password, too little balance, a refusal by the node).
    void failed(const QString& text);
    void broadcasted(const QString& hashHex);
    // In block `outcome.height`; outcome.code != 0 when the messages failed there.
    void included(const allora::ui::TxOutcome& outcome);
    // Not in a block within the minute it was followed.
    void notIncluded();
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);
    void fail(const QString& text);
    void broadcast(Bytes raw);
    void poll();

    WalletModel* wallet_;
    NodeModel* node_;
    bool busy_ = false;
    Hash256 pending_{};
    int pollsLeft_ = 0;
    QTimer pollTimer_;
};

}  // namespace allora::ui
