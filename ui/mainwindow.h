// MainWindow: allora-qt's main window. Once a wallet is open it shows a sidebar of pages
// (Overview, Send, Receive, History, Address book, Topics, Buy an inference, Staking, Create
// topic, Node, Settings; more pages register with addPage()) and the
// wallet and node state in the status bar. Before that: a loading page, or the offer to create or
// restore a wallet.
#pragma once

#include <QMainWindow>
#include <QString>

class QLabel;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;

namespace allora::ui {

class AddressBookModel;
class FirstRunWizard;
class HistoryPage;
class NodeModel;
class OverviewPage;
class SendPage;
class SettingsPage;
class WalletModel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // The models must outlive the window; without a node model the window shows no node.
    explicit MainWindow(WalletModel* model, NodeModel* node = nullptr, QWidget* parent = nullptr);

    // Adds a page to the sidebar (after the ones there): `id` names it for showPage(), `page`'s
    // objectName is what tests find. The first nine get Ctrl+1…Ctrl+9.
    void addPage(const QString& id, const QString& title, QWidget* page);
    // The id of the page shown, and the page of an id (nullptr when there is none).
    QString currentPage() const;
    QWidget* page(const QString& id) const;
    AddressBookModel* addressBook() const { return addressBook_; }

public Q_SLOTS:
    // Shows the page registered as `id` ("overview", "send", "receive", "history",
    // "addressbook", "topics", "buy", "staking", "createtopic", "node", "settings").
    void showPage(const QString& id);
    // Opens the create-or-restore wizard (window-modal, not blocking); a no-op while one is open.
    void showFirstRunWizard();
    void showAbout();
    // "Try a local network" / "Start node" / "Stop node", by the node's state; asks the password
    // of the local network's validator key where one is needed.
    void startOrStopNode();
    // After the first-run wizard's "Try a local network": creates it unless the home has a node.
    void createLocalNetworkIfNone();

protected:
    // Watches the application's input for the auto-lock countdown.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void restartAutoLock();
    void createMenus();
    void createPages();
    void updateWalletState();
    void updateNodeState();
    void showMessage(const QString& text);

    WalletModel* model_;
    NodeModel* node_;
    AddressBookModel* addressBook_;
    FirstRunWizard* wizard_ = nullptr;
    QStackedWidget* stack_;
    QListWidget* pageList_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    OverviewPage* overview_ = nullptr;
    SendPage* send_ = nullptr;
    HistoryPage* history_ = nullptr;
    SettingsPage* settings_ = nullptr;
    QTimer* autoLock_ = nullptr;
    QSystemTrayIcon* tray_ = nullptr;
    QLabel* walletStatusLabel_;
    QLabel* nodeStatusLabel_;
    bool addressBookLoaded_ = false;
};

}  // namespace allora::ui
