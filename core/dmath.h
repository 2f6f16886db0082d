// Deterministic transcendental functions for consensus code (DESIGN.md, Determinism).
//
// libm's exp, log and pow differ between C libraries, versions and CPUs in the last bit, and one
// bit is enough for two nodes to compute different app hashes. These are built only from IEEE-754
// binary64 +, -, *, / and sqrt (each correctly rounded, hence identical everywhere) plus exact
// operations (comparisons, floor, scaling by powers of two through the bit pattern), evaluated in
// a fixed order with -ffp-contract=off and without x87 excess precision (checked below), so every
// build on every platform returns the same bits.
//
// Method: the argument is reduced (e^x = 2^k e^r, |r| <= ln2/2; ln x = k ln2 + 2 atanh(s),
// |s| <= 0.172) and the series evaluated in double-double arithmetic (an unevaluated sum hi + lo
// of ~106 bits, with Knuth's and Dekker's error-free sums and products), pow as e^(y ln x) with
// y ln x in double-double. The error before the final rounding to double is below 2^-90 relative,
// so a result can miss the correctly rounded double only when the exact value lies within about
// 2^-40 ulp of a rounding boundary. Measured (tests/unit/test_dmath.cpp): on 3849 points with
// 80-digit references every exp, ln, log10 and pow result was correctly rounded (error <= 0.5
// ulp), and 3 million random points against x86 long double showed no error beyond 0.5 ulp plus
// the reference's own. Subnormal results of exp and pow may be one unit of the subnormal's last
// place off (double rounding). Cost: about 0.8 us per exp,
// 0.4 us per ln, 1.3 us per pow (x86-64, -O2): fine for the thousands a block needs.
//
// exp, which the inference synthesis calls about N·(N + K) times an epoch, has a fast path
// (Ziv's method): a table of 2^(i/128) and a short polynomial give e^x to about 2^-68, and when a
// rounding test proves that this value rounds to the same double as the exact e^x, it is the
// result (about 999 arguments in 1,000); otherwise the double-double evaluation decides. So exp
// returns exactly the bits of the double-double evaluation alone (detail::expReference), only
// faster: about 15 to 20 ns (x86-64, -O2).
//
// Special values are explicit and follow C99 Annex F: every NaN result is the canonical quiet
// NaN (std::numeric_limits<double>::quiet_NaN(), positive), never an input NaN's payload.
#pragma once

namespace allora::dmath {

// e^x. exp(NaN) = NaN, exp(+inf) = +inf, exp(-inf) = +0; +inf above 709.782712893384
// (overflow), +0 below about -745.13 (underflow), subnormal in between.
double exp(double x);

// Natural logarithm. ln(NaN) = NaN, ln(x < 0) = NaN (including -inf), ln(±0) = -inf,
// ln(+inf) = +inf, ln(1) = +0.
double ln(double x);

// Base-10 logarithm (reputer log-losses); special values as ln. log10(10^n) == n exactly for
// every power of ten representable as a double.
double log10(double x);

// x^y with C99 Annex F special cases: pow(x, ±0) = 1 and pow(1, y) = 1 (even for NaN);
// otherwise NaN in -> NaN out; a negative finite x with a non-integer y -> NaN; a negative x with
// an integer y -> (-1)^y * |x|^y; zeros and infinities as the C standard says.
double pow(double x, double y);

// The correctly rounded IEEE square root; sqrt(x < 0) and sqrt(NaN) = canonical NaN, sqrt(-0) = -0.
double sqrt(double x);

namespace detail {
// exp through the double-double evaluation alone, without exp's fast path: the reference that
// test_dmath holds exp to, bit for bit.
double expReference(double x);
}  // namespace detail

}  // namespace allora::dmath
