#include "node/modules/coins.h"

#include <algorithm>
#include <map>

namespace allora::node {

bool isValidDenom(std::string_view denom) {
    if (denom.size() < 3 || denom.size() > 128) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alpha(denom[0])) return false;
    return std::all_of(denom.begin() + 1, denom.end(), [&](char c) {
        return alpha(c) || (c >= '0' && c <= '9') || c == '/' || c == ':' || c == '.' || c == '_' ||
               c == '-';
    });
}

Result<Amount> parseCoinAmount(std::string_view digits) {
    if (digits.empty() ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid coin amount \"" + std::string(digits) + "\": not an integer");
    }
    return Amount::parse(digits, Amount::Unit::Uallo);
}

Status validateCoins(const Coins& coins) {
    for (size_t i = 0; i < coins.size(); ++i) {
        const Coin& c = coins[i];
        if (!isValidDenom(c.denom))
            return makeError(ErrorCode::InvalidArgument, "invalid denom: \"" + c.denom + "\"");
        if (c.amount.isZero())
            return makeError(ErrorCode::InvalidArgument,
                             "coin 0" + c.denom + " amount is not positive");
        if (i > 0 && !(coins[i - 1].denom < c.denom)) {
            return makeError(ErrorCode::InvalidArgument,
                             coins[i - 1].denom == c.denom
                                 ? "duplicate denomination " + c.denom
                                 : "denomination " + c.denom + " is not sorted");
        }
    }
    return {};
}

Result<Coins> coinsFromProto(const ProtoCoins& coins) {
    Coins out;
    out.reserve(static_cast<size_t>(coins.size()));
    for (const auto& c : coins) {
        auto amount = parseCoinAmount(c.amount());
        if (!amount) return amount.error();
        out.push_back(Coin{c.denom(), *amount});
    }
    if (auto s = validateCoins(out); !s) return s.error();
    return out;
}

void coinsToProto(const Coins& coins, ProtoCoins* out) {
    out->Clear();
    for (const Coin& c : coins) {
        auto* p = out->Add();
        p->set_denom(c.denom);
        p->set_amount(c.amount.toUalloString());
    }
}

std::string coinsToString(const Coins& coins) {
    std::string s;
    for (const Coin& c : coins) {
        if (!s.empty()) s += ',';
        s += c.amount.toUalloString() + c.denom;
    }
    return s;
}

Amount amountOf(const Coins& coins, std::string_view denom) {
    for (const Coin& c : coins)
        if (c.denom == denom) return c.amount;
    return Amount{};
}

Result<Coins> addCoins(const Coins& a, const Coins& b) {
    std::map<std::string, Amount> sum;  // ordered: the result is sorted by denom
    for (const Coins* list : {&a, &b}) {
        for (const Coin& c : *list) {
            auto next = sum[c.denom].add(c.amount);
            if (!next) return next.error();
            sum[c.denom] = *next;
        }
    }
    Coins out;
    for (auto& [denom, amount] : sum)
        if (!amount.isZero()) out.push_back(Coin{denom, amount});
    return out;
}

}  // namespace allora::node
