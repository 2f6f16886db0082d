// The node's local configuration (HOME/config/config.json): defaults, round trip, and a clear
// refusal for every malformed or misspelt setting.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "core/file_util.h"
#include "node/node_config.h"

using namespace allora;
using namespace allora::node;

class TestNodeConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryField() {
        NodeConfig c;
        c.moniker = "my-node";
        c.chainId = "allora-devnet-1";
        c.apiAddress = "127.0.0.2";
        c.apiPort = 26657;
        c.apiMaxBodyBytes = 4096;
        c.apiRequestsPerSecond = 7;
        c.blockTime = std::chrono::milliseconds(250);
        c.createEmptyBlocks = false;
        c.emptyBlockInterval = std::chrono::milliseconds(30000);
        c.mempoolMaxTxs = 12;
        c.mempoolMaxBytes = 2048;
        c.mempoolCacheSize = 99;
        c.mempoolTtlBlocks = 5;
        c.logLevel = "debug";
        auto back = nodeConfigFromJson(nodeConfigToJson(c));
        QVERIFY2(back.ok(), back.ok() ? "" : back.message().c_str());
        QCOMPARE(back->moniker, c.moniker);
        QCOMPARE(back->chainId, c.chainId);
        QCOMPARE(back->apiAddress, c.apiAddress);
        QCOMPARE(back->apiPort, c.apiPort);
        QCOMPARE(back->apiMaxBodyBytes, c.apiMaxBodyBytes);
        QCOMPARE(back->apiRequestsPerSecond, c.apiRequestsPerSecond);
        QCOMPARE(back->blockTime.count(), c.blockTime.count());
        QCOMPARE(back->createEmptyBlocks, c.createEmptyBlocks);
        QCOMPARE(back->emptyBlockInterval.count(), c.emptyBlockInterval.count());
        QCOMPARE(back->mempoolMaxTxs, c.mempoolMaxTxs);
        QCOMPARE(back->mempoolMaxBytes, c.mempoolMaxBytes);
        QCOMPARE(back->mempoolCacheSize, c.mempoolCacheSize);
        QCOMPARE(back->mempoolTtlBlocks, c.mempoolTtlBlocks);
        QCOMPARE(back->logLevel, c.logLevel);
    }

    void missingKeysTakeDefaults() {
        auto c = nodeConfigFromJson(R"({"chain_id": "allora-devnet-1"})");
        QVERIFY(c.ok());
        QCOMPARE(c->apiAddress, std::string("127.0.0.1"));
        QCOMPARE(c->apiPort, uint16_t(1317));
        QCOMPARE(c->blockTime.count(), int64_t(1000));
        QVERIFY(c->createEmptyBlocks);
    }

    void rejectsBadInput_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{"
                                  << "not valid JSON";
        QTest::newRow("not object") << "[1]"
                                    << "must be a JSON object";
        QTest::newRow("unknown top") << R"({"chain_id":"a","moniker_typo":"x"})"
                                     << "'moniker_typo' is not a known setting";
        QTest::newRow("unknown nested") << R"({"chain_id":"a","api":{"prot":1}})"
                                        << "'api.prot' is not a known setting";
        QTest::newRow("section type") << R"({"chain_id":"a","api":3})"
                                      << "'api' must be an object";
        QTest::newRow("port type") << R"({"chain_id":"a","api":{"port":"80"}})"
                                   << "'port' must be a non-negative integer";
        QTest::newRow("port range") << R"({"chain_id":"a","api":{"port":70000}})"
                                    << "'port' is too large";
        QTest::newRow("negative") << R"({"chain_id":"a","mempool":{"max_txs":-1}})"
                                  << "'max_txs' must be a non-negative integer";
        QTest::newRow("bool type") << R"({"chain_id":"a","consensus":{"create_empty_blocks":1}})"
                                   << "must be true or false";
        QTest::newRow("no chain id") << R"({})"
                                     << "'chain_id' must be 1 to 50 characters";
        QTest::newRow("bad chain id") << R"({"chain_id":"a b"})"
                                      << "'chain_id' may hold only";
        QTest::newRow("block time") << R"({"chain_id":"a","consensus":{"block_time_ms":1}})"
                                    << "'consensus.block_time_ms' must be between";
        QTest::newRow("log level") << R"({"chain_id":"a","log_level":"loud"})"
                                   << "'log_level' must be one of";
        QTest::newRow("mempool txs") << R"({"chain_id":"a","mempool":{"max_txs":0}})"
                                     << "'mempool.max_txs' must be at least 1";
    }
    void rejectsBadInput() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        auto c = nodeConfigFromJson(json.toStdString());
        QVERIFY(!c.ok());
        QVERIFY2(c.message().find(expected.toStdString()) != std::string::npos,
                 c.message().c_str());
    }

    void fileRoundTripAndMissingFile() {
        QTemporaryDir dir;
        const NodeHome home{std::filesystem::path(dir.path().toStdString())};
        std::filesystem::create_directories(home.configDir());
        auto missing = loadNodeConfig(home.configFile());
        QVERIFY(!missing.ok());
        QCOMPARE(missing.code(), ErrorCode::NotFound);
        QVERIFY(missing.message().find("allorad init") != std::string::npos);

        NodeConfig c;
        c.chainId = "allora-devnet-1";
        QVERIFY(saveNodeConfig(home.configFile(), c).ok());
        const auto perms = std::filesystem::status(home.configFile()).permissions();
        QCOMPARE(perms & std::filesystem::perms::all, kOwnerReadWrite);
        auto loaded = loadNodeConfig(home.configFile());
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->chainId, c.chainId);

        c.chainId = "";
        QVERIFY(!saveNodeConfig(home.configFile(), c).ok());  // invalid config never written
        QVERIFY(loadNodeConfig(home.configFile()).ok());
    }
};

QTEST_APPLESS_MAIN(TestNodeConfig)
#include "test_node_config.moc"
