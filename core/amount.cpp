#include "core/amount.h"

#include <algorithm>
#include <limits>

namespace allora {

namespace {

using Int = Amount::Int;
// Wide enough for the product of any two amounts, so intermediate results cannot wrap.
using Wide = boost::multiprecision::uint512_t;

// 2^256 - 1 has 78 decimal digits; any integer part with more significant digits overflows.
constexpr size_t kMaxIntDigits = 78;

const Int& maxInt() {
    static const Int kMax = std::numeric_limits<Int>::max();
    return kMax;
}

// Narrows a wide intermediate back to an amount, or reports which operation overflowed.
// `describe` gives the operation's text, only on overflow: printing 256-bit operands in decimal
// costs far more than the arithmetic, and a transfer adds amounts several times.
template <typename Describe>
Result<Amount> narrow(const Wide& wide, const Describe& describe) {
    if (wide > Wide(maxInt())) {
        return makeError(ErrorCode::Overflow, "amount overflow: " + describe() +
                                                  " exceeds the largest amount (2^256 - 1 uallo)");
    }
    return Amount::fromInt(static_cast<Int>(wide));
}

std::string coin(const Int& v) {
    return v.str() + "uallo";
}

// Locale-independent ASCII classification: std::isdigit and friends depend on the C locale and
// take int, which makes them easy to misuse with negative chars.
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
// The character set of a Cosmos denom ([a-zA-Z][a-zA-Z0-9/:._-]*), so that a foreign denom such
// as "ibc/27394F..." is named as an unknown denomination instead of as stray characters.
bool isDenomChar(char c) {
    return isAlpha(c) || isDigit(c) || c == '/' || c == ':' || c == '.' || c == '_' || c == '-';
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) {
            return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        };
        return lower(x) == lower(y);
    });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

Amount Amount::fromUallo(uint64_t uallo) {
    return Amount(Int(uallo));
}

Amount Amount::fromInt(const Int& uallo) {
    return Amount(uallo);
}

Amount Amount::fromAllo(uint64_t wholeAllo) {
    return Amount(Int(wholeAllo) * Int(kUalloPerAllo));
}

Amount Amount::max() {
    return Amount(maxInt());
}

Result<uint64_t> Amount::toUint64() const {
    if (value_ > Int(std::numeric_limits<uint64_t>::max())) {
        return makeError(ErrorCode::Overflow,
                         "amount " + coin(value_) + " does not fit in 64 bits");
    }
    return static_cast<uint64_t>(value_);
}

Result<Amount> Amount::add(const Amount& other) const {
    return narrow(Wide(value_) + Wide(other.value_),
                  [&] { return coin(value_) + " + " + coin(other.value_); });
}

Result<Amount> Amount::sub(const Amount& other) const {
    if (other.value_ > value_) {
        return makeError(ErrorCode::Overflow,
                         "insufficient amount: " + coin(value_) + " - " + coin(other.value_));
    }
    return Amount(value_ - other.value_);
}

Result<Amount> Amount::mul(uint64_t factor) const {
    return narrow(Wide(value_) * Wide(factor),
                  [&] { return coin(value_) + " * " + std::to_string(factor); });
}

Result<Amount> Amount::mulDiv(const Amount& num, const Amount& den) const {
    if (den.isZero()) {
        return makeError(ErrorCode::InvalidArgument,
                         "division by zero: " + coin(value_) + " * " + coin(num.value_) + " / 0");
    }
    // Both factors are below 2^256, so the product is below 2^512 and cannot wrap.
    const Wide product = Wide(value_) * Wide(num.value_);
    return narrow(product / Wide(den.value_), [&] {
        return coin(value_) + " * " + coin(num.value_) + " / " + coin(den.value_);
    });
}

Result<Amount> Amount::mulFrac(uint64_t num, uint64_t den) const {
    if (den == 0) {
        return makeError(ErrorCode::InvalidArgument, "division by zero: " + coin(value_) + " * " +
                                                         std::to_string(num) + " / 0");
    }
    const Wide product = Wide(value_) * Wide(num);
    return narrow(product / Wide(den), [&] {
        return coin(value_) + " * " + std::to_string(num) + " / " + std::to_string(den);
    });
}

std::strong_ordering Amount::operator<=>(const Amount& other) const {
    if (value_ < other.value_) return std::strong_ordering::less;
    if (value_ > other.value_) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

std::string Amount::toUalloString() const {
    return value_.str();
}

std::string Amount::toCoinString() const {
    return coin(value_);
}

std::string Amount::toAlloString(int maxDecimals) const {
    const int decimals = std::clamp(maxDecimals, 0, kDecimals);
    const Int whole = value_ / Int(kUalloPerAllo);
    const auto fraction = static_cast<uint64_t>(value_ % Int(kUalloPerAllo));

    // Left-pad the fraction to 18 digits, cut it (truncation toward zero), then drop trailing
    // zeros so 1.500 ALLO prints as "1.5".
    std::string digits = std::to_string(fraction);
    digits.insert(0, static_cast<size_t>(kDecimals) - digits.size(), '0');
    digits.resize(static_cast<size_t>(decimals));
    while (!digits.empty() && digits.back() == '0') digits.pop_back();

    std::string out = whole.str();
    if (!digits.empty()) out += "." + digits;
    return out;
}

std::string Amount::format(int maxDecimals) const {
    return toAlloString(maxDecimals) + " ALLO";
}

Result<Amount> Amount::parse(std::string_view text, Unit plainUnit) {
    auto fail = [text](ErrorCode code, const std::string& why) {
        return makeError(code, "invalid amount '" + std::string(text) + "': " + why);
    };
    auto invalid = [&fail](const std::string& why) {
        return fail(ErrorCode::InvalidArgument, why);
    };

    const std::string_view s = trim(text);
    if (s.empty()) return invalid("empty amount");
    if (s.front() == '-') return invalid("amounts cannot be negative");
    if (s.front() == '+') return invalid("a '+' sign is not allowed");

    // The number: digits, then optionally '.' and more digits.
    size_t i = 0;
    while (i < s.size() && isDigit(s[i])) ++i;
    std::string_view intDigits = s.substr(0, i);
    std::string_view fracDigits;
    bool hasDot = false;
    if (i < s.size() && s[i] == '.') {
        hasDot = true;
        const size_t start = ++i;
        while (i < s.size() && isDigit(s[i])) ++i;
        fracDigits = s.substr(start, i - start);
    }
    if (intDigits.empty() && fracDigits.empty()) {
        return invalid(hasDot ? "a lone '.' is not a number" : "expected a number, e.g. 1.5ALLO");
    }

    std::string_view rest = s.substr(i);
    if (!rest.empty()) {
        const char c = rest.front();
        if (c == '.') return invalid("more than one decimal point");
        if (c == ',' || c == '_' || c == '\'') {
            return invalid("unexpected '" + std::string(1, c) +
                           "': use '.' as the decimal point and no digit separators");
        }
        if ((c == 'e' || c == 'E') && rest.size() > 1 &&
            (isDigit(rest[1]) || rest[1] == '+' || rest[1] == '-')) {
            return invalid("exponent notation is not supported");
        }
    }

    // The denomination, after at most one plain space.
    Unit unit = plainUnit;
    bool hasDenom = false;
    if (!rest.empty()) {
        std::string_view denomPart = rest;
        if (denomPart.front() == ' ') denomPart.remove_prefix(1);
        if (!denomPart.empty() && isSpace(denomPart.front())) {
            return invalid("only one space may separate the number and the denomination");
        }
        if (denomPart.empty() || !isAlpha(denomPart.front())) {
            return invalid("unexpected text '" + std::string(rest) + "' after the number");
        }
        size_t j = 0;
        while (j < denomPart.size() && isDenomChar(denomPart[j])) ++j;
        const std::string_view denom = denomPart.substr(0, j);
        const std::string_view tail = denomPart.substr(j);
        if (!tail.empty()) {
            return invalid("unexpected text '" + std::string(tail) + "' after the denomination");
        }
        // `uallo` is matched exactly, as the chain does; "ALLO" is a display unit people type in
        // any case.
        if (denom == "uallo") {
            unit = Unit::Uallo;
        } else if (equalsIgnoreCase(denom, "allo")) {
            unit = Unit::Allo;
        } else {
            return invalid("unknown denomination '" + std::string(denom) +
                           "': expected ALLO or uallo");
        }
        hasDenom = true;
    }

    if (unit == Unit::Uallo && hasDot) {
        return invalid(hasDenom ? "uallo amounts must be whole numbers"
                                : "uallo amounts must be whole numbers (a number without a "
                                  "denomination is read as uallo; add ALLO for tokens)");
    }
    if (unit == Unit::Allo && fracDigits.size() > static_cast<size_t>(kDecimals)) {
        return invalid("too many decimal places: ALLO has 18");
    }

    // Leading zeros carry no value; past them, the digit count bounds the magnitude, which keeps
    // the accumulation below in 512 bits whatever the input length.
    while (intDigits.size() > 1 && intDigits.front() == '0') intDigits.remove_prefix(1);
    if (intDigits.size() > kMaxIntDigits) {
        return fail(ErrorCode::Overflow, "exceeds the largest amount (2^256 - 1 uallo)");
    }
    Wide value = 0;
    for (char d : intDigits) value = value * 10 + static_cast<unsigned>(d - '0');
    if (unit == Unit::Allo) {
        value *= kUalloPerAllo;
        Wide fraction = 0;
        for (char d : fracDigits) fraction = fraction * 10 + static_cast<unsigned>(d - '0');
        for (size_t k = fracDigits.size(); k < static_cast<size_t>(kDecimals); ++k) fraction *= 10;
        value += fraction;
    }
    if (value > Wide(maxInt())) {
        return fail(ErrorCode::Overflow, "exceeds the largest amount (2^256 - 1 uallo)");
    }
    return Amount(static_cast<Int>(value));
}

}  // namespace allora
