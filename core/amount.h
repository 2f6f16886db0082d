// Amount: a non-negative quantity of the base denom `uallo` (1 ALLO = 10^18 uallo).
//
// Every token quantity in the code base (balances, fees, stakes, rewards) is an Amount, so that
// overflow and underflow are caught in one place instead of wrapping silently. The value is held in
// a 256-bit unsigned integer: the max supply (10^27 uallo) needs only 90 bits, but a Cosmos sdk.Int
// may carry up to 256 bits, and anything we decode from the outside must fit without truncation.
// Arithmetic is checked and returns Result; products are formed in 512 bits, so mulDiv of two
// amounts never overflows in the middle. Nothing here uses floating point, so results are
// identical on every platform (DESIGN.md, Determinism).
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace allora {

class Amount {
public:
    // Unsigned, 256 bits, arithmetic modulo 2^256: Amount itself checks every operation.
    using Int = boost::multiprecision::uint256_t;

    // How a number without a denomination is read by parse().
    enum class Unit { Uallo, Allo };

    static constexpr int kDecimals = 18;
    static constexpr uint64_t kUalloPerAllo = 1'000'000'000'000'000'000ULL;  // 10^18

    Amount() = default;  // zero
    static Amount fromUallo(uint64_t uallo);
    static Amount fromInt(const Int& uallo);     // every Int is a valid amount
    static Amount fromAllo(uint64_t wholeAllo);  // always fits: (2^64 - 1) * 10^18 < 2^256
    static Amount max();                         // 2^256 - 1 uallo

    // Parses a user or chain amount:
    //   "1500000000000000000uallo"   the Cosmos coin string (denom `uallo` is case-sensitive)
    //   "1.5ALLO", "1.5allo", "1.5 ALLO"   whole tokens, up to 18 decimals, denom case-insensitive
    //   "1500" / "1.5"                  no denom: read in plainUnit (a fraction needs Unit::Allo)
    // Surrounding whitespace is ignored; one space may separate number and denom. Leading zeros,
    // ".5" and "5." are accepted. Rejected with ErrorCode::InvalidArgument and a message quoting
    // the input: empty text, signs, exponents, digit separators, several dots, a fraction of a
    // uallo, more than 18 decimals, unknown denoms and any other text. A value above 2^256 - 1
    // uallo fails with ErrorCode::Overflow.
    static Result<Amount> parse(std::string_view text, Unit plainUnit = Unit::Uallo);

    const Int& uallo() const { return value_; }
    bool isZero() const { return value_.is_zero(); }
    Result<uint64_t> toUint64() const;  // ErrorCode::Overflow above 2^64 - 1

    // Checked arithmetic: overflow beyond 2^256 - 1 and results below zero are errors
    // (ErrorCode::Overflow), never wrapped.
    Result<Amount> add(const Amount& other) const;
    Result<Amount> sub(const Amount& other) const;  // "insufficient amount: 5uallo - 7uallo"
    Result<Amount> mul(uint64_t factor) const;
    // this * num / den, rounded down, with a 512-bit intermediate product. den == 0 is
    // ErrorCode::InvalidArgument; a quotient above 2^256 - 1 is ErrorCode::Overflow.
    Result<Amount> mulDiv(const Amount& num, const Amount& den) const;
    // this * num / den, rounded down: for shares and percentages, e.g. mulFrac(2, 100) is 2 %.
    Result<Amount> mulFrac(uint64_t num, uint64_t den) const;

    std::strong_ordering operator<=>(const Amount& other) const;
    bool operator==(const Amount& other) const { return value_ == other.value_; }

    // "1500000000000000000": the integer in uallo, as the Coin.amount field carries it.
    std::string toUalloString() const;
    // "1500000000000000000uallo": the Cosmos coin string.
    std::string toCoinString() const;
    // "1.5", "0", "0.000000000000000001": whole ALLO with trailing zeros trimmed. With
    // maxDecimals < 18 the value is TRUNCATED toward zero, not rounded (a balance is never shown
    // larger than it is), so 0.999 ALLO with maxDecimals = 2 shows "0.99" and 0.001 shows "0".
    // maxDecimals is clamped to [0, 18].
    std::string toAlloString(int maxDecimals = kDecimals) const;
    // "1.5 ALLO": toAlloString() with the display unit, for people.
    std::string format(int maxDecimals = kDecimals) const;

private:
    explicit Amount(const Int& value) : value_(value) {}

    Int value_{0};
};

}  // namespace allora
