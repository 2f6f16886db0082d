// MainWindow: allora-qt's main window. For now it shows the active account (name and address), the
// in-process node (create a local network, start, stop, height) and the wallet and node state in
// the status bar; the pages that use the node (balances, send, topics) come later.
#pragma once

#include <QMainWindow>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace allora::ui {

class FirstRunWizard;
class NodeModel;
class WalletModel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // The models must outlive the window; without a node model the window shows no node.
    explicit MainWindow(WalletModel* model, NodeModel* node = nullptr, QWidget* parent = nullptr);

public Q_SLOTS:
    // Opens the create-or-restore wizard (window-modal, not blocking); a no-op while one is open.
    void showFirstRunWizard();
    void showAbout();
    // "Try a local network" / "Start node" / "Stop node", by the node's state; asks the password
    // of the local network's validator key where one is needed.
    void startOrStopNode();

private:
    void createMenus();
    void updateWalletState();
    void updateNodeState();

    WalletModel* model_;
    NodeModel* node_;
    QLabel* nodeStateLabel_ = nullptr;
    QPushButton* nodeButton_ = nullptr;
    FirstRunWizard* wizard_ = nullptr;
    QStackedWidget* stack_;
    QLabel* accountNameLabel_;
    QLabel* addressLabel_;
    QPushButton* copyAddressButton_;
    QLabel* walletStatusLabel_;
    QLabel* nodeStatusLabel_;
};

}  // namespace allora::ui
