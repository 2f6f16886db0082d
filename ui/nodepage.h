// NodePage: the node inside allora-qt, as Bitcoin Core's debug window shows its own: chain id,
// moniker, consensus engine, height and block time with the age of the last block, sync state,
// mempool, validator address and voting power, the HTTP API address, the data directory with its
// size (measured on the node's query worker), and a live view of the node's log.
#pragma once

#include <QWidget>
#include <cstdint>

class QLabel;
class QPlainTextEdit;

namespace allora::ui {

class NodeModel;

class NodePage : public QWidget {
    Q_OBJECT

public:
    explicit NodePage(NodeModel* node, QWidget* parent = nullptr);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateStatus();
    void appendLog();
    void measureDataDirectory();

    NodeModel* node_;
    QLabel* state_;
    QLabel* chain_;
    QLabel* height_;
    QLabel* blockTime_;
    QLabel* sync_;
    QLabel* mempool_;
    QLabel* validator_;
    QLabel* api_;
    QLabel* dataDir_;
    QLabel* hashes_;
    QPlainTextEdit* log_;
    uint64_t logSeen_ = 0;
    bool measuring_ = false;
};

}  // namespace allora::ui
