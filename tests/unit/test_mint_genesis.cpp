// The mint module's genesis (node/modules/mint/params.h, module.h) through ChainApp::initChain on
// real SQLite: defaults, the genesis state fields, and every bad value rejected with the field
// named and nothing committed.
#include "test_mint_fixture.h"

using namespace minttest;

class TestMintGenesis : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int n_ = 0;
    std::string freshPath() { return dir_.filePath(QString("g%1.db").arg(++n_)).toStdString(); }

private Q_SLOTS:
    void defaultsWhenAbsent() {
        MintNode node(freshPath());
        node.init(mintGenesis(""));
        auto p = node.query<mpb::ParamsResponse>("Params", mpb::ParamsRequest{}).params();
        QCOMPARE(p.mint_denom(), std::string("uallo"));
        QCOMPARE(uallo(p.max_supply()), allo(1'000'000'000));
        QCOMPARE(p.maximum_monthly_percentage_yield(), std::string("0.0095"));
        QCOMPARE(p.blocks_per_month(), uint64_t{864'000});
        QCOMPARE(p.validators_vs_allora_percent_reward(), std::string("0.25"));
        QVERIFY(p.emission_enabled());
        // The module accounts exist from genesis.
        Node::KvStoreView view(*node.app);
        for (auto name : {am::kEcosystemName, am::kStakingName, am::kRewardsName})
            QVERIFY(*node.app->authKeeper().hasAccount(view.kv, moduleAddress(name)));
    }

    // e_prev and the tokens already minted carry over from a genesis (an exported chain), and
    // the ecosystem never mints past its allotment of the max supply.
    void genesisStateCarriesOver() {
        MintNode node(freshPath());
        node.init(mintGenesis(R"({"params": {"blocks_per_month": 10},
            "previous_reward_emission_per_unit_staked_token": "0.01",
            "ecosystem_tokens_minted": "359499999500000000000000000"})"));
        QCOMPARE(node.state().previous_reward_emission_per_unit_staked_token(),
                 std::string("0.010000000000000000"));
        const Amount s0 = node.supply();
        auto r = node.block({});
        auto last = node.lastRecalculation();
        // 0.5 ALLO left to mint, so T_eco = 0.5 ALLO and N_circ = 10^9 − 485.5M − 0.5 ALLO:
        // ê = 0.025 · (0.5 / 1000) · 0.5144999995 = 0.00000643124999375 (below ê_max), and
        // e = 0.1 · ê + 0.9 · 0.01 = 0.009000643124999375; E_block = e · 1000 / 10 ALLO.
        QCOMPARE(uallo(last.ecosystem_mint_supply_remaining()),
                 *Amount::parse("0.5", Amount::Unit::Allo));
        QCOMPARE(last.target_emission_rate_per_unit_staked_token(),
                 std::string("0.000006431249993750"));
        QCOMPARE(last.emission_per_unit_staked_token(), std::string("0.009000643124999375"));
        QCOMPARE(uallo(last.block_emission()), uallo("900064312499937500"));
        // Only the 0.5 ALLO left is minted; the block says it was capped.
        QCOMPARE(attr(findEvent(r, "mint.v1.EventBlockEmission"), "capped"), std::string("true"));
        QCOMPARE(node.supply(), sum(s0, *Amount::parse("0.5", Amount::Unit::Allo)));
        QCOMPARE(uallo(node.state().ecosystem_tokens_minted()), allo(359'500'000));
    }

    void badGenesisNamesTheField() {
        struct Case {
            const char* json;
            const char* mentions;
        };
        const Case cases[] = {
            {R"({"params": {"f_emission": "1.5"}})", "f_emission"},
            {R"({"params": {"f_emission": "-0.1"}})", "f_emission"},
            {R"({"params": {"one_month_smoothing_degree": "0"}})", "one_month_smoothing_degree"},
            {R"({"params": {"blocks_per_month": 0}})", "blocks_per_month"},
            {R"({"params": {"blocks_per_month": "ten"}})", "blocks_per_month"},
            {R"({"params": {"max_supply": "0"}})", "max_supply"},
            {R"({"params": {"max_supply": "1e27"}})", "max_supply"},
            {R"({"params": {"mint_denom": "uatom"}})", "mint_denom"},
            {R"({"params": {"maximum_monthly_percentage_yield": "0"}})",
             "maximum_monthly_percentage_yield"},
            {R"({"params": {"validators_vs_allora_percent_reward": "0"}})",
             "validators_vs_allora_percent_reward"},
            {R"({"params": {"team_percent_of_total_supply": "0.5"}})", "sum to"},
            {R"({"params": {"emission_enabled": "yes"}})", "emission_enabled"},
            {R"({"params": {"no_such_param": 1}})", "no_such_param"},
            {R"({"params": {"max_supply": "1000"}})", "below the genesis supply"},
            {R"({"ecosystem_tokens_minted": "400000000000000000000000000"})",
             "ecosystem_tokens_minted"},
            {R"({"previous_block_emission": "-5"})", "previous_block_emission"},
            {R"({"previous_reward_emission_per_unit_staked_token": "abc"})",
             "previous_reward_emission_per_unit_staked_token"},
            {R"({"no_such_section": {}})", "no_such_section"},
            {R"([1, 2])", "not a JSON object"},
        };
        for (const Case& c : cases) {
            MintNode node(freshPath());
            auto r = node.app->initChain(mintGenesis(c.json));
            QVERIFY2(!r.ok(), c.json);
            QVERIFY2(r.message().find(c.mentions) != std::string::npos,
                     (std::string(c.json) + " → " + r.message()).c_str());
            QVERIFY2(r.message().starts_with("mint genesis: "), r.message().c_str());
            QVERIFY(!node.app->hasGenesis());
        }
    }

    // Shares written by the emissions module in any decimal form read the same.
    void reputerShareForms() {
        QCOMPARE(am::parseShare("0.5")->toString(), std::string("0.500000000000000000"));
        QCOMPARE(am::parseShare("5e-1")->toString(), std::string("0.500000000000000000"));
        QCOMPARE(am::parseShare("0.3333333333333333333333")->toString(),
                 std::string("0.333333333333333333"));
        QCOMPARE(am::parseShare("1")->toString(), std::string("1.000000000000000000"));
        QCOMPARE(am::parseShare("2.5E-20")->toString(), std::string("0.000000000000000000"));
        QVERIFY(!am::parseShare("-0.1").ok());
        QVERIFY(!am::parseShare("nan").ok());
        QVERIFY(!am::parseShare("").ok());
        QVERIFY(!am::parseShare("0.1.2").ok());
    }
};

QTEST_GUILESS_MAIN(TestMintGenesis)
#include "test_mint_genesis.moc"
