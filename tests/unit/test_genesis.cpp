// Genesis (node/chain/genesis.h) and the vesting lock (node/modules/auth/vesting.h): JSON parsing,
// validation with clear errors, app hash determinism across fresh stores, and the lock arithmetic
// of PROTOCOL.md §7 (team/investors locked 12 months, then linear to month 36).
#include "test_chain_fixture.h"

#include "node/modules/auth/vesting.h"

using namespace chaintest;

class TestGenesis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validGenesisPasses() { QVERIFY(devnetGenesis().validate().ok()); }

    void rejectsWithClearErrors_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("expected");
        QTest::newRow("duplicate account") << 0 << "duplicate account";
        QTest::newRow("bad address") << 1 << "expected 'allo'";
        QTest::newRow("supply mismatch") << 2 << "supply mismatch";
        QTest::newRow("balance without account") << 3 << "no entry in auth.accounts";
        QTest::newRow("vesting above balance") << 4 << "exceeds the balance";
        QTest::newRow("unsorted coins") << 5 << "not sorted";
        QTest::newRow("bad gas price") << 6 << "invalid gas price";
        QTest::newRow("empty chain id") << 7 << "chain_id";
        QTest::newRow("short validator key") << 8 << "32 bytes";
    }
    void rejectsWithClearErrors() {
        QFETCH(int, which);
        QFETCH(QString, expected);
        Genesis g = devnetGenesis();
        switch (which) {
            case 0:
                g.accounts.push_back(g.accounts[0]);
                break;
            case 1:
                g.accounts[0].address = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu";
                break;
            case 2:
                g.supply = coins("12345");
                break;
            case 3:
                g.balances.push_back({keys().eve.address(), coins("1")});
                break;
            case 4:
                g.balances[2].coins = coins("5");
                break;
            case 5:
                g.balances[0].coins = {Coin{"zzz", Amount::fromUallo(1)},
                                       Coin{"aaa", Amount::fromUallo(1)}};
                break;
            case 6:
                g.chainParams.set_min_gas_price("1,5");
                break;
            case 7:
                g.chainId.clear();
                break;
            case 8:
                g.validators[0].pubKey = Bytes(31, 1);
                break;
        }
        auto s = g.validate();
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.message()).contains(expected), s.message().c_str());
        // InitChain refuses it too and leaves the store without a chain.
        QTemporaryDir dir;
        Node node(dir.filePath("n.db").toStdString());
        QVERIFY(!node.app->initChain(g).ok());
        QVERIFY(!node.app->hasGenesis());
    }

    void jsonRoundTripAndParseErrors() {
        const Genesis g = devnetGenesis();
        const std::string json = g.toJson();
        auto back = Genesis::fromJson(json);
        QVERIFY2(back.ok(), back.ok() ? "" : back.message().c_str());
        QCOMPARE(back->toJson(), json);
        QCOMPARE(back->genesisTimeUnix, kGenesisTime);
        QVERIFY(json.find("\"genesis_time\":\"2026-01-01T00:00:00Z\"") != std::string::npos);
        QVERIFY(!Genesis::fromJson("{").ok());
        QVERIFY(!Genesis::fromJson("[]").ok());
        auto noApp = Genesis::fromJson(R"({"chain_id":"x-1"})");
        QVERIFY(!noApp.ok());
        QVERIFY(QString::fromStdString(noApp.message()).contains("app_state"));
        auto badHeight =
            Genesis::fromJson(R"({"chain_id":"x-1","initial_height":"-3","app_state":{}})");
        QVERIFY(!badHeight.ok());
        QCOMPARE(*parseRfc3339("1970-01-02T00:00:01.5Z"), int64_t{86401});
        QCOMPARE(formatRfc3339(951782400), std::string("2000-02-29T00:00:00Z"));
    }

    void sameGenesisSameAppHash() {
        QTemporaryDir dir;
        Node a(dir.filePath("a.db").toStdString());
        Node b(dir.filePath("b.db").toStdString());
        const Hash256 ha = a.init();
        // The second node reads the genesis from its JSON, as allorad would.
        auto parsed = Genesis::fromJson(devnetGenesis().toJson());
        QVERIFY(parsed.ok());
        const Hash256 hb = b.init(*parsed);
        QCOMPARE(toHex(ha), toHex(hb));
        QCOMPARE(a.app->info().lastBlockHeight, uint64_t{0});
        QCOMPARE(toHex(a.app->info().lastBlockAppHash), toHex(ha));
        // A different genesis gives a different hash.
        Node c(dir.filePath("c.db").toStdString());
        Genesis other = devnetGenesis();
        other.balances[3].coins = coins("101");
        QVERIFY(toHex(c.init(other)) != toHex(ha));
        // Genesis twice is refused.
        auto again = a.app->initChain(devnetGenesis());
        QVERIFY(!again.ok());
        QCOMPARE(again.code(), ErrorCode::AlreadyExists);
    }

    void genesisState() {
        QTemporaryDir dir;
        Node node(dir.filePath("n.db").toStdString());
        node.init();
        const Keys& k = keys();
        QCOMPARE(node.balance(k.alice), *Amount::parse("1000000000000000000000"));
        QCOMPARE(node.accountNumber(k.alice), uint64_t{0});
        QCOMPARE(node.accountNumber(k.dave), uint64_t{3});
        QCOMPARE(node.supply(), *Amount::parse("2015000000000000000100"));
        QCOMPARE(node.app->chainId(), std::string(kChainId));
    }

    void continuousVestingWithCliff() {
        allora::auth::v1::VestingSchedule v;
        v.set_kind(allora::auth::v1::VestingSchedule::KIND_CONTINUOUS);
        coinsToProto(coins("3600"), v.mutable_original_vesting());
        const int64_t t0 = 1000;
        v.set_start_time(t0);
        v.set_cliff_time(t0 + 12 * kMonth);
        v.set_end_time(t0 + 36 * kMonth);
        QVERIFY(allora::node::auth::validateVesting(v).ok());
        auto locked = [&](int64_t t) {
            return amountOf(*allora::node::auth::lockedCoins(v, t), "uallo");
        };
        QCOMPARE(locked(0), Amount::fromUallo(3600));                     // before start
        QCOMPARE(locked(t0 + 6 * kMonth), Amount::fromUallo(3600));       // before the cliff
        QCOMPARE(locked(t0 + 12 * kMonth - 1), Amount::fromUallo(3600));  // one second before
        QCOMPARE(locked(t0 + 12 * kMonth), Amount::fromUallo(2400));      // a third at the cliff
        QCOMPARE(locked(t0 + 24 * kMonth), Amount::fromUallo(1200));
        QCOMPARE(locked(t0 + 36 * kMonth), Amount{});
        // Rounded so nothing unlocks early: vested = floor(3600 × 1 / (36 months in s)) = 0.
        QCOMPARE(locked(t0 + 12 * kMonth + 1), Amount::fromUallo(2400));
        // "Nothing at the cliff, linear from it": start = cliff.
        v.set_start_time(t0 + 12 * kMonth);
        QCOMPARE(locked(t0 + 12 * kMonth), Amount::fromUallo(3600));
        QCOMPARE(locked(t0 + 24 * kMonth), Amount::fromUallo(1800));
        // Bad shapes.
        v.set_cliff_time(t0);
        QVERIFY(!allora::node::auth::validateVesting(v).ok());
        v.set_cliff_time(0);
        v.set_end_time(v.start_time());
        QVERIFY(!allora::node::auth::validateVesting(v).ok());
    }

    void delayedVesting() {
        allora::auth::v1::VestingSchedule v;
        v.set_kind(allora::auth::v1::VestingSchedule::KIND_DELAYED);
        coinsToProto(coins("50"), v.mutable_original_vesting());
        v.set_end_time(500);
        QVERIFY(allora::node::auth::validateVesting(v).ok());
        QCOMPARE(amountOf(*allora::node::auth::lockedCoins(v, 499), "uallo"),
                 Amount::fromUallo(50));
        QCOMPARE(amountOf(*allora::node::auth::lockedCoins(v, 500), "uallo"), Amount{});
    }

    void coinValidation() {
        QVERIFY(isValidDenom("uallo"));
        QVERIFY(isValidDenom("ibc/ABC123"));
        QVERIFY(!isValidDenom("u"));
        QVERIFY(!isValidDenom("1allo"));
        QVERIFY(!parseCoinAmount("-1").ok());
        QVERIFY(!parseCoinAmount("1uallo").ok());
        QVERIFY(!parseCoinAmount("").ok());
        QVERIFY(!validateCoins({Coin{"uallo", Amount{}}}).ok());
        QVERIFY(!validateCoins(
                     {Coin{"uallo", Amount::fromUallo(1)}, Coin{"uallo", Amount::fromUallo(1)}})
                     .ok());
        QCOMPARE(coinsToString(
                     {Coin{"aaa", Amount::fromUallo(1)}, Coin{"uallo", Amount::fromUallo(20)}}),
                 std::string("1aaa,20uallo"));
    }
};

QTEST_GUILESS_MAIN(TestGenesis)
#include "test_genesis.moc"
