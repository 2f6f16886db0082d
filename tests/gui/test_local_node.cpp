// The node inside allora-qt: the main window offers a local network when the home has none; the
// network is created with the active account funded and runs in-process (the window shows its
// height rising) with the demo topics and their reference workers and reputers (issue 5: "Try a
// local network"), read back through the node API: the topics exist and the workers' inferences
// arrive at the first topic's open nonces. It stops cleanly and quickly, refuses a wrong
// validator-key password with a clear message, and starts again on the same chain. A network
// created without participants has no topics. Real keyring, real node on SQLite, offscreen
// widgets.
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include "allora/emissions/v9/query.pb.h"
#include "guitestutil.h"
#include "node/api/local_node.h"
#include "node/modules/proto_util.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

namespace {

constexpr int kNodeTimeoutMs = 30000;
// Set-up transactions, then a few epochs of 5 blocks at 100 ms, on a busy machine.
constexpr int kParticipantsTimeoutMs = 60000;
// Any account address (the cosmjs test key's).
constexpr const char* kFunded = "allo1jhg0e7s6gn44tfc5k37kr04sznyhedtctsc88d";

std::shared_ptr<const SecureBytes> secret(const char* text) {
    return std::make_shared<const SecureBytes>(SecureBytes::fromString(text));
}

namespace pb = ::emissions::v9;

// An emissions query through the running node's API, on the model's query thread (as the pages
// make them); nullopt when the node is not running or the query fails.
template <typename Resp>
std::optional<Resp> emissionsQuery(NodeModel& model, const char* name,
                                   const google::protobuf::MessageLite& request) {
    auto api = model.api();
    if (!api) return std::nullopt;
    node::QueryRequest q;
    q.path = std::string("/emissions.v9.Query/") + name;
    q.data = node::toBytes(request);
    auto future = QtConcurrent::run(model.queryPool(), [api, q] { return api->query(q); });
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, kNodeTimeoutMs)) return std::nullopt;
    const node::QueryResponse r = future.result();
    Resp out;
    if (r.code != 0 || !out.ParseFromArray(r.value.data(), static_cast<int>(r.value.size())))
        return std::nullopt;
    return out;
}

// The topics that exist (ids 1 .. next - 1).
uint64_t topicCount(NodeModel& model) {
    auto next = emissionsQuery<pb::GetNextTopicIdResponse>(model, "GetNextTopicId",
                                                           pb::GetNextTopicIdRequest{});
    return next && next->next_topic_id() > 0 ? next->next_topic_id() - 1 : 0;
}

// The inferences at topic 1's open worker nonces (the workers' submissions still in their window).
size_t inferencesAtOpenNonces(NodeModel& model, int64_t after = 0) {
    pb::GetUnfulfilledWorkerNoncesRequest nq;
    nq.set_topic_id(1);
    auto open = emissionsQuery<pb::GetUnfulfilledWorkerNoncesResponse>(
        model, "GetUnfulfilledWorkerNonces", nq);
    if (!open) return 0;
    size_t count = 0;
    for (const auto& n : open->nonces().nonces()) {
        if (n.block_height() <= after) continue;
        pb::GetInferencesAtBlockRequest iq;
        iq.set_topic_id(1);
        iq.set_block_height(n.block_height());
        if (auto r =
                emissionsQuery<pb::GetInferencesAtBlockResponse>(model, "GetInferencesAtBlock", iq))
            count += static_cast<size_t>(r->inferences().size());
    }
    return count;
}

// Polls `condition` (which itself waits for the query thread) until it holds or `ms` pass.
template <typename F>
bool eventually(F condition, int ms) {
    QDeadlineTimer deadline(ms);
    while (!condition()) {
        if (deadline.hasExpired()) return false;
        QTest::qWait(50);
    }
    return true;
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
        node.setCreateParticipants(true);  // as allora-qt does
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

        // The participants create the three demo topics by their own transactions, then the
        // workers answer the first topic's open nonces.
        QVERIFY(eventually([&] { return topicCount(node) == 3; }, kParticipantsTimeoutMs));
        for (uint64_t id = 1; id <= 3; ++id) {
            pb::GetTopicRequest tq;
            tq.set_topic_id(id);
            auto topic = emissionsQuery<pb::GetTopicResponse>(node, "GetTopic", tq);
            QVERIFY(topic);
            QVERIFY2(topic->topic().metadata().starts_with("demo:"),
                     topic->topic().metadata().c_str());
        }
        QVERIFY(
            eventually([&] { return inferencesAtOpenNonces(node) > 0; }, kParticipantsTimeoutMs));

        const uint64_t reached = node.api()->status().latestHeight;

        // Stopping waits for the participants, then the block in progress: seconds at most.
        QElapsedTimer stopping;
        stopping.start();
        button->click();  // Stop node
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Stopped, kNodeTimeoutMs);
        QVERIFY2(stopping.elapsed() < 10000, qPrintable(QString::number(stopping.elapsed())));
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
        // The participants resume on the same topics (none is created again) and answer the
        // nonces opened after the restart.
        QVERIFY(eventually(
            [&] { return inferencesAtOpenNonces(node, static_cast<int64_t>(reached)) > 0; },
            kParticipantsTimeoutMs));
        QCOMPARE(topicCount(node), uint64_t{3});
    }

    void localNetworkWithoutParticipants() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path home = QFile::encodeName(dir.path()).toStdString();
        NodeModel node(home);
        node.setServeApi(false);
        node.setCreateParticipants(false);
        node.createLocalNetwork({QString::fromLatin1(kFunded)}, secret("validator password"),
                                std::chrono::milliseconds(100));
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Running, kNodeTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(node.status().latestHeight >= 10, kNodeTimeoutMs);
        QCOMPARE(topicCount(node), uint64_t{0});
        QVERIFY(!QDir(dir.filePath(QStringLiteral("participants"))).exists());
        node.stop();
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), NodeModel::State::Stopped, kNodeTimeoutMs);
    }
};

QTEST_MAIN(LocalNodeTest)
#include "test_local_node.moc"
