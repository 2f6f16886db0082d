#include "node/chain/genesis.h"

#include <charconv>
#include <cstdio>
#include <set>

#include <boost/json.hpp>

#include "core/encoding.h"
#include "node/chain/chain_params.h"
#include "node/modules/address.h"
#include "node/modules/auth/vesting.h"

namespace allora::node {

namespace json = boost::json;

namespace {

Error bad(const std::string& where, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument, "genesis: " + where + ": " + what);
}

const json::value* field(const json::object& obj, std::string_view key) {
    return obj.if_contains(key);
}

Result<const json::object*> objectAt(const json::object& obj, std::string_view key,
                                     const std::string& where, bool required) {
    const json::value* v = field(obj, key);
    if (v == nullptr || v->is_null()) {
        if (required) return bad(where, "missing \"" + std::string(key) + "\"");
        return static_cast<const json::object*>(nullptr);
    }
    if (!v->is_object()) return bad(where + "." + std::string(key), "expected an object");
    return &v->as_object();
}

Result<std::string> stringAt(const json::object& obj, std::string_view key,
                             const std::string& where) {
    const json::value* v = field(obj, key);
    if (v == nullptr || !v->is_string()) {
        std::string what =
            "field ";  // built step by step: GCC 12 misreports "\"" + string (-Wrestrict)
        what += key;
        what += " must be a string";
        return bad(where, what);
    }
    return std::string(v->as_string());
}

// A Cosmos integer: a JSON number or a decimal string. Absent gives `fallback`.
Result<uint64_t> u64At(const json::object& obj, std::string_view key, const std::string& where,
                       uint64_t fallback) {
    const json::value* v = field(obj, key);
    if (v == nullptr) return fallback;
    if (v->is_uint64()) return v->as_uint64();
    if (v->is_int64() && v->as_int64() >= 0) return static_cast<uint64_t>(v->as_int64());
    if (v->is_string()) {
        const auto& s = v->as_string();
        uint64_t out = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) return out;
    }
    return bad(where + "." + std::string(key), "expected a non-negative integer");
}

Result<int64_t> timeAt(const json::object& obj, std::string_view key, const std::string& where) {
    const json::value* v = field(obj, key);
    if (v == nullptr) return int64_t{0};
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= INT64_MAX) return static_cast<int64_t>(v->as_uint64());
    if (v->is_string()) {
        const auto& s = v->as_string();
        int64_t out = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) return out;
        auto t = parseRfc3339(std::string_view(s.data(), s.size()));
        if (t) return t;
    }
    return bad(where + "." + std::string(key), "expected Unix seconds or an RFC 3339 time");
}

// Coins as written ([{denom, amount}]), NOT yet validated (validate() reports the problems).
Result<Coins> coinsAt(const json::object& obj, std::string_view key, const std::string& where) {
    Coins out;
    const json::value* v = field(obj, key);
    if (v == nullptr || v->is_null()) return out;
    if (!v->is_array()) return bad(where + "." + std::string(key), "expected an array of coins");
    for (const auto& item : v->as_array()) {
        if (!item.is_object()) return bad(where, "a coin must be {\"denom\", \"amount\"}");
        auto denom = stringAt(item.as_object(), "denom", where);
        auto amount = stringAt(item.as_object(), "amount", where);
        if (!denom) return denom.error();
        if (!amount) return amount.error();
        auto parsed = parseCoinAmount(*amount);
        if (!parsed) return bad(where, parsed.message());
        out.push_back(Coin{*denom, *parsed});
    }
    return out;
}

json::array coinsJson(const Coins& coins) {
    json::array a;
    for (const Coin& c : coins)
        a.push_back(json::object{{"denom", c.denom}, {"amount", c.amount.toUalloString()}});
    return a;
}

}  // namespace

Genesis Genesis::withDefaults(std::string chainId, int64_t genesisTimeUnix) {
    Genesis g;
    g.chainId = std::move(chainId);
    g.genesisTimeUnix = genesisTimeUnix;
    g.authParams.set_max_memo_characters(256);
    g.authParams.set_tx_sig_limit(7);
    g.authParams.set_tx_size_cost_per_byte(10);
    g.authParams.set_sig_verify_cost_secp256k1(1000);
    g.authParams.set_max_tx_bytes(1 << 20);
    g.bankParams.set_default_send_enabled(true);
    g.chainParams.set_min_gas_price("10");
    g.chainParams.set_block_max_bytes(4 << 20);
    g.chainParams.set_block_max_gas(0);
    return g;
}

Result<Genesis> Genesis::fromJson(std::string_view text) {
    boost::system::error_code ec;
    json::value root = json::parse(json::string_view(text.data(), text.size()), ec);
    if (ec) return bad("json", ec.message());
    if (!root.is_object()) return bad("json", "the genesis must be a JSON object");
    const json::object& top = root.as_object();
    Genesis g = withDefaults({}, 0);

    auto chainId = stringAt(top, "chain_id", "genesis");
    if (!chainId) return chainId.error();
    g.chainId = *chainId;
    auto time = timeAt(top, "genesis_time", "genesis");
    if (!time) return time.error();
    g.genesisTimeUnix = *time;
    auto initial = u64At(top, "initial_height", "genesis", 1);
    if (!initial) return initial.error();
    g.initialHeight = *initial;

    auto app = objectAt(top, "app_state", "genesis", true);
    if (!app) return app.error();

    // auth
    auto auth = objectAt(**app, "auth", "app_state", false);
    if (!auth) return auth.error();
    if (*auth != nullptr) {
        auto params = objectAt(**auth, "params", "auth", false);
        if (!params) return params.error();
        if (*params != nullptr) {
            const json::object& p = **params;
            auto& ap = g.authParams;
            auto memo = u64At(p, "max_memo_characters", "auth.params", ap.max_memo_characters());
            auto sigs = u64At(p, "tx_sig_limit", "auth.params", ap.tx_sig_limit());
            auto perByte =
                u64At(p, "tx_size_cost_per_byte", "auth.params", ap.tx_size_cost_per_byte());
            auto verify = u64At(p, "sig_verify_cost_secp256k1", "auth.params",
                                ap.sig_verify_cost_secp256k1());
            auto maxBytes = u64At(p, "max_tx_bytes", "auth.params", ap.max_tx_bytes());
            for (auto* r : {&memo, &sigs, &perByte, &verify, &maxBytes})
                if (!*r) return r->error();
            ap.set_max_memo_characters(*memo);
            ap.set_tx_sig_limit(*sigs);
            ap.set_tx_size_cost_per_byte(*perByte);
            ap.set_sig_verify_cost_secp256k1(*verify);
            ap.set_max_tx_bytes(*maxBytes);
        }
        if (const json::value* accounts = field(**auth, "accounts"); accounts != nullptr) {
            if (!accounts->is_array()) return bad("auth.accounts", "expected an array");
            for (const auto& item : accounts->as_array()) {
                if (!item.is_object())
                    return bad("auth.accounts", "each account must be an object");
                const json::object& a = item.as_object();
                auto address = stringAt(a, "address", "auth.accounts");
                if (!address) return address.error();
                GenesisAccount acc{*address, std::nullopt};
                auto vesting = objectAt(a, "vesting", "auth.accounts[" + *address + "]", false);
                if (!vesting) return vesting.error();
                if (*vesting != nullptr) {
                    const std::string where = "vesting of " + *address;
                    const json::object& v = **vesting;
                    allora::auth::v1::VestingSchedule s;
                    auto kind = stringAt(v, "kind", where);
                    if (!kind) return kind.error();
                    if (*kind == "continuous")
                        s.set_kind(allora::auth::v1::VestingSchedule::KIND_CONTINUOUS);
                    else if (*kind == "delayed")
                        s.set_kind(allora::auth::v1::VestingSchedule::KIND_DELAYED);
                    else
                        return bad(where, "kind must be \"continuous\" or \"delayed\"");
                    auto coins = coinsAt(v, "original_vesting", where);
                    auto start = timeAt(v, "start_time", where);
                    auto end = timeAt(v, "end_time", where);
                    auto cliff = timeAt(v, "cliff_time", where);
                    if (!coins) return coins.error();
                    for (auto* r : {&start, &end, &cliff})
                        if (!*r) return r->error();
                    coinsToProto(*coins, s.mutable_original_vesting());
                    s.set_start_time(*start);
                    s.set_end_time(*end);
                    s.set_cliff_time(*cliff);
                    acc.vesting = std::move(s);
                }
                g.accounts.push_back(std::move(acc));
            }
        }
    }

    // bank
    auto bank = objectAt(**app, "bank", "app_state", false);
    if (!bank) return bank.error();
    if (*bank != nullptr) {
        auto params = objectAt(**bank, "params", "bank", false);
        if (!params) return params.error();
        if (*params != nullptr) {
            if (const json::value* v = field(**params, "default_send_enabled"); v != nullptr) {
                if (!v->is_bool())
                    return bad("bank.params.default_send_enabled", "expected true or false");
                g.bankParams.set_default_send_enabled(v->as_bool());
            }
        }
        if (const json::value* balances = field(**bank, "balances"); balances != nullptr) {
            if (!balances->is_array()) return bad("bank.balances", "expected an array");
            for (const auto& item : balances->as_array()) {
                if (!item.is_object())
                    return bad("bank.balances", "each balance must be an object");
                auto address = stringAt(item.as_object(), "address", "bank.balances");
                if (!address) return address.error();
                auto coins = coinsAt(item.as_object(), "coins", "bank.balances[" + *address + "]");
                if (!coins) return coins.error();
                g.balances.push_back(GenesisBalance{*address, std::move(*coins)});
            }
        }
        auto supply = coinsAt(**bank, "supply", "bank");
        if (!supply) return supply.error();
        g.supply = std::move(*supply);
    }

    // chain
    auto chain = objectAt(**app, "chain", "app_state", false);
    if (!chain) return chain.error();
    if (*chain != nullptr) {
        auto params = objectAt(**chain, "params", "chain", false);
        if (!params) return params.error();
        if (*params != nullptr) {
            const json::object& p = **params;
            auto& cp = g.chainParams;
            if (field(p, "min_gas_price") != nullptr) {
                auto price = stringAt(p, "min_gas_price", "chain.params");
                if (!price) return price.error();
                cp.set_min_gas_price(*price);
            }
            auto maxBytes = u64At(p, "block_max_bytes", "chain.params", cp.block_max_bytes());
            auto maxGas = u64At(p, "block_max_gas", "chain.params", cp.block_max_gas());
            if (!maxBytes) return maxBytes.error();
            if (!maxGas) return maxGas.error();
            cp.set_block_max_bytes(*maxBytes);
            cp.set_block_max_gas(*maxGas);
        }
    }

    // validators
    if (const json::value* vals = field(top, "validators"); vals != nullptr && !vals->is_null()) {
        if (!vals->is_array()) return bad("validators", "expected an array");
        for (const auto& item : vals->as_array()) {
            if (!item.is_object()) return bad("validators", "each validator must be an object");
            const json::object& v = item.as_object();
            auto pk = objectAt(v, "pub_key", "validators", true);
            if (!pk) return pk.error();
            auto value = stringAt(**pk, "value", "validators.pub_key");
            if (!value) return value.error();
            auto key = fromBase64(*value);
            if (!key) return bad("validators.pub_key", "value is not base64");
            auto power = u64At(v, "power", "validators", 0);
            if (!power) return power.error();
            std::string name;
            if (const json::value* n = field(v, "name"); n != nullptr && n->is_string())
                name = std::string(n->as_string());
            if (*power > static_cast<uint64_t>(INT64_MAX))
                return bad("validators", "power too large");
            g.validators.push_back(
                GenesisValidator{std::move(*key), static_cast<int64_t>(*power), name});
        }
    }
    for (const auto& [name, section] : **app) {
        if (name == "auth" || name == "bank" || name == "chain") continue;
        g.moduleStates.emplace(std::string(name), json::serialize(section));
    }
    return g;
}

std::string Genesis::toJson() const {
    json::array accountsJson;
    for (const auto& a : accounts) {
        json::object o{{"address", a.address}};
        if (a.vesting) {
            auto coins = coinsFromProto(a.vesting->original_vesting());
            o["vesting"] = json::object{
                {"kind", a.vesting->kind() == allora::auth::v1::VestingSchedule::KIND_DELAYED
                             ? "delayed"
                             : "continuous"},
                {"original_vesting", coinsJson(coins ? *coins : Coins{})},
                {"start_time", std::to_string(a.vesting->start_time())},
                {"end_time", std::to_string(a.vesting->end_time())},
                {"cliff_time", std::to_string(a.vesting->cliff_time())}};
        }
        accountsJson.push_back(std::move(o));
    }
    json::array balancesJson;
    for (const auto& b : balances)
        balancesJson.push_back(json::object{{"address", b.address}, {"coins", coinsJson(b.coins)}});
    json::array validatorsJson;
    for (const auto& v : validators)
        validatorsJson.push_back(json::object{
            {"pub_key",
             json::object{{"type", "tendermint/PubKeyEd25519"}, {"value", toBase64(v.pubKey)}}},
            {"power", std::to_string(v.power)},
            {"name", v.name}});
    const auto& ap = authParams;
    json::object root{
        {"chain_id", chainId},
        {"genesis_time", formatRfc3339(genesisTimeUnix)},
        {"initial_height", std::to_string(initialHeight)},
        {"app_state",
         json::object{
             {"auth",
              json::object{
                  {"params",
                   json::object{
                       {"max_memo_characters", std::to_string(ap.max_memo_characters())},
                       {"tx_sig_limit", std::to_string(ap.tx_sig_limit())},
                       {"tx_size_cost_per_byte", std::to_string(ap.tx_size_cost_per_byte())},
                       {"sig_verify_cost_secp256k1",
                        std::to_string(ap.sig_verify_cost_secp256k1())},
                       {"max_tx_bytes", std::to_string(ap.max_tx_bytes())}}},
                  {"accounts", std::move(accountsJson)}}},
             {"bank", json::object{{"params", json::object{{"default_send_enabled",
                                                            bankParams.default_send_enabled()}}},
                                   {"balances", std::move(balancesJson)},
                                   {"supply", coinsJson(supply)}}},
             {"chain",
              json::object{
                  {"params",
                   json::object{
                       {"min_gas_price", chainParams.min_gas_price()},
                       {"block_max_bytes", std::to_string(chainParams.block_max_bytes())},
                       {"block_max_gas", std::to_string(chainParams.block_max_gas())}}}}}}},
        {"validators", std::move(validatorsJson)}};
    json::object& appState = root["app_state"].as_object();
    for (const auto& [name, text] : moduleStates) {
        boost::system::error_code ec;
        json::value section = json::parse(text, ec);
        appState[name] = ec ? json::value(text) : std::move(section);
    }
    return json::serialize(root);
}

Status Genesis::validate() const {
    if (chainId.empty() || chainId.size() > 50)
        return bad("chain_id", "must be 1 to 50 characters");
    if (initialHeight == 0) return bad("initial_height", "must be at least 1");
    if (authParams.tx_sig_limit() == 0) return bad("auth.params", "tx_sig_limit must be positive");
    if (auto s = validateChainParams(chainParams); !s) return bad("chain.params", s.message());

    std::set<std::string> accountSet;
    for (const auto& a : accounts) {
        if (auto addr = parseAddress(a.address); !addr) return bad("auth.accounts", addr.message());
        if (!accountSet.insert(a.address).second)
            return bad("auth.accounts", "duplicate account " + a.address);
        if (a.vesting) {
            if (auto s = auth::validateVesting(*a.vesting); !s)
                return bad("vesting of " + a.address, s.message());
        }
    }
    std::set<std::string> balanceSet;
    Coins total;
    for (const auto& b : balances) {
        if (auto addr = parseAddress(b.address); !addr) return bad("bank.balances", addr.message());
        if (!balanceSet.insert(b.address).second)
            return bad("bank.balances", "duplicate balance for " + b.address);
        if (!accountSet.count(b.address))
            return bad("bank.balances", b.address + " has a balance but no entry in auth.accounts");
        if (auto s = validateCoins(b.coins); !s) return bad("balance of " + b.address, s.message());
        auto sum = addCoins(total, b.coins);
        if (!sum) return bad("bank.balances", sum.message());
        total = std::move(*sum);
    }
    for (const auto& a : accounts) {
        if (!a.vesting) continue;
        auto vesting = coinsFromProto(a.vesting->original_vesting());
        Coins held;
        for (const auto& b : balances)
            if (b.address == a.address) held = b.coins;
        for (const Coin& c : *vesting)
            if (amountOf(held, c.denom) < c.amount)
                return bad("vesting of " + a.address,
                           "original vesting " + coinsToString(*vesting) + " exceeds the balance " +
                               (held.empty() ? std::string("0") : coinsToString(held)));
    }
    if (!supply.empty()) {
        if (auto s = validateCoins(supply); !s) return bad("bank.supply", s.message());
        if (supply != total)
            return bad("bank.supply", "supply mismatch: declared " + coinsToString(supply) +
                                          ", sum of balances " + coinsToString(total));
    }
    for (const auto& v : validators) {
        if (v.pubKey.size() != 32) return bad("validators", "an Ed25519 public key has 32 bytes");
        if (v.power <= 0) return bad("validators", "power must be positive");
    }
    return {};
}

}  // namespace allora::node
