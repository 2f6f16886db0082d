// Unit tests for core/bytes: SecureBytes (explicit copy, moves that empty the source, equality that
// does not stop at the first differing byte) and secureWipe.
#include <QtTest/QtTest>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"

using allora::Bytes;
using allora::SecureBytes;

class TestSecureBytes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void construction();
    void copyIsEqualAndIndependent();
    void moveConstructionEmptiesSource();
    void moveAssignmentEmptiesSource();
    void equality();
    void wipe();
};

void TestSecureBytes::construction() {
    const SecureBytes empty;
    QVERIFY(empty.empty());
    QCOMPARE(empty.size(), size_t{0});
    QVERIFY(empty.data() == nullptr);

    const SecureBytes zeros(48);
    QCOMPARE(zeros.size(), size_t{48});
    QVERIFY(!zeros.empty());
    QVERIFY(
        std::all_of(zeros.data(), zeros.data() + zeros.size(), [](uint8_t b) { return b == 0; }));

    const Bytes src = {1, 2, 3, 250};
    const SecureBytes fromSpan(src);
    QCOMPARE(fromSpan.size(), src.size());
    QVERIFY(std::equal(src.begin(), src.end(), fromSpan.data()));
    QCOMPARE(fromSpan[3], uint8_t{250});

    const SecureBytes fromString = SecureBytes::fromString("correct horse");
    QCOMPARE(fromString.size(), size_t{13});
    QCOMPARE(QByteArray(fromString.view().data(), static_cast<qsizetype>(fromString.view().size())),
             QByteArray("correct horse"));
    QCOMPARE(fromString.span().size(), size_t{13});
    QCOMPARE(fromString.span()[0], uint8_t{'c'});

    SecureBytes mut(3);
    mut[1] = 7;
    mut.mutableSpan()[2] = 9;
    QCOMPARE(mut[0], uint8_t{0});
    QCOMPARE(mut[1], uint8_t{7});
    QCOMPARE(mut[2], uint8_t{9});
}

void TestSecureBytes::copyIsEqualAndIndependent() {
    const SecureBytes a = SecureBytes::fromString("seed material 0123456789");
    SecureBytes b = a.copy();
    QCOMPARE(b.size(), a.size());
    QVERIFY(b == a);
    QVERIFY(b.data() != a.data());  // its own allocation
    QCOMPARE(std::memcmp(a.data(), b.data(), a.size()), 0);

    // Changing the copy leaves the original alone.
    b[0] = static_cast<uint8_t>(b[0] ^ 0xff);
    QVERIFY(!(b == a));
    QCOMPARE(a.view(), std::string_view("seed material 0123456789"));

    // Copy of an empty value is empty and equal.
    const SecureBytes e;
    const SecureBytes ec = e.copy();
    QVERIFY(ec.empty());
    QVERIFY(ec == e);
}

void TestSecureBytes::moveConstructionEmptiesSource() {
    SecureBytes a = SecureBytes::fromString("private key bytes");
    const uint8_t* p = a.data();
    SecureBytes b(std::move(a));
    QVERIFY(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is the point
    QCOMPARE(a.size(), size_t{0});
    QVERIFY(a.data() == nullptr);
    QCOMPARE(b.data(), p);  // the buffer moved, nothing was copied
    QCOMPARE(b.view(), std::string_view("private key bytes"));
}

void TestSecureBytes::moveAssignmentEmptiesSource() {
    SecureBytes a = SecureBytes::fromString("first");
    SecureBytes b = SecureBytes::fromString("second, longer");
    const uint8_t* p = b.data();
    a = std::move(b);
    QVERIFY(b.empty());  // NOLINT(bugprone-use-after-move)
    QVERIFY(b.data() == nullptr);
    QCOMPARE(a.data(), p);
    QCOMPARE(a.view(), std::string_view("second, longer"));

    // Self-move leaves the value intact.
    SecureBytes& alias = a;
    a = std::move(alias);
    QCOMPARE(a.view(), std::string_view("second, longer"));

    // Moving into a default-constructed value and back out.
    SecureBytes c;
    c = std::move(a);
    QVERIFY(a.empty());  // NOLINT(bugprone-use-after-move)
    QCOMPARE(c.view(), std::string_view("second, longer"));
}

void TestSecureBytes::equality() {
    const SecureBytes a = SecureBytes::fromString("abcdefgh");
    QVERIFY(a == SecureBytes::fromString("abcdefgh"));
    QVERIFY(!(a == SecureBytes::fromString("abcdefgH")));  // last byte differs
    QVERIFY(!(a == SecureBytes::fromString("Abcdefgh")));  // first byte differs
    QVERIFY(!(a == SecureBytes::fromString("abcdefg")));   // prefix
    QVERIFY(!(a == SecureBytes::fromString("abcdefghi")));
    QVERIFY(!(a == SecureBytes()));
    QVERIFY(SecureBytes() == SecureBytes());
    QVERIFY(SecureBytes() == SecureBytes(size_t{0}));
    QVERIFY(SecureBytes(4) == SecureBytes(Bytes{0, 0, 0, 0}));
    QVERIFY(!(SecureBytes(4) == SecureBytes(Bytes{0, 0, 0, 1})));
}

void TestSecureBytes::wipe() {
    std::string password = "hunter2hunter2";
    allora::secureWipe(password);
    QVERIFY(password.empty());

    Bytes seed = {1, 2, 3, 4, 5};
    allora::secureWipe(seed);
    QVERIFY(seed.empty());

    unsigned char buf[16];
    std::memset(buf, 0xab, sizeof buf);
    allora::secureWipe(buf, sizeof buf);
    QVERIFY(std::all_of(std::begin(buf), std::end(buf), [](unsigned char c) { return c == 0; }));
    // Null / zero-size is a no-op, not a crash.
    allora::secureWipe(nullptr, 0);
    allora::secureWipe(buf, 0);
}

QTEST_APPLESS_MAIN(TestSecureBytes)
#include "test_secure_bytes.moc"
