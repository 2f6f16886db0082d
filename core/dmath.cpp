#include "core/dmath.h"

#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>

// x87 arithmetic keeps 80-bit intermediates, which would make results depend on register
// allocation. Every supported target (x86-64 SSE2, AArch64) evaluates doubles as doubles.
static_assert(FLT_EVAL_METHOD == 0, "dmath needs double arithmetic without excess precision");
static_assert(std::numeric_limits<double>::is_iec559, "dmath needs IEEE-754 binary64");
#if defined(__FAST_MATH__)
#error "dmath must not be built with -ffast-math: it reorders and contracts the arithmetic"
#endif
// The project builds with -ffp-contract=off; clang also honours the standard pragma, so this file
// stays correct even if it is built on its own.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

namespace allora::dmath {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// An unevaluated sum hi + lo with |lo| <= ulp(hi)/2: about 106 significant bits.
struct DD {
    double hi;
    double lo;
};

// ln 2 and 1/ln 10 to 106 bits (the hi part is the correctly rounded double; the lo part the
// correctly rounded remainder), from 80-digit decimal values.
constexpr DD kLn2 = {0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56};
constexpr DD kInvLn10 = {0x1.bcb7b1526e50ep-2, 0x1.95355baaafad3p-57};
constexpr double kInvLn2 = 0x1.71547652b82fep+0;  // only picks the reduction integer
constexpr double kSqrt2 = 0x1.6a09e667f3bcdp+0;   // only picks the mantissa interval
constexpr double kSplitter = 134217729.0;         // 2^27 + 1 (Veltkamp splitting)

// Error-free transformations (Knuth's two-sum, Dekker's fast-two-sum and product). They are exact
// only because no operation is contracted into an FMA (-ffp-contract=off) or kept wider.
[[gnu::always_inline]] inline DD twoSum(double a, double b) {
    const double s = a + b;
    const double bb = s - a;
    return {s, (a - (s - bb)) + (b - bb)};
}

[[gnu::always_inline]] inline DD fastTwoSum(double a, double b) {  // requires |a| >= |b| or a == 0
    const double s = a + b;
    return {s, b - (s - a)};
}

// Splits a (|a| < 2^996) into two halves of 26 bits each: a == hi + lo exactly.
[[gnu::always_inline]] inline DD split(double a) {
    const double t = kSplitter * a;
    const double hi = t - (t - a);
    return {hi, a - hi};
}

[[gnu::always_inline]] inline DD twoProd(double a, double b) {
    const double p = a * b;
    const DD as = split(a);
    const DD bs = split(b);
    const double err = (((as.hi * bs.hi - p) + as.hi * bs.lo) + as.lo * bs.hi) + as.lo * bs.lo;
    return {p, err};
}

DD add(DD a, DD b) {
    DD s = twoSum(a.hi, b.hi);
    const DD t = twoSum(a.lo, b.lo);
    s = fastTwoSum(s.hi, s.lo + t.hi);
    return fastTwoSum(s.hi, s.lo + t.lo);
}

DD neg(DD a) {
    return {-a.hi, -a.lo};
}

DD mul(DD a, DD b) {
    const DD p = twoProd(a.hi, b.hi);
    return fastTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

DD mul(DD a, double b) {
    const DD p = twoProd(a.hi, b);
    return fastTwoSum(p.hi, p.lo + a.lo * b);
}

DD div(DD a, double b) {
    const double q1 = a.hi / b;
    const DD p = twoProd(q1, b);
    const double r = ((a.hi - p.hi) - p.lo) + a.lo;
    return fastTwoSum(q1, r / b);
}

DD div(DD a, DD b) {
    const double q1 = a.hi / b.hi;
    DD r = add(a, neg(mul(b, q1)));
    const double q2 = r.hi / b.hi;
    r = add(r, neg(mul(b, q2)));
    const double q3 = r.hi / b.hi;
    return add(fastTwoSum(q1, q2), DD{q3, 0.0});
}

// 2^n for -1022 <= n <= 1023, built from its bit pattern.
double pow2(int n) {
    return std::bit_cast<double>(static_cast<uint64_t>(n + 1023) << 52);
}

// v * 2^k with a single rounding, for v in [0.5, 2) and any k (overflow -> inf, underflow -> 0).
double scale(double v, int k) {
    if (k > 2046) return v * kInf;
    if (k > 1023) return (v * pow2(1023)) * pow2(k - 1023);
    if (k >= -1022) return v * pow2(k);
    if (k < -1150) return v * 0.0;
    // Into the subnormal range: first an exact step that keeps v normal, then one rounding.
    return (v * pow2(k + 128)) * pow2(-128);
}

// e^a = 2^k (e.hi + e.lo) for a double-double a with |a.hi| <= 746; returns e, sets k.
DD expParts(DD a, int& k) {
    // a = k ln2 + r with |r| <= ln2/2 (+ rounding): e^a = 2^k e^r.
    const double kd = std::floor(a.hi * kInvLn2 + 0.5);
    const DD kLn2Hi = twoProd(kd, kLn2.hi);  // exact: k has at most 11 bits
    DD r = add(a, neg(kLn2Hi));
    r = add(r, DD{-(kd * kLn2.lo), 0.0});
    // e^r = 1 + r(1 + r/2(1 + r/3(... (1 + r/24)))): the first omitted term, r^25/25!, is below
    // 2^-110 for |r| <= 0.35. The innermost levels (from r/13 on) weigh at most r^12/12! < 2^-46
    // in the result, so plain doubles carry them with an error below 2^-95.
    double tail = 1.0;
    for (int n = 24; n >= 13; --n) tail = 1.0 + tail * r.hi / static_cast<double>(n);
    DD e = {tail, 0.0};
    for (int n = 12; n >= 1; --n) e = add(DD{1.0, 0.0}, div(mul(e, r), static_cast<double>(n)));
    k = static_cast<int>(kd);
    return e;
}

// e^a for a double-double a with |a.hi| <= 746: the reference evaluation (error below 2^-90
// relative before the final rounding).
double expDD(DD a) {
    int k = 0;
    const DD e = expParts(a, k);
    return scale(e.hi, k);
}

// The fast path of exp (Ziv's method): an evaluation to about 2^-66 relative with a table of
// 2^(i/128), and a rounding test. When the test proves that the fast value rounds to the same
// double as the exact e^x, that double is returned; otherwise (about one argument in a thousand)
// expDD decides. Either way the result is the one expDD gives (correctly rounded wherever expDD
// is, i.e. unless e^x lies within ~2^-40 ulp of a rounding boundary, where the fast test always
// fails), so the fast path changes speed, never bits.

// 2^(i/128) for i = 0..127 as double-doubles, from expParts (error below 2^-90 relative).
struct ExpTable {
    DD entry[128];
    ExpTable() {
        for (int i = 0; i < 128; ++i) {
            int k = 0;
            const DD e = expParts(mul(kLn2, static_cast<double>(i) / 128.0), k);
            const double s = pow2(k);  // exact scaling
            entry[i] = {e.hi * s, e.lo * s};
        }
    }
};

// ln2/128 = kLn2By128Hi + kLn2By128Mid + O(2^-95 ln2/128): the high part keeps 35 significant
// bits, so n * kLn2By128Hi is exact for |n| < 2^18.
constexpr double kLn2By128 = kLn2.hi / 128.0;
constexpr double kLn2By128Hi =
    std::bit_cast<double>(std::bit_cast<uint64_t>(kLn2By128) & ~((uint64_t{1} << 18) - 1));
constexpr double kLn2By128Mid = (kLn2By128 - kLn2By128Hi) + kLn2.lo / 128.0;
constexpr double k128InvLn2 = 128.0 * kInvLn2;  // only picks the reduction integer
constexpr double kRoundingShift = 0x1.8p52;

// The fast path's error bound, absolute, for a result scaled into [0.99, 2.01): 2^-63, four
// times the worst error found by analysis (about 2^-65: rounding in the polynomial ~2^-69, the
// correction sum ~2^-66, the argument reduction ~2^-76, the table ~2^-89).
constexpr double kFastExpBound = 0x1p-63;

// e^x for -708 <= x <= 709 (a normal result) into `result`; false when the rounding test fails.
bool fastExp(double x, double& result) {
    static const ExpTable table;
    // x = n ln2/128 + r, |r| <= ln2/256 (+ rounding); n = 128 k + i, 0 <= i < 128.
    // Adding and subtracting 1.5 * 2^52 rounds to the nearest integer (|x * 128/ln2| < 2^18):
    // exact IEEE arithmetic, cheaper than floor.
    const double nd = (x * k128InvLn2 + kRoundingShift) - kRoundingShift;
    const int n = static_cast<int>(nd);
    const int i = n & 127;
    const int k = n >> 7;  // floor division (arithmetic shift, C++20)
    // x - n kLn2By128Hi is exact (n = 0, or the two are within a factor 2: Sterbenz).
    const double r1 = x - nd * kLn2By128Hi;
    const DD r = twoSum(r1, -(nd * kLn2By128Mid));
    // e^r - 1 - r.hi = r.hi^2/2 + ... + r.hi^7/5040 (omitted: r^8/8! < 2^-83) + r.lo (1 + r.hi).
    const double rh = r.hi;
    const double q =
        rh * rh *
        (0.5 +
         rh * (1.0 / 6.0 +
               rh * (1.0 / 24.0 + rh * (1.0 / 120.0 + rh * (1.0 / 720.0 + rh * (1.0 / 5040.0))))));
    const double m = r.lo + (rh * r.lo + q);
    // T e^r = T.hi + T.hi rh + T.hi m + T.lo (1 + rh + m), the first two terms exactly.
    const DD t = table.entry[i];
    const DD p = twoProd(t.hi, rh);
    const DD s = twoSum(t.hi, p.hi);
    const double lo = s.lo + (p.lo + (t.hi * m + (t.lo + t.lo * (rh + m))));
    // The exact value lies within kFastExpBound of s.hi + lo. If both ends of that interval round
    // to the same double, so does the exact value (rounding is monotonic); the bound exceeds by
    // far the rounding of lo +- kFastExpBound itself.
    const double up = s.hi + (lo + kFastExpBound);
    const double down = s.hi + (lo - kFastExpBound);
    if (up != down) return false;
    result = up * pow2(k);  // exact: normal for -708 <= x <= 709
    return true;
}

// ln x for a finite x > 0, as a double-double.
DD lnDD(double x) {
    int k = 0;
    uint64_t bits = std::bit_cast<uint64_t>(x);
    if ((bits >> 52) == 0) {  // subnormal: scale into the normal range (exact)
        x *= pow2(64);
        k = -64;
        bits = std::bit_cast<uint64_t>(x);
    }
    k += static_cast<int>(bits >> 52) - 1023;
    // x = 2^k m with m in (sqrt(2)/2, sqrt(2)].
    double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
    if (m > kSqrt2) {
        m *= 0.5;
        k += 1;
    }
    const double f = m - 1.0;  // exact (Sterbenz)
    // ln(1 + f) = 2 atanh(s) = 2s (1 + s^2/3 + s^4/5 + ...), s = f / (2 + f), |s| <= 0.1716.
    const DD s = div(DD{f, 0.0}, twoSum(2.0, f));
    const DD t = mul(s, s);
    // Up to t^21/43: the first omitted term, t^22/45, is below 2^-115 for t <= 0.0295. The terms
    // from t^7/15 on weigh less than 2^-38 in the sum, so plain doubles carry them (error below
    // 2^-90); the leading ones are summed in double-double.
    double tail = 1.0 / 43.0;
    for (int n = 20; n >= 7; --n) tail = tail * t.hi + 1.0 / static_cast<double>(2 * n + 1);
    DD series = {tail, 0.0};
    for (int n = 6; n >= 0; --n)
        series = add(mul(series, t), div(DD{1.0, 0.0}, static_cast<double>(2 * n + 1)));
    const DD lnM = mul(DD{2.0 * s.hi, 2.0 * s.lo}, series);
    if (k == 0) return lnM;
    return add(mul(kLn2, static_cast<double>(k)), lnM);
}

bool isOddInteger(double y) {                  // y finite and integral
    if (std::fabs(y) >= 0x1p53) return false;  // every double this large is even
    const double half = y * 0.5;
    return std::floor(half) != half;
}

bool isInteger(double y) {
    return std::floor(y) == y;
}  // y finite

}  // namespace

double exp(double x) {
    if (std::isnan(x)) return kNaN;
    if (x > 710.0) return kInf;  // also +inf
    if (x < -746.0) return 0.0;  // also -inf
    double result = 0.0;
    if (x >= -708.0 && x <= 709.0 && fastExp(x, result)) return result;
    return expDD(DD{x, 0.0});
}

namespace detail {
double expReference(double x) {
    if (std::isnan(x)) return kNaN;
    if (x > 710.0) return kInf;
    if (x < -746.0) return 0.0;
    return expDD(DD{x, 0.0});
}
}  // namespace detail

double ln(double x) {
    if (std::isnan(x) || x < 0.0) return kNaN;
    if (x == 0.0) return -kInf;
    if (x == kInf) return kInf;
    return lnDD(x).hi;
}

double log10(double x) {
    if (std::isnan(x) || x < 0.0) return kNaN;
    if (x == 0.0) return -kInf;
    if (x == kInf) return kInf;
    return mul(lnDD(x), kInvLn10).hi;
}

double sqrt(double x) {
    if (std::isnan(x) || x < 0.0) return kNaN;
    return std::sqrt(x);  // IEEE-754 requires correct rounding
}

double pow(double x, double y) {
    if (y == 0.0 || x == 1.0) return 1.0;
    if (std::isnan(x) || std::isnan(y)) return kNaN;
    const double ax = std::fabs(x);
    if (std::isinf(y)) {
        if (ax == 1.0) return 1.0;  // x == -1
        return (ax < 1.0) == (y < 0.0) ? kInf : 0.0;
    }
    const bool yInteger = isInteger(y);
    const bool negative = x < 0.0 || (x == 0.0 && std::signbit(x));
    const bool oddY = yInteger && isOddInteger(y);
    const double sign = negative && oddY ? -1.0 : 1.0;
    if (x == 0.0) return y < 0.0 ? sign * kInf : sign * 0.0;
    if (std::isinf(x)) {
        if (x < 0.0) return y < 0.0 ? sign * 0.0 : sign * kInf;
        return y < 0.0 ? 0.0 : kInf;
    }
    if (x < 0.0 && !yInteger) return kNaN;
    // |x|^y = e^(y ln|x|), with y ln|x| carried to ~106 bits so that its absolute error, which
    // becomes the result's relative error, stays far below an ulp even when it is near 709.
    const DD l = lnDD(ax);
    const bool grows = (l.hi > 0.0) == (y > 0.0);
    // |ln|x|| >= 2^-53 for |x| != 1, so |y| >= 2^64 means |y ln|x|| > 2000: certain over- or
    // underflow (and splitting y in the product below needs |y| < 2^996).
    if (std::fabs(y) >= 0x1p64) return grows ? sign * kInf : sign * 0.0;
    const DD a = mul(l, y);
    if (a.hi > 710.0) return sign * kInf;
    if (a.hi < -746.0) return sign * 0.0;
    return sign * expDD(a);
}

}  // namespace allora::dmath
