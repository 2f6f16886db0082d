#include "ui/nodequeries.h"

#include <algorithm>

#include "allora/auth/v1/auth.pb.h"
#include "allora/bank/v1/bank.pb.h"
#include "allora/chain/v1/chain.pb.h"
#include "core/bech32.h"

namespace allora::ui {

namespace {

template <typename Message>
Bytes serialize(const Message& m) {
    const std::string s = m.SerializeAsString();
    return Bytes(s.begin(), s.end());
}

template <typename Message>
bool parse(Message& m, const Bytes& b) {
    return m.ParseFromArray(b.data(), static_cast<int>(b.size()));
}

Error queryError(const node::QueryResponse& r, std::string_view path) {
    return makeError(ErrorCode::Internal,
                     "the node could not answer " + std::string(path) + ": " +
                         (r.log.empty() ? std::string("no reason given") : r.log));
}

node::QueryResponse ask(node::api::NodeApi& node, std::string_view path, Bytes data = {}) {
    node::QueryRequest q;
    q.path = std::string(path);
    q.data = std::move(data);
    return node.query(q);
}

Result<Amount> uallo(const google::protobuf::RepeatedPtrField<cosmos::base::v1beta1::Coin>& coins) {
    for (const auto& c : coins)
        if (c.denom() == kDenom) return Amount::parse(c.amount());
    return Amount{};
}

}  // namespace

Result<AccountSnapshot> readAccount(node::api::NodeApi& node, const std::string& address) {
    namespace paths = node::query_paths;
    AccountSnapshot snap;
    allora::chain::v1::QueryAccountRequest accountReq;
    accountReq.set_address(address);
    const auto account = ask(node, paths::kAccount, serialize(accountReq));
    snap.height = account.height;
    if (account.code == static_cast<uint32_t>(node::TxCode::UnknownAddress)) return snap;
    if (account.code != 0) return queryError(account, paths::kAccount);
    allora::auth::v1::Account acc;
    if (!parse(acc, account.value))
        return makeError(ErrorCode::Corrupt, "the node's account answer does not decode");
    snap.exists = true;
    snap.accountNumber = acc.base().account_number();
    snap.sequence = acc.base().sequence();
    if (acc.has_vesting()) {
        snap.vesting = true;
        snap.vestingEndUnix = acc.vesting().end_time();
    }
    allora::bank::v1::QueryAllBalancesRequest balReq;
    balReq.set_address(address);
    const Bytes balData = serialize(balReq);
    for (const auto path : {paths::kAllBalances, paths::kSpendableBalances}) {
        const auto r = ask(node, path, balData);
        if (r.code != 0) return queryError(r, path);
        allora::bank::v1::QueryAllBalancesResponse resp;
        if (!parse(resp, r.value))
            return makeError(ErrorCode::Corrupt, "the node's balance answer does not decode");
        auto amount = uallo(resp.balances());
        if (!amount) return amount.error();
        (path == paths::kAllBalances ? snap.total : snap.spendable) = *amount;
    }
    // Both answers come from the same committed state, so spendable <= total.
    auto locked = snap.total.sub(std::min(snap.spendable, snap.total));
    if (!locked) return locked.error();
    snap.vestingLocked = *locked;
    return snap;
}

Result<std::string> readMinGasPrice(node::api::NodeApi& node) {
    const auto r = ask(node, node::query_paths::kChainParams);
    if (r.code != 0) return queryError(r, node::query_paths::kChainParams);
    allora::chain::v1::Params params;
    if (!parse(params, r.value))
        return makeError(ErrorCode::Corrupt, "the node's chain parameters do not decode");
    return params.min_gas_price();
}

Result<Amount> readMinFee(node::api::NodeApi& node, uint64_t gas) {
    auto price = readMinGasPrice(node);
    if (!price) return price.error();
    return feeFor(*price, gas);
}

Result<Amount> feeFor(std::string_view gasPrice, uint64_t gas, uint64_t num, uint64_t den) {
    // A decimal price read as ALLO is the price × 10^18 in "uallo": an exact integer.
    auto atto = Amount::parse(gasPrice, Amount::Unit::Allo);
    if (!atto) return atto.error();
    auto total = atto->mul(gas);
    if (!total) return total.error();
    auto scaled = total->mulFrac(num, den);
    if (!scaled) return scaled.error();
    // Rounded up: a fee a hair below the minimum would be refused.
    auto up = scaled->add(Amount::fromUallo(Amount::kUalloPerAllo - 1));
    if (!up) return up.error();
    return up->mulFrac(1, Amount::kUalloPerAllo);
}

Result<TxOutcome> readTxOutcome(node::api::NodeApi& node, const Hash256& hash) {
    allora::chain::v1::QueryTxRequest req;
    req.set_hash(std::string(hash.begin(), hash.end()));
    const auto r = ask(node, node::query_paths::kTx, serialize(req));
    TxOutcome out;
    if (r.code == static_cast<uint32_t>(node::TxCode::InvalidRequest)) return out;  // not found
    if (r.code != 0) return queryError(r, node::query_paths::kTx);
    allora::chain::v1::QueryTxResponse resp;
    if (!parse(resp, r.value))
        return makeError(ErrorCode::Corrupt, "the tx answer does not decode");
    out.found = true;
    out.height = resp.height();
    out.code = resp.result().code();
    out.log = resp.result().log();
    for (const auto& e : resp.result().events()) {
        TxEvent ev;
        ev.type = e.type();
        for (const auto& a : e.attributes()) ev.attributes.emplace_back(a.key(), a.value());
        out.events.push_back(std::move(ev));
    }
    return out;
}

std::string TxOutcome::attribute(std::string_view type, std::string_view key) const {
    for (const auto& e : events) {
        if (e.type != type) continue;
        for (const auto& [k, v] : e.attributes)
            if (k == key) return v;
    }
    return {};
}

Result<std::vector<node::TxsByAddressEntry>> readHistoryPage(node::api::NodeApi& node,
                                                             const std::string& address,
                                                             uint64_t beforeHeight,
                                                             uint32_t beforeIndex, uint32_t limit) {
    node::TxsByAddressRequest req{address, beforeHeight, beforeIndex, limit};
    const auto r =
        ask(node, node::query_paths::kTxsByAddress, node::encodeTxsByAddressRequest(req));
    if (r.code != 0) return queryError(r, node::query_paths::kTxsByAddress);
    return node::decodeTxsByAddressResponse(r.value);
}

AddressProblem checkAddress(std::string_view text) {
    if (text.empty()) return AddressProblem::Empty;
    bech32::DecodeError why = bech32::DecodeError::None;
    auto payload = bech32::decodeAddress(text, kAddressPrefix, &why);
    if (!payload) {
        switch (why) {
            case bech32::DecodeError::WrongHrp:
            case bech32::DecodeError::NoSeparator:
            case bech32::DecodeError::EmptyHrp:
                return AddressProblem::WrongPrefix;
            case bech32::DecodeError::InvalidChecksum:
                return AddressProblem::BadChecksum;
            case bech32::DecodeError::TooShort:
            case bech32::DecodeError::TooLong:
            case bech32::DecodeError::InvalidPadding:
                return AddressProblem::WrongLength;
            default:
                return AddressProblem::BadCharacters;
        }
    }
    if (payload->size() != 20 && payload->size() != 32) return AddressProblem::WrongLength;
    return AddressProblem::None;
}

}  // namespace allora::ui
