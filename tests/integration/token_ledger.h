// Token accounting for the integration tests that run a devnet with the mint and the emissions
// module (test_emissions_loop, test_participants): a Ledger sums what every committed block said
// (transfers, fees, mints, the block emission's split, rewards paid), Snapshots read the chain's
// balances and supply through queries, and checkConservation() compares the two: no token moves
// without an event, the supply grows by exactly what the mint minted, and every minted token is
// either paid out as a reward or still held in a module account.
#pragma once

#include <QtGlobal>

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "allora/bank/v1/bank.pb.h"
#include "allora/mint/v1/query.pb.h"
#include "core/amount.h"
#include "node/chain/abci_types.h"
#include "node/chain/chain_query.h"
#include "node/consensus/engine.h"
#include "node/modules/address.h"
#include "node/participants/chain_client.h"

namespace tokenledger {

using allora::Amount;
using allora::participants::ChainClient;

inline Amount amountOf(const std::string& text) {
    if (text.empty()) return Amount{};
    auto a = Amount::parse(text);
    if (!a) qFatal("amount '%s': %s", text.c_str(), a.message().c_str());
    return *a;
}
inline Amount plus(const Amount& a, const Amount& b) {
    auto s = a.add(b);
    if (!s) qFatal("%s", s.message().c_str());
    return *s;
}
inline std::string allo(const Amount& a) {
    return a.toAlloString(6) + " ALLO";
}

// Every module account that holds tokens: auth's fee collector (fees and the validators' cut of
// the block emission), the treasury (ecosystem: what the mint mints, fees and topic funding), the
// stake, the reward pool and the delegators' pending rewards.
inline constexpr const char* kModules[] = {"fee_collector", "ecosystem", "allorastaking",
                                           "allorarewards", "allorapendingrewards"};
inline std::string moduleAddress(std::string_view name) {
    return allora::node::formatAddress(allora::node::moduleAddress(name));
}
inline bool isModule(const std::string& address) {
    for (const char* m : kModules)
        if (address == moduleAddress(m)) return true;
    return false;
}

// What the committed blocks said, summed. onBlock() runs on the engine's thread.
struct Ledger {
    mutable std::mutex mu;
    uint64_t firstHeight = 0, height = 0;
    size_t missedBlocks = 0;                             // heights skipped between two blocks heard
    std::map<std::string, Amount> received, sent, fees;  // by bech32 address
    std::map<std::string, Amount> rewards;               // EventRewardPaid by address
    std::map<std::pair<std::string, std::string>, Amount> transfers;  // (sender, recipient)
    std::set<std::string> addresses;
    Amount minted, feesTotal, rewardsCut, validatorCut, rewardsPaid;
    size_t failedTxs = 0;
    std::string firstFailure;

    static std::string attr(const allora::node::Event& e, std::string_view key) {
        for (const auto& a : e.attributes)
            if (a.key == key) return a.value;
        return {};
    }
    void add(const allora::node::Event& e) {
        if (e.type == "transfer") {
            const std::string from = attr(e, "sender"), to = attr(e, "recipient");
            const Amount a = amountOf(attr(e, "amount"));
            sent[from] = plus(sent[from], a);
            received[to] = plus(received[to], a);
            transfers[{from, to}] = plus(transfers[{from, to}], a);
            addresses.insert(from);
            addresses.insert(to);
        } else if (e.type == "tx" && !attr(e, "fee_payer").empty()) {
            const std::string payer = attr(e, "fee_payer");
            const Amount fee = amountOf(attr(e, "fee"));
            fees[payer] = plus(fees[payer], fee);
            feesTotal = plus(feesTotal, fee);
            addresses.insert(payer);
        } else if (e.type == "coinbase") {
            minted = plus(minted, amountOf(attr(e, "amount")));
        } else if (e.type == "mint.v1.EventBlockEmission") {
            rewardsCut = plus(rewardsCut, amountOf(attr(e, "allora_rewards_cut")));
            validatorCut = plus(validatorCut, amountOf(attr(e, "validator_cut")));
        } else if (e.type == "emissions.v9.EventRewardPaid") {
            const Amount a = amountOf(attr(e, "amount"));
            rewards[attr(e, "address")] = plus(rewards[attr(e, "address")], a);
            rewardsPaid = plus(rewardsPaid, a);
        }
    }
    void onBlock(const allora::node::consensus::CommittedBlock& b) {
        std::lock_guard lock(mu);
        if (firstHeight == 0) firstHeight = b.height;
        if (height != 0 && b.height != height + 1) ++missedBlocks;
        for (const auto& e : b.events) add(e);
        for (const auto& r : b.txResults) {
            if (!r.ok()) {
                ++failedTxs;
                if (firstFailure.empty()) firstFailure = r.log;
            }
            for (const auto& e : r.events) add(e);
        }
        height = b.height;
    }
    // A transfer total over the (sender, recipient) pairs `pick` accepts.
    template <typename Pick>
    Amount transferred(Pick pick) const {
        Amount out;
        for (const auto& [fromTo, amount] : transfers)
            if (pick(fromTo.first, fromTo.second)) out = plus(out, amount);
        return out;
    }
};

template <typename Resp>
Resp mustQuery(ChainClient& chain, std::string_view path,
               const google::protobuf::MessageLite& request) {
    auto r = chain.query<Resp>(path, request);
    if (!r) qFatal("%s", r.message().c_str());
    return std::move(*r);
}

inline Amount balanceOf(ChainClient& chain, const std::string& address) {
    allora::bank::v1::QueryAllBalancesRequest q;
    q.set_address(address);
    auto r = mustQuery<allora::bank::v1::QueryAllBalancesResponse>(
        chain, allora::node::query_paths::kAllBalances, q);
    Amount out;
    for (const auto& c : r.balances())
        if (c.denom() == "uallo") out = plus(out, amountOf(c.amount()));
    return out;
}
inline Amount supplyOf(ChainClient& chain) {
    allora::bank::v1::QueryAllBalancesRequest none;  // the request is empty
    auto r = mustQuery<allora::bank::v1::QueryTotalSupplyResponse>(
        chain, allora::node::query_paths::kTotalSupply, none);
    Amount out;
    for (const auto& c : r.supply())
        if (c.denom() == "uallo") out = plus(out, amountOf(c.amount()));
    return out;
}
// What the mint has minted since genesis, by its own state.
inline Amount mintedSoFar(ChainClient& chain) {
    auto info = mustQuery<::mint::v1::EmissionInfoResponse>(chain, "/mint.v1.Query/EmissionInfo",
                                                            ::mint::v1::EmissionInfoRequest{});
    return amountOf(info.ecosystem_tokens_minted());
}

// The chain's balances of some addresses (and of every module account), its supply and what the
// mint has minted, at one height. Read it while no block is committed (before the node starts,
// after it stops), or compare `height` before and after and read again.
struct Snapshot {
    Amount supply, minted;
    std::map<std::string, Amount> balances;
};
inline Snapshot snapshot(ChainClient& chain, const std::set<std::string>& addresses) {
    Snapshot s;
    s.supply = supplyOf(chain);
    s.minted = mintedSoFar(chain);
    std::set<std::string> all = addresses;
    for (const char* m : kModules) all.insert(moduleAddress(m));
    for (const std::string& a : all) s.balances[a] = balanceOf(chain, a);
    return s;
}

// The accounting between two snapshots, given the ledger of every block in between. Returns an
// empty string when it holds, else the first thing that does not; `report` gets the figures.
// `end` must cover every address that held or received tokens (the genesis accounts and the
// ledger's addresses): its balances must add up to the supply.
inline std::string checkConservation(const Ledger& l, const Snapshot& start, const Snapshot& end,
                                     std::string* report = nullptr) {
    std::lock_guard lock(l.mu);
    auto get = [](const std::map<std::string, Amount>& m, const std::string& a) {
        auto it = m.find(a);
        return it == m.end() ? Amount{} : it->second;
    };
    if (l.missedBlocks != 0)
        return "the ledger missed " + std::to_string(l.missedBlocks) + " block(s)";
    // The mint: its events, its state and the supply agree.
    auto mintedState = end.minted.sub(start.minted);
    if (!mintedState || *mintedState != l.minted)
        return "minted by events " + allo(l.minted) + ", by the mint's state " + allo(end.minted) +
               " - " + allo(start.minted);
    if (end.supply != plus(start.supply, l.minted))
        return "supply " + allo(start.supply) + " -> " + allo(end.supply) + ", minted " +
               allo(l.minted);
    // Every account: end = start + received - sent - fees paid (+ fees collected, + minted).
    const std::string feeCollector = moduleAddress("fee_collector");
    const std::string treasury = moduleAddress("ecosystem");
    Amount sum;
    for (const auto& [address, balance] : end.balances) {
        Amount in = plus(get(start.balances, address), get(l.received, address));
        if (address == feeCollector) in = plus(in, l.feesTotal);
        if (address == treasury) in = plus(in, l.minted);
        const Amount out = plus(balance, plus(get(l.sent, address), get(l.fees, address)));
        if (in != out)
            return address + ": " + allo(get(start.balances, address)) + " + in " +
                   allo(get(l.received, address)) + " - out " + allo(get(l.sent, address)) +
                   " - fees " + allo(get(l.fees, address)) + " != " + allo(balance);
        sum = plus(sum, balance);
    }
    for (const std::string& a : l.addresses)
        if (!end.balances.count(a)) return a + " moved tokens but is not in the end snapshot";
    if (sum != end.supply)
        return "the balances add up to " + allo(sum) + ", the supply is " + allo(end.supply);
    // The treasury pays out exactly the block emission (validators' cut and the reward pool's).
    const Amount treasuryOut = l.transferred(
        [&](const std::string& from, const std::string&) { return from == treasury; });
    if (treasuryOut != plus(l.validatorCut, l.rewardsCut))
        return "the treasury paid " + allo(treasuryOut) + ", the block emission was " +
               allo(plus(l.validatorCut, l.rewardsCut));
    // The reward pool pays out only rewards (each with its EventRewardPaid).
    const std::string pool = moduleAddress("allorarewards");
    const Amount poolOut =
        l.transferred([&](const std::string& from, const std::string&) { return from == pool; });
    if (poolOut != l.rewardsPaid)
        return "the reward pool paid " + allo(poolOut) + ", rewards paid by events " +
               allo(l.rewardsPaid);
    // Minted = rewards paid + held, over all module accounts together (tokens are fungible: the
    // treasury pays the emission from the mint and from fees and funding alike):
    //   minted + paid in by accounts (fees, stake, funding)
    //     = paid out to accounts (rewards, returned stake) + the module accounts' balance change.
    Amount paidIn = l.feesTotal, paidOut, rewardsToAccounts, heldStart, heldEnd;
    for (const auto& [fromTo, amount] : l.transfers) {
        const bool fromModule = isModule(fromTo.first), toModule = isModule(fromTo.second);
        if (!fromModule && toModule) paidIn = plus(paidIn, amount);
        if (fromModule && !toModule) paidOut = plus(paidOut, amount);
        if (fromTo.first == pool && !toModule) rewardsToAccounts = plus(rewardsToAccounts, amount);
    }
    for (const char* m : kModules) {
        heldStart = plus(heldStart, start.balances.at(moduleAddress(m)));
        heldEnd = plus(heldEnd, end.balances.at(moduleAddress(m)));
    }
    const Amount rewardsToStake = *l.rewardsPaid.sub(rewardsToAccounts);
    std::ostringstream r;
    r << "blocks " << l.firstHeight << ".." << l.height << ": supply " << allo(start.supply)
      << " -> " << allo(end.supply) << "; minted " << allo(l.minted) << " + paid in by accounts "
      << allo(paidIn) << " (fees " << l.feesTotal.toUalloString()
      << " uallo) = paid out to accounts " << allo(paidOut) << " (rewards "
      << allo(rewardsToAccounts) << ") + module accounts " << allo(heldStart) << " -> "
      << allo(heldEnd) << "; rewards paid " << allo(l.rewardsPaid) << " (to balances "
      << allo(rewardsToAccounts) << ", to stake " << allo(rewardsToStake)
      << "); block emission: validators " << allo(l.validatorCut) << ", reward pool "
      << allo(l.rewardsCut);
    if (report) *report = r.str();
    if (plus(l.minted, plus(paidIn, heldStart)) != plus(paidOut, heldEnd))
        return "minted + paid in + held before != paid out + held after: " + r.str();
    return {};
}

}  // namespace tokenledger
