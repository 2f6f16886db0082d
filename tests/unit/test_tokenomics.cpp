// Unit tests for the mint tokenomics (node/modules/mint): LegacyDec arithmetic, the vesting
// schedule, the monthly emission rate against allora-chain's simulator (months 0–95 of
// tests/vectors/allora/tokenomics_months_0_95.csv) and the per-block mint split.
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "node/modules/mint/legacy_dec.h"
#include "node/modules/mint/tokenomics.h"
#include "tests/unit/vector_files.h"

using namespace allora;
using namespace allora::mint;

namespace {

using Row = testvectors::CsvRow;

const std::vector<Row>& months() {
    static const auto rows = testvectors::readCsvRows("allora/tokenomics_months_0_95.csv");
    return rows;
}

double num(const Row& row, const std::string& column) {
    auto it = row.find(column);
    if (it == row.end()) qFatal("no column %s", column.c_str());
    return std::stod(it->second);
}

// A CSV amount in ALLO (e.g. "47321195.640835635") as uallo; digits past the 18th decimal dropped.
Amount allo(const Row& row, const std::string& column) {
    std::string text = row.at(column);
    if (auto dot = text.find('.'); dot != std::string::npos && text.size() - dot - 1 > 18) {
        text.resize(dot + 19);
    }
    auto a = Amount::parse(text, Amount::Unit::Allo);
    if (!a) qFatal("bad amount %s: %s", text.c_str(), a.message().c_str());
    return *a;
}

double toAllo(const Amount& a) {
    return a.uallo().convert_to<double>() / 1e18;
}

Amount must(Result<Amount> r) {
    if (!r) qFatal("%s", r.message().c_str());
    return *r;
}
LegacyDec must(Result<LegacyDec> r) {
    if (!r) qFatal("%s", r.message().c_str());
    return *r;
}

// |got − want| <= rel · max(|want|, floor): relative, with an absolute floor for zeros.
bool closeTo(double got, double want, double rel, double floor = 1e-300) {
    return std::fabs(got - want) <= rel * std::max(std::fabs(want), floor);
}

// The simulator's f_rep and MPY_max (allora-chain x/mint/keeper/emissions_test.go,
// TestEHatMaxAtGenesisFromCsv: f_stake = 0.25 + 0.75/3 = 0.5, MPY_max = 1.12^(1/12) − 1).
const LegacyDec kSimReputersPercent = LegacyDec::mustParse("0.333333333333333333");
const LegacyDec kSimMaxMpy = LegacyDec::mustParse("0.009488792934583046");

TokenomicsParams simulatorParams() {
    TokenomicsParams p = defaultTokenomicsParams();
    p.maxMonthlyPercentageYield = kSimMaxMpy;
    return p;
}

}  // namespace

class TestTokenomics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void legacyDecParsesAndPrints() {
        QCOMPARE(LegacyDec::mustParse("0.0095").toString(), std::string("0.009500000000000000"));
        QCOMPARE(LegacyDec::mustParse("36").toString(), std::string("36.000000000000000000"));
        QCOMPARE(LegacyDec::mustParse(".5").toString(), std::string("0.500000000000000000"));
        QVERIFY(!LegacyDec::parse("").ok());
        QVERIFY(!LegacyDec::parse("-1").ok());
        QVERIFY(!LegacyDec::parse("1e5").ok());
        QVERIFY(!LegacyDec::parse("1.2.3").ok());
        QVERIFY(!LegacyDec::parse("0.0000000000000000001").ok());  // 19 decimals
        QCOMPARE(LegacyDec::parse("1" + std::string(80, '0')).code(), ErrorCode::Overflow);
    }

    void legacyDecRoundsAsCosmos() {
        // Quo: floor(a·10^36 / b), then half-to-even at 18 places.
        QCOMPARE(must(LegacyDec::ratio(2, 3)).toString(), std::string("0.666666666666666667"));
        QCOMPARE(must(LegacyDec::ratio(1, 3)).toString(), std::string("0.333333333333333333"));
        // Mul: 0.000000000000000005 · 0.1 = 5·10^-19 → ties to even 0; 15·10^-19 → 2·10^-18.
        const auto tenth = LegacyDec::mustParse("0.1");
        QCOMPARE(must(LegacyDec::fromRaw(5).mul(tenth)).raw(), LegacyDec::Int(0));
        QCOMPARE(must(LegacyDec::fromRaw(15).mul(tenth)).raw(), LegacyDec::Int(2));
        QCOMPARE(must(LegacyDec::fromRaw(25).mul(tenth)).raw(), LegacyDec::Int(2));
        QCOMPARE(must(LegacyDec::fromRaw(26).mul(tenth)).raw(), LegacyDec::Int(3));
        // 0.75 · 0.333333333333333333 = 0.24999999999999999975 → 0.25: f_stake is exactly 0.5.
        QCOMPARE(must(LegacyDec::mustParse("0.75").mul(kSimReputersPercent)).toString(),
                 std::string("0.250000000000000000"));
        QCOMPARE(LegacyDec::one().sub(LegacyDec::mustParse("2")).code(), ErrorCode::Overflow);
        QCOMPARE(LegacyDec::one().quo(LegacyDec()).code(), ErrorCode::InvalidArgument);
        const auto huge = must(LegacyDec::fromInt(LegacyDec::Int(1) << 190));
        QCOMPARE(huge.mul(huge).code(), ErrorCode::Overflow);
        QCOMPARE(must(LegacyDec::mustParse("2.5").mulTruncate(Amount::fromUallo(3))),
                 Amount::fromUallo(7));
        QCOMPARE(LegacyDec::mustParse("2").mulTruncate(Amount::max()).code(), ErrorCode::Overflow);
    }

    void allocationAndVesting() {
        const auto p = defaultTokenomicsParams();
        LegacyDec sum;
        for (const auto& pct : {p.ecosystemPercent, p.investorsPercent, p.investorsPreseedPercent,
                                p.teamPercent, p.foundationPercent, p.participantsPercent}) {
            sum = must(sum.add(pct));
        }
        QCOMPARE(sum, LegacyDec::one());
        QCOMPARE(must(allocation(p, p.ecosystemPercent)), Amount::fromAllo(359'500'000));

        const uint64_t bpm = p.blocksPerMonth;
        const Amount full = Amount::fromAllo(50'000'000 + 260'500'000 + 175'000'000);
        QCOMPARE(lockedVestingTokens(p, 0)->total, full);
        QCOMPARE(lockedVestingTokens(p, 12 * bpm - 1)->total, full);  // cliff: a full year
        // Month 12: (36 − 12)/36 = 0.666666666666666667 (LegacyDec) of each bucket, truncated.
        const auto m12 = *lockedVestingTokens(p, 12 * bpm);
        QCOMPARE(m12.team,
                 must(must(LegacyDec::ratio(24, 36)).mulTruncate(Amount::fromAllo(175'000'000))));
        QVERIFY(closeTo(toAllo(m12.total), 485'500'000.0 * 2 / 3, 1e-15));
        QVERIFY(
            closeTo(toAllo(lockedVestingTokens(p, 35 * bpm)->total), 485'500'000.0 / 36, 1e-15));
        QVERIFY(lockedVestingTokens(p, 36 * bpm)->total.isZero());
        QVERIFY(lockedVestingTokens(p, 100 * bpm)->total.isZero());
        auto zero = p;
        zero.blocksPerMonth = 0;
        QCOMPARE(lockedVestingTokens(zero, 5).code(), ErrorCode::InvalidArgument);
    }

    void maxRateMatchesGenesisRow() {
        const auto p = simulatorParams();
        const auto max =
            must(maxEmissionPerUnitStaked(kSimMaxMpy, kSimReputersPercent, p.validatorsPercent));
        QCOMPARE(max.toString(), std::string("0.018977585869166092"));
        QVERIFY(closeTo(max.toDouble(), num(months()[0], "ehat_max_i"), 1e-15));
        // With the mainnet MPY_max 0.0095 instead.
        const auto mainnet = must(maxEmissionPerUnitStaked(
            LegacyDec::mustParse("0.0095"), kSimReputersPercent, p.validatorsPercent));
        QCOMPARE(mainnet.toString(), std::string("0.019000000000000000"));
    }

    // Months 1–95 as one recursion: e_prev, the ecosystem bucket and the circulating supply come
    // from our own previous month, never from the CSV. The only CSV input is the simulator's
    // staked tokens: N_staked(i) = staked(i−1) + 3/4 of the tokens vesting in month i (the
    // simulator stakes 75 % of newly vested team and investor tokens before it recomputes).
    void scheduleMatchesSimulator() {
        const auto p = simulatorParams();
        const auto& rows = months();
        QCOMPARE(rows.size(), size_t(96));
        const double rel = 1e-9;
        double worst = 0;
        auto check = [&](double got, double want, const char* what, size_t month,
                         double floor = 1e-300) {
            if (!closeTo(got, want, rel, floor)) {
                QFAIL(qPrintable(QString("month %1 %2: got %3, want %4")
                                     .arg(month)
                                     .arg(what)
                                     .arg(got, 0, 'g', 17)
                                     .arg(want, 0, 'g', 17)));
            }
            if (want != 0) worst = std::max(worst, std::fabs(got - want) / std::fabs(want));
        };

        Amount ecosystem = must(allocation(p, p.ecosystemPercent));
        check(toAllo(ecosystem), num(rows[0], "ecosystem_tokens_total"), "ecosystem", 0);
        auto locked0 = *lockedVestingTokens(p, 0);
        Amount circulating = must(circulatingSupply(p.maxSupply, locked0.total, ecosystem));
        check(toAllo(circulating), num(rows[0], "network_tokens_circulating"), "circulating", 0);
        check(toAllo(p.maxSupply), num(rows[0], "network_tokens_total"), "total", 0);

        LockedVesting lockedPrev = locked0;
        std::optional<LegacyDec> ePrev;
        for (size_t i = 1; i < rows.size(); ++i) {
            const Row& row = rows[i];
            const uint64_t height = i * p.blocksPerMonth;
            const auto locked = *lockedVestingTokens(p, height);
            const Amount vestPreseed =
                must(lockedPrev.preseedInvestors.sub(locked.preseedInvestors));
            const Amount vestSeed = must(lockedPrev.investors.sub(locked.investors));
            const Amount vestTeam = must(lockedPrev.team.sub(locked.team));
            const Amount vested = must(lockedPrev.total.sub(locked.total));
            check(toAllo(vestPreseed), num(row, "investors_preseed_tokens_emission"), "preseed", i,
                  1);
            check(toAllo(vestSeed), num(row, "investors_seed_tokens_emission"), "seed", i, 1);
            check(toAllo(vestTeam), num(row, "team_tokens_emission"), "team", i, 1);

            EmissionInputs in;
            in.blockHeight = height;
            in.networkStaked =
                must(allo(rows[i - 1], "network_tokens_staked").add(must(vested.mulFrac(3, 4))));
            in.ecosystemLocked = ecosystem;
            in.reputersPercentOfTopicRewards = kSimReputersPercent;
            in.previousEmissionPerUnitStaked = ePrev;
            auto upd = computeEmission(p, in);
            QVERIFY2(upd.ok(), upd.ok() ? "" : upd.message().c_str());

            check(upd->targetEmissionPerUnitStaked.toDouble(), num(row, "ehat_target_i"),
                  "ê_target", i);
            check(upd->maxEmissionPerUnitStaked.toDouble(), num(row, "ehat_max_i"), "ê_max", i);
            check(upd->cappedEmissionPerUnitStaked.toDouble(), num(row, "ehat_i"), "ê", i);
            check(upd->emissionPerUnitStaked.toDouble(), num(row, "e_i"), "e", i);
            const Amount monthly = upd->monthlyEmission;
            check(toAllo(monthly), num(row, "ecosystem_tokens_emission"), "E_month", i);
            check(toAllo(must(vested.add(monthly))), num(row, "network_tokens_emission"),
                  "emission", i);
            const Amount validators = must(p.validatorsPercent.mulTruncate(monthly));
            check(toAllo(validators), num(row, "validator_rewards"), "validators", i);
            check(toAllo(must(monthly.sub(validators))), num(row, "topics_rewards"), "topics", i);

            ecosystem = must(ecosystem.sub(monthly));
            circulating = must(upd->circulatingSupply.add(monthly));
            check(toAllo(ecosystem), num(row, "ecosystem_tokens_total"), "ecosystem", i);
            check(toAllo(circulating), num(row, "network_tokens_circulating"), "circulating", i);
            // The same supply by definition: N_max − locked − T_eco.
            QCOMPARE(circulating, must(circulatingSupply(p.maxSupply, locked.total, ecosystem)));

            ePrev = upd->emissionPerUnitStaked;
            lockedPrev = locked;
        }
        qInfo("months 1-95: worst relative error %.3g", worst);
    }

    void blockMintSplit() {
        const auto p = defaultTokenomicsParams();
        const Amount monthly = *Amount::parse("891946.5358508063", Amount::Unit::Allo);
        const Amount block = must(blockEmission(monthly, p.blocksPerMonth));
        // floor: block · blocks_per_month + remainder = monthly, remainder < blocks_per_month.
        const Amount minted = must(block.mul(p.blocksPerMonth));
        const Amount rest = must(monthly.sub(minted));
        QVERIFY(rest < Amount::fromUallo(p.blocksPerMonth));
        const auto split = *splitBlockEmission(block, p.validatorsPercent);
        QCOMPARE(must(split.validators.add(split.topicRewards)), block);
        QCOMPARE(split.validators, must(block.mulFrac(1, 4)));
        // Rounding favours the rewards side: 7 uallo → 1 + 6.
        const auto seven = *splitBlockEmission(Amount::fromUallo(7), p.validatorsPercent);
        QCOMPARE(seven.validators, Amount::fromUallo(1));
        QCOMPARE(seven.topicRewards, Amount::fromUallo(6));
        const auto zero = *splitBlockEmission(Amount(), p.validatorsPercent);
        QVERIFY(zero.validators.isZero() && zero.topicRewards.isZero());
        // Every month of the vector splits without loss.
        for (const Row& row : months()) {
            const Amount m = allo(row, "ecosystem_tokens_emission");
            const Amount b = must(blockEmission(m, p.blocksPerMonth));
            const auto s = *splitBlockEmission(b, p.validatorsPercent);
            QCOMPARE(must(s.validators.add(s.topicRewards)), b);
        }
        // Errors, never wrap-around.
        QCOMPARE(splitBlockEmission(block, LegacyDec::mustParse("1.5")).code(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(blockEmission(monthly, 0).code(), ErrorCode::InvalidArgument);
        QCOMPARE(LegacyDec::mustParse("1.5").mulTruncate(Amount::max()).code(),
                 ErrorCode::Overflow);
    }

    void emissionInputErrors() {
        const auto p = defaultTokenomicsParams();
        EmissionInputs in;
        in.ecosystemLocked = Amount::fromAllo(359'500'000);
        in.reputersPercentOfTopicRewards = kSimReputersPercent;
        QCOMPARE(computeEmission(p, in).code(), ErrorCode::InvalidArgument);  // nothing staked
        in.networkStaked = Amount::fromAllo(47'000'000);
        in.ecosystemLocked = Amount::fromAllo(600'000'000);  // more than the max supply allows
        QCOMPARE(computeEmission(p, in).code(), ErrorCode::Overflow);
        in.ecosystemLocked = Amount::fromAllo(359'500'000);
        auto first = computeEmission(p, in);
        QVERIFY(first.ok());
        // First month: e is the capped target; with the mainnet MPY_max the cap binds at 0.019.
        QCOMPARE(first->emissionPerUnitStaked, first->cappedEmissionPerUnitStaked);
        QCOMPARE(first->emissionPerUnitStaked.toString(), std::string("0.019000000000000000"));
        QCOMPARE(first->monthlyEmission, Amount::fromAllo(893'000));
        QCOMPARE(first->blockEmission, must(Amount::fromAllo(893'000).mulFrac(1, 864'000)));
    }
};

QTEST_GUILESS_MAIN(TestTokenomics)
#include "test_tokenomics.moc"
