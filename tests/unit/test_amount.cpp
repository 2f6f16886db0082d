// Unit tests for allora::Amount: parsing, formatting, checked arithmetic and the round trip
// between them. Expected values are built from decimal strings through boost's own parser, never
// through Amount::parse, so a parsing bug cannot hide behind itself.
#include <QtTest/QtTest>

#include <string>
#include <vector>

#include "core/amount.h"

namespace allora {
// Lets QCOMPARE print both sides of a failed Amount comparison (found by ADL).
char* toString(const Amount& a) {
    return qstrdup(a.toCoinString().c_str());
}
}  // namespace allora

using allora::Amount;
using allora::ErrorCode;
using Unit = Amount::Unit;

Q_DECLARE_METATYPE(Amount::Unit)
Q_DECLARE_METATYPE(allora::ErrorCode)

namespace {

const char* const kMaxDecimal =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";  // 2^256-1
const char* const kMaxPlusOneDecimal =
    "115792089237316195423570985008687907853269984665640564039457584007913129639936";  // 2^256

Amount::Int bigInt(const char* decimal) {
    return Amount::Int(decimal);
}
Amount amountOf(const char* uallo) {
    return Amount::fromInt(bigInt(uallo));
}

QByteArray describe(const allora::Error& e) {
    return QByteArray(allora::errorCodeName(e.code)) + ": " + QByteArray::fromStdString(e.message);
}

}  // namespace

class TestAmount : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void construction();
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void formatting_data();
    void formatting();
    void truncatedDecimals_data();
    void truncatedDecimals();
    void toUint64();
    void add();
    void sub();
    void mul();
    void mulDiv();
    void mulFrac();
    void comparisons();
    void roundTrip_data();
    void roundTrip();
};

void TestAmount::construction() {
    QVERIFY(Amount().isZero());
    QVERIFY(Amount().uallo() == 0);
    QVERIFY(Amount::fromUallo(0).isZero());
    QVERIFY(!Amount::fromUallo(1).isZero());
    QVERIFY(Amount::fromUallo(UINT64_MAX).uallo() == bigInt("18446744073709551615"));
    QVERIFY(Amount::fromAllo(1).uallo() == bigInt("1000000000000000000"));
    QVERIFY(Amount::fromAllo(0).isZero());
    // The largest whole-ALLO input still fits exactly.
    QVERIFY(Amount::fromAllo(UINT64_MAX).uallo() ==
            bigInt("18446744073709551615000000000000000000"));
    QVERIFY(Amount::fromInt(bigInt(kMaxDecimal)) == Amount::max());
    QCOMPARE(Amount::max().toUalloString(), std::string(kMaxDecimal));
    QCOMPARE(Amount::kUalloPerAllo, uint64_t{1'000'000'000'000'000'000ULL});
    QCOMPARE(Amount::kDecimals, 18);
}

void TestAmount::parseValid_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<Unit>("plainUnit");
    QTest::addColumn<QString>("uallo");

    const QString max = QString::fromLatin1(kMaxDecimal);
    // clang-format off
    QTest::newRow("coin string")      << "1500000000000000000uallo" << Unit::Uallo << "1500000000000000000";
    QTest::newRow("coin string, plain Allo ignored") << "3uallo" << Unit::Allo << "3";
    QTest::newRow("ALLO")             << "1.5ALLO"   << Unit::Uallo << "1500000000000000000";
    QTest::newRow("allo lower")       << "1.5allo"   << Unit::Uallo << "1500000000000000000";
    QTest::newRow("Allo mixed")       << "1.5Allo"   << Unit::Uallo << "1500000000000000000";
    QTest::newRow("space before denom") << "1.5 ALLO" << Unit::Uallo << "1500000000000000000";
    QTest::newRow("space before uallo") << "7 uallo" << Unit::Uallo << "7";
    QTest::newRow("smallest ALLO")    << "0.000000000000000001ALLO" << Unit::Uallo << "1";
    QTest::newRow("18 decimals")      << "1.000000000000000000ALLO" << Unit::Uallo << "1000000000000000000";
    QTest::newRow("whole ALLO")       << "2ALLO"     << Unit::Uallo << "2000000000000000000";
    QTest::newRow("max supply")       << "1000000000ALLO" << Unit::Uallo << "1000000000000000000000000000";
    QTest::newRow("leading zeros")    << "007uallo"  << Unit::Uallo << "7";
    QTest::newRow("leading zeros ALLO") << "00.5ALLO" << Unit::Uallo << "500000000000000000";
    QTest::newRow("leading dot")      << ".5ALLO"    << Unit::Uallo << "500000000000000000";
    QTest::newRow("trailing dot")     << "5.ALLO"    << Unit::Uallo << "5000000000000000000";
    QTest::newRow("zero")             << "0"         << Unit::Uallo << "0";
    QTest::newRow("zero uallo")       << "0uallo"    << Unit::Uallo << "0";
    QTest::newRow("zero ALLO")        << "0.0ALLO"   << Unit::Uallo << "0";
    QTest::newRow("surrounding whitespace") << " \t42uallo \n" << Unit::Uallo << "42";
    QTest::newRow("plain uallo")      << "1500"      << Unit::Uallo << "1500";
    QTest::newRow("plain ALLO")       << "1.5"       << Unit::Allo  << "1500000000000000000";
    QTest::newRow("plain ALLO whole") << "2"         << Unit::Allo  << "2000000000000000000";
    QTest::newRow("plain ALLO tiny")  << "0.000000000000000001" << Unit::Allo << "1";
    QTest::newRow("ALLO overrides plain Uallo") << "2ALLO" << Unit::Uallo << "2000000000000000000";
    QTest::newRow("max uallo")        << max + "uallo" << Unit::Uallo << max;
    QTest::newRow("max plain")        << max         << Unit::Uallo << max;
    QTest::newRow("max zero-padded")  << "0000000000" + max + "uallo" << Unit::Uallo << max;
    QTest::newRow("max in ALLO")
        << "115792089237316195423570985008687907853269984665640564039457.584007913129639935ALLO"
        << Unit::Uallo << max;
    // clang-format on
}

void TestAmount::parseValid() {
    QFETCH(QString, text);
    QFETCH(Unit, plainUnit);
    QFETCH(QString, uallo);

    const auto r = Amount::parse(text.toStdString(), plainUnit);
    QVERIFY2(r.ok(), r.ok() ? "" : describe(r.error()).constData());
    QCOMPARE(*r, Amount::fromInt(bigInt(uallo.toLatin1().constData())));
}

void TestAmount::parseInvalid_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<Unit>("plainUnit");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("reason");  // must appear in the message

    const ErrorCode bad = ErrorCode::InvalidArgument;
    const ErrorCode big = ErrorCode::Overflow;
    // clang-format off
    QTest::newRow("empty")            << ""          << Unit::Uallo << bad << "empty amount";
    QTest::newRow("only whitespace")  << "  \t "     << Unit::Uallo << bad << "empty amount";
    QTest::newRow("negative")         << "-5uallo"   << Unit::Uallo << bad << "cannot be negative";
    QTest::newRow("negative ALLO")    << "-0.5ALLO"  << Unit::Uallo << bad << "cannot be negative";
    QTest::newRow("plus sign")        << "+5uallo"   << Unit::Uallo << bad << "'+' sign is not allowed";
    QTest::newRow("lone plus")        << "+"         << Unit::Uallo << bad << "'+' sign is not allowed";
    QTest::newRow("no number")        << "ALLO"      << Unit::Uallo << bad << "expected a number";
    QTest::newRow("leading garbage")  << "$5"        << Unit::Uallo << bad << "expected a number";
    QTest::newRow("words")            << "five ALLO" << Unit::Uallo << bad << "expected a number";
    QTest::newRow("fullwidth digit")  << QString::fromUtf8("\xef\xbc\x95uallo") << Unit::Uallo << bad << "expected a number";
    QTest::newRow("trailing garbage") << "5uallo!"   << Unit::Uallo << bad << "unexpected text '!' after the denomination";
    QTest::newRow("trailing word")    << "5 ALLO now" << Unit::Uallo << bad << "unexpected text ' now' after the denomination";
    QTest::newRow("garbage after number") << "5$"    << Unit::Uallo << bad << "unexpected text '$' after the number";
    QTest::newRow("space in number")  << "1 000uallo" << Unit::Uallo << bad << "unexpected text ' 000uallo' after the number";
    QTest::newRow("too many decimals") << "1.0000000000000000001ALLO" << Unit::Uallo << bad << "too many decimal places: ALLO has 18";
    QTest::newRow("too many decimals plain") << "0.0000000000000000001" << Unit::Allo << bad << "too many decimal places: ALLO has 18";
    QTest::newRow("unknown denom")    << "5atom"     << Unit::Uallo << bad << "unknown denomination 'atom': expected ALLO or uallo";
    QTest::newRow("ibc denom")        << "5ibc/27394FB0" << Unit::Uallo << bad << "unknown denomination 'ibc/27394FB0'";
    QTest::newRow("uallo is case-sensitive") << "5UALLO" << Unit::Uallo << bad << "unknown denomination 'UALLO'";
    QTest::newRow("denom with suffix") << "5uallox"  << Unit::Uallo << bad << "unknown denomination 'uallox'";
    QTest::newRow("two dots")         << "1.2.3ALLO" << Unit::Uallo << bad << "more than one decimal point";
    QTest::newRow("double dot")       << "1..5ALLO"  << Unit::Uallo << bad << "more than one decimal point";
    QTest::newRow("lone dot")         << "."         << Unit::Allo  << bad << "a lone '.' is not a number";
    QTest::newRow("lone dot ALLO")    << ".ALLO"     << Unit::Uallo << bad << "a lone '.' is not a number";
    QTest::newRow("exponent")         << "1e18uallo" << Unit::Uallo << bad << "exponent notation is not supported";
    QTest::newRow("exponent upper")   << "1.5E3"     << Unit::Allo  << bad << "exponent notation is not supported";
    QTest::newRow("exponent signed")  << "1e+5"      << Unit::Uallo << bad << "exponent notation is not supported";
    QTest::newRow("two spaces")       << "5  ALLO"   << Unit::Uallo << bad << "only one space may separate";
    QTest::newRow("tab")              << "5\tALLO"   << Unit::Uallo << bad << "only one space may separate";
    QTest::newRow("newline")          << "5\nuallo"  << Unit::Uallo << bad << "only one space may separate";
    QTest::newRow("decimal comma")    << "1,5ALLO"   << Unit::Uallo << bad << "use '.' as the decimal point";
    QTest::newRow("digit separator")  << "1_000uallo" << Unit::Uallo << bad << "no digit separators";
    QTest::newRow("fractional uallo") << "1.5uallo"  << Unit::Uallo << bad << "uallo amounts must be whole numbers";
    QTest::newRow("dotted uallo")     << "1.0uallo"  << Unit::Uallo << bad << "uallo amounts must be whole numbers";
    QTest::newRow("fractional plain") << "1.5"       << Unit::Uallo << bad << "uallo amounts must be whole numbers (a number without a denomination is read as uallo";
    QTest::newRow("2^256")            << QString::fromLatin1(kMaxPlusOneDecimal) + "uallo" << Unit::Uallo << big << "exceeds the largest amount";
    QTest::newRow("2^256 plain")      << QString::fromLatin1(kMaxPlusOneDecimal) << Unit::Uallo << big << "exceeds the largest amount";
    QTest::newRow("79 digits")        << "1" + QString(78, '0') + "uallo" << Unit::Uallo << big << "exceeds the largest amount";
    QTest::newRow("huge ALLO")        << "1" + QString(100, '0') + "ALLO" << Unit::Uallo << big << "exceeds the largest amount";
    QTest::newRow("2^256 in ALLO")
        << "115792089237316195423570985008687907853269984665640564039457.584007913129639936ALLO"
        << Unit::Uallo << big << "exceeds the largest amount";
    QTest::newRow("max ALLO whole")   << "115792089237316195423570985008687907853269984665640564039458ALLO" << Unit::Uallo << big << "exceeds the largest amount";
    // clang-format on
}

void TestAmount::parseInvalid() {
    QFETCH(QString, text);
    QFETCH(Unit, plainUnit);
    QFETCH(ErrorCode, code);
    QFETCH(QString, reason);

    const std::string input = text.toStdString();
    const auto r = Amount::parse(input, plainUnit);
    QVERIFY2(!r.ok(), r.ok() ? r->toCoinString().c_str() : "");
    QCOMPARE(r.code(), code);
    const std::string& message = r.message();
    QVERIFY2(message.find(reason.toStdString()) != std::string::npos, message.c_str());
    // Every message quotes what the user typed, so it can be shown as is.
    QVERIFY2(message.find("'" + input + "'") != std::string::npos, message.c_str());
}

void TestAmount::formatting_data() {
    QTest::addColumn<QString>("uallo");
    QTest::addColumn<QString>("allo");

    // clang-format off
    QTest::newRow("zero")        << "0"                    << "0";
    QTest::newRow("one uallo")   << "1"                    << "0.000000000000000001";
    QTest::newRow("1e18 - 1")    << "999999999999999999"   << "0.999999999999999999";
    QTest::newRow("one ALLO")    << "1000000000000000000"  << "1";
    QTest::newRow("1e18 + 1")    << "1000000000000000001"  << "1.000000000000000001";
    QTest::newRow("1.5 ALLO")    << "1500000000000000000"  << "1.5";
    QTest::newRow("10 ALLO")     << "10000000000000000000" << "10";
    QTest::newRow("mixed")       << "123456789012345678901" << "123.456789012345678901";
    QTest::newRow("trailing zeros trimmed") << "120000000000000000" << "0.12";
    QTest::newRow("max supply")  << "1000000000000000000000000000" << "1000000000";
    QTest::newRow("2^256 - 1")   << kMaxDecimal
        << "115792089237316195423570985008687907853269984665640564039457.584007913129639935";
    // clang-format on
}

void TestAmount::formatting() {
    QFETCH(QString, uallo);
    QFETCH(QString, allo);

    const Amount a = amountOf(uallo.toLatin1().constData());
    QCOMPARE(QString::fromStdString(a.toUalloString()), uallo);
    QCOMPARE(QString::fromStdString(a.toCoinString()), uallo + "uallo");
    QCOMPARE(QString::fromStdString(a.toAlloString()), allo);
    QCOMPARE(QString::fromStdString(a.format()), allo + " ALLO");
}

void TestAmount::truncatedDecimals_data() {
    QTest::addColumn<QString>("uallo");
    QTest::addColumn<int>("maxDecimals");
    QTest::addColumn<QString>("allo");

    // clang-format off
    QTest::newRow("0.999.. at 2 rounds down") << "999999999999999999" << 2 << "0.99";
    QTest::newRow("0.001 at 2 shows 0")       << "1000000000000000"   << 2 << "0";
    QTest::newRow("1 uallo at 17 shows 0")    << "1"                  << 17 << "0";
    QTest::newRow("1 uallo at 18")            << "1"                  << 18 << "0.000000000000000001";
    QTest::newRow("1.239 at 2")               << "1239000000000000000" << 2 << "1.23";
    QTest::newRow("1.5 at 6 trims zeros")     << "1500000000000000000" << 6 << "1.5";
    QTest::newRow("1.9 at 0")                 << "1900000000000000000" << 0 << "1";
    QTest::newRow("negative clamps to 0")     << "1900000000000000000" << -5 << "1";
    QTest::newRow("above 18 clamps to 18")    << "1000000000000000001" << 40 << "1.000000000000000001";
    QTest::newRow("1.05 at 1")                << "1050000000000000000" << 1 << "1";
    // clang-format on
}

void TestAmount::truncatedDecimals() {
    QFETCH(QString, uallo);
    QFETCH(int, maxDecimals);
    QFETCH(QString, allo);

    const Amount a = amountOf(uallo.toLatin1().constData());
    QCOMPARE(QString::fromStdString(a.toAlloString(maxDecimals)), allo);
    QCOMPARE(QString::fromStdString(a.format(maxDecimals)), allo + " ALLO");
}

void TestAmount::toUint64() {
    auto small = Amount::fromUallo(1234).toUint64();
    QVERIFY(small.ok());
    QCOMPARE(*small, uint64_t{1234});

    auto top = Amount::fromUallo(UINT64_MAX).toUint64();
    QVERIFY(top.ok());
    QCOMPARE(*top, UINT64_MAX);

    auto over = amountOf("18446744073709551616").toUint64();  // 2^64
    QVERIFY(!over.ok());
    QCOMPARE(over.code(), ErrorCode::Overflow);
    QVERIFY2(over.message().find("18446744073709551616uallo") != std::string::npos,
             over.message().c_str());

    QVERIFY(!Amount::max().toUint64().ok());
    QCOMPARE(Amount().toUint64().value(), uint64_t{0});
}

void TestAmount::add() {
    auto sum = Amount::fromUallo(2).add(Amount::fromUallo(3));
    QVERIFY(sum.ok());
    QCOMPARE(*sum, Amount::fromUallo(5));

    auto supply = Amount::fromAllo(1'000'000'000).add(Amount::fromAllo(1'000'000'000));
    QVERIFY(supply.ok());
    QCOMPARE(*supply, amountOf("2000000000000000000000000000"));

    auto maxPlusZero = Amount::max().add(Amount());
    QVERIFY(maxPlusZero.ok());
    QCOMPARE(*maxPlusZero, Amount::max());

    auto maxMinusOnePlusOne =
        amountOf("115792089237316195423570985008687907853269984665640564039457584007913129639934")
            .add(Amount::fromUallo(1));
    QVERIFY(maxMinusOnePlusOne.ok());
    QCOMPARE(*maxMinusOnePlusOne, Amount::max());

    auto over = Amount::max().add(Amount::fromUallo(1));
    QVERIFY(!over.ok());
    QCOMPARE(over.code(), ErrorCode::Overflow);
    QVERIFY2(over.message().find("amount overflow") != std::string::npos, over.message().c_str());

    auto overBoth = Amount::max().add(Amount::max());
    QVERIFY(!overBoth.ok());
    QCOMPARE(overBoth.code(), ErrorCode::Overflow);
}

void TestAmount::sub() {
    auto diff = Amount::fromUallo(7).sub(Amount::fromUallo(5));
    QVERIFY(diff.ok());
    QCOMPARE(*diff, Amount::fromUallo(2));

    auto same = Amount::max().sub(Amount::max());
    QVERIFY(same.ok());
    QVERIFY(same->isZero());

    auto fromMax = Amount::max().sub(Amount::fromUallo(1));
    QVERIFY(fromMax.ok());
    QCOMPARE(
        *fromMax,
        amountOf("115792089237316195423570985008687907853269984665640564039457584007913129639934"));

    auto under = Amount().sub(Amount::fromUallo(1));
    QVERIFY(!under.ok());
    QCOMPARE(under.code(), ErrorCode::Overflow);
    QCOMPARE(under.message(), std::string("insufficient amount: 0uallo - 1uallo"));

    auto short5 = Amount::fromUallo(5).sub(Amount::fromUallo(7));
    QVERIFY(!short5.ok());
    QCOMPARE(short5.message(), std::string("insufficient amount: 5uallo - 7uallo"));

    QVERIFY(!Amount::fromUallo(1).sub(Amount::max()).ok());
}

void TestAmount::mul() {
    auto supply = Amount::fromAllo(1).mul(1'000'000'000);
    QVERIFY(supply.ok());
    QCOMPARE(*supply, amountOf("1000000000000000000000000000"));

    auto zero = Amount().mul(UINT64_MAX);
    QVERIFY(zero.ok());
    QVERIFY(zero->isZero());

    auto byZero = Amount::max().mul(0);
    QVERIFY(byZero.ok());
    QVERIFY(byZero->isZero());

    auto identity = Amount::max().mul(1);
    QVERIFY(identity.ok());
    QCOMPARE(*identity, Amount::max());

    // (2^255 - 1) * 2 = 2^256 - 2 fits; 2^255 * 2 = 2^256 does not.
    const Amount halfMinusOne =
        amountOf("57896044618658097711785492504343953926634992332820282019728792003956564819967");
    auto fits = halfMinusOne.mul(2);
    QVERIFY(fits.ok());
    QCOMPARE(
        *fits,
        amountOf("115792089237316195423570985008687907853269984665640564039457584007913129639934"));
    auto over = halfMinusOne.add(Amount::fromUallo(1))->mul(2);
    QVERIFY(!over.ok());
    QCOMPARE(over.code(), ErrorCode::Overflow);

    QVERIFY(!Amount::max().mul(UINT64_MAX).ok());
}

void TestAmount::mulDiv() {
    const Amount supply = amountOf("1000000000000000000000000000");  // 10^27

    // 10^54 in the middle: beyond 128 bits, inside 512.
    auto exact = supply.mulDiv(supply, supply);
    QVERIFY(exact.ok());
    QCOMPARE(*exact, supply);

    // (2^256-1)^2 needs the full 512-bit intermediate.
    auto widest = Amount::max().mulDiv(Amount::max(), Amount::max());
    QVERIFY(widest.ok());
    QCOMPARE(*widest, Amount::max());

    auto floor = Amount::fromUallo(7).mulDiv(Amount::fromUallo(1), Amount::fromUallo(2));
    QVERIFY(floor.ok());
    QCOMPARE(*floor, Amount::fromUallo(3));

    auto share = Amount::fromUallo(10).mulDiv(Amount::fromUallo(3), Amount::fromUallo(4));
    QVERIFY(share.ok());
    QCOMPARE(*share, Amount::fromUallo(7));

    // A stake's share of a reward pool: 1e27 * 1 ALLO / 3 ALLO.
    auto third = supply.mulDiv(Amount::fromAllo(1), Amount::fromAllo(3));
    QVERIFY(third.ok());
    QCOMPARE(*third, amountOf("333333333333333333333333333"));

    auto divZero = supply.mulDiv(supply, Amount());
    QVERIFY(!divZero.ok());
    QCOMPARE(divZero.code(), ErrorCode::InvalidArgument);
    QVERIFY2(divZero.message().find("division by zero") != std::string::npos,
             divZero.message().c_str());

    auto over = Amount::max().mulDiv(Amount::fromUallo(2), Amount::fromUallo(1));
    QVERIFY(!over.ok());
    QCOMPARE(over.code(), ErrorCode::Overflow);
}

void TestAmount::mulFrac() {
    auto twoPercent = Amount::fromAllo(1).mulFrac(2, 100);
    QVERIFY(twoPercent.ok());
    QCOMPARE(*twoPercent, amountOf("20000000000000000"));

    auto third = Amount::fromUallo(10).mulFrac(1, 3);
    QVERIFY(third.ok());
    QCOMPARE(*third, Amount::fromUallo(3));

    auto whole = Amount::max().mulFrac(UINT64_MAX, UINT64_MAX);
    QVERIFY(whole.ok());
    QCOMPARE(*whole, Amount::max());

    auto divZero = Amount::fromUallo(10).mulFrac(1, 0);
    QVERIFY(!divZero.ok());
    QCOMPARE(divZero.code(), ErrorCode::InvalidArgument);

    auto over = Amount::max().mulFrac(3, 2);
    QVERIFY(!over.ok());
    QCOMPARE(over.code(), ErrorCode::Overflow);
}

void TestAmount::comparisons() {
    const Amount one = Amount::fromUallo(1);
    const Amount two = Amount::fromUallo(2);
    QVERIFY(one < two);
    QVERIFY(two > one);
    QVERIFY(one <= one);
    QVERIFY(one >= one);
    QVERIFY(one == Amount::fromUallo(1));
    QVERIFY(one != two);
    QVERIFY((one <=> two) == std::strong_ordering::less);
    QVERIFY((two <=> one) == std::strong_ordering::greater);
    QVERIFY((one <=> Amount::fromUallo(1)) == std::strong_ordering::equal);
    QVERIFY(Amount::max() > Amount::fromAllo(UINT64_MAX));
    QVERIFY(Amount() < one);
    QVERIFY(Amount().isZero());
    QVERIFY(!Amount::max().isZero());
}

void TestAmount::roundTrip_data() {
    QTest::addColumn<QString>("uallo");

    const std::vector<const char*> fixed = {
        "0",
        "1",
        "9",
        "10",
        "999999999999999999",                       // 10^18 - 1
        "1000000000000000000",                      // 10^18
        "1000000000000000001",                      // 10^18 + 1
        "1500000000000000000",                      // 1.5 ALLO
        "18446744073709551615",                     // 2^64 - 1
        "18446744073709551616",                     // 2^64
        "999999999999999999999999999",              // 10^27 - 1
        "1000000000000000000000000000",             // 10^27
        "340282366920938463463374607431768211456",  // 2^128
        "57896044618658097711785492504343953926634992332820282019728792003956564819968",  // 2^255
        "115792089237316195423570985008687907853269984665640564039457584007913129639934",
        kMaxDecimal,
    };
    for (const char* v : fixed) QTest::newRow(v) << QString::fromLatin1(v);

    // A deterministic spread over every magnitude from 256 bits down to a few: an LCG step
    // (mod 2^256), then a right shift growing with i.
    Amount::Int x = 0x9e3779b97f4a7c15ULL;
    for (unsigned i = 0; i < 64; ++i) {
        x = x * Amount::Int(0x5851f42d4c957f2dULL) + Amount::Int(1442695040888963407ULL);
        const std::string s = Amount::Int(x >> (4 * i)).str();
        QTest::newRow(("spread " + std::to_string(i)).c_str()) << QString::fromStdString(s);
    }
    // Round ALLO values, whose fractions are all zeros or short.
    for (uint64_t allo : {uint64_t{1}, uint64_t{7}, uint64_t{1'000'000'000}, UINT64_MAX}) {
        const std::string s = Amount::fromAllo(allo).toUalloString();
        QTest::newRow(("whole " + std::to_string(allo)).c_str()) << QString::fromStdString(s);
    }
}

void TestAmount::roundTrip() {
    QFETCH(QString, uallo);
    const Amount a = amountOf(uallo.toLatin1().constData());

    auto expectSame = [&a](const std::string& text, Unit plain) {
        const auto r = Amount::parse(text, plain);
        if (!r.ok())
            return QByteArray("parse('" + QByteArray::fromStdString(text) +
                              "') failed: " + describe(r.error()));
        if (!(*r == a)) {
            return QByteArray("parse('" + QByteArray::fromStdString(text) +
                              "') = " + QByteArray::fromStdString(r->toCoinString()) +
                              ", expected " + QByteArray::fromStdString(a.toCoinString()));
        }
        return QByteArray();
    };

    for (const auto& [text, plain] : std::vector<std::pair<std::string, Unit>>{
             {a.toCoinString(), Unit::Uallo},
             {a.toAlloString() + "ALLO", Unit::Uallo},
             {a.format(), Unit::Uallo},
             {a.toUalloString(), Unit::Uallo},
             {a.toAlloString(), Unit::Allo},
         }) {
        const QByteArray problem = expectSame(text, plain);
        QVERIFY2(problem.isEmpty(), problem.constData());
    }
}

QTEST_APPLESS_MAIN(TestAmount)
#include "test_amount.moc"
