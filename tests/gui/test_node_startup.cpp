// allora-qt's start on an existing local network (issue 6: a usable window at once): the node's
// chain opens for reading before any key is unlocked, so the overview shows the account's balances
// while the keys unlock; with a wrong password the node does not run (no block is produced, a
// broadcast is refused with a clear message) but the balances stay readable, and the right
// password then starts the same node. StartingNode on a home that never started (no database):
// nothing readable before the key, the first unlock applies the genesis, a second unlock is
// refused. Real keyring, real node on SQLite, real Argon2id, offscreen widgets.
#include <QLabel>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include "guitestutil.h"
#include "node/api/local_node.h"
#include "node/participants/local_devnet.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

namespace {

constexpr int kNodeTimeoutMs = 30000;
constexpr const char* kPassword = "validator password";
constexpr const char* kFunded = "allo1jhg0e7s6gn44tfc5k37kr04sznyhedtctsc88d";

std::shared_ptr<const SecureBytes> secret(const char* text) {
    return std::make_shared<const SecureBytes>(SecureBytes::fromString(text));
}

// `work(api)` on the model's query thread, as the pages call the node.
template <typename F>
auto onQueryThread(NodeModel& model, F work) {
    auto api = model.api();
    auto future = QtConcurrent::run(model.queryPool(), [api, work] { return work(*api); });
    // The query thread needs nothing of the GUI thread's event loop.
    future.waitForFinished();
    return future.result();
}

}  // namespace

class NodeStartupTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(installEnglishTranslator()); }

    void balancesShowWhileTheKeysUnlock() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path home = QFile::encodeName(dir.path()).toStdString();
        auto wallet = openModel(dir.path(), wallet::KeyringBackend::Test);
        QVERIFY(wallet);
        QSignalSpy added(wallet.get(), &WalletModel::keyAdded);
        wallet->addKey(
            QStringLiteral("me"),
            std::make_shared<const SecureBytes>(SecureBytes::fromString(kCosmjsMnemonic)),
            secret(""));
        QVERIFY(added.wait(kKeyringTimeoutMs));

        uint64_t stoppedAt = 0;
        {
            // A first session: the local network with its participants runs a few blocks.
            NodeModel first(home);
            first.setServeApi(false);
            first.setCreateParticipants(true);
            first.createLocalNetwork({QString::fromStdString(wallet->activeKey()->address)},
                                     secret(kPassword), std::chrono::milliseconds(100));
            QTRY_COMPARE_WITH_TIMEOUT(first.state(), NodeModel::State::Running, kNodeTimeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(first.status().latestHeight >= 3, kNodeTimeoutMs);
            first.stop();
            QTRY_COMPARE_WITH_TIMEOUT(first.state(), NodeModel::State::Stopped, kNodeTimeoutMs);
        }

        // The next start of the program, with a wrong password first.
        NodeModel node(home);
        node.setServeApi(false);
        node.setPollInterval(std::chrono::milliseconds(100));
        MainWindow window(wallet.get(), &node);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* spendable = child<QLabel>(&window, "spendableBalanceLabel");
        QVERIFY(spendable);
        QCOMPARE(spendable->text(), QStringLiteral("—"));
        bool readableWhileStarting = false;
        connect(&node, &NodeModel::stateChanged, this, [&](NodeModel::State s) {
            if (s == NodeModel::State::Starting && node.readable() && node.api())
                readableWhileStarting = true;
        });
        node.start(secret("not the password"));
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Failed, kNodeTimeoutMs);
        QVERIFY2(node.lastError().contains(QStringLiteral("password")),
                 qPrintable(node.lastError()));
        // The chain was readable before the keys' Argon2id ended, and still is.
        QVERIFY(readableWhileStarting);
        QVERIFY(node.readable());
        QVERIFY(node.api());
        QTRY_VERIFY_WITH_TIMEOUT(spendable->text() != QStringLiteral("—"), kNodeTimeoutMs);
        QVERIFY(!spendable->text().isEmpty());
        stoppedAt = node.status().latestHeight;
        QVERIFY(stoppedAt >= 3);
        // Not running: a broadcast is refused, and no block is produced.
        const auto refused = onQueryThread(node, [](node::api::NodeApi& api) {
            const Bytes junk{0x0a, 0x00};
            return api.broadcastTxSync(junk);
        });
        QVERIFY(!refused.result.ok());
        QVERIFY2(refused.result.log.find("starting") != std::string::npos,
                 refused.result.log.c_str());
        QTest::qWait(500);
        QCOMPARE(
            onQueryThread(node, [](node::api::NodeApi& api) { return api.status(); }).latestHeight,
            stoppedAt);

        // The right password starts the same node; blocks follow the ones before.
        node.start(secret(kPassword));
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Running, kNodeTimeoutMs);
        QVERIFY(!node.readable());
        QTRY_VERIFY_WITH_TIMEOUT(node.status().latestHeight > stoppedAt + 2, kNodeTimeoutMs);
        node.stop();
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Stopped, kNodeTimeoutMs);
        QVERIFY(!node.api());
    }

    void firstStartNeedsTheKey() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path home = QFile::encodeName(dir.path()).toStdString();
        QVERIFY(participants::createLocalDevnet(home, {kFunded}, SecureBytes::fromString(kPassword),
                                                std::chrono::milliseconds(100),
                                                participants::WithParticipants::No)
                    .ok());
        auto opened = participants::StartingNode::open(home, {}, false);
        QVERIFY(opened);
        auto& node = **opened;
        QVERIFY(!node.readable());
        QVERIFY(!node.start().ok());
        const Status wrong = node.unlock(SecureBytes::fromString("not the password"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, ErrorCode::WrongPassword);
        QVERIFY(!node.readable());
        QVERIFY(node.unlock(SecureBytes::fromString(kPassword)).ok());
        QVERIFY(node.readable());
        QCOMPARE(node.unlock(SecureBytes::fromString(kPassword)).error().code,
                 ErrorCode::AlreadyExists);
        QCOMPARE(node.chainId(), std::string("allora-devnet-1"));
        QVERIFY(node.start().ok());
        QVERIFY(QTest::qWaitFor([&] { return node.status().latestHeight >= 2; }, kNodeTimeoutMs));
        node.stop();
    }
};

QTEST_MAIN(NodeStartupTest)
#include "test_node_startup.moc"
