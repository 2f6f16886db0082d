#include "node/modules/coins.h"

#include <algorithm>
#include <limits>
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

namespace {

constexpr uint64_t kTen19 = 10'000'000'000'000'000'000ULL;  // the largest power of 10 in 64 bits

uint64_t digitsValue(std::string_view digits) {  // at most 19 digits, all checked
    uint64_t v = 0;
    for (char d : digits) v = v * 10 + static_cast<unsigned>(d - '0');
    return v;
}

}  // namespace

Result<Amount> parseCoinAmount(std::string_view digits) {
    if (digits.empty() ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid coin amount \"" + std::string(digits) + "\": not an integer");
    }
    // Up to 38 digits (below 10^38, far from 2^256) the value is two 64-bit halves of 19 digits
    // at most, joined with one multiplication: the number Amount::parse reads from plain digits,
    // without its digit-by-digit 512-bit loop. Longer strings take the general path.
    if (digits.size() <= 19) return Amount::fromUallo(digitsValue(digits));
    if (digits.size() <= 38) {
        const size_t split = digits.size() - 19;
        Amount::Int value = digitsValue(digits.substr(0, split));
        value *= kTen19;
        value += digitsValue(digits.substr(split));
        return Amount::fromInt(value);
    }
    return Amount::parse(digits, Amount::Unit::Uallo);
}

std::string coinAmountString(const Amount& amount) {
    // Amount::toUalloString's digits, by 64-bit halves below 10^38 (see parseCoinAmount).
    const Amount::Int& v = amount.uallo();
    const auto u64 = [](uint64_t x, char* end) {
        char* p = end;
        do {
            *--p = static_cast<char>('0' + x % 10);
            x /= 10;
        } while (x != 0);
        return p;
    };
    char buffer[40];
    char* const end = buffer + sizeof buffer;
    if (v <= std::numeric_limits<uint64_t>::max())
        return std::string(u64(static_cast<uint64_t>(v), end), end);
    static const Amount::Int kLimit = Amount::Int(kTen19) * kTen19;
    if (v >= kLimit) return amount.toUalloString();
    Amount::Int high, low;
    boost::multiprecision::divide_qr(v, Amount::Int(kTen19), high, low);
    char* p = u64(static_cast<uint64_t>(low), end);
    while (p > end - 19) *--p = '0';  // the low half always has 19 digits
    p = u64(static_cast<uint64_t>(high), p);
    return std::string(p, end);
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
        p->set_amount(coinAmountString(c.amount));
    }
}

std::string coinsToString(const Coins& coins) {
    std::string s;
    for (const Coin& c : coins) {
        if (!s.empty()) s += ',';
        s += coinAmountString(c.amount);
        s += c.denom;
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
