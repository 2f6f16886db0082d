#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QFontMetrics>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>

#include "core/password_seal.h"
#include "core/paths.h"
#include "ui/addressbookmodel.h"
#include "ui/addressbookpage.h"
#include "ui/buyinferencepage.h"
#include "ui/createtopicpage.h"
#include "ui/firstrunwizard.h"
#include "ui/guiutil.h"
#include "ui/historypage.h"
#include "ui/nodemodel.h"
#include "ui/nodepage.h"
#include "ui/overviewpage.h"
#include "ui/pageutil.h"
#include "ui/receivepage.h"
#include "ui/sendpage.h"
#include "ui/settingspage.h"
#include "ui/stakingpage.h"
#include "ui/topicspage.h"
#include "ui/walletmodel.h"

namespace allora::ui {

namespace {

enum StackPage { LoadingPage, NoWalletPage, WalletPages };

}  // namespace

MainWindow::MainWindow(WalletModel* model, NodeModel* node, QWidget* parent)
    : QMainWindow(parent),
      model_(model),
      node_(node),
      addressBook_(new AddressBookModel(this)),
      stack_(new QStackedWidget(this)),
      walletStatusLabel_(new QLabel(this)),
      nodeStatusLabel_(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Allora"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/allora.svg")));
    resize(1024, 680);

    createMenus();

    // Loading: shown until the keyring has been opened (a moment, off the GUI thread).
    auto* loading = new QLabel(tr("Opening wallet…"), stack_);
    loading->setAlignment(Qt::AlignCenter);

    // No wallet yet: say so and offer the wizard.
    auto* empty = new QWidget(stack_);
    {
        auto* layout = new QVBoxLayout(empty);
        layout->addStretch(1);
        auto* title = pageHeading(tr("No wallet yet"), empty);
        title->setAlignment(Qt::AlignCenter);
        auto* text =
            new QLabel(tr("Create a new wallet, or restore one from its recovery phrase."), empty);
        text->setAlignment(Qt::AlignCenter);
        text->setWordWrap(true);
        auto* button = new QPushButton(tr("Create or restore wallet…"), empty);
        button->setObjectName(QStringLiteral("createWalletButton"));
        connect(button, &QPushButton::clicked, this, &MainWindow::showFirstRunWizard);
        layout->addWidget(title);
        layout->addWidget(text);
        layout->addSpacing(12);
        layout->addWidget(button, 0, Qt::AlignCenter);
        layout->addStretch(2);
    }

    // The wallet: a sidebar of pages.
    auto* wallet = new QWidget(stack_);
    {
        pageList_ = new QListWidget(wallet);
        pageList_->setObjectName(QStringLiteral("pageList"));
        pageList_->setAccessibleName(tr("Pages"));
        pageList_->setFrameShape(QFrame::NoFrame);
        pageList_->setBackgroundRole(QPalette::Window);
        pageList_->setFixedWidth(190);
        pageList_->setSpacing(2);
        QFont f = pageList_->font();
        f.setPointSizeF(f.pointSizeF() * 1.1);
        pageList_->setFont(f);
        pages_ = new QStackedWidget(wallet);
        pages_->setObjectName(QStringLiteral("pageStack"));
        connect(pageList_, &QListWidget::currentRowChanged, pages_,
                &QStackedWidget::setCurrentIndex);
        auto* line = new QFrame(wallet);
        line->setFrameShape(QFrame::VLine);
        line->setFrameShadow(QFrame::Sunken);
        auto* layout = new QHBoxLayout(wallet);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        layout->addWidget(pageList_);
        layout->addWidget(line);
        layout->addWidget(pages_, 1);
    }

    stack_->insertWidget(LoadingPage, loading);
    stack_->insertWidget(NoWalletPage, empty);
    stack_->insertWidget(WalletPages, wallet);
    setCentralWidget(stack_);
    createPages();

    walletStatusLabel_->setObjectName(QStringLiteral("walletStatusLabel"));
    nodeStatusLabel_->setObjectName(QStringLiteral("nodeStatusLabel"));
    nodeStatusLabel_->setText(tr("Node: not running"));
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    auto* separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    for (QLabel* l : {walletStatusLabel_, nodeStatusLabel_}) l->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(walletStatusLabel_);
    statusBar()->addPermanentWidget(separator);
    statusBar()->addPermanentWidget(nodeStatusLabel_);

    connect(model_, &WalletModel::opened, this, &MainWindow::updateWalletState);
    connect(model_, &WalletModel::openFailed, this, &MainWindow::updateWalletState);
    connect(model_, &WalletModel::activeKeyChanged, this, &MainWindow::updateWalletState);
    connect(model_, &WalletModel::keysChanged, this, &MainWindow::updateWalletState);
    if (node_ != nullptr) {
        connect(node_, &NodeModel::stateChanged, this, &MainWindow::updateNodeState);
        connect(node_, &NodeModel::statusChanged, this, &MainWindow::updateNodeState);
        connect(model_, &WalletModel::activeKeyChanged, this, &MainWindow::updateNodeState);
    }
    updateWalletState();
    updateNodeState();
}

void MainWindow::createPages() {
    overview_ = new OverviewPage(model_, node_, pages_);
    connect(overview_, &OverviewPage::nodeButtonClicked, this, &MainWindow::startOrStopNode);
    connect(overview_, &OverviewPage::message, this, &MainWindow::showMessage);
    send_ = new SendPage(model_, node_, addressBook_, pages_);
    connect(send_, &SendPage::message, this, &MainWindow::showMessage);
    auto* receive = new ReceivePage(model_, pages_);
    connect(receive, &ReceivePage::message, this, &MainWindow::showMessage);
    history_ = new HistoryPage(model_, node_, pages_);
    connect(history_, &HistoryPage::message, this, &MainWindow::showMessage);
    auto* book = new AddressBookPage(addressBook_, pages_);
    connect(book, &AddressBookPage::sendTo, this, [this](const QString& address) {
        send_->setRecipient(address);
        showPage(QStringLiteral("send"));
    });
    // A send that reached a block changes the balances and the history.
    connect(send_, &SendPage::sent, overview_, &OverviewPage::refresh);
    connect(send_, &SendPage::sent, history_, &HistoryPage::reload);

    addPage(QStringLiteral("overview"), tr("Overview"), overview_);
    addPage(QStringLiteral("send"), tr("Send"), send_);
    addPage(QStringLiteral("receive"), tr("Receive"), receive);
    addPage(QStringLiteral("history"), tr("History"), history_);
    auto* topics = new TopicsPage(node_, pages_);
    auto* buy = new BuyInferencePage(model_, node_, pages_);
    connect(buy, &BuyInferencePage::message, this, &MainWindow::showMessage);
    auto* staking = new StakingPage(model_, node_, pages_);
    connect(staking, &StakingPage::message, this, &MainWindow::showMessage);
    auto* create = new CreateTopicPage(model_, node_, pages_);
    connect(create, &CreateTopicPage::message, this, &MainWindow::showMessage);
    connect(topics, &TopicsPage::createTopicRequested, this,
            [this] { showPage(QStringLiteral("createtopic")); });
    connect(topics, &TopicsPage::buyInferenceRequested, this, [this, buy](uint64_t id) {
        buy->chooseTopic(id);
        showPage(QStringLiteral("buy"));
    });
    connect(topics, &TopicsPage::delegateRequested, this, [this, staking](uint64_t id) {
        staking->chooseTopic(id);
        showPage(QStringLiteral("staking"));
    });
    // A new topic opens once it is on chain.
    connect(create, &CreateTopicPage::topicCreated, this, [this, topics](uint64_t id) {
        topics->showTopic(id);
        showPage(QStringLiteral("topics"));
    });
    // Every signed tx moves the balances and the history.
    connect(buy, &BuyInferencePage::paid, overview_, &OverviewPage::refresh);
    connect(buy, &BuyInferencePage::paid, history_, &HistoryPage::reload);
    connect(staking, &StakingPage::staked, overview_, &OverviewPage::refresh);
    connect(staking, &StakingPage::staked, history_, &HistoryPage::reload);
    connect(create, &CreateTopicPage::topicCreated, overview_, &OverviewPage::refresh);
    connect(create, &CreateTopicPage::topicCreated, history_, &HistoryPage::reload);
    auto* nodePage = new NodePage(node_, pages_);

    addPage(QStringLiteral("addressbook"), tr("Address book"), book);
    addPage(QStringLiteral("topics"), tr("Topics"), topics);
    addPage(QStringLiteral("buy"), tr("Buy an inference"), buy);
    addPage(QStringLiteral("staking"), tr("Staking"), staking);
    addPage(QStringLiteral("createtopic"), tr("Create topic"), create);
    addPage(QStringLiteral("node"), tr("Node"), nodePage);

    settings_ = new SettingsPage(pages_);
    addPage(QStringLiteral("settings"), tr("Settings"), settings_);
    // A new unit redraws every amount: the pages read again.
    connect(settings_, &SettingsPage::unitChanged, overview_, &OverviewPage::refresh);
    connect(settings_, &SettingsPage::unitChanged, history_, &HistoryPage::reload);
    // Auto-lock: any key or mouse input in the application restarts the countdown.
    autoLock_ = new QTimer(this);
    autoLock_->setSingleShot(true);
    connect(autoLock_, &QTimer::timeout, this, [this] {
        model_->lock();
        showMessage(
            tr("Locked after %n minute(s) without use.", nullptr, settings_->autoLockMinutes()));
    });
    connect(settings_, &SettingsPage::autoLockChanged, this, &MainWindow::restartAutoLock);
    qApp->installEventFilter(this);
    restartAutoLock();
    // Incoming funds: a desktop notification where the desktop has a tray.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray_ = new QSystemTrayIcon(windowIcon(), this);
        tray_->setToolTip(tr("Allora"));
        tray_->show();
    }
    connect(overview_, &OverviewPage::fundsReceived, this, [this](const Amount& amount) {
        const QString text = tr("Received %1.").arg(formatAllo(amount, true));
        showMessage(text);
        if (tray_ != nullptr && settings_->notifications())
            tray_->showMessage(tr("Allora"), text, QSystemTrayIcon::Information);
    });
    // Staking rewards as they accrue (at most one notice per few minutes), unless turned off.
    connect(overview_, &OverviewPage::rewardsEarned, this, [this](const Amount& amount) {
        if (!settings_->rewardNotifications()) return;
        const QString text = tr("Staking rewards: %1 more to claim on the Staking page.")
                                 .arg(formatAllo(amount, true));
        showMessage(text);
        if (tray_ != nullptr) tray_->showMessage(tr("Allora"), text, QSystemTrayIcon::Information);
    });
    pageList_->setCurrentRow(0);
}

void MainWindow::addPage(const QString& id, const QString& title, QWidget* page) {
    auto* item = new QListWidgetItem(title, pageList_);
    item->setData(Qt::UserRole, id);
    // Sized by the font, so a large system font neither clips a title nor crowds the rows.
    const QFontMetrics metrics(pageList_->font());
    item->setSizeHint(QSize(0, metrics.height() * 2));
    const int wanted = metrics.horizontalAdvance(title) + metrics.averageCharWidth() * 4;
    if (wanted > pageList_->minimumWidth()) pageList_->setFixedWidth(wanted);
    page->setProperty("pageId", id);
    page->setAccessibleName(title);
    // Pages scroll rather than squeeze when the window is small.
    auto* scroll = new QScrollArea(pages_);
    scroll->setAccessibleName(title);  // it takes a Tab stop of its own (keyboard scrolling)
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    pages_->addWidget(scroll);
    const int n = pageList_->count();
    if (n <= 9) {
        auto* action = new QAction(this);
        action->setObjectName(QString(QStringLiteral("showPageAction_") + id));
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + n)));
        connect(action, &QAction::triggered, this, [this, id] { showPage(id); });
        addAction(action);
        item->setToolTip(
            tr("%1 (%2)").arg(title, action->shortcut().toString(QKeySequence::NativeText)));
    }
}

QString MainWindow::currentPage() const {
    const QListWidgetItem* item = pageList_->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

QWidget* MainWindow::page(const QString& id) const {
    for (int i = 0; i < pageList_->count(); ++i)
        if (pageList_->item(i)->data(Qt::UserRole).toString() == id)
            return static_cast<QScrollArea*>(pages_->widget(i))->widget();
    return nullptr;
}

void MainWindow::showPage(const QString& id) {
    for (int i = 0; i < pageList_->count(); ++i)
        if (pageList_->item(i)->data(Qt::UserRole).toString() == id) {
            pageList_->setCurrentRow(i);
            return;
        }
}

void MainWindow::restartAutoLock() {
    const int minutes = settings_ != nullptr ? settings_->autoLockMinutes() : 0;
    if (minutes <= 0) {
        autoLock_->stop();
        return;
    }
    autoLock_->start(std::chrono::minutes(minutes));
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::MouseButtonPress:
        case QEvent::Wheel:
            if (autoLock_ != nullptr && autoLock_->isActive()) autoLock_->start();
            break;
        default:
            break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showMessage(const QString& text) {
    statusBar()->showMessage(text, 5000);
}

void MainWindow::updateNodeState() {
    if (node_ == nullptr) return;
    QString state, button, bar;
    bool enabled = true;
    switch (node_->state()) {
        case NodeModel::State::NoNetwork:
            state =
                tr("No network yet. A local network runs here, in this program: your account "
                   "gets 1,000,000 ALLO to try everything with.");
            button = tr("Try a local network…");
            enabled = model_->activeKey().has_value();
            bar = tr("Node: no network");
            break;
        case NodeModel::State::Stopped:
            state = tr("Stopped. Data in %1.").arg(node_->homeDirectory());
            button = tr("Start node…");
            bar = tr("Node: not running");
            break;
        case NodeModel::State::Starting:
            // The chain opens for reading first: the pages show it while the keys unlock.
            state = node_->readable() && node_->status().latestHeight > 0
                        ? tr("Starting: unlocking the keys. Meanwhile the pages show the chain as "
                             "last committed (block %1).")
                              .arg(node_->status().latestHeight)
                        : tr("Starting…");
            button = tr("Start node…");
            enabled = false;
            bar = tr("Node: starting…");
            break;
        case NodeModel::State::Running: {
            const auto& st = node_->status();
            state = tr("Running chain %1 at height %2 (mempool: %3). Data in %4.")
                        .arg(QString::fromStdString(st.chainId))
                        .arg(st.latestHeight)
                        .arg(st.mempoolTxs)
                        .arg(node_->homeDirectory());
            button = tr("Stop node");
            bar = tr("Node: height %1").arg(st.latestHeight);
            break;
        }
        case NodeModel::State::Stopping:
            state = tr("Stopping (the block in progress is committed)…");
            button = tr("Stop node");
            enabled = false;
            bar = tr("Node: stopping…");
            break;
        case NodeModel::State::Failed:
            state = tr("Could not run: %1").arg(node_->lastError());
            button = tr("Start node…");
            bar = tr("Node: stopped with an error");
            break;
    }
    overview_->setNodeState(state, button, enabled);
    nodeStatusLabel_->setText(bar);
}

void MainWindow::startOrStopNode() {
    if (node_ == nullptr) return;
    const NodeModel::State state = node_->state();
    if (state == NodeModel::State::Running) {
        node_->stop();
        return;
    }
    if (state == NodeModel::State::NoNetwork) {
        const auto key = model_->activeKey();
        if (!key) return;
        bool ok = false;
        const QString password = QInputDialog::getText(
            this, tr("Try a local network"),
            tr("Choose a password for the local network's validator key (at least 8 "
               "characters). You will enter it each time you start the node."),
            QLineEdit::Password, QString(), &ok);
        if (!ok) return;
        const QString again =
            QInputDialog::getText(this, tr("Try a local network"), tr("Repeat the password:"),
                                  QLineEdit::Password, QString(), &ok);
        if (!ok) return;
        auto secret = std::make_shared<const SecureBytes>(toSecureBytes(password));
        if (password != again) {
            QMessageBox::warning(this, tr("Try a local network"),
                                 tr("The two passwords differ. Nothing was created."));
            return;
        }
        if (Status s = validatePassword(*secret); !s) {
            QMessageBox::warning(this, tr("Try a local network"),
                                 QString::fromStdString(s.error().message));
            return;
        }
        node_->createLocalNetwork({QString::fromStdString(key->address)}, secret);
        return;
    }
    if (state == NodeModel::State::Stopped || state == NodeModel::State::Failed) {
        bool ok = false;
        const QString password = QInputDialog::getText(
            this, tr("Start node"), tr("Password of the local network's validator key:"),
            QLineEdit::Password, QString(), &ok);
        if (!ok) return;
        node_->start(std::make_shared<const SecureBytes>(toSecureBytes(password)));
    }
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    QMenu* walletMenu = menuBar()->addMenu(tr("&Wallet"));
    walletMenu->setObjectName(QStringLiteral("walletMenu"));
    QAction* create = walletMenu->addAction(tr("&Create or restore wallet…"));
    create->setObjectName(QStringLiteral("createWalletAction"));
    connect(create, &QAction::triggered, this, &MainWindow::showFirstRunWizard);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* about = help->addAction(tr("&About Allora"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::updateWalletState() {
    if (QAction* create = findChild<QAction*>(QStringLiteral("createWalletAction")))
        create->setEnabled(model_->isOpen());

    switch (model_->state()) {
        case WalletModel::State::Closed:
        case WalletModel::State::Opening:
            stack_->setCurrentIndex(LoadingPage);
            walletStatusLabel_->setText(tr("Opening wallet…"));
            return;
        case WalletModel::State::Failed:
            stack_->setCurrentIndex(NoWalletPage);
            walletStatusLabel_->setText(tr("Wallet: could not be opened"));
            return;
        case WalletModel::State::Open:
            break;
    }

    const auto key = model_->activeKey();
    if (!key) {
        stack_->setCurrentIndex(NoWalletPage);
        walletStatusLabel_->setText(tr("No wallet"));
        return;
    }
    const QString name = QString::fromStdString(key->name);
    const QString address = QString::fromStdString(key->address);
    if (!addressBookLoaded_) {
        addressBookLoaded_ = true;
        addressBook_->load(model_->directory());
    }
    stack_->setCurrentIndex(WalletPages);
    walletStatusLabel_->setText(tr("Wallet: %1 · %2").arg(name, shortAddress(address)));
    walletStatusLabel_->setToolTip(address);
}

void MainWindow::showFirstRunWizard() {
    if (wizard_) {
        wizard_->raise();
        wizard_->activateWindow();
        return;
    }
    if (!model_->isOpen()) return;
    wizard_ = new FirstRunWizard(model_, this);
    wizard_->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard_, &QObject::destroyed, this, [this] { wizard_ = nullptr; });
    connect(wizard_, &FirstRunWizard::localNetworkChosen, this,
            &MainWindow::createLocalNetworkIfNone);
    wizard_->open();
}

void MainWindow::createLocalNetworkIfNone() {
    if (node_ != nullptr && node_->state() == NodeModel::State::NoNetwork) startOrStopNode();
}

void MainWindow::showAbout() {
    // Non-blocking (open(), not exec()): a nested event loop here would help nobody.
    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Allora"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<b>Allora</b> version %1").arg(QString::fromLatin1(allora::versionString())));
    box->setInformativeText(
        tr("A desktop node and wallet for the Allora network, a decentralised network of "
           "machine-learning models."));
    box->setStandardButtons(QMessageBox::Ok);
    box->open();
}

}  // namespace allora::ui
