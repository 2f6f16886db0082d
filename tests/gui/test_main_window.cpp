// The main window against a real keyring: title, menus, the status bar before and after a wallet
// is restored through the wizard opened from the Wallet menu, and the About box.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTemporaryDir>

#include "core/paths.h"
#include "guitestutil.h"
#include "ui/mainwindow.h"
#include "wallet/account.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

class MainWindowTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(installEnglishTranslator()); }
    void titleMenusAndStatus();
    void showsExistingKey();
};

void MainWindowTest::titleMenusAndStatus() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto model = openModel(dir.path(), wallet::KeyringBackend::File);
    QVERIFY(model);
    MainWindow window(model.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QCOMPARE(window.windowTitle(), QStringLiteral("Allora"));
    auto* fileMenu = child<QMenu>(&window, "fileMenu");
    auto* walletMenu = child<QMenu>(&window, "walletMenu");
    auto* helpMenu = child<QMenu>(&window, "helpMenu");
    QVERIFY(fileMenu && walletMenu && helpMenu);
    auto* quit = child<QAction>(&window, "quitAction");
    auto* create = child<QAction>(&window, "createWalletAction");
    auto* about = child<QAction>(&window, "aboutAction");
    QVERIFY(quit && create && about);
    QVERIFY(fileMenu->actions().contains(quit));
    QVERIFY(walletMenu->actions().contains(create));
    QVERIFY(helpMenu->actions().contains(about));
    QVERIFY(create->isEnabled());

    auto* walletStatus = child<QLabel>(&window, "walletStatusLabel");
    auto* nodeStatus = child<QLabel>(&window, "nodeStatusLabel");
    QVERIFY(walletStatus && nodeStatus);
    QCOMPARE(walletStatus->text(), QStringLiteral("No wallet"));
    QCOMPARE(nodeStatus->text(), QStringLiteral("Node: not running"));
    saveScreenshot(&window, QStringLiteral("main-window-no-wallet"));

    // Wallet → Create or restore… opens the wizard; restore the cosmjs key through it.
    create->trigger();
    auto* wizard = window.findChild<FirstRunWizard*>();
    QVERIFY(wizard);
    QTRY_VERIFY(wizard->isVisible());
    child<QRadioButton>(wizard, "restoreRadio")->click();
    clickNext(*wizard);
    QTest::keyClicks(child<QPlainTextEdit>(wizard, "mnemonicEdit"),
                     QString::fromLatin1(kCosmjsMnemonic));
    clickNext(*wizard);
    child<QLineEdit>(wizard, "keyNameEdit")->setText(QStringLiteral("main"));
    child<QLineEdit>(wizard, "passwordEdit")->setText(QStringLiteral("main window test"));
    child<QLineEdit>(wizard, "passwordConfirmEdit")->setText(QStringLiteral("main window test"));
    QVERIFY(nextEnabled(*wizard));
    clickNext(*wizard);
    auto* result = child<QLabel>(wizard, "resultAddressLabel");
    QTRY_VERIFY_WITH_TIMEOUT(!result->text().isEmpty(), kKeyringTimeoutMs);
    wizard->button(QWizard::FinishButton)->click();
    QTRY_VERIFY(!window.findChild<FirstRunWizard*>());  // deleted on close

    const auto account = wallet::deriveAccount(kCosmjsMnemonic);
    QVERIFY(account.ok());
    const QString address = QString::fromStdString(account->address);
    auto* addressLabel = child<QLabel>(&window, "addressLabel");
    auto* nameLabel = child<QLabel>(&window, "accountNameLabel");
    QVERIFY(addressLabel && nameLabel);
    QCOMPARE(addressLabel->text(), address);
    QVERIFY(addressLabel->textInteractionFlags() & Qt::TextSelectableByMouse);
    QVERIFY(addressLabel->isVisible());
    QCOMPARE(nameLabel->text(), QStringLiteral("main"));
    QVERIFY(walletStatus->text().startsWith(QStringLiteral("Wallet: main · allo1")));
    QVERIFY(walletStatus->text().contains(address.right(5)));
    QCOMPARE(walletStatus->toolTip(), address);
    saveScreenshot(&window, QStringLiteral("main-window"));

    // Help → About: non-modal, says the version.
    about->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("aboutBox"))) != nullptr);
    QVERIFY(box->text().contains(QString::fromLatin1(allora::versionString())));
    QTRY_VERIFY(box->isVisible());
    saveScreenshot(box, QStringLiteral("about"));
    box->accept();
}

void MainWindowTest::showsExistingKey() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        auto keyring = wallet::openKeyring(QFile::encodeName(dir.path()).toStdString(),
                                           wallet::KeyringBackend::Test);
        QVERIFY(keyring.ok());
        QVERIFY((*keyring)->add("existing", SecureBytes::fromString(kCosmjsMnemonic), {}).ok());
    }
    // The window shows up before the keyring is open, and fills in when it is.
    WalletModel model;
    MainWindow window(&model);
    window.show();
    auto* walletStatus = child<QLabel>(&window, "walletStatusLabel");
    QVERIFY(walletStatus);
    QCOMPARE(walletStatus->text(), QStringLiteral("Opening wallet…"));
    model.open(QFile::encodeName(dir.path()).toStdString(), wallet::KeyringBackend::Test);
    QTRY_VERIFY_WITH_TIMEOUT(model.isOpen(), kKeyringTimeoutMs);
    QVERIFY(walletStatus->text().startsWith(QStringLiteral("Wallet: existing · allo1")));
    QCOMPARE(child<QLabel>(&window, "addressLabel")->text(),
             QString::fromStdString(wallet::deriveAccount(kCosmjsMnemonic)->address));
}

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
