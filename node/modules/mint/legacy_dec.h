// LegacyDec: a non-negative fixed-point decimal with 18 places, the arithmetic of Cosmos SDK's
// math.LegacyDec, which allora-chain's x/mint uses for emission rates (e_i, ê_i, percentages).
//
// The value is an integer count of 10^-18 units in 256 bits. Products and quotients are formed
// in 512 bits and rounded as LegacyDec rounds: mul chops 18 digits with round-half-to-even, quo
// computes floor(a * 10^36 / b) and chops 18 digits the same way. So a rate computed here has the
// same 18 digits as allora-chain's, and no floating point is involved (DESIGN.md, Determinism).
// Every operation that could overflow 256 bits or go below zero returns an error.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/amount.h"
#include "core/result.h"

namespace allora::mint {

class LegacyDec {
public:
    using Int = boost::multiprecision::uint256_t;
    static constexpr int kPrecision = 18;

    LegacyDec() = default;  // zero
    static LegacyDec one();
    // The raw 10^-18 units: fromRaw(1) is 0.000000000000000001.
    static LegacyDec fromRaw(const Int& units) { return LegacyDec(units); }
    // A whole number (an amount in uallo, a count); ErrorCode::Overflow if it does not fit.
    static Result<LegacyDec> fromInt(const Int& whole);
    static Result<LegacyDec> fromAmount(const Amount& amount) { return fromInt(amount.uallo()); }
    // num / den with LegacyDec.Quo rounding; den == 0 is ErrorCode::InvalidArgument.
    static Result<LegacyDec> ratio(uint64_t num, uint64_t den);
    // "0.0095", "1", "36.5": digits with at most 18 decimals, no sign or exponent.
    static Result<LegacyDec> parse(std::string_view text);
    // parse() for literals known to be valid; asserts.
    static LegacyDec mustParse(std::string_view text);

    const Int& raw() const { return units_; }
    bool isZero() const { return units_.is_zero(); }

    Result<LegacyDec> add(const LegacyDec& other) const;
    Result<LegacyDec> sub(const LegacyDec& other) const;  // below zero is ErrorCode::Overflow
    Result<LegacyDec> mul(const LegacyDec& other) const;  // round half to even at 18 places
    Result<LegacyDec> quo(const LegacyDec& other) const;  // by zero: ErrorCode::InvalidArgument

    // floor(this * amount): LegacyDec.MulInt(...).TruncateInt(), e.g. e_i * N_staked.
    Result<Amount> mulTruncate(const Amount& amount) const;
    // The integer part (LegacyDec.TruncateInt).
    Int truncate() const;

    std::strong_ordering operator<=>(const LegacyDec& other) const;
    bool operator==(const LegacyDec& other) const { return units_ == other.units_; }

    // "0.018977585869166090": LegacyDec.String(), always 18 decimals.
    std::string toString() const;
    // The nearest double, for display and tests only: consensus code never reads it.
    double toDouble() const;

private:
    explicit LegacyDec(const Int& units) : units_(units) {}

    Int units_{0};
};

}  // namespace allora::mint
