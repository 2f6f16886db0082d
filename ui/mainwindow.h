// MainWindow: allora-qt's main window. For now it shows the active account (name and address) and
// the wallet and node state in the status bar; the node and the pages that use it come later.
#pragma once

#include <QMainWindow>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace allora::ui {

class FirstRunWizard;
class WalletModel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // The model must outlive the window.
    explicit MainWindow(WalletModel* model, QWidget* parent = nullptr);

public Q_SLOTS:
    // Opens the create-or-restore wizard (window-modal, not blocking); a no-op while one is open.
    void showFirstRunWizard();
    void showAbout();

private:
    void createMenus();
    void updateWalletState();

    WalletModel* model_;
    FirstRunWizard* wizard_ = nullptr;
    QStackedWidget* stack_;
    QLabel* accountNameLabel_;
    QLabel* addressLabel_;
    QPushButton* copyAddressButton_;
    QLabel* walletStatusLabel_;
    QLabel* nodeStatusLabel_;
};

}  // namespace allora::ui
