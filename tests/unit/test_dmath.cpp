// Unit tests for allora::dmath: accuracy against 80-digit references (dmath_reference.inc,
// generated with Python's decimal module), special values, exact cases, and a checksum of the
// result bits over a fixed input sequence so that any platform or compiler that computes a
// single bit differently fails here before it can fork consensus.
#include <QtTest/QtTest>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "core/dmath.h"

namespace {

struct RefExp {
    double x, hi, lo;
};
using RefLn = RefExp;
using RefLog10 = RefExp;
struct RefPow {
    double x, y, hi, lo;
};

#include "dmath_reference.inc"

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The bound every reference point must meet, in ulps of the exact result. Correct rounding is
// 0.5; the double-double evaluation adds at most ~2^-40 ulp (see core/dmath.h).
constexpr double kMaxUlps = 0.5 + 1e-9;

double ulpOf(double v) {
    v = std::fabs(v);
    return std::nextafter(v, kInf) - v;
}

// |got - (hi + lo)| in ulps of hi. got - hi is exact when they are within a few ulps.
double ulpError(double got, double hi, double lo) {
    if (std::isnan(got) || std::isinf(got)) return kInf;
    return std::fabs((got - hi) - lo) / ulpOf(hi);
}

bool sameBits(double a, double b) {
    return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

bool isCanonicalNaN(double v) {
    return sameBits(v, kNaN);
}

template <typename Ref, typename Fn>
double maxError(const Ref& refs, Fn fn, const char* name) {
    double worst = 0;
    for (const auto& r : refs) {
        const double err = ulpError(fn(r), r.hi, r.lo);
        if (err > worst) worst = err;
        if (err > kMaxUlps)
            qWarning("%s: %.17g ulp at input %a", name, err, static_cast<double>(r.x));
    }
    qInfo("%s: %zu reference points, max error %.9f ulp", name, std::size(refs), worst);
    return worst;
}

}  // namespace

class TestDmath : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void expAccuracy() {
        const double worst = maxError(
            kExpRefs, [](const RefExp& r) { return allora::dmath::exp(r.x); }, "exp");
        QVERIFY(worst <= kMaxUlps);
    }
    void lnAccuracy() {
        const double worst = maxError(
            kLnRefs, [](const RefLn& r) { return allora::dmath::ln(r.x); }, "ln");
        QVERIFY(worst <= kMaxUlps);
    }
    void log10Accuracy() {
        const double worst = maxError(
            kLog10Refs, [](const RefLog10& r) { return allora::dmath::log10(r.x); }, "log10");
        QVERIFY(worst <= kMaxUlps);
    }
    void powAccuracy() {
        const double worst = maxError(
            kPowRefs, [](const RefPow& r) { return allora::dmath::pow(r.x, r.y); }, "pow");
        QVERIFY(worst <= kMaxUlps);
    }

    // Many more points against the platform's long double functions where long double has at
    // least 64 bits of mantissa (x86-64 Linux): their own error is about 2^-11 double ulp.
    void longDoubleSweep() {
        if (LDBL_MANT_DIG < 64) QSKIP("long double is not wider than double here");
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> expArg(-745.0, 709.7);
        std::uniform_real_distribution<double> smallArg(-2.0, 2.0);
        std::uniform_int_distribution<int> exponent(-1022, 1023);
        std::uniform_real_distribution<double> mantissa(1.0, 2.0);
        std::uniform_real_distribution<double> base(1e-3, 1e3);
        std::uniform_real_distribution<double> power(-4.5, 4.5);
        auto err = [](double got, long double exact) {
            const double hi = static_cast<double>(exact);
            const double lo = static_cast<double>(exact - static_cast<long double>(hi));
            return ulpError(got, hi, lo);
        };
        double worstExp = 0, worstLn = 0, worstPow = 0;
        for (int i = 0; i < 100000; ++i) {
            const double a = i % 2 ? expArg(rng) : smallArg(rng);
            const long double e = std::exp(static_cast<long double>(a));
            if (e >= static_cast<long double>(DBL_MIN))
                worstExp = std::max(worstExp, err(allora::dmath::exp(a), e));
            const double x = std::ldexp(mantissa(rng), exponent(rng));
            worstLn =
                std::max(worstLn, err(allora::dmath::ln(x), std::log(static_cast<long double>(x))));
            const double b = base(rng);
            const double p = power(rng);
            worstPow = std::max(
                worstPow, err(allora::dmath::pow(b, p),
                              std::pow(static_cast<long double>(b), static_cast<long double>(p))));
        }
        qInfo("long double sweep (100000 points each): exp %.9f, ln %.9f, pow %.9f ulp", worstExp,
              worstLn, worstPow);
        // The reference itself is off by up to ~2^-11 ulp, and pow's by more (it is computed in
        // long double, with its own argument error of a few 2^-64 relative).
        QVERIFY(worstExp <= 0.502);
        QVERIFY(worstLn <= 0.502);
        QVERIFY(worstPow <= 0.51);
    }

    // exp's fast path (a table and a rounding test) must return exactly the bits of the
    // double-double evaluation it falls back to: the reference table above holds that evaluation
    // to correct rounding, and consensus holds every node to the same bits. Random arguments over
    // the whole range, the small ones the synthesis uses most, and tiny ones.
    void expFastPathMatchesReference() {
        std::mt19937_64 rng(2026);
        std::uniform_real_distribution<double> wide(-745.0, 709.8);
        std::uniform_real_distribution<double> small(-20.0, 20.0);
        std::uniform_real_distribution<double> tiny(-1e-3, 1e-3);
        int mismatches = 0;
        for (int i = 0; i < 150000; ++i) {
            const double x = i % 3 == 0 ? wide(rng) : i % 3 == 1 ? small(rng) : tiny(rng);
            const double got = allora::dmath::exp(x);
            const double want = allora::dmath::detail::expReference(x);
            if (!sameBits(got, want) && ++mismatches <= 5)
                qWarning("exp(%a) = %a, the reference gives %a", x, got, want);
        }
        QCOMPARE(mismatches, 0);
        // Near the ends of the fast path's range, and at its exact ends.
        for (double x : {-708.0, -707.999999, 709.0, 708.999999, -708.0000001, 709.0000001, 0.0,
                         -0.0, 0x1p-60, -0x1p-60, 0.5 * 0.6931471805599453})
            QVERIFY2(sameBits(allora::dmath::exp(x), allora::dmath::detail::expReference(x)),
                     qPrintable(QString::number(x, 'g', 17)));
    }

    void expSpecialValues() {
        using allora::dmath::exp;
        QVERIFY(isCanonicalNaN(exp(kNaN)));
        QVERIFY(isCanonicalNaN(exp(-kNaN)));
        QCOMPARE(exp(kInf), kInf);
        QVERIFY(sameBits(exp(-kInf), 0.0));
        QCOMPARE(exp(0.0), 1.0);
        QCOMPARE(exp(-0.0), 1.0);
        QCOMPARE(exp(709.782712893384), 0x1.fffffffffff2ap+1023);
        QCOMPARE(exp(709.7827128933841), kInf);  // the next double up overflows
        QCOMPARE(exp(1000.0), kInf);
        QVERIFY(sameBits(exp(-746.0), 0.0));
        QVERIFY(sameBits(exp(-1000.0), 0.0));
        // Subnormal results: within one unit of the subnormal's last place.
        QCOMPARE(exp(-745.1332191019411), std::numeric_limits<double>::denorm_min());
        // e^-720 = 41132809365.12 * 2^-1074
        QVERIFY(std::fabs(exp(-720.0) / std::numeric_limits<double>::denorm_min() -
                          41132809365.0) <= 1.0);
        QCOMPARE(exp(1.0), 2.718281828459045);
    }

    void lnSpecialValues() {
        using allora::dmath::ln;
        QVERIFY(isCanonicalNaN(ln(kNaN)));
        QVERIFY(isCanonicalNaN(ln(-1.0)));
        QVERIFY(isCanonicalNaN(ln(-kInf)));
        QVERIFY(isCanonicalNaN(ln(-std::numeric_limits<double>::denorm_min())));
        QCOMPARE(ln(0.0), -kInf);
        QCOMPARE(ln(-0.0), -kInf);
        QCOMPARE(ln(kInf), kInf);
        QVERIFY(sameBits(ln(1.0), 0.0));
        QCOMPARE(ln(2.0), 0.6931471805599453);
        QCOMPARE(ln(std::numeric_limits<double>::denorm_min()), -744.4400719213812);
        QCOMPARE(ln(std::numeric_limits<double>::max()), 709.782712893384);
    }

    void log10SpecialValues() {
        using allora::dmath::log10;
        QVERIFY(isCanonicalNaN(log10(kNaN)));
        QVERIFY(isCanonicalNaN(log10(-2.0)));
        QCOMPARE(log10(0.0), -kInf);
        QCOMPARE(log10(kInf), kInf);
        QVERIFY(sameBits(log10(1.0), 0.0));
        // Every power of ten that is an exact double gives an exact integer.
        double p = 1.0;
        for (int n = 0; n <= 22; ++n, p *= 10.0) QCOMPARE(log10(p), static_cast<double>(n));
        QCOMPARE(log10(1e-5), -5.0);
        QCOMPARE(log10(1e300), 300.0);
    }

    void powSpecialValues() {
        using allora::dmath::pow;
        // C99 Annex F.9.4.4, case by case.
        QCOMPARE(pow(kNaN, 0.0), 1.0);
        QCOMPARE(pow(kNaN, -0.0), 1.0);
        QCOMPARE(pow(1.0, kNaN), 1.0);
        QCOMPARE(pow(1.0, kInf), 1.0);
        QVERIFY(isCanonicalNaN(pow(kNaN, 1.0)));
        QVERIFY(isCanonicalNaN(pow(2.0, kNaN)));
        QVERIFY(isCanonicalNaN(pow(-2.0, 0.5)));
        QVERIFY(isCanonicalNaN(pow(-kInf, kNaN)));
        QCOMPARE(pow(0.0, -3.0), kInf);
        QCOMPARE(pow(-0.0, -3.0), -kInf);
        QCOMPARE(pow(-0.0, -2.0), kInf);
        QCOMPARE(pow(-0.0, -0.5), kInf);
        QCOMPARE(pow(0.0, -kInf), kInf);
        QVERIFY(sameBits(pow(-0.0, 3.0), -0.0));
        QVERIFY(sameBits(pow(0.0, 3.0), 0.0));
        QVERIFY(sameBits(pow(-0.0, 2.0), 0.0));
        QVERIFY(sameBits(pow(-0.0, 0.5), 0.0));
        QCOMPARE(pow(-1.0, kInf), 1.0);
        QCOMPARE(pow(-1.0, -kInf), 1.0);
        QCOMPARE(pow(0.5, -kInf), kInf);
        QVERIFY(sameBits(pow(2.0, -kInf), 0.0));
        QVERIFY(sameBits(pow(0.5, kInf), 0.0));
        QCOMPARE(pow(2.0, kInf), kInf);
        QCOMPARE(pow(-2.0, kInf), kInf);
        QVERIFY(sameBits(pow(-kInf, -3.0), -0.0));
        QVERIFY(sameBits(pow(-kInf, -2.0), 0.0));
        QCOMPARE(pow(-kInf, 3.0), -kInf);
        QCOMPARE(pow(-kInf, 2.0), kInf);
        QCOMPARE(pow(-kInf, 0.5), kInf);
        QVERIFY(sameBits(pow(kInf, -1.0), 0.0));
        QCOMPARE(pow(kInf, 0.5), kInf);
        // Negative bases with integer exponents.
        QCOMPARE(pow(-2.0, 3.0), -8.0);
        QCOMPARE(pow(-2.0, 2.0), 4.0);
        QCOMPARE(pow(-2.0, -1.0), -0.5);
        QCOMPARE(pow(-3.0, 1e300), kInf);  // huge exponents are even
        // Overflow and underflow keep the sign of an odd power.
        QCOMPARE(pow(10.0, 400.0), kInf);
        QCOMPARE(pow(-10.0, 401.0), -kInf);
        QVERIFY(sameBits(pow(10.0, -400.0), 0.0));
        QVERIFY(sameBits(pow(-10.0, -401.0), -0.0));
        QCOMPARE(pow(1.0000000000000002, 1e30), kInf);
        QVERIFY(sameBits(pow(0.9999999999999999, 1e30), 0.0));
    }

    void powExactCases() {
        using allora::dmath::pow;
        for (int n = -1074; n <= 1023; ++n)
            QCOMPARE(pow(2.0, static_cast<double>(n)), std::ldexp(1.0, n));
        double p = 1.0;
        for (int n = 0; n <= 22; ++n, p *= 10.0) QCOMPARE(pow(10.0, static_cast<double>(n)), p);
        QCOMPARE(pow(3.0, 3.0), 27.0);
        QCOMPARE(pow(16.0, 0.25), 2.0);
        QCOMPARE(pow(81.0, 0.25), 3.0);
        QCOMPARE(pow(2.5, 1.0), 2.5);
        // x^0.5 and sqrt are both correctly rounded, so they agree (outside hard cases).
        std::mt19937_64 rng(11);
        std::uniform_real_distribution<double> d(1e-6, 1e6);
        for (int i = 0; i < 10000; ++i) {
            const double x = d(rng);
            QCOMPARE(pow(x, 0.5), allora::dmath::sqrt(x));
        }
    }

    void sqrtSpecialValues() {
        using allora::dmath::sqrt;
        QVERIFY(isCanonicalNaN(sqrt(-1.0)));
        QVERIFY(isCanonicalNaN(sqrt(kNaN)));
        QVERIFY(isCanonicalNaN(sqrt(-kInf)));
        QVERIFY(sameBits(sqrt(-0.0), -0.0));
        QCOMPARE(sqrt(kInf), kInf);
        QCOMPARE(sqrt(2.0), 1.4142135623730951);
    }

    // FNV-1a over the result bits of a fixed input sequence. The expected value was produced on
    // x86-64 (GCC 12, -O2 and -O0); any platform, compiler or flag that rounds one result
    // differently changes it.
    void resultBitsAreStable() {
        uint64_t h = 0xcbf29ce484222325ULL;
        auto mix = [&h](double v) {
            uint64_t b = std::bit_cast<uint64_t>(v);
            for (int i = 0; i < 8; ++i, b >>= 8) {
                h ^= b & 0xff;
                h *= 0x100000001b3ULL;
            }
        };
        std::mt19937_64 rng(42);  // the sequence of a given seed is fixed by the C++ standard
        for (int i = 0; i < 20000; ++i) {
            const double u = static_cast<double>(rng() >> 11) * 0x1p-53;  // [0, 1), exact
            const double a = -740.0 + 1450.0 * u;
            mix(allora::dmath::exp(a));
            mix(allora::dmath::exp(u - 0.5));
            mix(allora::dmath::ln(std::ldexp(1.0 + u, static_cast<int>(rng() % 2046) - 1022)));
            mix(allora::dmath::log10(1.0 + 1e6 * u));
            mix(allora::dmath::pow(1e-3 + 1e3 * u,
                                   -4.5 + 9.0 * static_cast<double>(rng() >> 11) * 0x1p-53));
        }
        qInfo("result checksum %016llx", static_cast<unsigned long long>(h));
        QCOMPARE(h, kResultChecksum);
    }

private:
    static constexpr uint64_t kResultChecksum = 0x22fd58eaacebdd6cULL;
};

QTEST_GUILESS_MAIN(TestDmath)
#include "test_dmath.moc"
