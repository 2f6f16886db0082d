// The node inside allora-qt: the main window offers a local network when the home has none; the
// network is created with the active account funded and runs in-process (the window shows its
// height rising); it stops cleanly, refuses a wrong validator-key password with a clear message,
// and starts again on the same chain. Real keyring, real node on SQLite, offscreen widgets.
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>

#include "guitestutil.h"
#include "node/api/local_node.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

namespace {

constexpr int kNodeTimeoutMs = 30000;

std::shared_ptr<const SecureBytes> secret(const char* text) {
    return std::make_shared<const SecureBytes>(SecureBytes::fromString(text));
}

}  // namespace

class LocalNodeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(installEnglishTranslator()); }

    void createRunStopRestart() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto wallet = openModel(dir.path(), wallet::KeyringBackend::Test);
        QVERIFY(wallet);
        QSignalSpy added(wallet.get(), &WalletModel::keyAdded);
        wallet->addKey(
            QStringLiteral("me"),
            std::make_shared<const SecureBytes>(SecureBytes::fromString(kCosmjsMnemonic)),
            secret(""));
        QVERIFY(added.wait(kKeyringTimeoutMs));

        NodeModel node(QFile::encodeName(dir.path()).toStdString());
        node.setServeApi(false);
        node.setPollInterval(std::chrono::milliseconds(100));
        MainWindow window(wallet.get(), &node);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto* stateLabel = child<QLabel>(&window, "nodeStateLabel");
        auto* button = child<QPushButton>(&window, "nodeButton");
        auto* bar = child<QLabel>(&window, "nodeStatusLabel");
        QVERIFY(stateLabel && button && bar);
        QCOMPARE(node.state(), NodeModel::State::NoNetwork);
        QCOMPARE(button->text(), QStringLiteral("Try a local network…"));
        QVERIFY(button->isEnabled());
        QCOMPARE(bar->text(), QStringLiteral("Node: no network"));

        // A password the rules refuse creates nothing.
        node.createLocalNetwork({QString::fromStdString(wallet->activeKey()->address)},
                                secret("short"));
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::NoNetwork, kNodeTimeoutMs);
        QVERIFY(node.lastError().contains(QStringLiteral("8")));
        QVERIFY(!node::api::hasNodeHome(QFile::encodeName(dir.path()).toStdString()));

        node.createLocalNetwork({QString::fromStdString(wallet->activeKey()->address)},
                                secret("validator password"), std::chrono::milliseconds(100));
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Running, kNodeTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(node.status().latestHeight >= 3, kNodeTimeoutMs);
        QCOMPARE(node.status().chainId, std::string("allora-devnet-1"));
        QTRY_VERIFY_WITH_TIMEOUT(bar->text().startsWith(QStringLiteral("Node: height ")),
                                 kNodeTimeoutMs);
        QVERIFY(stateLabel->text().contains(QStringLiteral("allora-devnet-1")));
        QCOMPARE(button->text(), QStringLiteral("Stop node"));
        saveScreenshot(&window, QStringLiteral("main-window-local-network"));

        const uint64_t reached = node.status().latestHeight;

        button->click();  // Stop node
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Stopped, kNodeTimeoutMs);
        QCOMPARE(bar->text(), QStringLiteral("Node: not running"));
        QCOMPARE(button->text(), QStringLiteral("Start node…"));

        node.start(secret("not the password"));
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Failed, kNodeTimeoutMs);
        QVERIFY2(node.lastError().contains(QStringLiteral("password")),
                 qPrintable(node.lastError()));
        QVERIFY(stateLabel->text().startsWith(QStringLiteral("Could not run: ")));

        node.start(secret("validator password"));
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Running, kNodeTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(node.status().latestHeight > reached, kNodeTimeoutMs);
    }
};

QTEST_MAIN(LocalNodeTest)
#include "test_local_node.moc"
