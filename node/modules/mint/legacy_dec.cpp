#include "node/modules/mint/legacy_dec.h"

#include <cassert>
#include <limits>

namespace allora::mint {

namespace {

using Wide = boost::multiprecision::uint512_t;

// 10^18, the scale of one unit.
const LegacyDec::Int& scale() {
    static const LegacyDec::Int s{1'000'000'000'000'000'000ULL};
    return s;
}

Result<LegacyDec> narrow(const Wide& v, const char* what) {
    if (v > Wide(std::numeric_limits<LegacyDec::Int>::max())) {
        return makeError(ErrorCode::Overflow, std::string("decimal overflow in ") + what);
    }
    return LegacyDec::fromRaw(v.convert_to<LegacyDec::Int>());
}

// Drops the 18 lowest digits, rounding half to even (chopPrecisionAndRound in cosmossdk.io/math).
Wide chopRoundHalfEven(const Wide& v) {
    const Wide s(scale());
    Wide q = v / s;
    const Wide r = v % s;
    const Wide half = s / 2;
    if (r > half || (r == half && (q & 1) != 0)) q += 1;
    return q;
}

}  // namespace

LegacyDec LegacyDec::one() {
    return LegacyDec(scale());
}

Result<LegacyDec> LegacyDec::fromInt(const Int& whole) {
    return narrow(Wide(whole) * Wide(scale()), "fromInt");
}

Result<LegacyDec> LegacyDec::ratio(uint64_t num, uint64_t den) {
    auto n = fromInt(num);
    if (!n) return n.error();
    auto d = fromInt(den);
    if (!d) return d.error();
    return n->quo(*d);
}

Result<LegacyDec> LegacyDec::parse(std::string_view text) {
    auto bad = [&] {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid decimal \"" + std::string(text) + "\"");
    };
    if (text.empty()) return bad();
    Wide whole = 0;
    Wide frac = 0;
    int decimals = 0;
    bool dot = false;
    bool digits = false;
    for (char c : text) {
        if (c == '.') {
            if (dot) return bad();
            dot = true;
        } else if (c >= '0' && c <= '9') {
            digits = true;
            if (dot) {
                if (++decimals > kPrecision) return bad();
                frac = frac * 10 + (c - '0');
            } else {
                whole = whole * 10 + (c - '0');
                if (whole > Wide(std::numeric_limits<Int>::max())) {
                    return makeError(ErrorCode::Overflow,
                                     "decimal too large: " + std::string(text));
                }
            }
        } else {
            return bad();
        }
    }
    if (!digits) return bad();
    for (int i = decimals; i < kPrecision; ++i) frac *= 10;
    return narrow(whole * Wide(scale()) + frac, "parse");
}

LegacyDec LegacyDec::mustParse(std::string_view text) {
    auto v = parse(text);
    assert(v.ok());
    return v.ok() ? *v : LegacyDec();
}

Result<LegacyDec> LegacyDec::add(const LegacyDec& other) const {
    return narrow(Wide(units_) + Wide(other.units_), "add");
}

Result<LegacyDec> LegacyDec::sub(const LegacyDec& other) const {
    if (other.units_ > units_) {
        return makeError(ErrorCode::Overflow,
                         "negative decimal: " + toString() + " - " + other.toString());
    }
    return LegacyDec(units_ - other.units_);
}

Result<LegacyDec> LegacyDec::mul(const LegacyDec& other) const {
    return narrow(chopRoundHalfEven(Wide(units_) * Wide(other.units_)), "mul");
}

Result<LegacyDec> LegacyDec::quo(const LegacyDec& other) const {
    if (other.isZero()) return makeError(ErrorCode::InvalidArgument, "decimal division by zero");
    const Wide s(scale());
    return narrow(chopRoundHalfEven(Wide(units_) * s * s / Wide(other.units_)), "quo");
}

Result<Amount> LegacyDec::mulTruncate(const Amount& amount) const {
    const Wide v = Wide(units_) * Wide(amount.uallo()) / Wide(scale());
    if (v > Wide(std::numeric_limits<Int>::max())) {
        return makeError(ErrorCode::Overflow,
                         "amount overflow in " + toString() + " * " + amount.toUalloString());
    }
    return Amount::fromInt(v.convert_to<Int>());
}

LegacyDec::Int LegacyDec::truncate() const {
    return units_ / scale();
}

std::strong_ordering LegacyDec::operator<=>(const LegacyDec& other) const {
    if (units_ < other.units_) return std::strong_ordering::less;
    if (units_ > other.units_) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

std::string LegacyDec::toString() const {
    std::string frac = (units_ % scale()).str();
    frac.insert(0, kPrecision - frac.size(), '0');
    return truncate().str() + "." + frac;
}

double LegacyDec::toDouble() const {
    return truncate().convert_to<double>() + (units_ % scale()).convert_to<double>() / 1e18;
}

}  // namespace allora::mint
