// The mint module on a real chain (node/modules/mint: begin-block minting, the monthly
// recalculation, the max-supply cap, queries, restarts): real ChainApp, real SQLite files, real
// signed transfers. Expected figures are worked out by hand from PROTOCOL.md §7 where they are
// round (ê_max = 0.0095 / (0.25 + 0.75 · f_rep), first month e = ê), and from the pure
// tokenomics functions for the state the block sees where they are not.
#include <cmath>

#include "test_mint_fixture.h"

using namespace minttest;

namespace {

const char* kTenBlockMonth = R"({"params": {"blocks_per_month": 10}})";

}  // namespace

class TestMintBlock : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    const Keys& k = keys();
    int n_ = 0;
    std::string freshPath() { return dir_.filePath(QString("m%1.db").arg(++n_)).toStdString(); }

private Q_SLOTS:
    // 1000 ALLO staked, nothing in the treasury: ê_target is far above ê_max = 0.0095 / 0.475 =
    // 0.02, so e = 0.02, E_month = 20 ALLO, E_block = 2 ALLO: 0.5 to validators, 1.5 to rewards,
    // all of it minted.
    void perBlockMintAndSplit() {
        MintNode node(freshPath());
        node.init(mintGenesis(kTenBlockMonth));
        const Amount s0 = node.supply();
        QCOMPARE(node.sumOfBalances(), s0);

        auto r = node.block({});
        auto last = node.lastRecalculation();
        QCOMPARE(last.block_height(), uint64_t{1});
        QCOMPARE(last.maximum_monthly_emission_per_unit_staked_token(),
                 std::string("0.020000000000000000"));
        QCOMPARE(last.emission_per_unit_staked_token(), std::string("0.020000000000000000"));
        QVERIFY(last.reputers_percent_is_default());
        QCOMPARE(last.reputers_percent(), std::string("0.300000000000000000"));
        QCOMPARE(uallo(last.emission_per_month()), allo(20));
        QCOMPARE(uallo(last.block_emission()), allo(2));
        QCOMPARE(uallo(last.network_staked_tokens()), allo(1000));
        // N_circ = 10^9 − 485.5M locked − 359.5M ecosystem ALLO.
        QCOMPARE(uallo(last.circulating_supply()), allo(155'000'000));

        const Event* e = findEvent(r, "mint.v1.EventBlockEmission");
        QCOMPARE(attr(e, "minted"), allo(2).toCoinString());
        QCOMPARE(attr(e, "validator_cut"),
                 Amount::parse("0.5", Amount::Unit::Allo)->toCoinString());
        QCOMPARE(attr(e, "capped"), std::string("false"));
        QVERIFY(findEvent(r, "mint.v1.EventTokenomicsSet") != nullptr);
        QVERIFY(findEvent(r, "coinbase") != nullptr);

        for (int i = 0; i < 4; ++i) {
            const Amount before = node.supply();
            r = node.block({});
            QCOMPARE(node.supply(), sum(before, allo(2)));  // exactly the minted amount
            QVERIFY(findEvent(r, "mint.v1.EventTokenomicsSet") == nullptr);  // not a new month
        }
        QCOMPARE(node.supply(), sum(s0, allo(10)));
        QCOMPARE(node.sumOfBalances(), node.supply());
        QCOMPARE(node.feeCollector(), *Amount::parse("2.5", Amount::Unit::Allo));
        QCOMPARE(node.module(am::kRewardsName), *Amount::parse("7.5", Amount::Unit::Allo));
        QVERIFY(node.module(am::kEcosystemName).isZero());
        QCOMPARE(node.rewardsPerBlock(), *Amount::parse("1.5", Amount::Unit::Allo));
        QCOMPARE(uallo(node.state().ecosystem_tokens_minted()), allo(10));
    }

    // Fees already in the ecosystem account are paid out before anything is minted.
    void treasurySpentBeforeMinting() {
        MintNode node(freshPath());
        node.init(mintGenesis(kTenBlockMonth, allo(1000), allo(3)));
        const Amount s0 = node.supply();
        node.block({});  // E_block 2 ALLO, all from the 3 ALLO held
        QCOMPARE(node.supply(), s0);
        QCOMPARE(node.module(am::kEcosystemName), allo(1));
        auto r = node.block({});  // 1 ALLO held, 1 ALLO minted
        QCOMPARE(attr(findEvent(r, "mint.v1.EventBlockEmission"), "minted"),
                 allo(1).toCoinString());
        QCOMPARE(node.supply(), sum(s0, allo(1)));
        QVERIFY(node.module(am::kEcosystemName).isZero());
        QCOMPARE(node.feeCollector(), allo(1));  // 2 × 0.5
        QCOMPARE(node.sumOfBalances(), node.supply());
    }

    // A small max supply makes ê_target bind: max 10 000 ALLO, locked 4 855, ecosystem 3 595,
    // N_circ 1 550; ê_target = 0.025 · (3595 / 1000) · (1550 / 10000) = 0.013930625 < 0.02.
    void targetRateBindsBelowTheCap() {
        MintNode node(freshPath());
        node.init(mintGenesis(
            R"({"params": {"blocks_per_month": 10, "max_supply": "10000000000000000000000"}})"));
        const Amount s0 = node.supply();
        node.block({});
        auto last = node.lastRecalculation();
        QCOMPARE(uallo(last.circulating_supply()), allo(1550));
        QCOMPARE(last.target_emission_rate_per_unit_staked_token(),
                 std::string("0.013930625000000000"));
        QCOMPARE(last.capped_emission_per_unit_staked_token(),
                 last.target_emission_rate_per_unit_staked_token());
        QCOMPARE(last.emission_per_unit_staked_token(), std::string("0.013930625000000000"));
        QCOMPARE(uallo(last.emission_per_month()), uallo("13930625000000000000"));
        QCOMPARE(uallo(last.block_emission()), uallo("1393062500000000000"));
        QCOMPARE(node.supply(), sum(s0, uallo("1393062500000000000")));
        QCOMPARE(node.feeCollector(), uallo("348265625000000000"));  // floor(0.25 · E_block)
        QCOMPARE(node.rewardsPerBlock(), uallo("1044796875000000000"));
    }

    // At the month boundary the rate is recomputed from what the chain holds then: a stake sent
    // by a real transfer and the reputers' share written by "emissions" (the end-block hook).
    void monthlyRecalculationAtTheBoundary() {
        MintNode node(freshPath());
        node.onEndBlock = [](MsgContext& ctx) {
            if (ctx.block.height == 3)
                QVERIFY(allora::node::setReputerRewardShare(ctx.store, "0.5").ok());
        };
        node.init(mintGenesis(R"({"params": {"blocks_per_month": 5}})"));
        node.block({});
        QCOMPARE(uallo(node.lastRecalculation().block_emission()), allo(4));  // 20 ALLO / 5
        node.block({});
        node.block({});
        node.send(k.alice, moduleBech32(am::kStakingName), allo(500));  // height 4
        auto r5 = node.block({});
        QVERIFY(findEvent(r5, "mint.v1.EventTokenomicsSet") == nullptr);
        QCOMPARE(node.lastRecalculation().block_height(), uint64_t{1});

        // What block 6 will see, and what the pure tokenomics make of it.
        mpb::Params params;
        mpb::MintState state;
        {
            Node::KvStoreView view(*node.app);
            params = *node.keeper->params(view.kv);
            state = *node.keeper->state(view.kv);
        }
        am::EmissionInputs in;
        in.blockHeight = 6;
        in.networkStaked = node.module(am::kStakingName);
        QCOMPARE(in.networkStaked, allo(1500));
        in.ecosystemLocked = sum(node.module(am::kEcosystemName),
                                 *node.keeper->ecosystemMintSupplyRemaining(params, state));
        in.reputersPercentOfTopicRewards = am::LegacyDec::mustParse("0.5");
        in.previousEmissionPerUnitStaked = am::LegacyDec::mustParse("0.02");
        const auto want = *am::computeEmission(*am::tokenomicsParams(params), in);
        const Amount before = node.supply();

        auto r6 = node.block({});
        QVERIFY(findEvent(r6, "mint.v1.EventTokenomicsSet") != nullptr);
        auto last = node.lastRecalculation();
        QCOMPARE(last.block_height(), uint64_t{6});
        QCOMPARE(last.reputers_percent(), std::string("0.500000000000000000"));
        QVERIFY(!last.reputers_percent_is_default());
        QCOMPARE(last.target_emission_rate_per_unit_staked_token(),
                 want.targetEmissionPerUnitStaked.toString());
        QCOMPARE(uallo(last.circulating_supply()), want.circulatingSupply);
        QCOMPARE(uallo(last.locked_vesting_tokens_total()), want.lockedVesting.total);
        QCOMPARE(uallo(last.emission_per_month()), want.monthlyEmission);
        QCOMPARE(uallo(last.block_emission()), want.blockEmission);
        // By hand: ê_max = 0.0095 / (0.25 + 0.75 · 0.5) = 0.0152 binds;
        // e = 0.1 · 0.0152 + 0.9 · 0.02 = 0.01952; E_month = 0.01952 · 1500 = 29.28 ALLO.
        QCOMPARE(last.maximum_monthly_emission_per_unit_staked_token(),
                 std::string("0.015200000000000000"));
        QCOMPARE(last.emission_per_unit_staked_token(), std::string("0.019520000000000000"));
        QCOMPARE(uallo(last.emission_per_month()), *Amount::parse("29.28", Amount::Unit::Allo));
        QCOMPARE(node.supply(), sum(before, *Amount::parse("5.856", Amount::Unit::Allo)));
        QCOMPARE(node.state().previous_reward_emission_per_unit_staked_token(),
                 std::string("0.019520000000000000"));
        QCOMPARE(node.sumOfBalances(), node.supply());
    }

    // The bank's supply never passes max_supply: minting stops there, and only what the
    // treasury holds is paid out ("capped").
    void maxSupplyCapsMinting() {
        MintNode node(freshPath());
        Genesis g = mintGenesis("");
        Amount s0;
        for (const auto& b : g.balances) s0 = sum(s0, b.coins.at(0).amount);
        const Amount max = sum(s0, allo(3));
        g.moduleStates["mint"] =
            std::string("{\"params\": {\"blocks_per_month\": 2, \"max_supply\": \"") +
            max.toUalloString() + "\"}}";
        node.init(g);
        QCOMPARE(node.supply(), s0);
        bool sawCap = false;
        Amount paid;
        for (int i = 0; i < 6; ++i) {
            auto r = node.block({});
            QVERIFY(node.supply() <= max);
            const Event* e = findEvent(r, "mint.v1.EventBlockEmission");
            QVERIFY(e != nullptr);
            sawCap = sawCap || attr(e, "capped") == "true";
            paid = sum(paid, sum(*Amount::parse(attr(e, "validator_cut")),
                                 *Amount::parse(attr(e, "allora_rewards_cut"))));
        }
        QVERIFY(!uallo(node.lastRecalculation().block_emission()).isZero());
        QVERIFY(sawCap);
        QCOMPARE(node.supply(), max);
        QCOMPARE(paid, allo(3));
        QCOMPARE(sum(node.feeCollector(), node.module(am::kRewardsName)), allo(3));
        QVERIFY(node.rewardsPerBlock().isZero());  // nothing left to pay
        QCOMPARE(node.sumOfBalances(), node.supply());
    }

    // Nothing staked: no rate, nothing minted, and every block tries again until stake arrives.
    void noStakeWaitsForStake() {
        MintNode node(freshPath());
        node.init(mintGenesis(kTenBlockMonth, Amount{}));
        const Amount s0 = node.supply();
        node.block({});
        QCOMPARE(node.supply(), s0);
        QVERIFY(node.state().retry_recalculation());
        QCOMPARE(uallo(node.lastRecalculation().emission_per_month()), Amount{});
        node.send(k.alice, moduleBech32(am::kStakingName), allo(100));  // height 2
        QCOMPARE(node.supply(), s0);
        node.block({});  // height 3: 100 ALLO staked → e = 0.02, 2 ALLO a month, 0.2 a block
        auto last = node.lastRecalculation();
        QCOMPARE(last.block_height(), uint64_t{3});
        QCOMPARE(last.emission_per_unit_staked_token(), std::string("0.020000000000000000"));
        QCOMPARE(node.supply(), sum(s0, *Amount::parse("0.2", Amount::Unit::Allo)));
        QVERIFY(!node.state().retry_recalculation());
    }

    void disabledEmissionMintsNothing() {
        MintNode node(freshPath());
        node.init(mintGenesis(R"({"params": {"emission_enabled": false}})"));
        const Amount s0 = node.supply();
        for (int i = 0; i < 3; ++i) node.block({});
        QCOMPARE(node.supply(), s0);
        QVERIFY(node.feeCollector().isZero());
        QVERIFY(node.rewardsPerBlock().isZero());
    }

    void queries() {
        MintNode node(freshPath());
        node.init(mintGenesis(kTenBlockMonth));
        node.block({});
        node.block({});
        auto p = node.query<mpb::ParamsResponse>("Params", mpb::ParamsRequest{});
        QCOMPARE(p.params().blocks_per_month(), uint64_t{10});
        QCOMPARE(p.params().f_emission(), std::string("0.025"));

        auto b =
            node.query<mpb::BlockEmissionResponse>("BlockEmission", mpb::BlockEmissionRequest{});
        QCOMPARE(uallo(b.block_emission()), allo(2));
        QCOMPARE(uallo(b.validator_cut()), *Amount::parse("0.5", Amount::Unit::Allo));
        QCOMPARE(uallo(b.allora_rewards_cut()), *Amount::parse("1.5", Amount::Unit::Allo));
        QCOMPARE(uallo(b.rewards_per_block()), uallo(b.allora_rewards_cut()));

        // 2 ALLO · 10 · 12 / 155M ALLO.
        auto i = node.query<mpb::InflationResponse>("Inflation", mpb::InflationRequest{});
        QVERIFY(std::fabs(std::stod(i.inflation()) - 240.0 / 155e6) < 1e-15);
        QCOMPARE(i.emission_per_unit_staked_token(), std::string("0.020000000000000000"));

        auto info =
            node.query<mpb::EmissionInfoResponse>("EmissionInfo", mpb::EmissionInfoRequest{});
        QCOMPARE(info.block_height_target_e_i_last_calculated(), uint64_t{1});
        QCOMPARE(info.block_height_target_e_i_next_calculated(), uint64_t{11});
        QCOMPARE(uallo(info.ecosystem_tokens_minted()), allo(4));
        QCOMPARE(uallo(info.ecosystem_mint_supply_remaining()), diff(allo(359'500'000), allo(4)));
        QCOMPARE(info.last_recalculation().block_height(), uint64_t{1});

        uint32_t code = 0;
        node.query<mpb::ParamsResponse>("NoSuchQuery", mpb::ParamsRequest{}, &code);
        QCOMPARE(code, static_cast<uint32_t>(TxCode::UnknownRequest));
        QueryRequest bad;
        bad.path = "/mint.v1.Query/Params";
        bad.data = Bytes{0xff, 0xff};
        QCOMPARE(node.app->query(bad).code, static_cast<uint32_t>(TxCode::TxDecode));
    }

    // Everything the mint carries between blocks is in state: a node restarted before every
    // block (new ChainApp, module registered again) reaches the same app hash at every height as
    // one that never stops, across a month boundary, a stake change and a new reputers' share.
    void restartSafe() {
        auto scenario = [&](bool restartEveryBlock, std::vector<Hash256>& hashes) {
            MintNode node(freshPath());
            auto hook = [](MsgContext& ctx) {
                if (ctx.block.height == 2)
                    QVERIFY(allora::node::setReputerRewardShare(ctx.store, "0.4").ok());
            };
            node.onEndBlock = hook;
            node.init(mintGenesis(R"({"params": {"blocks_per_month": 3}})"));
            for (uint64_t h = 1; h <= 8; ++h) {
                if (restartEveryBlock) {
                    node.restart();
                    node.onEndBlock = hook;
                }
                auto r = h == 4 ? node.send(k.alice, moduleBech32(am::kStakingName), allo(250))
                                : node.block({});
                hashes.push_back(r.appHash);
            }
            QCOMPARE(node.lastRecalculation().block_height(), uint64_t{7});
            QCOMPARE(node.lastRecalculation().reputers_percent(),
                     std::string("0.400000000000000000"));
        };
        std::vector<Hash256> restarted, continuous;
        scenario(true, restarted);
        scenario(false, continuous);
        QCOMPARE(restarted.size(), size_t{8});
        QVERIFY(restarted == continuous);
    }
};

QTEST_GUILESS_MAIN(TestMintBlock)
#include "test_mint_block.moc"
